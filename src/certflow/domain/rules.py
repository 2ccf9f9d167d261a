"""The certification rules enforced at decision time, with domain.md's rule ids.

Each rule reads a context built by one command of :class:`~certflow.domain.Certification` and
returns ``None`` or a sentence saying what is wrong and what to do. Rules never run on replay:
the event records their ids and the outcome.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from certflow.domain.assessor import Assessor
from certflow.domain.scheme import Scheme, SchemeStatus
from certflow.domain.session import AssessmentSession
from certflow.domain.values import ConflictDeclaration, SelfAssessment, Verdict
from certflow.engine import Actor, Rule, rule

if TYPE_CHECKING:
    from certflow.domain.certification import Certification

__all__ = [
    "ALL_RULES",
    "AssignContext",
    "DecideContext",
    "InterviewContext",
    "PortfolioContext",
    "PrintContext",
    "RegisterContext",
]


@dataclass(frozen=True)
class RegisterContext:
    """What ``register`` is decided on."""

    scheme: Scheme
    session: AssessmentSession
    subject_on_file: bool
    today: date


@dataclass(frozen=True)
class PortfolioContext:
    """What ``submit_portfolio`` is decided on."""

    certification: Certification
    entries: Sequence[SelfAssessment]


@dataclass(frozen=True)
class AssignContext:
    """What ``assign_assessor`` is decided on."""

    certification: Certification
    assessor: Assessor
    declaration: ConflictDeclaration | None


@dataclass(frozen=True)
class InterviewContext:
    """What ``record_interview`` is decided on."""

    certification: Certification
    actor: Actor
    results: Mapping[str, Verdict]
    recommendation: Verdict
    follow_up: str
    today: date


@dataclass(frozen=True)
class DecideContext:
    """What ``decide`` is decided on."""

    certification: Certification
    actor: Actor
    outcome: Verdict
    justification: str
    today: date


@dataclass(frozen=True)
class PrintContext:
    """What ``print_certificate`` is decided on."""

    certification: Certification
    number: str


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes)


@rule("R2", "A registration refers to a candidate whose identity is on file.")
def candidate_on_file(ctx: RegisterContext) -> str | None:
    """R2 (the identity itself stays in the subject store, never in the event)."""
    if ctx.subject_on_file:
        return None
    return "the candidate's identity is not on file; add the candidate first, then register"


@rule("R1", "A registration names a current scheme version offered in the chosen session.")
def scheme_is_current(ctx: RegisterContext) -> str | None:
    """R1."""
    scheme, session = ctx.scheme, ctx.session
    if scheme.status is not SchemeStatus.ACTIVE:
        return (
            f"scheme {scheme.code} version {scheme.version} is retired; "
            "register the candidate on the scheme's current version"
        )
    if not session.offers(scheme.id):
        return (
            f"session {session.code} does not offer scheme {scheme.code}; "
            "choose a session that offers it or add the scheme to the session"
        )
    if ctx.today > session.ends_on:
        return (
            f"session {session.code} ended on {session.ends_on.isoformat()}; "
            "register the candidate for a later session"
        )
    return None


@rule("R6", "The FR.APL.02 portfolio has a self-assessment with evidence for every unit.")
def portfolio_covers_every_unit(ctx: PortfolioContext) -> str | None:
    """R6."""
    units = ctx.certification.unit_codes
    given = [e.unit for e in ctx.entries]
    missing = [u for u in units if u not in given]
    unknown = [u for u in given if u not in units]
    twice = sorted({u for u in given if given.count(u) > 1})
    problems = []
    if missing:
        problems.append(f"no self-assessment for unit(s) {_codes(missing)}")
    if unknown:
        problems.append(f"unit(s) {_codes(unknown)} are not in the scheme")
    if twice:
        problems.append(f"unit(s) {_codes(twice)} appear more than once")
    if not problems:
        return None
    return "; ".join(problems) + "; give one entry with evidence for each unit of the scheme"


@rule("R9", "The assessor's licence is valid on the assessment date.")
def licence_valid_on_assessment_date(ctx: AssignContext) -> str | None:
    """R9."""
    day = ctx.certification.assessment_date
    if ctx.assessor.licensed_on(day):
        return None
    return (
        f"assessor {ctx.assessor.met_number}'s licence expired on "
        f"{ctx.assessor.licence_valid_until.isoformat()}, before the assessment on "
        f"{day.isoformat()}; assign a licensed assessor or record the renewed licence first"
    )


@rule("R10", "The assessor is registered for the certification's scheme.")
def assessor_covers_scheme(ctx: AssignContext) -> str | None:
    """R10."""
    code = ctx.certification.scheme_code
    if ctx.assessor.covers(code):
        return None
    return (
        f"assessor {ctx.assessor.met_number} is not registered for scheme {code}; "
        "assign an assessor registered for this scheme"
    )


@rule("R11", "The assessor declares any conflict of interest before assignment.")
def conflict_declared(ctx: AssignContext) -> str | None:
    """R11."""
    if ctx.declaration is not None:
        return None
    return "the assessor has not declared conflicts of interest; record the declaration first"


@rule("R12", "A declared conflict of interest blocks assignment unless it is mitigated.")
def conflict_mitigated(ctx: AssignContext) -> str | None:
    """R12."""
    declaration = ctx.declaration
    if declaration is None or not declaration.has_conflict or declaration.mitigation.strip():
        return None
    details = f" ({declaration.details.strip()})" if declaration.details.strip() else ""
    return (
        f"the assessor declared a conflict of interest{details}; assign another assessor "
        "or have an LSP officer record a mitigation"
    )


@rule("R15", "Only the assigned assessor records the assessment of a candidate.")
def by_assigned_assessor(ctx: InterviewContext) -> str | None:
    """R15."""
    assigned = ctx.certification.assessor_id
    if assigned is None:
        return "no assessor is assigned yet; assign an assessor before the interview"
    if ctx.actor.id != str(assigned):
        return (
            f"{ctx.actor.id} is not the assessor assigned to this candidate; "
            "the assigned assessor must record the interview"
        )
    return None


@rule("R24", "The interview takes place during the assessment session.")
def interview_in_session(ctx: InterviewContext) -> str | None:
    """R24."""
    cert = ctx.certification
    if cert.session_starts_on <= ctx.today <= cert.assessment_date:
        return None
    return (
        f"the interview date {ctx.today.isoformat()} is outside the session "
        f"({cert.session_starts_on.isoformat()} to {cert.assessment_date.isoformat()}); "
        "record it with the date it took place"
    )


@rule("R26", "The recommendation has K/BK for every unit and is K only if every unit is K.")
def recommendation_matches_units(ctx: InterviewContext) -> str | None:
    """R26."""
    units = ctx.certification.unit_codes
    missing = [u for u in units if u not in ctx.results]
    unknown = [u for u in ctx.results if u not in units]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"no K/BK for unit(s) {_codes(missing)}")
        if unknown:
            parts.append(f"unit(s) {_codes(unknown)} are not in the scheme")
        return "; ".join(parts) + "; give K or BK for each unit of the scheme"
    all_k = all(v is Verdict.COMPETENT for v in ctx.results.values())
    if ctx.recommendation is Verdict.COMPETENT and not all_k:
        bk = [u for u, v in ctx.results.items() if v is Verdict.NOT_YET_COMPETENT]
        return (
            f"the overall recommendation is K but unit(s) {_codes(bk)} are BK; "
            "recommend BK or correct the unit results"
        )
    if ctx.recommendation is Verdict.NOT_YET_COMPETENT and all_k:
        return "every unit is K, so the overall recommendation must be K"
    return None


@rule("R27", "A BK recommendation states the follow-up the candidate needs.")
def bk_has_follow_up(ctx: InterviewContext) -> str | None:
    """R27."""
    if ctx.recommendation is Verdict.COMPETENT or ctx.follow_up.strip():
        return None
    return "a BK recommendation needs follow-up notes (gaps and further evidence or training)"


@rule("R32", "No one who assessed the candidate takes the certification decision.")
def decider_did_not_assess(ctx: DecideContext) -> str | None:
    """R32."""
    if ctx.actor.id in {str(a) for a in ctx.certification.assessor_ids}:
        return (
            f"{ctx.actor.id} assessed this candidate and may not take the decision; "
            "another committee member must decide"
        )
    return None


@rule("R34", "A decision that departs from the assessor's recommendation is justified.")
def departure_justified(ctx: DecideContext) -> str | None:
    """R34."""
    if ctx.outcome is ctx.certification.recommendation or ctx.justification.strip():
        return None
    return (
        f"the decision {ctx.outcome.value} differs from the assessor's recommendation "
        f"{ctx.certification.recommendation.value if ctx.certification.recommendation else '-'}; "
        "give a justification"
    )


@rule("R35", "The decision is dated on or after the assessment.")
def decided_after_assessment(ctx: DecideContext) -> str | None:
    """R35."""
    interviewed_on = ctx.certification.interviewed_on
    if interviewed_on is None or ctx.today >= interviewed_on:
        return None
    return (
        f"the decision date {ctx.today.isoformat()} is before the interview on "
        f"{interviewed_on.isoformat()}; record the decision with its real date"
    )


@rule("R37", "A certificate number is given once and never changes.")
def number_is_given(ctx: PrintContext) -> str | None:
    """R37 (uniqueness is enforced by the store; see docs/architecture.md)."""
    if not ctx.number.strip():
        return "the certificate number is empty; let certflow allocate it"
    if ctx.certification.certificate_number is not None:
        return f"a certificate number ({ctx.certification.certificate_number}) is already given"
    return None


ALL_RULES: tuple[Rule[Any], ...] = (
    scheme_is_current,
    candidate_on_file,
    portfolio_covers_every_unit,
    licence_valid_on_assessment_date,
    assessor_covers_scheme,
    conflict_declared,
    conflict_mitigated,
    by_assigned_assessor,
    interview_in_session,
    recommendation_matches_units,
    bk_has_follow_up,
    decider_did_not_assess,
    departure_justified,
    decided_after_assessment,
    number_is_given,
)
"""Every business rule of the certification workflow (role and stage rules are on the moves)."""
