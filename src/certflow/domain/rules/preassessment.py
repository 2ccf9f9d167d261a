"""Rules of the pre-assessment and of the candidate's answer to the result (R7, R8, R23, R29)."""

from __future__ import annotations

from certflow.domain.preassessment_values import AdjustmentKind, AssessmentMode
from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import Role
from certflow.engine import Text, rule

__all__ = [
    "adjustment_keeps_standard",
    "apl02_reviewed",
    "mode_allowed",
    "mode_recorded",
    "result_to_answer",
]

_R7 = T(
    "The assigned assessor reviews FR.APL.02 (proceed / not yet) before the assessment starts.",
)
_R23 = T(
    "The assessment mode (on-site or remote/AJJ) is recorded; remote "
    "only where the scheme allows it.",
)


def _agreement_started(ctx: Context) -> Text | None:
    """Refused once anyone signed FR.AK.01 in this round (the plan is fixed by then)."""
    if not ctx.cert.state.agreement_signed_by:
        return None
    return T(
        "FR.AK.01 has already been signed in this round; this must be "
        "recorded before the assessment agreement",
    )


@rule("R7", _R7)
def apl02_reviewed(ctx: Context) -> Text | None:
    """R7: the review's inputs, and a proceed review by the current assessor before FR.AK.01."""
    state = ctx.cert.state
    if ctx.trigger == "review_self_assessment":
        if ctx.proceed is False and not ctx.reason.strip():
            return T("an assessment that cannot proceed yet needs reasons for the candidate")
        return _agreement_started(ctx)
    if state.apl02_proceed and state.apl02_reviewed_by == state.assessor_id:
        return None
    if state.apl02_reviewed_by is None or state.apl02_reviewed_by != state.assessor_id:
        return T(
            "the assigned assessor has not reviewed the candidate's "
            "FR.APL.02; the assessor must record the review (proceed) before "
            "the FR.AK.01 assessment agreement",
        )
    return T(
        "the FR.APL.02 review said the assessment cannot proceed yet; "
        "the assessor must review it again and find that it can proceed",
    )


@rule(
    "R8",
    T(
        "Reasonable adjustments (FR.AK.07) are recorded before FR.AK.01 "
        "and change neither the units nor the competence criteria.",
    ),
)
def adjustment_keeps_standard(ctx: Context) -> Text | None:
    """R8."""
    started = _agreement_started(ctx)
    if started is not None:
        return started
    adjustment = ctx.adjustment
    assert adjustment is not None
    state = ctx.cert.state
    outside = [u for u in adjustment.units if u not in state.units_to_assess]
    if outside:
        return T(
            "units {codes} are not assessed in this round; an adjustment cannot add or swap units",
            codes=codes(outside),
        )
    if adjustment.kind is AdjustmentKind.METHOD:
        method = adjustment.method
        if method is None or method not in state.scheme_methods:
            shown = method.value if method else "-"
            allowed = codes([m.value for m in state.scheme_methods])
            return T(
                "the method {shown} is not one of the scheme's methods "
                "({allowed}); an adjustment cannot change the standard",
                shown=shown,
                allowed=allowed,
            )
    elif adjustment.method is not None:
        return T("only a 'method' adjustment names a method")
    return None


@rule("R23", _R23)
def mode_allowed(ctx: Context) -> Text | None:
    """R23: remote only where the scheme allows it; recorded before FR.AK.01."""
    if ctx.mode is AssessmentMode.REMOTE and not ctx.cert.state.policy.remote_assessment_allowed:
        return T(
            "the scheme {state_scheme_code} does not allow remote assessment "
            "(AJJ); record an on-site assessment at the TUK",
            state_scheme_code=ctx.cert.state.scheme_code,
        )
    return _agreement_started(ctx)


@rule("R23", _R23)
def mode_recorded(ctx: Context) -> Text | None:
    """R23: the mode is recorded before FR.AK.01 is signed."""
    if ctx.cert.state.assessment_mode is not None:
        return None
    return T(
        "the assessment mode (on-site or remote) is not recorded; record "
        "it before the FR.AK.01 assessment agreement",
    )


@rule(
    "R29",
    T(
        "The candidate's acknowledgement of the result (FR.AK.02 "
        "signature) or its rejection (FR.AK.05) is recorded; a rejection "
        "opens the appeal as soon as the decision is taken.",
    ),
)
def result_to_answer(ctx: Context) -> Text | None:
    """R29."""
    state = ctx.cert.state
    if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(state.subject_id):
        return T("only the candidate answers their own result")
    if state.recommendation is None:
        return T(
            "there is no assessment result (assessor's recommendation) to acknowledge or reject",
        )
    if state.result_acknowledged is not None:
        given = T("acknowledged") if state.result_acknowledged else T("rejected")
        return T(
            "this result was already {given}; the candidate's answer is recorded once",
            given=given,
        )
    if ctx.trigger == "reject_result" and not ctx.reason.strip():
        return T("a rejection of the result needs the candidate's reason")
    return None
