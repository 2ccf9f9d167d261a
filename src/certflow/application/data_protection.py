"""Data-protection duties (UU PDP), as commands: corrections, disclosure bases, breaches, retention.

- :meth:`DataProtection.correct_personal_data` records which fields were corrected (R61) and
  writes the new values to the subject store, so every view reads the latest value;
- :meth:`DataProtection.record_disclosure_basis` records a sponsor's consent or legal basis for
  a session's results (R62; :class:`~certflow.application.disclosure.Reports` honours it);
- :meth:`DataProtection.record_breach` starts the 72-hour notification deadline (R63), swept
  like every other deadline (decision 0004) by ``sweep`` (:mod:`.maintenance`);
- :meth:`DataProtection.retention_schedule` says when each candidate's cycle ends (R60) and
  :meth:`DataProtection.destroy_personal_data` destroys their data after it, recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, ValidationError

from certflow.application.erasure import ErasureReport, erasure_needles
from certflow.application.free_text import free_text
from certflow.application.services import Services, as_enum
from certflow.application.settings import RetentionPolicy
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.application.trust import Gate
from certflow.application.validation_messages import problems
from certflow.domain import Stage, session_id
from certflow.domain.breach import Breach, BreachStatus, Retention
from certflow.domain.data_protection import (
    Correction,
    DisclosureBasis,
    LegalBasis,
    breach_id,
    correction_id,
    disclosure_id,
    retention_id,
)
from certflow.domain.values import add_months
from certflow.engine import Actor, InvalidInputError, NotFoundError, Text

__all__ = ["BreachView", "CorrectionView", "DataProtection", "RetentionItem", "RetentionPolicy"]

_FROZEN = ConfigDict(frozen=True)
_CERTIFIED = frozenset(
    {
        Stage.CERTIFICATE_PRINTED,
        Stage.DISTRIBUTED,
        Stage.SUSPENDED,
        Stage.REVOKED,
        Stage.EXPIRED,
        Stage.SUPERSEDED,
    }
)
_ENDED_EARLY = frozenset({Stage.NOT_YET_COMPETENT, Stage.REJECTED, Stage.WITHDRAWN})


class CorrectionView(BaseModel):
    """A recorded correction: which fields, why, when, by whom; never the values."""

    model_config = _FROZEN

    subject_id: UUID
    number: int
    fields: tuple[str, ...]
    reason: str
    corrected_at: datetime
    corrected_by: str


class BreachView(BaseModel):
    """A breach and its notification deadline (R63)."""

    model_config = _FROZEN

    code: str
    nature: str
    subjects_affected: int
    discovered_at: datetime
    notify_by: datetime
    status: BreachStatus
    notified_at: datetime | None
    overdue: bool
    """Not notified and the 72 hours have passed (as of the query's time)."""


class RetentionItem(BaseModel):
    """When a candidate's records may be destroyed (``None``: a cycle is still running)."""

    model_config = _FROZEN

    subject_id: UUID
    retain_until: date | None
    due: bool
    """The retention ended before the query's day: destruction is due."""


class DataProtection:
    """The LSP's data-protection duties, each recorded as a fact with no personal data."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    # -- R61 corrections ---------------------------------------------------------------------

    def correct_personal_data(
        self, subject_id: UUID, *, changes: Mapping[str, str | None], reason: str, actor: Actor
    ) -> CorrectionView:
        """Correct fields of a subject's personal data (R61); views read the new values.

        The event names the fields changed and the reason, never a value; the new values go to
        the subject store. A correction that changes nothing, names an unknown field or puts a
        value in the reason is refused (R61). A corrected name reads ``altered`` when a
        certificate printed before is verified (docs/certificates.md).
        """
        free_text(reason, "reason", rule_id="R61")
        actor = self._gate.admit(actor, "correct_personal_data")
        record = self._s.subjects.get(subject_id)
        if record is None:
            raise NotFoundError("subject", subject_id)
        current = record.data.model_dump()
        changed = {k: v for k, v in changes.items() if k not in current or current[k] != v}
        try:
            data = PersonalData.model_validate(
                {**current, **{k: v for k, v in changed.items() if k in current}}
            )
        except ValidationError as error:
            raise InvalidInputError(problems(error), ("R61",)) from None
        if data.nik is not None:  # checked before anything is recorded (nothing on refusal)
            holder = self._s.subjects.find_by_nik(data.nik)
            if holder is not None and holder.subject_id != subject_id:
                raise InvalidInputError(
                    [Text("a person with this NIK is already on file")],
                    ("R61",),
                )
        number = 1
        while self._s.store.exists(correction_id(subject_id, number)):
            number += 1
        correction = Correction.record_correction(
            subject_id, number, changed, reason, actor=actor, at=self._s.now()
        )
        self._s.store.save(correction)
        self._s.subjects.correct(SubjectRecord(subject_id=subject_id, kind=record.kind, data=data))
        return self._correction_view(correction)

    def corrections(self, subject_id: UUID) -> list[CorrectionView]:
        """Every correction recorded for a subject, oldest first."""
        found: list[CorrectionView] = []
        number = 1
        while True:
            item = self._s.store.find(Correction, correction_id(subject_id, number))
            if item is None:
                return found
            found.append(self._correction_view(item))
            number += 1

    @staticmethod
    def _correction_view(item: Correction) -> CorrectionView:
        return CorrectionView(
            subject_id=item.subject_id,
            number=item.number,
            fields=tuple(item.fields),
            reason=item.reason,
            corrected_at=item.corrected_at,
            corrected_by=item.corrected_by,
        )

    # -- R62 disclosure bases ----------------------------------------------------------------

    def record_disclosure_basis(
        self,
        *,
        recipient: str,
        basis: LegalBasis | str,
        session_code: str,
        reference: str,
        actor: Actor,
    ) -> None:
        """Record a consent or legal basis for ``recipient`` to see a session's results (R62)."""
        actor = self._gate.admit(actor, "record_disclosure_basis")
        chosen = as_enum(LegalBasis, basis, "basis", "R62")
        if not self._s.sessions.exists(session_id(session_code.strip())):
            raise NotFoundError("session", session_code)
        key = disclosure_id(recipient, session_code)
        if self._s.store.exists(key):
            raise InvalidInputError(
                [
                    Text(
                        "a basis for {recipient} and {session_code} is already recorded",
                        recipient=recipient,
                        session_code=session_code,
                    )
                ],
                ("R62",),
            )
        self._s.store.save(
            DisclosureBasis.record_basis(
                recipient=free_text(recipient, "recipient", rule_id="R62", limit=80),
                basis=chosen,
                scope=session_code,
                reference=free_text(reference, "reference", rule_id="R62", limit=300),
                actor=actor,
                at=self._s.now(),
            )
        )

    def withdraw_disclosure_basis(
        self, *, recipient: str, session_code: str, reason: str, actor: Actor
    ) -> None:
        """Withdraw a recorded basis: the recipient's view is refused from now on (R62)."""
        actor = self._gate.admit(actor, "withdraw_disclosure_basis")
        found = self._s.store.find(DisclosureBasis, disclosure_id(recipient, session_code))
        if found is None:
            raise NotFoundError("disclosure basis", f"{recipient} {session_code}")
        found.withdraw(free_text(reason, "reason"), actor=actor, at=self._s.now())
        self._s.store.save(found)

    # -- R63 breaches ------------------------------------------------------------------------

    def record_breach(
        self,
        code: str,
        *,
        nature: str,
        subjects_affected: int,
        discovered_at: datetime | None = None,
        actor: Actor,
    ) -> BreachView:
        """Record a personal-data breach; the notification is due 72 hours after discovery (R63).

        ``nature`` describes the breach without personal data; ``discovered_at`` defaults to
        now. Only the data protection officer records breaches.
        """
        actor = self._gate.admit(actor, "record_breach")
        if self._s.store.exists(breach_id(code)):
            raise InvalidInputError(
                [Text("breach {code} is already recorded", code=code)],
                ("R63",),
            )
        now = self._s.now()
        breach = Breach.discover(
            code,
            nature=free_text(nature, "nature", rule_id="R63"),
            subjects_affected=subjects_affected,
            discovered_at=discovered_at or now,
            actor=actor,
            at=now,
        )
        self._s.store.save(breach)
        return self._breach_view(breach, now)

    def notify_breach(self, code: str, *, actor: Actor) -> BreachView:
        """Record that the subjects and the authority were notified in writing (R63)."""
        actor = self._gate.admit(actor, "notify_breach")
        breach = self._breach(code)
        now = self._s.now()
        breach.notify(actor=actor, at=now)
        self._s.store.save(breach)
        return self._breach_view(breach, now)

    def breaches(
        self, *, overdue_only: bool = False, at: datetime | None = None
    ) -> list[BreachView]:
        """Every recorded breach (or the overdue ones), earliest notification deadline first."""
        now = at or self._s.now()
        views = [
            self._breach_view(self._s.store.load(Breach, i), now)
            for i in self._s.store.runtime(Breach).ids(Breach.Discovered.TOPIC)
        ]
        views.sort(key=lambda v: v.notify_by)
        return [v for v in views if v.overdue] if overdue_only else views

    def _breach(self, code: str) -> Breach:
        found = self._s.store.find(Breach, breach_id(code))
        if found is None:
            raise NotFoundError("breach", code)
        return found

    @staticmethod
    def _breach_view(breach: Breach, now: datetime) -> BreachView:
        return BreachView(
            code=breach.code,
            nature=breach.nature,
            subjects_affected=breach.subjects_affected,
            discovered_at=breach.discovered_at,
            notify_by=breach.notify_by,
            status=breach.status,
            notified_at=breach.notified_at,
            overdue=breach.notified_at is None and now > breach.notify_by,
        )

    # -- R60 retention -----------------------------------------------------------------------

    def retention_schedule(
        self, *, today: date | None = None, policy: RetentionPolicy | None = None
    ) -> list[RetentionItem]:
        """When each candidate's personal data may be destroyed (R60), latest cycle counted.

        Candidates whose data is already gone (erased or destroyed) are left out. ``policy``
        shows the schedule under another policy (what if); destruction always follows the
        LSP's own (``certflow.open(..., retention=)``).
        """
        day = today or self._s.now().date()
        rules = policy or self._s.retention
        ends: dict[UUID, list[date | None]] = {}
        for summary in self._s.read_models.certifications():
            ends.setdefault(summary.subject_id, []).append(self._cycle_end(summary.id, rules))
        items = []
        for subject_id, cycle_ends in ends.items():
            if not self._s.subjects.has(subject_id):
                continue
            until = None if None in cycle_ends else max(e for e in cycle_ends if e is not None)
            items.append(
                RetentionItem(
                    subject_id=subject_id,
                    retain_until=until,
                    due=until is not None and day > until,
                )
            )
        return items

    def destroy_personal_data(self, subject_id: UUID, *, actor: Actor) -> ErasureReport:
        """Destroy a candidate's personal data at the end of retention, recorded (R60).

        Refused (R60) while a cycle is running or before its retention ends under the LSP's
        retention policy (``certflow.open(..., retention=)``, the profile's
        ``retention_months``; never the caller's). The destruction is recorded first, then the
        data is deleted as an erasure is (physically, or pending).
        """
        actor = self._gate.admit(actor, "destroy_personal_data")
        record = self._s.subjects.get(subject_id)
        if record is None and not self._s.store.exists(retention_id(subject_id)):
            raise NotFoundError("subject", subject_id)
        if not self._s.store.exists(retention_id(subject_id)):
            if record is not None and record.kind is not SubjectKind.CANDIDATE:
                raise InvalidInputError(
                    [
                        Text(
                            "only a candidate's data follows the certification retention schedule",
                        )
                    ],
                    ("R60",),
                )
            rules = self._s.retention
            cycles = [
                self._cycle_end(s.id, rules)
                for s in self._s.read_models.certifications()
                if s.subject_id == subject_id
            ]
            until = None if not cycles or None in cycles else max(c for c in cycles if c)
            self._s.store.save(Retention.destroy(subject_id, until, actor=actor, at=self._s.now()))
        needles = () if record is None else erasure_needles(record.data)
        self._s.subjects.erase(subject_id)
        return self._s.subjects.settle([subject_id], needles)

    def destroy_expired_personal_data(self, *, actor: Actor) -> list[UUID]:
        """Destroy every candidate's data whose retention has ended (R60); return their ids."""
        due = [i.subject_id for i in self.retention_schedule() if i.due]
        for subject_id in due:
            self.destroy_personal_data(subject_id, actor=actor)
        return due

    def destroyed(self, subject_id: UUID) -> bool:
        """Whether the subject's data was destroyed at the end of retention."""
        return self._s.store.exists(retention_id(subject_id))

    def _cycle_end(self, certification_id: UUID, policy: RetentionPolicy) -> date | None:
        cert = self._s.certification(certification_id)
        state, stage = cert.state, cert.stage
        if stage in _CERTIFIED and state.valid_until is not None:
            end = state.valid_until
            if stage is Stage.REVOKED or stage is Stage.SUPERSEDED:
                end = max(end, cert.updated_at.date())
            return add_months(end, policy.grace_months)
        if stage in _ENDED_EARLY:
            start = state.decided_on or cert.updated_at.date()
            return add_months(start, policy.min_retention_months + policy.grace_months)
        return None
