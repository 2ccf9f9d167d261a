"""The standard actors: the LSP staff every test, scenario, benchmark and the demo act as.

One set, so that a history written by the demo, a Gherkin scenario or a test reads the same:
the LSP admin registers and hands over, the certification manager assigns and prints, a member of
the certification committee decides. Assessors and candidates act under their own ids (the
assessor's register id, the candidate's subject id), made by :func:`assessor` and
:func:`candidate`.

This module imports only :mod:`certflow.engine` and :mod:`certflow.domain`: no pytest.
"""

from __future__ import annotations

from functools import lru_cache
from uuid import UUID

from certflow.domain import Role
from certflow.engine import Actor

__all__ = [
    "ADMIN",
    "COMMITTEE",
    "COMMITTEE_MEMBERS",
    "MANAGER",
    "appeal_panel",
    "assessor",
    "candidate",
]

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


def appeal_panel(member: str) -> Actor:
    """A member of an appeal panel."""
    return Actor(member, Role.APPEAL_PANEL)
