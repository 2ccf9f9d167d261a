"""Rules of the assessment: agreement, verification, interview and recommendation."""

from __future__ import annotations

from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import (
    AssessmentMethod,
    Role,
    Verdict,
)
from certflow.engine import Text, rule

__all__ = [
    "agreement_signed",
    "appeal_process_explained",
    "assessor_day_limit",
    "bk_has_follow_up",
    "by_assigned_assessor",
    "evidence_correction",
    "further_evidence_before_recommendation",
    "interview_in_session",
    "method_agreed",
    "portfolio_verified",
    "recommendation_matches_units",
    "vatm_checked",
]

# -- the assessment -----------------------------------------------------------------------------


@rule(
    "R15",
    T("Only the assigned assessor records the assessment of a candidate."),
)
def by_assigned_assessor(ctx: Context) -> Text | None:
    """R15."""
    assigned = ctx.cert.state.assessor_id
    if assigned is None:
        return T("no assessor is assigned yet; assign an assessor first")
    if ctx.actor.role == Role.ASSESSOR.value and ctx.actor.id != str(assigned):
        return T(
            "{actor_id} is not the assessor assigned to this candidate; the "
            "assigned assessor must record it",
            actor_id=ctx.actor.id,
        )
    return None


@rule(
    "R14",
    T("One assessor assesses at most the scheme's number of candidates per day."),
)
def assessor_day_limit(ctx: Context) -> Text | None:
    """R14."""
    limit = ctx.cert.state.policy.max_candidates_per_assessor_day
    if ctx.interviews_that_day < limit:
        return None
    return T(
        "this assessor already interviewed {interviews_that_day} "
        "candidates on {today} (limit {limit}); hold the interview on "
        "another day",
        interviews_that_day=ctx.interviews_that_day,
        today=ctx.today.isoformat(),
        limit=limit,
    )


@rule(
    "R18",
    T("No assessment evidence before FR.AK.01 is signed by the candidate and the assessor."),
)
def agreement_signed(ctx: Context) -> Text | None:
    """R18."""
    cert = ctx.cert
    if ctx.trigger == "sign_agreement":
        if cert.state.assessor_id is None:
            return T("no assessor is assigned yet; FR.AK.01 is signed with the assessor")
        if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(cert.state.subject_id):
            return T("only the candidate signs FR.AK.01 on their own behalf")
        signer = "candidate" if ctx.actor.role == Role.CANDIDATE.value else "assessor"
        if signer in cert.state.agreement_signed_by:
            return T("FR.AK.01 is signed by this party already")
        return None
    if {"candidate", "assessor"} <= set(cert.state.agreement_signed_by):
        return None
    return T(
        "FR.AK.01 is not signed by both the candidate and the assessor; "
        "sign the assessment agreement first",
    )


@rule(
    "R19",
    T("Every method recorded is listed in FR.AK.01 and allowed by the scheme."),
)
def method_agreed(ctx: Context) -> Text | None:
    """R19."""
    cert = ctx.cert
    if ctx.trigger == "sign_agreement":
        if not ctx.methods:
            return T("name the methods agreed")
        outside = [m.value for m in ctx.methods if m not in cert.state.scheme_methods]
        if outside:
            return T("method(s) {codes} are not allowed by this scheme", codes=codes(outside))
        if cert.state.agreed_methods and set(cert.state.agreed_methods) != set(ctx.methods):
            return T("the methods differ from those the other party signed")
        return None
    needed = (
        AssessmentMethod.PORTFOLIO
        if ctx.trigger == "verify_portfolio"
        else AssessmentMethod.INTERVIEW
    )
    if needed in cert.state.agreed_methods:
        return None
    return T(
        "method {needed_value} is not listed in the FR.AK.01 agreement",
        needed_value=needed.value,
    )


@rule(
    "R20",
    T("The candidate is told about the appeal process before the assessment."),
)
def appeal_process_explained(ctx: Context) -> Text | None:
    """R20."""
    if ctx.actor.role != Role.CANDIDATE.value or ctx.appeal_explained:
        return None
    return T("the candidate has not been told about the appeal process; explain it, then sign")


@rule(
    "R21",
    T("The portfolio is verified (FR.IA.08) before the interview (FR.IA.09)."),
)
def portfolio_verified(ctx: Context) -> Text | None:
    """R21."""
    if ctx.cert.state.portfolio_verified:
        return None
    return T("the portfolio is not verified (FR.IA.08); verify it before the interview")


@rule(
    "R22",
    T(
        "Every portfolio item is checked against VATM; a unit whose "
        "evidence fails VATM cannot be K.",
    ),
)
def vatm_checked(ctx: Context) -> Text | None:
    """R22."""
    cert = ctx.cert
    if ctx.trigger == "verify_portfolio":
        return _checks_cover_units(ctx)
    weak = [
        u
        for u, verdict in ctx.results.items()
        if verdict is Verdict.COMPETENT and cert.state.vatm.get(u) is False
    ]
    if not weak:
        return None
    return T(
        "the evidence for unit(s) {codes} fails VATM, so they cannot be K",
        codes=codes(weak),
    )


def _checks_cover_units(ctx: Context) -> Text | None:
    """Every unit of the round has a VATM check, and every check is of a unit of the scheme."""
    state = ctx.cert.state
    missing = [u for u in state.units_to_assess if u not in {c.unit for c in ctx.checks}]
    unknown = [c.unit for c in ctx.checks if c.unit not in state.unit_codes]
    if not missing and not unknown:
        return None
    return T(
        "units with no VATM check: {value}; units not in the scheme: {value_2}",
        value=codes(missing) or "-",
        value_2=codes(unknown) or "-",
    )


@rule(
    "R25",
    T("Instrument evidence is immutable; corrections are new events referencing the original."),
)
def evidence_correction(ctx: Context) -> Text | None:
    """R25.

    A correction names this round's verification (or a correction of it), says why, checks
    every unit again and comes before the recommendation.
    """
    state = ctx.cert.state
    if state.recommendation is not None:
        return T(
            "the recommendation is recorded already; evidence is corrected "
            "only before it (the committee refers the case back to the "
            "assessor first)",
        )
    if ctx.corrects not in state.instrument_versions:
        known = codes([str(v) for v in state.instrument_versions]) or "-"
        return T(
            "version {corrects} is not a portfolio verification (FR.IA.08) "
            "or a correction of it in this record; versions that may be "
            "corrected: {known}",
            corrects=ctx.corrects,
            known=known,
        )
    if not ctx.reason.strip():
        return T("give the reason for the correction")
    return _checks_cover_units(ctx)


@rule(
    "R24",
    T(
        "The first assessment's interview takes place during the "
        "assessment session, at a TUK verified for its scheme that day, "
        "and records the TUK.",
    ),
)
def interview_in_session(ctx: Context) -> Text | None:
    """R24 (re-assessments are held after the session, so only the first attempt).

    With the session's TUK in the context, it must be verified for the scheme on the day (R16).
    """
    cert = ctx.cert
    if cert.state.rounds > 1:
        return None
    if cert.state.session_starts_on <= ctx.today <= cert.state.assessment_date:
        if ctx.tuk is None:
            return None
        return ctx.tuk.refusal((cert.state.scheme_id,), ctx.today, ctx.today, cert.state.session_id)
    start, end = cert.state.session_starts_on.isoformat(), cert.state.assessment_date.isoformat()
    return T(
        "the interview date {today} is outside the session ({start} to "
        "{end}); record it with the date it took place",
        today=ctx.today.isoformat(),
        start=start,
        end=end,
    )


@rule(
    "R26",
    T("The recommendation has K/BK for every unit and is K only if every unit is K."),
)
def recommendation_matches_units(ctx: Context) -> Text | None:
    """R26."""
    cert = ctx.cert
    units = cert.state.units_to_assess
    missing = [u for u in units if u not in ctx.results]
    unknown = [u for u in ctx.results if u not in units]
    if missing or unknown:
        return T(
            "units with no K/BK: {value}; units not being assessed: "
            "{value_2}; give K or BK for each unit assessed",
            value=codes(missing) or "-",
            value_2=codes(unknown) or "-",
        )
    all_k = all(v is Verdict.COMPETENT for v in ctx.results.values())
    if ctx.recommendation is Verdict.COMPETENT and not all_k:
        bk = [u for u, v in ctx.results.items() if v is Verdict.NOT_YET_COMPETENT]
        return T(
            "the overall recommendation is K but unit(s) {codes} are BK; "
            "recommend BK or correct the unit results",
            codes=codes(bk),
        )
    if ctx.recommendation is Verdict.NOT_YET_COMPETENT and all_k:
        return T("every unit is K, so the overall recommendation must be K")
    return None


@rule(
    "R27",
    T("A BK recommendation states the follow-up the candidate needs."),
)
def bk_has_follow_up(ctx: Context) -> Text | None:
    """R27."""
    if ctx.recommendation is not Verdict.NOT_YET_COMPETENT or ctx.follow_up.strip():
        return None
    return T(
        "a BK recommendation needs follow-up notes (gaps and further evidence or training)",
    )


@rule(
    "R28",
    T("Further evidence is requested and supplied before the recommendation is recorded."),
)
def further_evidence_before_recommendation(ctx: Context) -> Text | None:
    """R28."""
    cert = ctx.cert
    if cert.state.recommendation is not None:
        return T(
            "the recommendation is recorded already; further evidence comes only before it",
        )
    if ctx.trigger == "request_further_evidence":
        if cert.state.further_evidence_open:
            return T("further evidence is requested already and not yet supplied")
        if not ctx.reason.strip():
            return T("name the further evidence needed")
        return None
    if ctx.trigger == "record_further_evidence":
        if cert.state.further_evidence_open:
            return None
        return T("no further evidence was requested")
    if cert.state.further_evidence_open:
        return T(
            "the further evidence requested is not supplied yet; record it before recommending",
        )
    return None
