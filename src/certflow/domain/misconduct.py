"""Misconduct quarantine (R55): an assessor flagged for gratification or misconduct.

Flagging records the grounds and the certifications the assessor's records affect (found by the
application from the records, never taken from the caller). Each affected decision is then
reviewed: confirmed, or set aside, which offers the candidate a re-assessment by a different
assessor through the existing re-assessment path. The case closes once every affected
certification is reviewed. While a certification is quarantined (not yet reviewed, or set aside
and not yet re-assessed by another assessor) its certificate is not printed; see
docs/decisions/0016-complaints-and-quarantine.md for what else a quarantine blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
    rule,
)

__all__ = [
    "MISCONDUCT_RULES",
    "MISCONDUCT_WORKFLOW",
    "MisconductCase",
    "MisconductContext",
    "MisconductKind",
    "QuarantineStage",
    "ReviewOutcome",
    "misconduct_case_id",
]

_NAMESPACE = UUID("5b0f4c2e-7f3a-4d55-9a61-2f0c8e4d7a13")


def misconduct_case_id(assessor_id: UUID) -> UUID:
    """The id of the misconduct case of one assessor (one case per assessor)."""
    return uuid5(_NAMESPACE, f"misconduct:{assessor_id}")


class QuarantineStage(Enum):
    """Where a misconduct case stands."""

    QUARANTINED = "quarantined"
    """The assessor's records are quarantined; affected decisions await review."""
    CLOSED = "closed"
    """Every affected decision has been reviewed."""


class MisconductKind(Enum):
    """Why an assessor was flagged."""

    GRATIFICATION = "gratification"
    """Gratifikasi: a gift or payment from or for a candidate."""
    MISCONDUCT = "misconduct"
    """Any other breach of the assessor's code of conduct."""


class ReviewOutcome(Enum):
    """The review of one affected decision."""

    CONFIRMED = "confirmed"
    """The decision stands on evidence the misconduct did not touch."""
    SET_ASIDE = "set_aside"
    """The decision is set aside; re-assessment by a different assessor is offered."""


@dataclass(frozen=True)
class MisconductContext:
    """What the quarantine rules read."""

    actor: Actor
    case: MisconductCase | None = None
    grounds: str = ""
    certification_id: UUID | None = None
    reason: str = ""
    conflicts: Sequence[Text] = field(default_factory=tuple)
    """Why the reviewer is involved in the certification reviewed (found by the application)."""


@rule(
    "R55",
    Text(
        "An assessor is flagged for gratification or misconduct with "
        "written grounds; their assessment records are quarantined.",
    ),
)
def grounds_written(ctx: MisconductContext) -> Text | None:
    """R55 (flagging)."""
    if not ctx.grounds.strip():
        return Text("write down the grounds for the flag")
    return None


@rule(
    "R55",
    Text("Each affected decision is reviewed once, with a reason, by someone not involved."),
)
def review_allowed(ctx: MisconductContext) -> Text | None:
    """R55 (reviewing)."""
    case, cert = ctx.case, ctx.certification_id
    if case is None or cert is None or cert not in case.affected:
        return Text("certification {cert} is not among the quarantined records", cert=cert)
    done = case.reviews.get(str(cert))
    if done is not None:
        return Text(
            "certification {cert} is already reviewed ({done_value})",
            cert=cert,
            done_value=done.value,
        )
    if ctx.conflicts:
        conflicts = Text.join(ctx.conflicts)
        return Text("{conflicts}; someone else reviews", conflicts=conflicts)
    if not ctx.reason.strip():
        return Text("a review needs a written reason")
    return None


MISCONDUCT_RULES = (grounds_written, review_allowed)
"""The quarantine rules, for the rulebook."""

MISCONDUCT_WORKFLOW: Workflow[QuarantineStage] = Workflow(
    "misconduct",
    version=1,
    stages=QuarantineStage,
    initial=QuarantineStage.QUARANTINED,
    final=(QuarantineStage.CLOSED,),
    moves=[
        Move(
            "flag_misconduct",
            source=None,
            dest=QuarantineStage.QUARANTINED,
            roles=(Role.HEAD_OF_LSP, Role.CERTIFICATION_MANAGER),
            role_rule="R55",
            rules=[grounds_written],
            description="An assessor is flagged; the records they affect are quarantined.",
        ),
        Move(
            "review_quarantined",
            source=QuarantineStage.QUARANTINED,
            dest=[QuarantineStage.QUARANTINED, QuarantineStage.CLOSED],
            roles=(Role.CERTIFICATION_COMMITTEE, Role.HEAD_OF_LSP),
            role_rule="R55",
            source_rule="R55",
            rules=[review_allowed],
            description="One affected decision is confirmed or set aside (re-assessment offered).",
        ),
    ],
)


class MisconductCase(WorkflowAggregate[QuarantineStage]):
    """The quarantine of one assessor's assessment records (R55). No personal data."""

    TOPIC = "certflow/MisconductCase"
    workflow = MISCONDUCT_WORKFLOW

    class Flagged(WorkflowStarted):
        """The assessor was flagged; the listed certifications are quarantined."""

        TOPIC = "certflow/MisconductCase.Flagged"
        assessor_id: UUID
        kind: MisconductKind
        grounds: str
        affected: list[UUID]
        complaint_id: UUID | None
        flagged_on: date

        def record(self, aggregate: Any) -> None:
            """Quarantine the records."""
            aggregate.assessor_id = self.assessor_id
            aggregate.kind = self.kind
            aggregate.grounds = self.grounds
            aggregate.affected = list(self.affected)
            aggregate.complaint_id = self.complaint_id
            aggregate.flagged_on = self.flagged_on
            aggregate.reviews = {}
            aggregate.rounds_at_review = {}

    class DecisionReviewed(WorkflowEvent):
        """One affected decision was reviewed; set aside offers a re-assessment."""

        TOPIC = "certflow/MisconductCase.DecisionReviewed"
        certification_id: UUID
        outcome: ReviewOutcome
        reason: str
        reassessment_offered: bool
        rounds: int
        """The certification's assessment rounds when it was reviewed (a later round is the
        re-assessment)."""

        def record(self, aggregate: Any) -> None:
            """Note the outcome."""
            aggregate.reviews = {**aggregate.reviews, str(self.certification_id): self.outcome}
            aggregate.rounds_at_review = {
                **aggregate.rounds_at_review,
                str(self.certification_id): self.rounds,
            }

    if TYPE_CHECKING:  # set by the events; declared here for type checkers and readers
        assessor_id: UUID
        kind: MisconductKind
        grounds: str
        affected: list[UUID]
        complaint_id: UUID | None
        flagged_on: date
        reviews: dict[str, ReviewOutcome]
        """Review outcomes by certification id (as text)."""
        rounds_at_review: dict[str, int]

    @classmethod
    def flag(
        cls,
        *,
        assessor_id: UUID,
        kind: MisconductKind,
        grounds: str,
        affected: Sequence[UUID],
        complaint_id: UUID | None = None,
        actor: Actor,
        at: datetime,
    ) -> MisconductCase:
        """Flag the assessor and quarantine ``affected`` (R55)."""
        context = MisconductContext(actor=actor, grounds=grounds)
        return cls.start_move(
            cls.Flagged,
            "flag_misconduct",
            id=misconduct_case_id(assessor_id),
            actor=actor,
            at=at,
            context=context,
            assessor_id=assessor_id,
            kind=kind,
            grounds=grounds.strip(),
            affected=list(dict.fromkeys(affected)),
            complaint_id=complaint_id,
            flagged_on=at.date(),
        )

    def review_quarantined(
        self,
        certification_id: UUID,
        outcome: ReviewOutcome,
        *,
        reason: str,
        rounds: int,
        conflicts: Sequence[Text],
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the review of one affected decision; the last one closes the case (R55)."""
        context = MisconductContext(
            actor=actor,
            case=self,
            certification_id=certification_id,
            reason=reason,
            conflicts=tuple(conflicts),
        )
        left = [c for c in self.pending if c != certification_id]
        dest = QuarantineStage.QUARANTINED if left else QuarantineStage.CLOSED
        decision = self.decide_move("review_quarantined", actor, context, dest=dest)
        self.record_move(
            self.DecisionReviewed,
            decision,
            actor=actor,
            at=at,
            certification_id=certification_id,
            outcome=outcome,
            reason=reason.strip(),
            reassessment_offered=outcome is ReviewOutcome.SET_ASIDE,
            rounds=rounds,
        )

    @property
    def pending(self) -> list[UUID]:
        """Affected certifications not yet reviewed."""
        return [c for c in self.affected if str(c) not in self.reviews]

    def holds(self, certification_id: UUID, rounds: int) -> bool:
        """Whether the certification (now at ``rounds`` assessment rounds) is quarantined.

        It is while its review is pending, and after being set aside until a later assessment
        round (the re-assessment) has started.
        """
        if certification_id not in self.affected:
            return False
        outcome = self.reviews.get(str(certification_id))
        if outcome is None:
            return True
        if outcome is ReviewOutcome.SET_ASIDE:
            return rounds <= self.rounds_at_review.get(str(certification_id), 0)
        return False
