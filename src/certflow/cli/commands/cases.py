"""``certflow case``, up to the interview (the moves before the recommendation).

Register, admit or reject, FR.APL.02, assignment, pre-assessment, the FR.AK.01 agreement,
portfolio verification, no-show and interview.

Each command makes one move on each case it names, as the person ``--as`` names (the role comes
from their appointments in the register, never from the command line), at ``--at``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from certflow.application import CertificationBody, CertificationView
from certflow.cli import lookup
from certflow.cli.acting import As, At, acting, assessor_key, record_at, subject_key
from certflow.cli.app import Store, opened, refusals
from certflow.cli.console import t
from certflow.cli.moves import CASES, Cases, on_cases
from certflow.domain import AssessmentMethod, AssessmentMode, Purpose, Verdict
from certflow.engine import Actor, InvalidInputError, NotFoundError, Text

__all__ = ["commands"]

commands = CASES

DataFile = Annotated[
    Path | None,
    typer.Option(
        "--file",
        help="A .json or .toml file: each case (id or number) with its own entries.",
        dir_okay=False,
    ),
]


@commands.command()
@refusals
def register(
    candidates: Annotated[
        list[str], typer.Argument(help="Candidates on file: subject ids or NIKs.")
    ],
    session: Annotated[str, typer.Option(help="The assessment session's code.")],
    scheme: Annotated[str, typer.Option(help="The scheme's code.")],
    who: As = None,
    purpose: Annotated[Purpose, typer.Option(help="Why they apply.")] = Purpose.CERTIFICATION,
    at: At = None,
    store: Store = None,
) -> None:
    """Register each candidate's application (FR.APL.01) for a scheme in a session."""
    console = Console()
    with opened(store) as lsp:
        record_at(lsp, at)
        planned = lookup.session(lsp, session)
        chosen = lookup.scheme(lsp, scheme)
        for key in candidates:
            subject = subject_key(lsp, key)
            if subject is None:
                raise NotFoundError("candidate", key.strip())
            actor = acting(lsp, who, "register", scheme=chosen.code)
            made = lsp.register(
                subject_id=subject,
                scheme_id=chosen.id,
                session_id=planned.id,
                purpose=purpose,
                actor=actor,
            )
            console.print(f"{t('registered')}: {made}")


@commands.command()
@refusals
def admit(cases: Cases, who: As = None, at: At = None, store: Store = None) -> None:
    """Admit each application (the LSP admin)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "admit",
        Text("admitted"),
        lambda lsp, v, a: lsp.admit(v.id, actor=a),
    )


@commands.command()
@refusals
def reject(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="Why the application is rejected.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Reject each application, with the reason (the LSP admin)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "reject_application",
        Text("rejected"),
        lambda lsp, v, a: lsp.reject_application(v.id, reason=reason, actor=a),
    )


@commands.command("request-documents")
@refusals
def request_documents(
    cases: Cases,
    document: Annotated[list[str], typer.Option(help="A document still needed (repeat).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Ask each applicant for missing documents before admission."""
    on_cases(
        store,
        who,
        at,
        cases,
        "request_documents",
        Text("documents requested"),
        lambda lsp, v, a: lsp.request_documents(v.id, documents=document, actor=a),
    )


@commands.command()
@refusals
def withdraw(
    cases: Cases,
    who: As = None,
    reason: Annotated[str, typer.Option(help="Why (optional).")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Withdraw each application (the candidate, or the LSP admin for them)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "withdraw",
        Text("withdrawn"),
        lambda lsp, v, a: lsp.withdraw(v.id, reason=reason, actor=a),
    )


@commands.command()
@refusals
def portfolio(
    who: As = None,
    cases: Annotated[list[str] | None, typer.Argument(help="Certification ids.")] = None,
    evidence: Annotated[
        list[str] | None, typer.Option(help="UNIT=REFERENCE, one per unit (repeat).")
    ] = None,
    claim: Annotated[Verdict, typer.Option(help="The candidate's own claim.")] = Verdict.COMPETENT,
    file: DataFile = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Submit FR.APL.02: the self-assessment and its evidence, per unit.

    With --evidence, every case named gets those entries; with --file, each case its own list
    of entries ({unit, claim, evidence: [references]}).
    """
    per_case = lookup.per_case(file, cases)
    given = lookup.pairs(evidence or (), "--evidence")
    if not per_case and not given:
        raise InvalidInputError(
            [t("give --evidence UNIT=REFERENCE (repeat) or --file")],
            ("R5",),
        )
    entries = [{"unit": u, "claim": claim, "evidence": [ref]} for u, ref in given.items()]
    on_cases(
        store,
        who,
        at,
        lookup.case_keys(cases, per_case),
        "submit_portfolio",
        Text("portfolio submitted"),
        lambda lsp, v, a: lsp.submit_portfolio(
            v.id, entries=lookup.entry(per_case, v) or entries, actor=a
        ),
    )


@commands.command()
@refusals
def assign(
    cases: Cases,
    assessor: Annotated[str, typer.Option(help="The assessor: MET number, id or name.")],
    who: As = None,
    conflict: Annotated[
        str, typer.Option(help="The assessor's declared conflict of interest, if any (R11).")
    ] = "",
    mitigation: Annotated[str, typer.Option(help="How that conflict is mitigated.")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Assign the assessor to each case, with their conflict-of-interest declaration (R11)."""
    declaration = {"has_conflict": bool(conflict), "details": conflict, "mitigation": mitigation}

    def move(lsp: CertificationBody, view: CertificationView, actor: Actor) -> None:
        lsp.assign_assessor(
            view.id,
            assessor_id=assessor_key(lsp, assessor),
            declaration=declaration,
            actor=actor,
        )

    on_cases(store, who, at, cases, "assign_assessor", Text("assigned"), move)


@commands.command()
@refusals
def review(
    cases: Cases,
    who: As = None,
    stop: Annotated[
        bool, typer.Option("--stop", help="The assessment cannot proceed (give --reasons).")
    ] = False,
    reasons: Annotated[str, typer.Option(help="Why it cannot proceed.")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """The assessor's review of FR.APL.02: whether the assessment can proceed (R7)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "review_self_assessment",
        Text("APL.02 reviewed"),
        lambda lsp, v, a: lsp.review_self_assessment(
            v.id, proceed=not stop, reasons=reasons, actor=a
        ),
    )


@commands.command()
@refusals
def mode(
    cases: Cases,
    who: As = None,
    assessment: Annotated[
        AssessmentMode, typer.Option("--mode", help="On site or remote (R23).")
    ] = AssessmentMode.ON_SITE,
    at: At = None,
    store: Store = None,
) -> None:
    """Record whether each assessment is on site or remote (R23)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "record_assessment_mode",
        Text("assessment mode recorded"),
        lambda lsp, v, a: lsp.record_assessment_mode(v.id, mode=assessment, actor=a),
    )


@commands.command()
@refusals
def sign(
    cases: Cases,
    who: As = None,
    method: Annotated[
        list[AssessmentMethod] | None,
        typer.Option(help="An agreed method (repeat); default: portfolio and interview."),
    ] = None,
    appeals_explained: Annotated[
        bool,
        typer.Option(
            "--appeals-explained/--appeals-not-explained",
            help="Whether the appeal process was explained.",
        ),
    ] = True,
    at: At = None,
    store: Store = None,
) -> None:
    """Sign the FR.AK.01 agreement: the candidate and the assessor each sign."""
    methods = method or [AssessmentMethod.PORTFOLIO, AssessmentMethod.INTERVIEW]
    on_cases(
        store,
        who,
        at,
        cases,
        "sign_agreement",
        Text("FR.AK.01 signed"),
        lambda lsp, v, a: lsp.sign_agreement(
            v.id, methods=methods, appeal_process_explained=appeals_explained, actor=a
        ),
    )


@commands.command()
@refusals
def verify(
    who: As = None,
    cases: Annotated[list[str] | None, typer.Argument(help="Certification ids.")] = None,
    insufficient: Annotated[
        list[str] | None, typer.Option(help="A unit whose evidence is not sufficient (repeat).")
    ] = None,
    file: DataFile = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Verify each portfolio (VATM): the evidence submitted, unit by unit.

    Without --file, every piece of evidence submitted is valid, authentic and current, and
    sufficient unless its unit is given with --insufficient. With --file, each case its own
    checks ({unit, evidence, valid, authentic, current, sufficient}).
    """
    per_case = lookup.per_case(file, cases)
    short = set(insufficient or ())

    def checks(view: CertificationView) -> Any:
        if per_case:
            return lookup.entry(per_case, view) or []
        return [
            {
                "unit": entry.unit,
                "evidence": ref,
                "valid": True,
                "authentic": True,
                "current": True,
                "sufficient": entry.unit not in short,
            }
            for entry in view.self_assessment
            if entry.unit in view.units_to_assess
            for ref in entry.evidence
        ]

    on_cases(
        store,
        who,
        at,
        lookup.case_keys(cases, per_case),
        "verify_portfolio",
        Text("portfolio verified"),
        lambda lsp, v, a: lsp.verify_portfolio(v.id, checks=checks(v), actor=a),
    )


@commands.command("no-show")
@refusals
def no_show(cases: Cases, who: As = None, at: At = None, store: Store = None) -> None:
    """Record that each candidate did not come to the assessment."""
    on_cases(
        store,
        who,
        at,
        cases,
        "record_no_show",
        Text("no-show recorded"),
        lambda lsp, v, a: lsp.record_no_show(v.id, actor=a),
    )


@commands.command()
@refusals
def interview(cases: Cases, who: As = None, at: At = None, store: Store = None) -> None:
    """Record the interview of each candidate (the assessor)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "record_interview",
        Text("interview recorded"),
        lambda lsp, v, a: lsp.record_interview(v.id, actor=a),
    )


@commands.command("request-evidence")
@refusals
def request_evidence(
    cases: Cases,
    request: Annotated[str, typer.Option(help="What further evidence is needed.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The assessor asks for further evidence after the interview."""
    on_cases(
        store,
        who,
        at,
        cases,
        "request_further_evidence",
        Text("further evidence requested"),
        lambda lsp, v, a: lsp.request_further_evidence(v.id, request=request, actor=a),
    )


@commands.command("add-evidence")
@refusals
def add_evidence(
    cases: Cases,
    evidence: Annotated[list[str], typer.Option(help="A reference to the evidence (repeat).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The assessor records the further evidence received."""
    on_cases(
        store,
        who,
        at,
        cases,
        "record_further_evidence",
        Text("further evidence recorded"),
        lambda lsp, v, a: lsp.record_further_evidence(v.id, evidence=evidence, actor=a),
    )
