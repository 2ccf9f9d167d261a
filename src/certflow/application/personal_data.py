"""Personal data under UU PDP: erasure requests, deferral on a legal basis, erasure, names."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from certflow.application.erasure import ErasureReport, erasure_needles
from certflow.application.services import Services
from certflow.application.trust import Gate
from certflow.domain import Subject, SubjectStatus
from certflow.domain.data_protection import retention_id
from certflow.engine import Actor, AlreadyExistsError, NotFoundError, Text

__all__ = ["PersonalDataDesk"]


class PersonalDataDesk:
    """Erasure of personal data, recorded as events; histories never held the data."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def request_erasure(self, subject_id: UUID, *, reason: str, actor: Actor) -> None:
        """Record a data subject's request to erase their personal data."""
        actor = self._gate.admit(actor, "request_erasure")
        if self._s.store.exists(subject_id):
            raise AlreadyExistsError("erasure request of subject", subject_id, "R59")
        self._s.store.save(
            Subject.request_erasure(subject_id, reason, actor=actor, at=self._s.now())
        )

    def defer_erasure(
        self, subject_id: UUID, *, legal_basis: str, retain_until: date, actor: Actor
    ) -> None:
        """Defer a requested erasure on a legal basis until ``retain_until`` (R59)."""
        subject = self._s.erasures.load(subject_id)
        actor = self._gate.admit(actor, "defer_erasure")
        subject.defer(legal_basis, retain_until, actor=actor, at=self._s.now())
        self._s.store.save(subject)

    def erase_personal_data(self, subject_id: UUID, *, reason: str, actor: Actor) -> ErasureReport:
        """Erase a subject's personal data from the subject store, recorded as events (R59).

        The request (when none was recorded) and the erasure are saved first, then the data is
        deleted; calling again after an interruption finishes the deletion and records nothing
        more. Histories, certificate numbers and the hash chain are untouched: events never held
        the data. The report says whether the bytes are physically gone from the store or the
        erasure is pending (another connection still holds old pages): then
        :meth:`finish_erasures` completes it later.
        """
        actor = self._gate.admit(actor, "erase_personal_data")
        now = self._s.now()
        found = self._s.erasures.find(subject_id)
        if found is not None:
            subject = found
        else:
            if self._s.subjects.get(subject_id) is None:
                raise NotFoundError("subject", subject_id)
            subject = Subject.request_erasure(subject_id, reason, actor=actor, at=now)
        if subject.status is not SubjectStatus.ERASED:
            subject.erase(actor=actor, at=now)
            self._s.store.save(subject)
        record = self._s.subjects.get(subject_id)
        needles = () if record is None else erasure_needles(record.data)
        self._s.subjects.erase(subject_id)
        return self._s.subjects.settle([subject_id], needles)

    def finish_erasures(self) -> ErasureReport:
        """Finish pending erasures: physical once no other connection holds old pages.

        Records nothing and reads no personal data; safe to run at any time, e.g. from a
        scheduler until it reports physical.
        """
        return self._s.subjects.settle([])

    def personal_data_status(self, subject_id: UUID) -> SubjectStatus | None:
        """Whether an erasure was requested, deferred or done for the subject (None: never).

        A destruction at the end of retention (R60) reads as erased.
        """
        subject = self._s.erasures.find(subject_id)
        if subject is None and self._s.store.exists(retention_id(subject_id)):
            return SubjectStatus.ERASED  # destroyed at the end of retention (R60)
        return None if subject is None else subject.status

    def holder_name(self, subject_id: UUID) -> str:
        """The name to show for a subject: theirs, or a marker once it is erased."""
        record = self._s.subjects.get(subject_id)
        if record is not None:
            return record.data.name
        if self.personal_data_status(subject_id) is SubjectStatus.ERASED:
            return Text("[personal data erased]").render()
        return Text("[not on file]").render()
