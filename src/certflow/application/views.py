"""Frozen, typed views returned by queries; callers never touch an aggregate."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from certflow.application.bulk import trusted
from certflow.domain import (
    AssessmentMethod,
    AssessmentSession,
    Assessor,
    Certification,
    CertificationState,
    CompetencyUnit,
    DeadlineStatus,
    Scheme,
    SchemePolicy,
    SchemeStatus,
    Stage,
    TukKind,
    Verdict,
)
from certflow.engine import DeadlineState, WorkflowEvent

__all__ = [
    "AssessorView",
    "CertificationSummary",
    "CertificationView",
    "DeadlineView",
    "HistoryEntry",
    "SchemeView",
    "SessionView",
    "UnitResult",
]

_FROZEN = ConfigDict(frozen=True)


class UnitResult(BaseModel):
    """One unit of the certification: the candidate's claim and the assessor's verdict."""

    model_config = _FROZEN

    code: str
    claim: Verdict | None
    """The FR.APL.02 self-assessment claim, once the portfolio is in."""
    verdict: Verdict | None
    """The assessor's K/BK, once the interview is recorded."""


@lru_cache(maxsize=4096)
def _unit(code: str, claim: Verdict | None, verdict: Verdict | None) -> UnitResult:
    """The unit result of these values: one frozen instance shared by every view that has it."""
    return trusted(UnitResult, {"code": code, "claim": claim, "verdict": verdict})


class DeadlineView(BaseModel):
    """A deadline computed from recorded events, as of the time of the query."""

    model_config = _FROZEN

    name: str
    """E.g. ``"distribution"`` (R41), ``"appeal_window"`` (R49), ``"expiry"`` (R46)."""
    rule_id: str
    due_on: date
    status: DeadlineStatus
    overdue: bool
    """Not yet met and already past its due date."""
    on_due: str | None
    """The move a sweep makes once it is overdue, if any."""

    @classmethod
    def of(cls, state: DeadlineState) -> DeadlineView:
        """Build the view of an engine deadline state (its values are typed: not validated)."""
        return trusted(
            cls,
            {
                "name": state.name,
                "rule_id": state.rule_id,
                "due_on": state.due_on,
                "status": state.status,
                "overdue": state.overdue,
                "on_due": state.on_due,
            },
        )


class CertificationView(CertificationState):
    """A certification as it stands after ``version`` events.

    Every field of :class:`~certflow.domain.CertificationState` (the recorded facts), plus the
    record's id, version, stage and workflow, each unit's claim and verdict, and the deadlines as
    of the day of the query.
    """

    id: UUID
    version: int
    stage: Stage
    updated_at: datetime
    """Business time of the latest event."""
    units: tuple[UnitResult, ...]
    """Every unit of the scheme, in scheme order."""
    deadlines: tuple[DeadlineView, ...]
    workflow: str
    workflow_version: int

    @property
    def overdue(self) -> tuple[str, ...]:
        """Names of the deadlines that are overdue."""
        return tuple(d.name for d in self.deadlines if d.overdue)

    @classmethod
    def of(cls, cert: Certification, today: date) -> CertificationView:
        """Build the view of ``cert`` with deadlines as of ``today``."""
        state = cert.state
        claims = {e.unit: e.claim for e in state.self_assessment}
        verdicts = state.unit_results
        return trusted(  # the state's fields are typed already; so is each computed one
            cls,
            {
                **state.__dict__,
                "id": cert.id,
                "version": cert.version,
                "stage": cert.stage,
                "updated_at": cert.updated_at,
                "units": tuple(_unit(u, claims.get(u), verdicts.get(u)) for u in state.unit_codes),
                "deadlines": tuple(DeadlineView.of(d) for d in cert.deadlines(today)),
                "workflow": cert.workflow_name,
                "workflow_version": cert.workflow_version,
            },
        )


class CertificationSummary(BaseModel):
    """One line of ``list_certifications``."""

    model_config = _FROZEN

    id: UUID
    subject_id: UUID
    scheme_code: str
    session_id: UUID
    stage: Stage
    version: int
    certificate_number: str | None
    updated_at: datetime


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of an event value.

    The common exact types first (an event's values are mostly texts, numbers, ids and times),
    then subclasses by ``isinstance``: an enum member becomes its value, an id its text, a date
    or time its ISO text, a mapping and a sequence their plain copies.
    """
    kind = type(value)
    if kind is str or kind is int or kind is bool or kind is float or value is None:
        return value
    if kind is UUID:
        return str(value)
    if kind is datetime or kind is date:
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (UUID, date)):  # datetime is a date
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_ENVELOPE = frozenset(
    {
        "originator_id",
        "originator_version",
        "originator_topic",
        "timestamp",
        "trigger",
        "actor_id",
        "actor_role",
        "actor_mandate",
        "at",
        "stage",
        "workflow",
        "workflow_version",
        "rules",
    }
)


class HistoryEntry(BaseModel):
    """One recorded event of a record's history: who did what, when, under which rules."""

    model_config = _FROZEN

    version: int
    event: str
    """The event's name, e.g. ``"AssessorAssigned"``."""
    trigger: str
    at: datetime
    """Business time of the move."""
    recorded_at: datetime
    """When the event was stored."""
    actor_id: str
    actor_role: str
    actor_mandate: str | None = None
    """What the actor acted under, as the trust gate checked it: an appointment id
    (``<person id>#<n>``), an assessor licence (``licence:<MET number>``), ``own-case`` for a
    candidate, ``root`` for the founding head; ``None`` for events recorded without the check
    (stores older than the personnel register)."""
    stage: str
    workflow: str
    workflow_version: int
    rules: tuple[str, ...]
    data: dict[str, Any]
    """The event's own facts, JSON-friendly (ids and dates as strings, enums as values)."""

    @classmethod
    def of(cls, event: WorkflowEvent) -> HistoryEntry:
        """Build the entry for a stored event.

        The event's fields are typed already (decoded by the store's transcoder, each event a
        dataclass of them), so the entry is built without validating them again: about a third
        of an entry's cost. A test validates every kind of entry against the model.
        """
        return trusted(
            cls,
            {
                "version": event.originator_version,
                "event": type(event).__name__,
                "trigger": event.trigger,
                "at": event.at,
                "recorded_at": event.timestamp,
                "actor_id": event.actor_id,
                "actor_role": event.actor_role,
                "actor_mandate": event.actor_mandate,
                "stage": event.stage,
                "workflow": event.workflow,
                "workflow_version": event.workflow_version,
                "rules": tuple(event.rules),
                "data": {k: _plain(v) for k, v in vars(event).items() if k not in _ENVELOPE},
            },
        )


class SchemeView(BaseModel):
    """A scheme version."""

    model_config = _FROZEN

    id: UUID
    code: str
    title: str
    version: int
    status: SchemeStatus
    units: tuple[CompetencyUnit, ...]
    methods: tuple[AssessmentMethod, ...]
    authority: str
    description: str
    policy: SchemePolicy
    certificate_prefix: str
    number_format: str

    @classmethod
    def of(cls, scheme: Scheme) -> SchemeView:
        """Build the view."""
        return cls(
            id=scheme.id,
            code=scheme.code,
            title=scheme.title,
            version=scheme.version,
            status=scheme.status,
            units=tuple(CompetencyUnit(**u) for u in scheme.units),
            methods=tuple(scheme.methods),
            authority=scheme.authority,
            description=scheme.description,
            policy=scheme.policy,
            certificate_prefix=scheme.certificate_prefix,
            number_format=scheme.number_format,
        )


class AssessorView(BaseModel):
    """An assessor in the register (the name comes from the subject store)."""

    model_config = _FROZEN

    id: UUID
    met_number: str
    scheme_codes: tuple[str, ...]
    licence_valid_until: date
    name: str | None

    @classmethod
    def of(cls, assessor: Assessor, name: str | None) -> AssessorView:
        """Build the view."""
        return cls(
            id=assessor.id,
            met_number=assessor.met_number,
            scheme_codes=tuple(assessor.scheme_codes),
            licence_valid_until=assessor.licence_valid_until,
            name=name,
        )


class SessionView(BaseModel):
    """An assessment session."""

    model_config = _FROZEN

    id: UUID
    code: str
    title: str
    venue: str
    tuk_kind: TukKind
    starts_on: date
    ends_on: date
    scheme_ids: tuple[UUID, ...]

    @classmethod
    def of(cls, session: AssessmentSession) -> SessionView:
        """Build the view."""
        return cls(
            id=session.id,
            code=session.code,
            title=session.title,
            venue=session.venue,
            tuk_kind=session.tuk_kind,
            starts_on=session.starts_on,
            ends_on=session.ends_on,
            scheme_ids=tuple(session.scheme_ids),
        )
