"""What a session's results disclose, and to whom (R62): the BNSP blank request and the sponsor.

Two reports leave the LSP:

- the **BNSP blank request** (R39): every candidate of the session with K or BK, their names and
  NIK read from the subject store at report time (BNSP is a recipient R62 lists; the events hold
  no name), the berita acara (session, dates, venue, assessors by MET number, counts);
- the **sponsor view**: per unit organisation and per region, how many are K, BK, pending or
  withdrawn; no names, NIK, portfolios, evidence, assessors or certificate numbers, and only
  under a disclosure basis recorded for that sponsor and session (R62).

Both are built from the certifications' recorded state; nothing here records anything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.services import Services
from certflow.application.subjects import SubjectRecord
from certflow.domain import AssessmentSession, Stage, Verdict, session_id
from certflow.domain.data_protection import (
    DisclosureBasis,
    all_decided,
    disclosure_allowed,
    disclosure_id,
)
from certflow.engine import NotFoundError, Text, require

__all__ = [
    "BnspCandidate",
    "BnspReport",
    "DisclosureBasisView",
    "Reports",
    "SponsorCount",
    "SponsorView",
    "region_of",
]

_FROZEN = ConfigDict(frozen=True)
_LEFT = frozenset({Stage.REJECTED, Stage.WITHDRAWN})
"""Stages of candidates who left before a decision: not on the blank request."""


def region_of(unit: str) -> str:
    """The region of a Polri unit: ``Polda X`` is region X, the rest are at headquarters.

    Polri's regional commands are named after their region (``Polda Jawa Barat``); units of the
    national headquarters (``Divhumas Polri``, its bureaus) report as ``Mabes Polri``; a unit
    not on file is ``-``.
    """
    words = unit.split()
    if not words:
        return "-"
    if words[0].casefold() == "polda" and len(words) > 1:
        return " ".join(words[1:])
    return "Mabes Polri"


class DisclosureBasisView(BaseModel):
    """A recorded basis for a recipient to see a session's results (R62)."""

    model_config = _FROZEN

    recipient: str
    basis: str
    scope: str
    reference: str
    in_force: bool
    withdrawn_reason: str = ""


class BnspCandidate(BaseModel):
    """One line of the blank request: a candidate and the decision (K or BK)."""

    model_config = _FROZEN

    number: int
    name: str
    nik: str
    unit: str
    scheme_code: str
    outcome: Verdict
    decided_on: date | None
    certificate_number: str | None


class BnspReport(BaseModel):
    """The blank request of one session to BNSP: berita acara and every candidate, K and BK."""

    model_config = _FROZEN

    session_code: str
    session_title: str
    venue: str
    tuk_kind: str
    starts_on: date
    ends_on: date
    scheme_codes: tuple[str, ...]
    assessor_met_numbers: tuple[str, ...]
    candidates: tuple[BnspCandidate, ...]
    withdrawn: int
    """Candidates of the session who withdrew or were not admitted (not requested)."""

    @property
    def competent(self) -> int:
        """How many are K."""
        return sum(c.outcome is Verdict.COMPETENT for c in self.candidates)

    @property
    def not_yet_competent(self) -> int:
        """How many are BK."""
        return sum(c.outcome is Verdict.NOT_YET_COMPETENT for c in self.candidates)


class SponsorCount(BaseModel):
    """Results of one unit organisation or region: counts only."""

    model_config = _FROZEN

    group: str
    competent: int
    not_yet_competent: int
    pending: int
    withdrawn: int

    @property
    def total(self) -> int:
        """Candidates in the group."""
        return self.competent + self.not_yet_competent + self.pending + self.withdrawn


class SponsorView(BaseModel):
    """A session's results for its sponsor, per unit and per region, under a recorded basis."""

    model_config = _FROZEN

    session_code: str
    recipient: str
    basis: str
    reference: str
    by_unit: tuple[SponsorCount, ...]
    by_region: tuple[SponsorCount, ...]
    total: SponsorCount


class _Outcome:
    """One certification of the session as the reports see it."""

    __slots__ = ("certificate_number", "decided_on", "outcome", "scheme_code", "subject_id")

    def __init__(
        self,
        subject_id: UUID,
        scheme_code: str,
        outcome: Verdict | str | None,
        decided_on: date | None,
        certificate_number: str | None,
    ) -> None:
        self.subject_id = subject_id
        self.scheme_code = scheme_code
        self.outcome = outcome
        """K, BK, ``None`` (pending) or ``"withdrawn"``."""
        self.decided_on = decided_on
        self.certificate_number = certificate_number


class Reports:
    """The BNSP blank request and the sponsor view of a session (nothing recorded)."""

    def __init__(self, services: Services) -> None:
        self._s = services

    def disclosure_basis(self, recipient: str, session_code: str) -> DisclosureBasisView | None:
        """The basis recorded for ``recipient`` to see session ``session_code``, if any."""
        found = self._s.store.find(DisclosureBasis, disclosure_id(recipient, session_code))
        if found is None:
            return None
        return DisclosureBasisView(
            recipient=found.recipient,
            basis=found.basis,
            scope=found.scope,
            reference=found.reference,
            in_force=found.status.value == "recorded",
            withdrawn_reason=found.withdrawn_reason,
        )

    def bnsp_report(self, session_code: str) -> BnspReport:
        """The blank request of a session: every candidate with K or BK (R39).

        Names and NIK are read from the subject store now (BNSP is a recipient R62 allows); an
        erased subject reads as erased. Refused (R39) while any candidate is undecided.
        """
        session = self._session(session_code)
        outcomes = self._outcomes(session.id)
        listed = [o for o in outcomes if isinstance(o.outcome, Verdict)]
        undecided = sum(o.outcome is None for o in outcomes)
        require([all_decided], {"undecided": undecided, "listed": len(listed)})
        records = self._s.subjects.get_many(o.subject_id for o in listed)
        erased = Text("[personal data erased]").render()
        rows = []
        for n, o in enumerate(sorted(listed, key=lambda o: _name(records, o.subject_id)), 1):
            record = records.get(o.subject_id)
            assert isinstance(o.outcome, Verdict)
            rows.append(
                BnspCandidate(
                    number=n,
                    name=record.data.name if record else erased,
                    nik=(record.data.nik or "") if record else "",
                    unit=record.data.unit if record else "",
                    scheme_code=o.scheme_code,
                    outcome=o.outcome,
                    decided_on=o.decided_on,
                    certificate_number=o.certificate_number,
                )
            )
        schemes = {c.scheme_code for c in rows}
        return BnspReport(
            session_code=session.code,
            session_title=session.title,
            venue=session.venue,
            tuk_kind=session.tuk_kind.value,
            starts_on=session.starts_on,
            ends_on=session.ends_on,
            scheme_codes=tuple(sorted(schemes)),
            assessor_met_numbers=self._assessors(session.id),
            candidates=tuple(rows),
            withdrawn=sum(o.outcome == "withdrawn" for o in outcomes),
        )

    def sponsor_view(self, session_code: str, *, recipient: str = "divhumas") -> SponsorView:
        """A session's results per unit organisation and region for its sponsor (R62).

        Counts only (K, BK, pending, withdrawn); refused (R62) unless a basis is recorded and in
        force for ``recipient`` and this session. The unit is read from the subject store (the
        latest value, R61); an erased subject counts under ``-``.
        """
        session = self._session(session_code)
        basis = self._s.store.find(DisclosureBasis, disclosure_id(recipient, session.code))
        require(
            [disclosure_allowed],
            {"basis": basis, "recipient": recipient.strip().lower(), "scope": session.code},
        )
        assert basis is not None
        outcomes = self._outcomes(session.id)
        records = self._s.subjects.get_many(o.subject_id for o in outcomes)
        by_unit: dict[str, Counter[str]] = {}
        by_region: dict[str, Counter[str]] = {}
        total: Counter[str] = Counter()
        for o in outcomes:
            record = records.get(o.subject_id)
            unit = (record.data.unit if record else "") or "-"
            key = _count_key(o.outcome)
            by_unit.setdefault(unit, Counter())[key] += 1
            by_region.setdefault(region_of("" if unit == "-" else unit), Counter())[key] += 1
            total[key] += 1
        return SponsorView(
            session_code=session.code,
            recipient=basis.recipient,
            basis=basis.basis,
            reference=basis.reference,
            by_unit=_counts(by_unit.items()),
            by_region=_counts(by_region.items()),
            total=_count("total", total),
        )

    # -- reading ---------------------------------------------------------------------------------

    def _session(self, code: str) -> AssessmentSession:
        found = self._s.sessions.find(session_id(code.strip()))
        if found is None:
            raise NotFoundError("session", code)
        return found

    def _outcomes(self, sid: UUID) -> list[_Outcome]:
        found = []
        for summary in self._s.read_models.certifications(session_id=sid):
            cert = self._s.certification(summary.id)
            state = cert.state
            outcome: Verdict | str | None = state.outcome
            if cert.stage in _LEFT:
                outcome = "withdrawn"
            found.append(
                _Outcome(
                    state.subject_id,
                    state.scheme_code,
                    outcome,
                    state.decided_on,
                    state.certificate_number,
                )
            )
        return found

    def _assessors(self, sid: UUID) -> tuple[str, ...]:
        ids: set[UUID] = set()
        for summary in self._s.read_models.certifications(session_id=sid):
            ids.update(self._s.certification(summary.id).state.assessor_ids)
        mets = []
        for assessor in ids:
            found = self._s.assessors.find(assessor)
            if found is not None:
                mets.append(str(found.met_number))
        return tuple(sorted(mets))


def _name(records: dict[UUID, SubjectRecord], subject_id: UUID) -> str:
    record = records.get(subject_id)
    return "" if record is None else record.data.name


def _count_key(outcome: Verdict | str | None) -> str:
    if outcome is Verdict.COMPETENT:
        return "k"
    if outcome is Verdict.NOT_YET_COMPETENT:
        return "bk"
    return "pending" if outcome is None else "withdrawn"


def _count(group: str, counts: Counter[str]) -> SponsorCount:
    return SponsorCount(
        group=group,
        competent=counts["k"],
        not_yet_competent=counts["bk"],
        pending=counts["pending"],
        withdrawn=counts["withdrawn"],
    )


def _counts(groups: Iterable[tuple[str, Counter[str]]]) -> tuple[SponsorCount, ...]:
    return tuple(_count(group, counts) for group, counts in sorted(groups))
