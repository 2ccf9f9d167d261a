"""The assessment session (jadwal uji kompetensi): venue (TUK), dates and schemes offered."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.tuk import Tuk, VenueContext, venue_verified
from certflow.domain.tuk import tuk_id as venue_tuk_id
from certflow.domain.values import Role, TukKind
from certflow.engine import Actor, Move, Workflow, WorkflowAggregate, WorkflowStarted

__all__ = ["SESSION_WORKFLOW", "AssessmentSession", "SessionStatus", "session_id"]

_NAMESPACE = UUID("a3e5b0d4-1c2f-4e6a-8b7d-9f0e1d2c3b4a")


def session_id(code: str) -> UUID:
    """The deterministic id of the session with this code."""
    return uuid5(_NAMESPACE, f"session:{code.strip()}")


class SessionStatus(Enum):
    """A planned session."""

    PLANNED = "planned"


SESSION_WORKFLOW: Workflow[SessionStatus] = Workflow(
    "assessment_session",
    version=1,
    stages=SessionStatus,
    initial=SessionStatus.PLANNED,
    moves=[
        Move(
            "plan_session",
            source=None,
            dest=SessionStatus.PLANNED,
            roles=(Role.LSP_ADMIN, Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP),
            rules=[venue_verified],
        ),
    ],
)


class AssessmentSession(WorkflowAggregate[SessionStatus]):
    """An assessment event (EUK) at one TUK over one or more days, for one or more schemes.

    The distribution deadline of every certification registered for it counts from its last
    day (``ends_on``).
    """

    TOPIC = "certflow/AssessmentSession"
    workflow = SESSION_WORKFLOW

    class Planned(WorkflowStarted):
        """An assessment session was planned."""

        TOPIC = "certflow/AssessmentSession.Planned"
        code: str
        title: str
        venue: str
        tuk_kind: TukKind
        starts_on: date
        ends_on: date
        scheme_ids: list[UUID]
        tuk_id: UUID | None = None
        """The verified TUK it was planned at (R16); ``None`` in sessions planned before TUKs
        were verified, whose TUK is the one named by ``venue``."""

        def record(self, aggregate: Any) -> None:
            """Copy the session's data."""
            aggregate.tuk_id = self.tuk_id or venue_tuk_id(self.venue)
            aggregate.code = self.code
            aggregate.title = self.title
            aggregate.venue = self.venue
            aggregate.tuk_kind = self.tuk_kind
            aggregate.starts_on = self.starts_on
            aggregate.ends_on = self.ends_on
            aggregate.scheme_ids = list(self.scheme_ids)

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        code: str
        title: str
        venue: str
        tuk_kind: TukKind
        starts_on: date
        ends_on: date
        scheme_ids: list[UUID]
        tuk_id: UUID
        """The TUK the session is held at."""

    @classmethod
    def plan(
        cls,
        *,
        code: str,
        title: str,
        venue: str,
        tuk_kind: TukKind,
        starts_on: date,
        ends_on: date,
        scheme_ids: list[UUID],
        tuk: Tuk | None,
        actor: Actor,
        at: datetime,
    ) -> AssessmentSession:
        """Plan a session at a TUK verified for its schemes on its dates (R16).

        Inputs are validated by the caller's input model; ``tuk`` is the TUK on file under the
        venue (``None``: none is, which R16 refuses).
        """
        schemes = list(dict.fromkeys(scheme_ids))
        context = VenueContext(tuk, venue, session_id(code), tuple(schemes), starts_on, ends_on)
        return cls.start_move(
            cls.Planned,
            "plan_session",
            id=session_id(code),
            actor=actor,
            at=at,
            context=context,
            code=code,
            title=title,
            venue=venue,
            tuk_kind=tuk_kind,
            starts_on=starts_on,
            ends_on=ends_on,
            scheme_ids=schemes,
            tuk_id=tuk.id if tuk is not None else None,
        )

    def offers(self, scheme_id: UUID) -> bool:
        """Whether candidates may register for ``scheme_id`` in this session."""
        return scheme_id in self.scheme_ids

    def includes(self, day: date) -> bool:
        """Whether ``day`` is one of the session's days."""
        return self.starts_on <= day <= self.ends_on
