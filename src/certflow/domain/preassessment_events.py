"""The events of the pre-assessment and of the candidate's answer to the result.

FR.APL.02 review (R7), reasonable adjustments (FR.AK.07, R8), the assessment mode (R23) and the
candidate's acknowledgement or rejection of the result (FR.AK.02 / FR.AK.05, R29). Nested into
:class:`~certflow.domain.Certification` under the same names; the explicit ``TOPIC`` is stored.
Each records the outcome decided when the command ran; replay only evolves the state.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from certflow.domain.certification_state import CertificationEvent, CertificationState
from certflow.domain.preassessment_values import Adjustment, AssessmentMode

__all__ = [
    "AdjustmentRecorded",
    "AssessmentModeRecorded",
    "ResultAcknowledged",
    "ResultRejected",
    "SelfAssessmentReviewed",
]


class SelfAssessmentReviewed(CertificationEvent):
    """The assigned assessor reviewed FR.APL.02: the assessment can proceed, or not yet (R7)."""

    TOPIC = "certflow/Certification.SelfAssessmentReviewed"
    assessor_id: UUID
    proceed: bool
    reasons: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the latest review of this round."""
        return state.evolve(
            apl02_reviewed_by=self.assessor_id,
            apl02_proceed=self.proceed,
            apl02_reasons=self.reasons,
        )


class AdjustmentRecorded(CertificationEvent):
    """A reasonable adjustment (FR.AK.07) was recorded before FR.AK.01 (R8)."""

    TOPIC = "certflow/Certification.AdjustmentRecorded"
    adjustment: dict[str, Any]
    """The :class:`Adjustment` as stored (parsed when applied)."""

    def evolve(self, state: CertificationState) -> CertificationState:
        """Add it to the round's adjustments."""
        added = Adjustment.model_validate(self.adjustment)
        return state.evolve(adjustments=(*state.adjustments, added))


class AssessmentModeRecorded(CertificationEvent):
    """The assessment mode was recorded: on-site, or remote (AJJ) where allowed (R23)."""

    TOPIC = "certflow/Certification.AssessmentModeRecorded"
    mode: AssessmentMode

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the mode."""
        return state.evolve(assessment_mode=self.mode)


class ResultAcknowledged(CertificationEvent):
    """The candidate acknowledged the assessment result (FR.AK.02 signed, R29)."""

    TOPIC = "certflow/Certification.ResultAcknowledged"
    recommendation: str
    """The recommendation acknowledged (``K`` or ``BK``)."""

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the answer."""
        return state.evolve(result_acknowledged=True, result_rejection_reason="")


class ResultRejected(CertificationEvent):
    """The candidate rejected the result (FR.AK.05 penolakan hasil asesmen, R29).

    A BK decision after it is open to appeal (R49) from the day it is taken.
    """

    TOPIC = "certflow/Certification.ResultRejected"
    recommendation: str
    reason: str

    def evolve(self, state: CertificationState) -> CertificationState:
        """Keep the answer and its reason."""
        return state.evolve(result_acknowledged=False, result_rejection_reason=self.reason)
