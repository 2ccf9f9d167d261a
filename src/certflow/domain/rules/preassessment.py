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
    "Asesor yang ditugaskan meninjau FR.APL.02 (dapat / belum dapat dilanjutkan) sebelum "
    "asesmen dimulai.",
    "The assigned assessor reviews FR.APL.02 (proceed / not yet) before the assessment starts.",
)
_R23 = T(
    "Cara asesmen (tatap muka atau jarak jauh/AJJ) dicatat; AJJ hanya bila skema mengizinkan.",
    "The assessment mode (on-site or remote/AJJ) is recorded; remote only where the scheme "
    "allows it.",
)


def _agreement_started(ctx: Context) -> Text | None:
    """Refused once anyone signed FR.AK.01 in this round (the plan is fixed by then)."""
    if not ctx.cert.state.agreement_signed_by:
        return None
    return T(
        "FR.AK.01 sudah ditandatangani pada putaran ini; ini harus dicatat sebelum persetujuan "
        "asesmen",
        "FR.AK.01 has already been signed in this round; this must be recorded before the "
        "assessment agreement",
    )


@rule("R7", _R7)
def apl02_reviewed(ctx: Context) -> Text | None:
    """R7: the review's inputs, and a proceed review by the current assessor before FR.AK.01."""
    state = ctx.cert.state
    if ctx.trigger == "review_self_assessment":
        if ctx.proceed is False and not ctx.reason.strip():
            return T(
                "asesmen yang belum dapat dilanjutkan memerlukan alasan untuk kandidat",
                "an assessment that cannot proceed yet needs reasons for the candidate",
            )
        return _agreement_started(ctx)
    if state.apl02_proceed and state.apl02_reviewed_by == state.assessor_id:
        return None
    if state.apl02_reviewed_by is None or state.apl02_reviewed_by != state.assessor_id:
        return T(
            "asesor yang ditugaskan belum meninjau FR.APL.02 kandidat; asesor harus mencatat "
            "tinjauannya (dapat dilanjutkan) sebelum persetujuan asesmen FR.AK.01",
            "the assigned assessor has not reviewed the candidate's FR.APL.02; the assessor must "
            "record the review (proceed) before the FR.AK.01 assessment agreement",
        )
    return T(
        "tinjauan FR.APL.02 menyatakan asesmen belum dapat dilanjutkan; asesor harus meninjau "
        "ulang dengan hasil dapat dilanjutkan",
        "the FR.APL.02 review said the assessment cannot proceed yet; the assessor must review "
        "it again and find that it can proceed",
    )


@rule(
    "R8",
    T(
        "Penyesuaian yang wajar (FR.AK.07) dicatat sebelum FR.AK.01 dan tidak mengubah unit "
        "kompetensi maupun kriterianya.",
        "Reasonable adjustments (FR.AK.07) are recorded before FR.AK.01 and change neither the "
        "units nor the competence criteria.",
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
            f"unit {codes(outside)} tidak diases pada putaran ini; penyesuaian tidak dapat "
            "menambah atau mengganti unit",
            f"units {codes(outside)} are not assessed in this round; an adjustment cannot add "
            "or swap units",
        )
    if adjustment.kind is AdjustmentKind.METHOD:
        method = adjustment.method
        if method is None or method not in state.scheme_methods:
            shown = method.value if method else "-"
            allowed = codes([m.value for m in state.scheme_methods])
            return T(
                f"metode {shown} bukan metode skema ({allowed}); penyesuaian tidak dapat "
                "mengubah standar",
                f"the method {shown} is not one of the scheme's methods ({allowed}); an "
                "adjustment cannot change the standard",
            )
    elif adjustment.method is not None:
        return T(
            "hanya penyesuaian jenis 'method' yang menyebut metode",
            "only a 'method' adjustment names a method",
        )
    return None


@rule("R23", _R23)
def mode_allowed(ctx: Context) -> Text | None:
    """R23: remote only where the scheme allows it; recorded before FR.AK.01."""
    if ctx.mode is AssessmentMode.REMOTE and not ctx.cert.state.policy.remote_assessment_allowed:
        return T(
            f"skema {ctx.cert.state.scheme_code} tidak mengizinkan asesmen jarak jauh (AJJ); "
            "catat asesmen tatap muka di TUK",
            f"the scheme {ctx.cert.state.scheme_code} does not allow remote assessment (AJJ); "
            "record an on-site assessment at the TUK",
        )
    return _agreement_started(ctx)


@rule("R23", _R23)
def mode_recorded(ctx: Context) -> Text | None:
    """R23: the mode is recorded before FR.AK.01 is signed."""
    if ctx.cert.state.assessment_mode is not None:
        return None
    return T(
        "cara asesmen (tatap muka atau AJJ) belum dicatat; catat dulu sebelum persetujuan "
        "asesmen FR.AK.01",
        "the assessment mode (on-site or remote) is not recorded; record it before the "
        "FR.AK.01 assessment agreement",
    )


@rule(
    "R29",
    T(
        "Pengakuan kandidat atas hasil asesmen (tanda tangan FR.AK.02) atau penolakannya "
        "(FR.AK.05) dicatat; penolakan membuka banding segera setelah keputusan.",
        "The candidate's acknowledgement of the result (FR.AK.02 signature) or its rejection "
        "(FR.AK.05) is recorded; a rejection opens the appeal as soon as the decision is taken.",
    ),
)
def result_to_answer(ctx: Context) -> Text | None:
    """R29."""
    state = ctx.cert.state
    if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(state.subject_id):
        return T(
            "hanya kandidat sendiri yang menjawab hasil asesmennya",
            "only the candidate answers their own result",
        )
    if state.recommendation is None:
        return T(
            "belum ada hasil asesmen (rekomendasi asesor) untuk diakui atau ditolak",
            "there is no assessment result (assessor's recommendation) to acknowledge or reject",
        )
    if state.result_acknowledged is not None:
        given = (
            T("diakui", "acknowledged") if state.result_acknowledged else T("ditolak", "rejected")
        )
        return T(
            f"hasil asesmen ini sudah {given}; jawaban kandidat dicatat sekali",
            f"this result was already {given}; the candidate's answer is recorded once",
        )
    if ctx.trigger == "reject_result" and not ctx.reason.strip():
        return T(
            "penolakan hasil asesmen memerlukan alasan kandidat",
            "a rejection of the result needs the candidate's reason",
        )
    return None
