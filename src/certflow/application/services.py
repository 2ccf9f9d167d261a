"""What every use case receives: the workflow runtime and the other ports, nothing more.

The composition root (:mod:`certflow.bootstrap`) builds one :class:`Services` per store and hands
it to each use case; no use case reaches the facade or another use case's internals.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar, cast
from uuid import UUID

from certflow.application.ports import RowReader, SubjectStore
from certflow.application.readmodels import ReadModels
from certflow.application.settings import RetentionPolicy, StoreSettings
from certflow.domain import (
    AssessmentSession,
    Assessor,
    Certification,
    Complaint,
    MisconductCase,
    Person,
    Role,
    Scheme,
    Subject,
    Tuk,
)
from certflow.engine import Actor, Clock, InvalidInputError, Text, WorkflowRuntime, WorkflowStore

__all__ = ["SYSTEM", "Services", "as_enum", "as_uuid"]

SYSTEM = Actor("certflow-sweep", Role.SYSTEM)
"""The actor of moves that time makes due."""

E = TypeVar("E")


class Services:
    """The ports of one store: the runtime of each record kind, personal data, read models."""

    def __init__(
        self,
        *,
        store: WorkflowStore,
        settings: StoreSettings,
        clock: Clock,
        subjects: SubjectStore,
        read_models: ReadModels,
        row_reader: RowReader,
        lsp_code: str,
        register_lag: float = 1.0,
        retention: RetentionPolicy | None = None,
    ) -> None:
        self.store = store
        """The event store every record kind shares."""
        self.settings = settings
        """Where the records are kept."""
        self.clock = clock
        """The business clock every command reads its time from."""
        self.subjects = subjects
        """The erasable store of personal data."""
        self.read_models = read_models
        """The case board, certificate register, deadline board and assessor workload."""
        self.row_reader = row_reader
        """Reads the rows of intake files (CSV, XLSX, JSON; an adapter)."""
        self.lsp_code = lsp_code
        """The LSP's code, for certificate number formats (``{lsp}``)."""
        if not register_lag >= 0:
            raise InvalidInputError(
                [Text("register_lag must be 0 (read every command) or more seconds")]
            )
        self.register_lag = register_lag
        self.retention = retention or RetentionPolicy()
        """The LSP's retention schedule (R60): personal data is destroyed under it only."""
        """Seconds within which another process's register change reaches this one's gate
        (this process's own changes count at once; 0: the log is read before every check)."""
        self.certifications: WorkflowRuntime[Certification] = store.runtime(Certification)
        self.schemes: WorkflowRuntime[Scheme] = store.runtime(Scheme)
        self.assessors: WorkflowRuntime[Assessor] = store.runtime(Assessor)
        self.sessions: WorkflowRuntime[AssessmentSession] = store.runtime(AssessmentSession)
        self.erasures: WorkflowRuntime[Subject] = store.runtime(Subject)
        self.people: WorkflowRuntime[Person] = store.runtime(Person)
        self.tuks: WorkflowRuntime[Tuk] = store.runtime(Tuk)
        self.complaints: WorkflowRuntime[Complaint] = store.runtime(Complaint)
        self.misconduct: WorkflowRuntime[MisconductCase] = store.runtime(MisconductCase)

    def now(self) -> datetime:
        """The business time of a command."""
        return self.clock.now()

    def certification(self, certification_id: UUID | str) -> Certification:
        """A certification by id (a UUID or its text); :class:`NotFoundError` when none."""
        return self.certifications.load(as_uuid(certification_id))

    def close(self) -> None:
        """Release the read models' and the store's connections."""
        self.read_models.close()
        self.store.close()


def as_uuid(value: UUID | str) -> UUID:
    """``value`` as a record id, or a clear refusal."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value).strip())
    except ValueError:
        raise InvalidInputError(
            [Text("{value!r} is not a record id (a UUID)", value=value)]
        ) from None


def as_enum(kind: type[E], value: object, field: str, rule_id: str | None = None) -> E:
    """``value`` as a member of the Enum ``kind``, or a refusal naming the allowed values."""
    if isinstance(value, kind):
        return value
    try:
        return cast(Any, kind)(value)  # type: ignore[no-any-return]
    except ValueError:
        options = ", ".join(str(m.value) for m in cast(Any, kind))
        raise InvalidInputError(
            [
                Text(
                    "{field} {value!r} is not one of: {options}",
                    field=field,
                    value=value,
                    options=options,
                )
            ],
            (rule_id,) if rule_id else (),
        ) from None
