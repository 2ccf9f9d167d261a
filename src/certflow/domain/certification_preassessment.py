"""The certification's pre-assessment commands and the candidate's answer to the result.

The FR.APL.02 review (R7), reasonable adjustments (FR.AK.07, R8), the assessment mode (R23),
and the acknowledgement (FR.AK.02) or rejection (FR.AK.05) of the result (R29). One of the
command groups :class:`~certflow.domain.Certification` is made of (why they are mixins is said
in :mod:`~certflow.domain.certification_assessment`).
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from certflow.domain import preassessment_events as ev
from certflow.domain.certification_record import CertificationMoves
from certflow.domain.preassessment_values import Adjustment, AssessmentMode
from certflow.domain.values import Stage
from certflow.engine import Actor

__all__ = ["PreAssessmentCommands"]


class PreAssessmentCommands:
    """FR.APL.02 review, adjustments, assessment mode, and the answer to the result."""

    def review_self_assessment(
        self: CertificationMoves,
        proceed: bool,
        reasons: str = "",
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the assigned assessor's FR.APL.02 review (R7).

        ``proceed=False`` (not yet) needs reasons and defers the assessment; a later review with
        ``proceed=True`` brings it back. FR.AK.01 can only be signed after a proceed review by
        the assessor assigned at that time.
        """
        dest = Stage.PORTFOLIO_SUBMITTED if proceed else Stage.ASSESSMENT_DEFERRED
        self._move(
            "review_self_assessment",
            ev.SelfAssessmentReviewed,
            actor=actor,
            at=at,
            inputs={"proceed": proceed, "reason": reasons},
            dest=dest,
            assessor_id=self.state.assessor_id or UUID(int=0),
            proceed=proceed,
            reasons=reasons.strip(),
        )

    def record_adjustment(
        self: CertificationMoves, adjustment: Adjustment, *, actor: Actor, at: datetime
    ) -> None:
        """Record a reasonable adjustment (FR.AK.07) before FR.AK.01, within the standard (R8)."""
        self._move(
            "record_adjustment",
            ev.AdjustmentRecorded,
            actor=actor,
            at=at,
            inputs={"adjustment": adjustment},
            adjustment=adjustment.model_dump(mode="json"),
        )

    def record_assessment_mode(
        self: CertificationMoves, mode: AssessmentMode, *, actor: Actor, at: datetime
    ) -> None:
        """Record on-site or remote (AJJ) assessment; remote only where allowed (R23)."""
        self._move(
            "record_assessment_mode",
            ev.AssessmentModeRecorded,
            actor=actor,
            at=at,
            inputs={"mode": mode},
            mode=mode,
        )

    def acknowledge_result(self: CertificationMoves, *, actor: Actor, at: datetime) -> None:
        """Record the candidate's acknowledgement of the result (FR.AK.02 signed, R29)."""
        recommendation = self.state.recommendation
        self._move(
            "acknowledge_result",
            ev.ResultAcknowledged,
            actor=actor,
            at=at,
            recommendation=recommendation.value if recommendation else "",
        )

    def reject_result(self: CertificationMoves, reason: str, *, actor: Actor, at: datetime) -> None:
        """Record the candidate's rejection of the result (FR.AK.05, R29).

        A BK decision after it is open to appeal from the day it is taken (R49).
        """
        recommendation = self.state.recommendation
        self._move(
            "reject_result",
            ev.ResultRejected,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            recommendation=recommendation.value if recommendation else "",
            reason=reason.strip(),
        )
