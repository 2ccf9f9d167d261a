"""Reference data for the main path: schemes with units, sessions, assessors, candidates.

Each method is one facade command with the defaults a test, a scenario, a benchmark or the demo
wants, recorded by the standard LSP admin. A store with no personnel register yet gets the
standard staff appointed first (:func:`~certflow.testing.actors.appoint_standard_staff`). With
``reuse=True`` a record already on file (same scheme code, session code, MET number or NIK) is
returned instead of added again, so a run can be repeated on the same store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from certflow.application import CertificationBody
from certflow.domain import assessor_id, scheme_id, session_id
from certflow.engine import NotFoundError
from certflow.testing.actors import ADMIN, appoint_standard_staff
from certflow.testing.route import SESSION_DAYS, UNITS

STANDARD_UNITS = tuple((u, f"Unit {u}") for u in UNITS)
"""The units of the standard test scheme, with their titles."""

__all__ = ["STANDARD_UNITS", "ReferenceData", "met_number_for"]


def met_number_for(name: str) -> str:
    """A MET registration number derived from an assessor's name (stable across runs)."""
    digest = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16) % 1_000_000
    return f"MET.000.{digest:06d} 2020"


def _on_file(read: Callable[[UUID], object], key: UUID) -> bool:
    try:
        read(key)
    except NotFoundError:
        return False
    return True


class ReferenceData:
    """Adds the records the main path needs, through :class:`~certflow.CertificationBody`."""

    def __init__(self, lsp: CertificationBody) -> None:
        self.lsp = lsp
        appoint_standard_staff(lsp)

    def add_scheme(
        self,
        code: str,
        units: Sequence[str | tuple[str, str]] = STANDARD_UNITS,
        *,
        title: str | None = None,
        reuse: bool = False,
        **fields: Any,
    ) -> UUID:
        """Add version 1 of a scheme; a unit is a code, or a (code, title) pair.

        ``fields`` go to :meth:`~certflow.CertificationBody.add_scheme` (``description``,
        ``certificate_prefix``, ``policy``...). The title defaults to the code.
        """
        if reuse and _on_file(self.lsp.get_scheme, scheme_id(code, 1)):
            return scheme_id(code, 1)
        pairs = [(u, u) if isinstance(u, str) else u for u in units]
        return self.lsp.add_scheme(
            code=code,
            title=title or code,
            units=[{"code": c, "title": t} for c, t in pairs],
            actor=ADMIN,
            **fields,
        )

    def plan_session(
        self,
        code: str,
        schemes: Sequence[UUID],
        *,
        days: tuple[date, date] = SESSION_DAYS,
        title: str | None = None,
        venue: str = "TUK sewaktu",
        reuse: bool = False,
    ) -> UUID:
        """Plan a session offering ``schemes`` from ``days[0]`` to ``days[1]``."""
        if reuse and _on_file(self.lsp.get_session, session_id(code)):
            return session_id(code)
        return self.lsp.plan_session(
            code=code,
            title=title or code,
            venue=venue,
            starts_on=days[0],
            ends_on=days[1],
            scheme_ids=list(schemes),
            actor=ADMIN,
        )

    def add_assessor(
        self,
        name: str,
        scheme_codes: Sequence[str],
        *,
        valid_until: date = date(2030, 12, 31),
        met_number: str | None = None,
        reuse: bool = False,
    ) -> UUID:
        """Register an assessor; the MET number is derived from the name when not given."""
        met = met_number or met_number_for(name)
        if reuse and _on_file(self.lsp.get_assessor, assessor_id(met)):
            return assessor_id(met)
        return self.lsp.add_assessor(
            met_number=met,
            name=name,
            scheme_codes=list(scheme_codes),
            licence_valid_until=valid_until,
            actor=ADMIN,
        )

    def add_candidate(self, name: str, *, reuse: bool = False, **personal: Any) -> UUID:
        """Put a candidate on file; with ``reuse``, one with the same ``nik`` is returned."""
        if reuse and "nik" in personal:
            found = self.lsp.find_candidate(nik=personal["nik"])
            if found is not None:
                return found
        return self.lsp.add_candidate(name=name, **personal)
