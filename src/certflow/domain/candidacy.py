"""One candidate's candidacy for one scheme, across sessions: at most one open certification (R3).

The certification's id is derived from candidate, scheme *and session*, so the store alone cannot
refuse a second open certification for the same scheme in another session. The candidacy, keyed
by candidate and scheme code, records every certification registered for them and is saved in the
same transaction as the registration, so two registrations at the same time cannot both pass.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.certification_record import CertificationRecord
from certflow.domain.values import Role, Stage
from certflow.engine import Actor, Move, Workflow, WorkflowAggregate, WorkflowEvent, WorkflowStarted

__all__ = ["OPEN_STAGES", "Candidacy", "candidacy_id", "is_open"]

_NAMESPACE = UUID("2f4d6b8a-1c3e-4a5b-9d7f-6e8c0a2b4d6f")

OPEN_STAGES = frozenset(
    {
        Stage.REGISTERED,
        Stage.PORTFOLIO_SUBMITTED,
        Stage.INTERVIEWED,
        Stage.COMPETENT,
        Stage.UNDER_APPEAL,
        Stage.CERTIFICATE_PRINTED,
    }
)
"""Stages of an open certification (not ended, not yet certified). A BK decision stays open
while its appeal window is (see :func:`is_open`)."""


def is_open(certification: CertificationRecord) -> bool:
    """Whether ``certification`` is still open: not ended and not yet certified (R3).

    A BK decision is open while the candidate can still appeal it.
    """
    if certification.stage in OPEN_STAGES:
        return True
    return certification.stage is Stage.NOT_YET_COMPETENT and not (
        certification.state.appeal_window_closed
    )


def candidacy_id(subject_id: UUID, scheme_code: str) -> UUID:
    """The id of one candidate's candidacy for one scheme (every version of it)."""
    return uuid5(_NAMESPACE, f"candidacy:{subject_id}:{scheme_code}")


_REGISTRARS = (Role.LSP_ADMIN, Role.CANDIDATE)


class _Open(Enum):
    OPEN = "open"


CANDIDACY_WORKFLOW: Workflow[_Open] = Workflow(
    "candidacy",
    version=1,
    stages=_Open,
    initial=_Open.OPEN,
    moves=[
        Move("open_candidacy", source=None, dest=_Open.OPEN, roles=_REGISTRARS),
        Move("claim_candidacy", source=_Open.OPEN, roles=_REGISTRARS),
    ],
)


class Candidacy(WorkflowAggregate[_Open]):
    """The certifications one candidate was registered for on one scheme, latest last."""

    TOPIC = "certflow/Candidacy"
    workflow = CANDIDACY_WORKFLOW

    class Opened(WorkflowStarted):
        """The candidate's first registration for the scheme."""

        TOPIC = "certflow/Candidacy.Opened"
        subject_id: UUID
        scheme_code: str
        certification_id: UUID

        def record(self, aggregate: Any) -> None:
            """Keep the first certification."""
            aggregate.certifications = (self.certification_id,)

    class Claimed(WorkflowEvent):
        """A later registration for the scheme."""

        TOPIC = "certflow/Candidacy.Claimed"
        certification_id: UUID

        def record(self, aggregate: Any) -> None:
            """Add it."""
            aggregate.certifications = (*aggregate.certifications, self.certification_id)

    if TYPE_CHECKING:
        certifications: tuple[UUID, ...]

    @classmethod
    def open(
        cls,
        subject_id: UUID,
        scheme_code: str,
        certification_id: UUID,
        *,
        actor: Actor,
        at: datetime,
    ) -> Candidacy:
        """Start the candidacy with its first certification."""
        return cls.start_move(
            cls.Opened,
            "open_candidacy",
            id=candidacy_id(subject_id, scheme_code),
            actor=actor,
            at=at,
            subject_id=subject_id,
            scheme_code=scheme_code,
            certification_id=certification_id,
        )

    def claim(self, certification_id: UUID, *, actor: Actor, at: datetime) -> None:
        """Add a later certification (the caller checked that none is open)."""
        decision = self.decide_move("claim_candidacy", actor)
        self.record_move(
            self.Claimed, decision, actor=actor, at=at, certification_id=certification_id
        )
