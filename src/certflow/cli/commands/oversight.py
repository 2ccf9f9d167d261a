"""``certflow misconduct``: flag an assessor, review the decisions their records affect (R55).

Flagging quarantines every certification the assessor's records affect (the library finds them
from the records): no certificate of theirs is printed and the assessor is not assigned again
while the case is open. Each quarantined decision is then confirmed or set aside by someone who
neither assessed nor decided it. Who acts is named with ``--as`` (the role comes from the
personnel register), when with ``--at``; ``misconduct list`` shows every case.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow.application import QuarantineView
from certflow.cli.acting import As, At, acting, assessor_key, record_at
from certflow.cli.app import Store, opened, refusals
from certflow.cli.console import escape, t
from certflow.cli.formats import FormatOption, chosen
from certflow.cli.labels import Labels
from certflow.cli.moves import Cases, on_cases
from certflow.cli.render.tables import Column, Row, emit
from certflow.domain import MisconductKind, ReviewOutcome
from certflow.engine import InvalidInputError, Text

__all__ = ["MISCONDUCT_COLUMNS", "commands", "misconduct_rows"]

commands = typer.Typer(
    name="misconduct",
    help="An assessor's misconduct or gratification: their records quarantined, the "
    "decisions reviewed (R55).",
    no_args_is_help=True,
)


def _complaint_id(text: str) -> UUID:
    try:
        return UUID(text.strip())
    except ValueError:
        raise InvalidInputError(
            [t("{text!r} is not a complaint id", text=text)], ("R55",)
        ) from None


@commands.command()
@refusals
def flag(
    assessor: Annotated[str, typer.Option(help="The assessor: MET number, id or name.")],
    grounds: Annotated[str, typer.Option(help="What the assessor is found to have done.")],
    who: As = None,
    kind: Annotated[
        MisconductKind, typer.Option(help="gratification or misconduct.")
    ] = MisconductKind.MISCONDUCT,
    complaint: Annotated[
        str | None, typer.Option(help="The complaint that led to it, by id (complaint list).")
    ] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Flag an assessor and quarantine their records (R55); prints the cases held."""
    complaint_id = _complaint_id(complaint) if complaint is not None else None
    with opened(store) as lsp:
        record_at(lsp, at)
        found = assessor_key(lsp, assessor)
        lsp.flag_misconduct(
            assessor_id=found,
            kind=kind,
            grounds=grounds,
            complaint_id=complaint_id,
            actor=acting(lsp, who, "flag_misconduct"),
        )
        held = lsp.get_misconduct_case(found)
        labels = Labels(lsp)
        names = [labels.certificate_number(c) or str(c) for c in held.affected]
    console = Console()
    console.print(
        t(
            "assessor flagged: {assessor}; {count} certifications quarantined",
            assessor=escape(assessor.strip()),
            count=len(names),
        )
    )
    for name in names:
        console.print(f"  {escape(name)}")


@commands.command()
@refusals
def review(
    cases: Cases,
    outcome: Annotated[
        ReviewOutcome,
        typer.Option(help="confirmed (the decision stands) or set_aside (re-assessment)."),
    ],
    reason: Annotated[str, typer.Option(help="Why the decision stands or is set aside.")],
    who: As = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Confirm or set aside each quarantined decision (R55), as someone who did not decide it."""
    on_cases(
        store,
        who,
        at,
        cases,
        "review_quarantined",
        Text("quarantine reviewed"),
        lambda lsp, v, a: lsp.review_quarantined(v.id, outcome=outcome, reason=reason, actor=a),
    )


MISCONDUCT_COLUMNS = (
    Column("case_id", "id", in_table=False),
    Column("assessor_id", Text("assessor id"), in_table=False),
    Column("assessor", Text("assessor")),
    Column("stage", Text("stage")),
    Column("kind", Text("kind")),
    Column("flagged_on", Text("flagged on")),
    Column("complaint_id", Text("complaint"), in_table=False),
    Column("affected", Text("quarantined")),
    Column("pending", Text("awaiting review")),
    Column("reviews", Text("reviewed")),
    Column("grounds", Text("grounds")),
)
"""The columns of ``certflow misconduct list``; certifications by certificate number, else id."""


def misconduct_rows(cases: Sequence[QuarantineView], labels: Labels) -> list[Row]:
    """Each misconduct case, oldest first: the assessor, the certifications held, the reviews."""

    def named(certification: UUID) -> str:
        return labels.certificate_number(certification) or str(certification)

    return [
        {
            "case_id": c.case_id,
            "assessor_id": c.assessor_id,
            "assessor": labels.name(c.assessor_id),
            "stage": c.stage,
            "kind": c.kind,
            "flagged_on": c.flagged_on,
            "complaint_id": c.complaint_id,
            "affected": [named(a) for a in c.affected],
            "pending": [named(p) for p in c.pending],
            "reviews": [f"{named(k)}: {v.value}" for k, v in c.reviews.items()],
            "grounds": c.grounds,
        }
        for c in cases
    ]


@commands.command("list")
@refusals
def list_cases(
    open_only: Annotated[
        bool, typer.Option("--open", help="Only the cases with decisions awaiting review.")
    ] = False,
    store: Store = None,
    output: FormatOption = None,
) -> None:
    """Every misconduct case: the assessor, the certifications held and their reviews."""
    fmt = chosen(output)
    with opened(store, readonly=True) as lsp:
        rows = misconduct_rows(lsp.list_quarantines(open_only=open_only), Labels(lsp))
    emit(fmt, MISCONDUCT_COLUMNS, rows, title=t("Misconduct cases (R55)"))
