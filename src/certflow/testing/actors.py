"""The standard actors: the LSP staff every test, scenario, benchmark and the demo act as.

One set, so that a history written by the demo, a Gherkin scenario or a test reads the same:
the head of the LSP founds the personnel register and appoints everyone, the LSP admin registers
and hands over, the certification manager assigns, forms appeal panels and prints, a member of
the certification committee decides, a member of the appeal pool sits on appeal panels.
Assessors and candidates act under their own ids (the assessor's register id, the candidate's
subject id), made by :func:`assessor` and :func:`candidate`. :func:`appoint_standard_staff`
founds the register of a new store and appoints all of them.

This module imports only :mod:`certflow.engine` and :mod:`certflow.domain`: no pytest.
"""

from __future__ import annotations

from datetime import UTC, date
from functools import lru_cache
from typing import TYPE_CHECKING
from uuid import UUID

from certflow.domain import Role
from certflow.engine import Actor, FixedClock

if TYPE_CHECKING:
    from certflow.application import CertificationBody

__all__ = [
    "ADMIN",
    "APPEAL_POOL",
    "COMMITTEE",
    "COMMITTEE_MEMBERS",
    "DPO",
    "HEAD",
    "MANAGER",
    "STAFF_SINCE",
    "STANDARD_APPOINTMENT_BASIS",
    "TUK_ADMIN",
    "appeal_panel",
    "appoint_standard_staff",
    "assessor",
    "candidate",
]

HEAD = Actor("ketua-lsp-01", Role.HEAD_OF_LSP)
"""The head of the LSP: founds the personnel register and appoints the staff."""

ADMIN = Actor("lsp-admin-01", Role.LSP_ADMIN)
"""The LSP admin: registers, admits, requests documents, hands certificates over."""

MANAGER = Actor("manajer-sertifikasi-01", Role.CERTIFICATION_MANAGER)
"""The certification manager: assigns assessors, prints and reissues certificates."""

COMMITTEE_MEMBERS: tuple[Actor, ...] = tuple(
    Actor(f"komite-teknis-0{n}", Role.CERTIFICATION_COMMITTEE) for n in (1, 2, 3)
)
"""The three members of the certification committee (the demo rotates them)."""

COMMITTEE = COMMITTEE_MEMBERS[0]
"""The committee member who decides, refers back, suspends and revokes by default."""


@lru_cache(maxsize=4096)
def assessor(assessor_id: UUID | str) -> Actor:
    """The assessor with this register id, acting as assessor (cached: actors are immutable)."""
    return Actor(str(assessor_id), Role.ASSESSOR)


@lru_cache(maxsize=4096)
def candidate(subject_id: UUID | str) -> Actor:
    """The candidate with this subject id, acting for themself (cached)."""
    return Actor(str(subject_id), Role.CANDIDATE)


APPEAL_POOL: tuple[Actor, ...] = tuple(
    Actor(f"panel-banding-0{n}", Role.APPEAL_PANEL) for n in (1, 2, 3)
)
"""People appointed to sit on appeal panels; a certification manager forms each panel."""

TUK_ADMIN = Actor("admin-tuk-01", Role.TUK_ADMIN)
"""The admin of the assessment venue (TUK)."""

DPO = Actor("dpo-01", Role.DATA_PROTECTION_OFFICER)
"""The LSP's data-protection officer (UU PDP)."""

STANDARD_APPOINTMENT_BASIS = "SK Ketua LSP No. 001/2024"
"""The decree every standard appointment cites."""


def appeal_panel(member: str) -> Actor:
    """A member of an appeal panel."""
    return Actor(member, Role.APPEAL_PANEL)


STAFF_SINCE = date(2020, 1, 1)
"""The day the standard staff are appointed from (before any business date a test uses)."""


def appoint_standard_staff(lsp: CertificationBody, *, since: date = STAFF_SINCE) -> None:
    """Found the personnel register of ``lsp`` and appoint the standard staff, once.

    The head of the LSP (:data:`HEAD`) founds it and appoints the admin, the certification
    manager, the committee, the appeal pool, the TUK admin and the data-protection officer, each
    for every scheme from ``since`` with no end (the register's records are dated that day). A
    store whose register is founded already is left as it is.
    """
    if lsp.register_established():
        return
    saved = lsp.clock
    lsp.clock = FixedClock(since, tz=saved.now().tzinfo or UTC)
    try:
        lsp.establish_register(head=HEAD.id, basis=STANDARD_APPOINTMENT_BASIS)
        for member in (ADMIN, MANAGER, *COMMITTEE_MEMBERS, *APPEAL_POOL, TUK_ADMIN, DPO):
            lsp.appoint(member.id, role=member.role, basis=STANDARD_APPOINTMENT_BASIS, actor=HEAD)
    finally:
        lsp.clock = saved
