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
from certflow.domain import TukKind, assessor_id, scheme_id, session_id, tuk_id
from certflow.engine import NotFoundError
from certflow.testing.actors import ADMIN, MANAGER, appoint_standard_staff, assessor
from certflow.testing.route import SESSION_DAYS, UNITS

STANDARD_UNITS = tuple((u, f"Unit {u}") for u in UNITS)
"""The units of the standard test scheme, with their titles."""

STANDARD_CHECKLIST: dict[str, bool] = {
    "ruang asesmen memadai dan tenang": True,
    "peralatan dan bahan sesuai skema": True,
    "akses dan keselamatan kerja terjamin": True,
}
"""The checklist items of a standard TUK verification, all met."""

STANDARD_VERIFIER = "Verifikator TUK"
"""The name of the assessor who verifies TUKs when a test names none (MET derived from it)."""

__all__ = ["STANDARD_CHECKLIST", "STANDARD_UNITS", "ReferenceData", "met_number_for"]


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
        verifier: UUID | None = None,
    ) -> UUID:
        """Plan a session offering ``schemes`` from ``days[0]`` to ``days[1]``.

        The venue is verified first as a TUK sewaktu for this session (R16), by ``verifier`` or
        the standard verifier (see :meth:`verify_tuk`).
        """
        if reuse and _on_file(self.lsp.get_session, session_id(code)):
            return session_id(code)
        if not self._verified_for(venue, code, schemes):
            self.verify_tuk(venue, schemes, session_code=code, verifier=verifier)
        return self.lsp.plan_session(
            code=code,
            title=title or code,
            venue=venue,
            starts_on=days[0],
            ends_on=days[1],
            scheme_ids=list(schemes),
            actor=ADMIN,
        )

    def verify_tuk(
        self,
        venue: str,
        schemes: Sequence[UUID],
        *,
        kind: TukKind = TukKind.AD_HOC,
        session_code: str | None = None,
        valid_until: date | None = None,
        verifier: UUID | None = None,
        address_ref: str = "",
        checklist: dict[str, bool] | None = None,
    ) -> UUID:
        """Propose ``venue`` as a TUK (once), assign its verifier and record a verification.

        The LSP admin proposes, the certification manager assigns ``verifier`` (default: the
        standard verifier, registered for the schemes), who records ``checklist`` (default:
        :data:`STANDARD_CHECKLIST`) for ``session_code`` (TUK sewaktu / tempat kerja) or up to
        ``valid_until`` (TUK mandiri; give one or the other).
        """
        lsp = self.lsp
        found = tuk_id(venue)
        if not _on_file(lsp.get_tuk, found):
            lsp.propose_tuk(name=venue, kind=kind, address_ref=address_ref, actor=ADMIN)
        chosen = verifier or self._standard_verifier(schemes)
        if str(chosen) not in lsp.get_tuk(found).verifiers:
            lsp.assign_tuk_verifier(found, assessor=str(chosen), actor=MANAGER)
        lsp.record_tuk_verification(
            found,
            checklist=checklist or STANDARD_CHECKLIST,
            scheme_ids=list(schemes),
            session_code=session_code,
            valid_until=valid_until,
            actor=assessor(chosen),
        )
        return found

    def _verified_for(self, venue: str, code: str, schemes: Sequence[UUID]) -> bool:
        """Whether ``venue`` has a fit verification for session ``code`` and ``schemes``."""
        if not _on_file(self.lsp.get_tuk, tuk_id(venue)):
            return False
        return any(
            v.fit and v.session_id == session_id(code) and set(schemes) <= set(v.scheme_ids)
            for v in self.lsp.get_tuk(tuk_id(venue)).verifications
        )

    def _standard_verifier(self, schemes: Sequence[UUID]) -> UUID:
        """The standard verifier if registered for ``schemes``, else one added for them."""
        codes = sorted({self.lsp.get_scheme(s).code for s in schemes})
        for name in (STANDARD_VERIFIER, f"{STANDARD_VERIFIER} {' '.join(codes)}"):
            chosen = assessor_id(met_number_for(name))
            if not _on_file(self.lsp.get_assessor, chosen):
                return self.add_assessor(name, codes, valid_until=date(2099, 12, 31))
            if set(codes) <= set(self.lsp.get_assessor(chosen).scheme_codes):
                return chosen
        raise NotFoundError("TUK verifier for", ", ".join(codes))

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
