"""``certflow case``, from the recommendation on.

FR.AK.02, the decision (K/BK), printing with the certificate number, distribution, appeal
(banding), re-assessment, surveillance, suspension and revocation.

Each command makes one move on each case it names, as the person ``--as`` names (the role comes
from their appointments in the register), at ``--at``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from certflow.application import CertificationBody, CertificationView
from certflow.cli import lookup
from certflow.cli.acting import As, At
from certflow.cli.app import Store, parse_day, refusals
from certflow.cli.console import t
from certflow.cli.moves import CASES, Cases, on_cases
from certflow.domain import AppealRemedy, Channel, Recipient, Verdict
from certflow.engine import Actor, InvalidInputError, Text

__all__ = ["commands"]

commands = CASES


def _results(view: CertificationView, bk: set[str], per_case: dict[str, Any]) -> dict[str, str]:
    """Each unit to assess with its verdict: from the file, else BK when named, else K."""
    given = lookup.entry(per_case, view)
    if per_case and not isinstance(given, dict):
        raise InvalidInputError([t("--file names no results for {view_id}", view_id=view.id)])
    if isinstance(given, dict):
        return {str(u): str(v) for u, v in given.items()}
    return {
        u: Verdict.NOT_YET_COMPETENT.value if u in bk else Verdict.COMPETENT.value
        for u in view.units_to_assess
    }


@commands.command()
@refusals
def recommend(
    who: As = None,
    cases: Annotated[list[str] | None, typer.Argument(help="Certification ids.")] = None,
    bk: Annotated[
        list[str] | None, typer.Option("--bk", help="A unit judged not yet competent (repeat).")
    ] = None,
    follow_up: Annotated[
        str, typer.Option(help="What the candidate should do next, when a unit is BK.")
    ] = "",
    file: Annotated[
        Path | None,
        typer.Option(help="A .json or .toml file: each case id with {unit: K or BK}."),
    ] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The assessor's recommendation (FR.AK.02): K when every unit is K, else BK."""
    per_case = lookup.per_case(file, cases)
    keys = lookup.case_keys(cases, per_case)
    marked = set(bk or ())

    def move(lsp: CertificationBody, view: CertificationView, actor: Actor) -> None:
        results = _results(view, marked, per_case)
        competent = all(v == Verdict.COMPETENT.value for v in results.values())
        lsp.recommend(
            view.id,
            results=results,
            recommendation=Verdict.COMPETENT if competent else Verdict.NOT_YET_COMPETENT,
            follow_up="" if competent else follow_up,
            actor=actor,
        )

    on_cases(store, who, at, keys, "recommend", Text("recommended"), move)


@commands.command()
@refusals
def acknowledge(cases: Cases, who: As = None, at: At = None, store: Store = None) -> None:
    """The candidate signs for the result of the assessment (FR.AK.02, R29)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "acknowledge_result",
        Text("result acknowledged"),
        lambda lsp, v, a: lsp.acknowledge_result(v.id, actor=a),
    )


@commands.command("reject-result")
@refusals
def reject_result(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="Why the candidate does not accept it.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The candidate does not accept the result of the assessment (R29)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "reject_result",
        Text("result not accepted"),
        lambda lsp, v, a: lsp.reject_result(v.id, reason=reason, actor=a),
    )


@commands.command("refer-back")
@refusals
def refer_back(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="What the assessor must look at again.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The committee sends a recommendation back to the assessor."""
    on_cases(
        store,
        who,
        at,
        cases,
        "refer_back",
        Text("referred back"),
        lambda lsp, v, a: lsp.refer_back(v.id, reason=reason, actor=a),
    )


@commands.command()
@refusals
def decide(
    cases: Cases,
    outcome: Annotated[Verdict, typer.Option(help="K (competent) or BK (not yet competent).")],
    who: As = None,
    justification: Annotated[str, typer.Option(help="Why, when it departs from advice.")] = "",
    decider: Annotated[
        list[str] | None,
        typer.Option(help="A member of the committee deciding (repeat); default: --as."),
    ] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The certification decision (R33): each unit as the assessor recommended it."""
    on_cases(
        store,
        who,
        at,
        cases,
        "decide",
        Text("decided"),
        lambda lsp, v, a: lsp.decide(
            v.id,
            outcome=outcome,
            justification=justification,
            deciders=decider or [a.id],
            actor=a,
        ),
    )


@commands.command("print")
@refusals
def print_(
    cases: Cases,
    who: As = None,
    manager: Annotated[
        str, typer.Option(help="The certification manager who signs (person id).")
    ] = "",
    head: Annotated[str, typer.Option(help="The head of the LSP who signs (person id).")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Print each certificate: it is numbered by the scheme's format (R40 signatories)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "print_certificate",
        Text("certificate printed"),
        lambda lsp, v, a: lsp.print_certificate(v.id, manager=manager, head=head, actor=a),
    )


@commands.command()
@refusals
def distribute(
    cases: Cases,
    who: As = None,
    recipient: Annotated[Recipient, typer.Option(help="Who received it.")] = Recipient.HOLDER,
    channel: Annotated[Channel, typer.Option(help="How it was handed over.")] = (Channel.IN_PERSON),
    receipt: Annotated[str, typer.Option(help="The receipt's reference.")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Hand each certificate over (the deadline counts from the session's last day, R41)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "distribute_certificate",
        Text("certificate handed over"),
        lambda lsp, v, a: lsp.distribute_certificate(
            v.id, recipient=recipient, channel=channel, receipt=receipt, actor=a
        ),
    )


@commands.command("registration-number")
@refusals
def registration_number(
    cases: Cases,
    number: Annotated[str, typer.Option(help="BNSP's registration number.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Record the registration number BNSP gave a certificate."""
    on_cases(
        store,
        who,
        at,
        cases,
        "record_registration_number",
        Text("registration number recorded"),
        lambda lsp, v, a: lsp.record_registration_number(v.id, number=number, actor=a),
    )


@commands.command()
@refusals
def reissue(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="Why (lost, damaged, name corrected).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Reissue a printed certificate."""
    on_cases(
        store,
        who,
        at,
        cases,
        "reissue_certificate",
        Text("certificate reissued"),
        lambda lsp, v, a: lsp.reissue_certificate(v.id, reason=reason, actor=a),
    )


@commands.command()
@refusals
def appeal(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="Why the candidate appeals.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The candidate appeals (banding) a decision within the window."""
    on_cases(
        store,
        who,
        at,
        cases,
        "lodge_appeal",
        Text("appeal lodged"),
        lambda lsp, v, a: lsp.lodge_appeal(v.id, reason=reason, actor=a),
    )


@commands.command("appeal-panel")
@refusals
def appeal_panel(
    cases: Cases,
    member: Annotated[list[str], typer.Option(help="A member of the panel (repeat).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Form the independent appeal panel (the certification manager or head)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "form_appeal_panel",
        Text("appeal panel formed"),
        lambda lsp, v, a: ", ".join(lsp.form_appeal_panel(v.id, members=member, actor=a)),
    )


@commands.command()
@refusals
def uphold(
    cases: Cases,
    remedy: Annotated[AppealRemedy, typer.Option(help="What the panel orders.")],
    reason: Annotated[str, typer.Option(help="The panel's reasons.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The appeal panel upholds the appeal."""
    on_cases(
        store,
        who,
        at,
        cases,
        "uphold_appeal",
        Text("appeal upheld"),
        lambda lsp, v, a: lsp.uphold_appeal(v.id, remedy=remedy, reason=reason, actor=a),
    )


@commands.command("dismiss-appeal")
@refusals
def dismiss_appeal(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="The panel's reasons.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """The appeal panel rejects the appeal."""
    on_cases(
        store,
        who,
        at,
        cases,
        "reject_appeal",
        Text("appeal rejected"),
        lambda lsp, v, a: lsp.reject_appeal(v.id, reason=reason, actor=a),
    )


@commands.command()
@refusals
def reassess(
    cases: Cases,
    evidence: Annotated[list[str], typer.Option(help="UNIT=REFERENCE for a unit (repeat).")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Ask to be re-assessed on the BK units, with new evidence (FR.APL.02 again)."""
    entries = [
        {"unit": u, "evidence": [r]} for u, r in lookup.pairs(evidence, "--evidence").items()
    ]
    on_cases(
        store,
        who,
        at,
        cases,
        "request_reassessment",
        Text("re-assessment requested"),
        lambda lsp, v, a: lsp.request_reassessment(v.id, entries=entries, actor=a),
    )


@commands.command()
@refusals
def surveillance(
    cases: Cases,
    summary: Annotated[str, typer.Option(help="What the surveillance found.")],
    who: As = None,
    unsatisfactory: Annotated[bool, typer.Option(help="It was not satisfactory.")] = False,
    at: At = None,
    store: Store = None,
) -> None:
    """Record a surveillance of each certificate holder."""
    on_cases(
        store,
        who,
        at,
        cases,
        "record_surveillance",
        Text("surveillance recorded"),
        lambda lsp, v, a: lsp.record_surveillance(
            v.id, summary=summary, satisfactory=not unsatisfactory, actor=a
        ),
    )


@commands.command()
@refusals
def suspend(
    cases: Cases,
    grounds: Annotated[str, typer.Option(help="The grounds for suspension.")],
    resolve_by: Annotated[str, typer.Option(help="The day it must be resolved by.")],
    who: As = None,
    reason: Annotated[str, typer.Option(help="More detail.")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Suspend each certificate (the certification committee)."""
    day = parse_day(resolve_by)
    on_cases(
        store,
        who,
        at,
        cases,
        "suspend",
        Text("suspended"),
        lambda lsp, v, a: lsp.suspend(
            v.id, grounds=grounds, resolve_by=day, reason=reason, actor=a
        ),
    )


@commands.command("lift-suspension")
@refusals
def lift_suspension(
    cases: Cases,
    reason: Annotated[str, typer.Option(help="Why the suspension ends.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Lift the suspension of each certificate."""
    on_cases(
        store,
        who,
        at,
        cases,
        "lift_suspension",
        Text("suspension lifted"),
        lambda lsp, v, a: lsp.lift_suspension(v.id, reason=reason, actor=a),
    )


@commands.command()
@refusals
def revoke(
    cases: Cases,
    grounds: Annotated[str, typer.Option(help="The grounds for revocation.")],
    who: As = None,
    reason: Annotated[str, typer.Option(help="More detail.")] = "",
    at: At = None,
    store: Store = None,
) -> None:
    """Revoke each certificate (the certification committee)."""
    on_cases(
        store,
        who,
        at,
        cases,
        "revoke",
        Text("revoked"),
        lambda lsp, v, a: lsp.revoke(v.id, grounds=grounds, reason=reason, actor=a),
    )
