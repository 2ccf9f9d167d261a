"""The moves of the pre-assessment (R7, R8, R23) and of the answer to the result (R29).

They are spliced into :data:`~certflow.domain.certification_workflow.CERTIFICATION_WORKFLOW`.
"""

from __future__ import annotations

from typing import Any

from certflow.domain import rules as r
from certflow.domain.values import Role, Stage
from certflow.engine import Move

__all__ = ["PRE_ASSESSMENT_MOVES", "RESULT_ANSWER_MOVES"]

_REVIEWABLE = (Stage.PORTFOLIO_SUBMITTED, Stage.ASSESSMENT_DEFERRED)

PRE_ASSESSMENT_MOVES: tuple[Move[Any], ...] = (
    Move(
        "review_self_assessment",
        source=_REVIEWABLE,
        dest=list(_REVIEWABLE),
        roles=(Role.ASSESSOR,),
        rules=[r.by_assigned_assessor, r.apl02_reviewed],
        description=(
            "FR.APL.02 review: the assessment can proceed, or not yet (deferred, with reasons)."
        ),
    ),
    Move(
        "record_adjustment",
        source=Stage.PORTFOLIO_SUBMITTED,
        roles=(Role.ASSESSOR,),
        rules=[r.by_assigned_assessor, r.adjustment_keeps_standard],
        description="FR.AK.07: a reasonable adjustment, before FR.AK.01, within the standard.",
    ),
    Move(
        "record_assessment_mode",
        source=Stage.PORTFOLIO_SUBMITTED,
        roles=(Role.ASSESSOR, Role.LSP_ADMIN),
        rules=[r.by_assigned_assessor, r.mode_allowed],
        description="The assessment mode: on-site, or remote (AJJ) where the scheme allows it.",
    ),
)
"""Before FR.AK.01: the APL.02 review, adjustments and the assessment mode."""

RESULT_ANSWER_MOVES: tuple[Move[Any], ...] = (
    Move(
        "acknowledge_result",
        source=Stage.INTERVIEWED,
        roles=(Role.CANDIDATE, Role.ASSESSOR),
        rules=[r.by_assigned_assessor, r.result_to_answer],
        description="FR.AK.02: the candidate signs for the result (the assessor may record it).",
    ),
    Move(
        "reject_result",
        source=Stage.INTERVIEWED,
        roles=(Role.CANDIDATE, Role.ASSESSOR),
        rules=[r.by_assigned_assessor, r.result_to_answer],
        description="FR.AK.05: the candidate's rejection of the result, with the reason.",
    ),
)
"""After the recommendation, before the decision: the candidate's answer to it."""
