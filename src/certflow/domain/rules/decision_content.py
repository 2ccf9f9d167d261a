"""Rules of what a decision, a printed certificate and an overdue surveillance record.

R33 (the decision's content), R40 (the two signatures on a printed certificate) and R43 (the
escalation of an overdue surveillance). Who the deciders and signatories are is checked against
the personnel register by the trust gate; these rules check what the record itself must hold.
"""

from __future__ import annotations

from certflow.domain.certification_dates import surveillance_escalation_due_on
from certflow.domain.rules.context import Context, T, codes
from certflow.domain.values import Role, Verdict
from certflow.engine import Text, rule

__all__ = ["SIGNATORY_ROLES", "decision_content", "signed_by_both", "surveillance_overdue"]

SIGNATORY_ROLES = (Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)
"""Who signs a printed certificate: the certification manager and the head of the LSP (on
behalf of BNSP), R40."""


@rule(
    "R33",
    T(
        "The decision references the recommendation and report it relied "
        "on, names the decision-makers, its date and the outcome of "
        "every unit.",
    ),
)
def decision_content(ctx: Context) -> Text | None:
    """R33."""
    state = ctx.cert.state
    outcomes = ctx.unit_outcomes
    missing = [u for u in state.unit_codes if u not in outcomes]
    if missing:
        return T(
            "the decision gives no outcome for unit(s) {codes}; give K or BK "
            "for every unit of the scheme",
            codes=codes(missing),
        )
    unknown = [u for u in outcomes if u not in state.unit_codes]
    if unknown:
        return T(
            "unit(s) {codes} are not units of scheme {state_scheme_code} "
            "version {state_scheme_version}",
            codes=codes(unknown),
            state_scheme_code=state.scheme_code,
            state_scheme_version=state.scheme_version,
        )
    all_k = all(v is Verdict.COMPETENT for v in outcomes.values())
    if ctx.outcome is not None and (ctx.outcome is Verdict.COMPETENT) != all_k:
        bk = [u for u, v in outcomes.items() if v is not Verdict.COMPETENT]
        shown = codes(bk) if bk else "-"
        return T(
            "the decision {outcome_value} does not match the unit outcomes "
            "(BK: {shown}); K only when every unit is K; name the BK units "
            "for a BK decision",
            outcome_value=ctx.outcome.value,
            shown=shown,
        )
    if not [d for d in ctx.deciders if d.strip()]:
        return T("name the decision-makers (personnel ids)")
    if state.recommendation_version is None:
        return T(
            "there is no assessor's recommendation and report for the decision to refer to",
        )
    return None


@rule(
    "R40",
    T(
        "A certificate is printed with the signatures of the "
        "certification manager and the head of the LSP (on behalf of "
        "BNSP), before it is handed over.",
    ),
)
def signed_by_both(ctx: Context) -> Text | None:
    """R40 (printing)."""
    signed = {k: v.strip() for k, v in ctx.signatories.items() if v.strip()}
    missing = [r.value for r in SIGNATORY_ROLES if r.value not in signed]
    if missing:
        return T(
            "the signature of {codes} is missing; a certificate is signed by "
            "the certification manager and the head of the LSP",
            codes=codes(missing),
        )
    manager = signed[Role.CERTIFICATION_MANAGER.value]
    if manager == signed[Role.HEAD_OF_LSP.value]:
        return T("{manager} cannot sign twice; two different people sign", manager=manager)
    return None


@rule(
    "R43",
    T(
        "An overdue surveillance escalates: a reminder, a warning with a "
        "deadline, then the scheme's sanction (suspension, or revocation "
        "when the scheme says so).",
    ),
)
def surveillance_overdue(ctx: Context) -> Text | None:
    """R43 (escalation, made by the sweep)."""
    due = surveillance_escalation_due_on(ctx.cert.state)
    if ctx.today > due:
        return None
    return T("the next surveillance step is due after {due}", due=due.isoformat())
