"""Rules of registration, admission, the portfolio and assessor assignment."""

from __future__ import annotations

from certflow.domain.rules.context import Context, T, codes
from certflow.domain.scheme import SchemeStatus
from certflow.domain.values import (
    AppealRemedy,
    Purpose,
    Stage,
)
from certflow.engine import Text, rule

__all__ = [
    "admission",
    "assessor_covers_scheme",
    "candidate_on_file",
    "conflict_declared",
    "conflict_mitigated",
    "different_assessor_after_appeal",
    "documents_named",
    "licence_valid_on_assessment_date",
    "portfolio_covers_every_unit",
    "recertification_linked",
    "scheme_is_current",
]

# -- registration and admission -----------------------------------------------------------------


@rule(
    "R1",
    T("A registration names a current scheme version offered in the chosen session."),
)
def scheme_is_current(ctx: Context) -> Text | None:
    """R1."""
    scheme, session = ctx.scheme, ctx.session
    assert scheme is not None
    assert session is not None
    if scheme.status is not SchemeStatus.ACTIVE:
        return T(
            "scheme {scheme_code} version {scheme_version} is retired; "
            "register the candidate on the scheme's current version",
            scheme_code=scheme.code,
            scheme_version=scheme.version,
        )
    if not session.offers(scheme.id):
        return T(
            "session {session_code} does not offer scheme {scheme_code}; "
            "choose a session that offers it or add the scheme to the session",
            session_code=session.code,
            scheme_code=scheme.code,
        )
    if ctx.today > session.ends_on:
        return T(
            "session {session_code} ended on {session_ends_on}; register the "
            "candidate for a later session",
            session_code=session.code,
            session_ends_on=session.ends_on.isoformat(),
        )
    return None


@rule(
    "R2",
    T("A registration refers to a candidate whose identity is on file, with a purpose."),
)
def candidate_on_file(ctx: Context) -> Text | None:
    """R2 (the identity itself stays in the subject store, never in the event)."""
    if ctx.subject_on_file:
        return None
    return T("the candidate's identity is not on file; add the candidate first, then register")


@rule(
    "R4",
    T(
        "An LSP admin admits or rejects an application; a rejection "
        "gives a reason; the portfolio comes only after admission.",
    ),
)
def admission(ctx: Context) -> Text | None:
    """R4."""
    cert = ctx.cert
    if ctx.trigger == "submit_portfolio":
        if cert.state.admitted:
            return None
        return T(
            "the application is not admitted yet; an LSP admin must admit it "
            "before the portfolio is handed in",
        )
    if cert.state.admitted:
        return T("the application is admitted already; the admission cannot be changed")
    if ctx.trigger == "reject_application" and not ctx.reason.strip():
        return T("a rejection needs a reason")
    return None


@rule(
    "R5",
    T("Missing documents are requested, not a reason to reject; the stage stays registered."),
)
def documents_named(ctx: Context) -> Text | None:
    """R5."""
    if ctx.cert.state.admitted:
        return T("the application is admitted already; documents can no longer be requested")
    if not [d for d in ctx.documents if d.strip()]:
        return T("name the documents that are requested")
    return None


@rule(
    "R47",
    T(
        "A recertification refers to the previous certificate of the "
        "same scheme (not revoked) with surveillance reports, brings "
        "logbook evidence, and supersedes it when its own certificate is "
        "handed over.",
    ),
)
def recertification_linked(ctx: Context) -> Text | None:
    """R47."""
    if ctx.trigger == "supersede":
        new = ctx.superseded_by
        if new is not None and new.state.previous_certification_id == ctx.cert.id:
            return None
        return T("only a recertification that refers to this certification can supersede it")
    previous = ctx.previous
    if ctx.purpose is not Purpose.RECERTIFICATION:
        if previous is None:
            return None
        return T("only a recertification refers to a previous certification")
    if previous is None:
        return T("a recertification needs the previous certification; give its id")
    scheme = ctx.scheme
    assert scheme is not None
    previous_code = previous.state.scheme_code
    if previous_code != scheme.code:
        return T(
            "the previous certification is for scheme {previous_code}, not {scheme_code}",
            previous_code=previous_code,
            scheme_code=scheme.code,
        )
    if previous.stage not in (Stage.DISTRIBUTED, Stage.EXPIRED, Stage.SUSPENDED):
        return T(
            "the previous certification is {stage_value}; recertification "
            "starts only from a valid or expired certificate",
            stage_value=previous.stage.value,
        )
    if previous.state.last_surveillance_on is None:
        return T(
            "the previous certificate has no surveillance report; its holder "
            "registers as a new applicant (purpose sertifikasi, without a "
            "previous certification)",
        )
    if not [e for e in ctx.logbook if e.strip()]:
        return T(
            "a recertification needs logbook or activity evidence; give its document references",
        )
    return None


# -- portfolio ----------------------------------------------------------------------------------


@rule(
    "R6",
    T("The FR.APL.02 portfolio has a self-assessment with evidence for every unit assessed."),
)
def portfolio_covers_every_unit(ctx: Context) -> Text | None:
    """R6."""
    units = ctx.cert.state.units_to_assess
    given = [e.unit for e in ctx.entries]
    missing = [u for u in units if u not in given]
    unknown = [u for u in given if u not in ctx.cert.state.unit_codes]
    twice = sorted({u for u in given if given.count(u) > 1})
    problems: list[Text] = []
    if missing:
        problems.append(T("no self-assessment for unit(s) {codes}", codes=codes(missing)))
    if unknown:
        problems.append(T("unit(s) {codes} are not in the scheme", codes=codes(unknown)))
    if twice:
        problems.append(T("unit(s) {codes} appear more than once", codes=codes(twice)))
    if not problems:
        return None
    found = Text.join(problems)
    return T("{found}; give one entry with evidence for each unit of the scheme", found=found)


# -- assessor assignment ------------------------------------------------------------------------


@rule(
    "R9",
    T("The assessor's licence is valid on the assessment date."),
)
def licence_valid_on_assessment_date(ctx: Context) -> Text | None:
    """R9."""
    assessor = ctx.assessor
    assert assessor is not None
    day = max(ctx.cert.state.assessment_date, ctx.today)
    if assessor.licensed_on(day):
        return None
    until = assessor.licence_valid_until.isoformat()
    return T(
        "assessor {assessor_met_number}'s licence expired on {until}, "
        "before the assessment on {day}; assign a licensed assessor or "
        "record the renewed licence first",
        assessor_met_number=assessor.met_number,
        until=until,
        day=day.isoformat(),
    )


@rule(
    "R10",
    T("The assessor is registered for the certification's scheme."),
)
def assessor_covers_scheme(ctx: Context) -> Text | None:
    """R10."""
    assessor = ctx.assessor
    assert assessor is not None
    code = ctx.cert.state.scheme_code
    if assessor.covers(code):
        return None
    return T(
        "assessor {assessor_met_number} is not registered for scheme "
        "{code}; assign an assessor registered for this scheme",
        assessor_met_number=assessor.met_number,
        code=code,
    )


@rule(
    "R11",
    T("The assessor declares any conflict of interest before assignment."),
)
def conflict_declared(ctx: Context) -> Text | None:
    """R11."""
    if ctx.declaration is not None:
        return None
    return T(
        "the assessor has not declared conflicts of interest; record the declaration first",
    )


@rule(
    "R12",
    T("A declared conflict of interest blocks assignment unless it is mitigated."),
)
def conflict_mitigated(ctx: Context) -> Text | None:
    """R12."""
    declaration = ctx.declaration
    if declaration is None or not declaration.has_conflict or declaration.mitigation.strip():
        return None
    details = f" ({declaration.details.strip()})" if declaration.details.strip() else ""
    return T(
        "the assessor declared a conflict of interest{details}; assign "
        "another assessor or have an LSP officer record a mitigation",
        details=details,
    )


@rule(
    "R52",
    T("After an upheld appeal, the re-assessment is done by a different assessor."),
)
def different_assessor_after_appeal(ctx: Context) -> Text | None:
    """R52 (the assignment half; the remedy half is on ``uphold_appeal``)."""
    if ctx.trigger == "uphold_appeal":
        if ctx.remedy is AppealRemedy.REVISED_DECISION and ctx.cert.state.recommendation is None:
            return T(
                "a decision cannot be revised without an assessor's "
                "recommendation; choose re-assessment",
            )
        return None
    assessor = ctx.assessor
    assert assessor is not None
    if assessor.id in ctx.cert.state.excluded_assessors:
        return T(
            "assessor {assessor_met_number} assessed this candidate before "
            "the appeal; assign a different assessor",
            assessor_met_number=assessor.met_number,
        )
    return None
