"""Reading certifications: as they stand, as they were at any past moment, and what changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.services import Services, as_enum, as_uuid
from certflow.application.views import CertificationSummary, CertificationView, HistoryEntry
from certflow.domain import WIB, CertificateNumber, Certification, Stage, number_id
from certflow.engine import NotFoundError, RequestAnswered

__all__ = ["FieldChange", "Records"]


class FieldChange(BaseModel):
    """One field of a certification that differs between two versions."""

    model_config = ConfigDict(frozen=True)

    field: str
    before: Any
    after: Any


def _aware(at: datetime, services: Services) -> datetime:
    """A naive business time is read in the LSP's zone (the business clock's)."""
    return at if at.tzinfo is not None else at.replace(tzinfo=services.now().tzinfo or WIB)


def _fields(certification: Certification) -> dict[str, Any]:
    view = CertificationView.of(certification, certification.updated_at.date())
    return view.model_dump(mode="json")


class Records:
    """Queries over certifications and their audited past."""

    def __init__(self, services: Services) -> None:
        self._s = services

    def get(self, certification_id: UUID | str) -> CertificationView:
        """The certification as it stands now, with deadlines as of the clock's today."""
        return CertificationView.of(self._s.certification(certification_id), self._s.now().date())

    def get_by_number(self, number: str) -> CertificationView:
        """The certification that holds certificate ``number``."""
        claim = self._s.store.find(CertificateNumber, number_id(number))
        if claim is None:
            raise NotFoundError("certificate number", number)
        return self.get(claim.certification_id)

    def list_certifications(
        self,
        *,
        stage: Stage | str | None = None,
        scheme_code: str | None = None,
        session_id: UUID | None = None,
    ) -> list[CertificationSummary]:
        """Certifications, optionally filtered, in registration order.

        Read from the case board (caught up first, so the caller reads its own writes).
        """
        wanted = None if stage is None else as_enum(Stage, stage, "stage")
        return self._s.read_models.certifications(
            stage=wanted, scheme_code=scheme_code, session_id=session_id
        )

    def history(
        self,
        record_id: UUID | str,
        *,
        events: Iterable[str] | None = None,
        actor: str | None = None,
        role: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> tuple[HistoryEntry, ...]:
        """A record's recorded events in order: who did what, when, under which rules.

        Args:
            record_id: a certification's (or any record's) id.
            events: keep only these event names (e.g. ``["Decided", "AppealUpheld"]``).
            actor: keep only this actor id.
            role: keep only this role.
            since: keep only moves at or after this business time
                (naive times are in the LSP's zone).
            until: keep only moves at or before this business time.
        """
        found = self._s.certifications.history(
            as_uuid(record_id),
            events=events,
            actor=actor,
            role=role,
            since=None if since is None else _aware(since, self._s),
            until=None if until is None else _aware(until, self._s),
        )
        return tuple(HistoryEntry.of(e) for e in found)

    def version_at(self, record_id: UUID | str, at: datetime) -> int:
        """The version a record had at business time ``at`` (naive times are in the LSP's zone)."""
        return self._s.certifications.version_at(as_uuid(record_id), _aware(at, self._s))

    def state_at(
        self,
        certification_id: UUID | str,
        *,
        version: int | None = None,
        at: datetime | None = None,
    ) -> CertificationView:
        """The certification as it was after event ``version``, or at business time ``at``.

        The view's deadlines are evaluated as of that moment, so it shows what an auditor would
        have seen then. Exactly one of ``version`` and ``at`` is given.
        """
        moment = None if at is None else _aware(at, self._s)
        past = self._s.certifications.state_at(
            as_uuid(certification_id), version=version, at=moment
        )
        return CertificationView.of(past, (moment or past.updated_at).date())

    def diff(
        self, certification_id: UUID | str, from_version: int, to_version: int
    ) -> tuple[FieldChange, ...]:
        """What changed, field by field, between two versions of a certification."""
        changes = self._s.certifications.diff(
            as_uuid(certification_id), from_version, to_version, fields=_fields
        )
        return tuple(FieldChange(field=c.field, before=c.before, after=c.after) for c in changes)

    def answer_of(self, request: UUID) -> RequestAnswered | None:
        """The stored answer of a request carried out once (see ``certflow.engine.guarded``)."""
        return self._s.store.answered(request)
