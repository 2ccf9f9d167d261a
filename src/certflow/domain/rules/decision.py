"""Rules of the decision, withdrawal, no-shows, appeal and re-assessment."""

from __future__ import annotations

from certflow.domain.certification_dates import units_needing_reassessment
from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import Role
from certflow.engine import Text, rule

__all__ = [
    "appeal_in_window",
    "by_panel_member",
    "decided_after_assessment",
    "decider_did_not_assess",
    "departure_justified",
    "no_show_recorded",
    "panel_independent",
    "reassessment_allowed",
    "recommendation_before_decision",
]

# -- the decision -------------------------------------------------------------------------------


@rule(
    "R30",
    T("The assessor's recommendation and report (FR.AK.02, FR.AK.05) exist before a decision."),
)
def recommendation_before_decision(ctx: Context) -> Text | None:
    """R30."""
    if ctx.cert.state.recommendation is not None:
        return None
    return T("there is no assessor's recommendation yet; the assessor must record it first")


@rule(
    "R32",
    T("No one who assessed the candidate takes the certification decision."),
)
def decider_did_not_assess(ctx: Context) -> Text | None:
    """R32."""
    if ctx.actor.id in {str(a) for a in ctx.cert.state.assessor_ids}:
        return T(
            "{actor_id} assessed this candidate and may not take the "
            "decision; another committee member must decide",
            actor_id=ctx.actor.id,
        )
    return None


@rule(
    "R34",
    T("A decision departing from the recommendation, or a referral back, is justified."),
)
def departure_justified(ctx: Context) -> Text | None:
    """R34."""
    recommendation = ctx.cert.state.recommendation
    if ctx.trigger == "refer_back":
        if ctx.reason.strip():
            return None
        return T("a referral back needs a reason")
    assert ctx.outcome is not None
    if ctx.outcome is recommendation or ctx.justification.strip():
        return None
    shown = recommendation.value if recommendation else "-"
    return T(
        "the decision {outcome_value} differs from the assessor's "
        "recommendation {shown}; give a justification",
        outcome_value=ctx.outcome.value,
        shown=shown,
    )


@rule(
    "R35",
    T("The decision is dated on or after the assessment."),
)
def decided_after_assessment(ctx: Context) -> Text | None:
    """R35."""
    interviewed_on = ctx.cert.state.interviewed_on
    if interviewed_on is None or ctx.today >= interviewed_on:
        return None
    return T(
        "the decision date {today} is before the interview on "
        "{interviewed_on}; record the decision with its real date",
        today=ctx.today.isoformat(),
        interviewed_on=interviewed_on.isoformat(),
    )


# -- withdrawal, no-show --------------------------------------------------------------------


@rule(
    "R56",
    T(
        "A no-show sends the candidate back to assignment; after the "
        "scheme's limit the application is withdrawn.",
    ),
)
def no_show_recorded(ctx: Context) -> Text | None:
    """R56."""
    state = ctx.cert.state
    if state.assessor_id is None:
        return T("no assessor is assigned, so no assessment could be missed")
    if ctx.today < state.session_starts_on:
        return T(
            "the session starts on {state_session_starts_on}; a no-show can "
            "only be recorded on or after its first day",
            state_session_starts_on=state.session_starts_on.isoformat(),
        )
    return None


# -- appeal and re-assessment ---------------------------------------------------------------


@rule(
    "R49",
    T(
        "The candidate appeals a BK decision within the scheme's appeal "
        "window, with a written reason.",
    ),
)
def appeal_in_window(ctx: Context) -> Text | None:
    """R49."""
    cert = ctx.cert
    if ctx.trigger == "close_appeal_window":
        due = cert.state.appeal_window_ends_on
        if due is not None and ctx.today > due:
            return None
        return T("the appeal window has not ended yet")
    if ctx.actor.role == Role.CANDIDATE.value and ctx.actor.id != str(cert.state.subject_id):
        return T("only the candidate can lodge their own appeal")
    ends = cert.state.appeal_window_ends_on
    if cert.state.appeal_window_closed or (ends is not None and ctx.today > ends):
        shown = ends.isoformat() if ends else "-"
        return T(
            "the appeal window ended on {shown}; an appeal can no longer be lodged",
            shown=shown,
        )
    if not ctx.reason.strip():
        return T("an appeal needs a written reason")
    return None


@rule(
    "R51",
    T(
        "The certification manager forms the appeal panel without the "
        "assessors and deciders of the contested decision.",
    ),
)
def panel_independent(ctx: Context) -> Text | None:
    """R51 (forming the panel)."""
    panel = [p.strip() for p in ctx.panel if p.strip()]
    if not panel:
        return T("name the members of the appeal panel")
    involved = {str(a) for a in ctx.cert.state.assessor_ids} | set(ctx.cert.state.deciders)
    conflicted = [p for p in panel if p in involved]
    if conflicted:
        return T(
            "panel member(s) {codes} took part in the contested assessment "
            "or decision; form a panel without them",
            codes=codes(conflicted),
        )
    return None


@rule(
    "R51",
    T("The appeal is decided by a member of the panel formed for it."),
)
def by_panel_member(ctx: Context) -> Text | None:
    """R51 (deciding the appeal)."""
    panel = ctx.cert.state.appeal_panel
    if not panel:
        return T("no appeal panel is formed yet; the certification manager forms it first")
    if ctx.actor.id not in panel:
        return T(
            "{actor_id} is not a member of the appeal panel formed ({codes})",
            actor_id=ctx.actor.id,
            codes=codes(list(panel)),
        )
    return None


@rule(
    "R54",
    T(
        "A re-assessment covers at least the BK units, carries K units "
        "over within the carry-over period, and is limited to the "
        "scheme's attempts per cycle.",
    ),
)
def reassessment_allowed(ctx: Context) -> Text | None:
    """R54."""
    cert = ctx.cert
    attempt, limit = cert.state.attempt, cert.state.policy.max_attempts
    if attempt >= limit:
        return T(
            "the candidate was assessed {attempt} times (limit {limit}); register a new cycle",
            attempt=attempt,
            limit=limit,
        )
    needed = units_needing_reassessment(cert.state, ctx.today)
    given = {e.unit for e in ctx.entries}
    missing = [u for u in needed if u not in given]
    if missing:
        return T("the re-assessment must cover unit(s) {codes}", codes=codes(missing))
    return None
