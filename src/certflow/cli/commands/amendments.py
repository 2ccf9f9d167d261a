"""``certflow case adjust`` and ``case correct-verification``: the pre-assessment amended.

A reasonable adjustment (FR.AK.07, R8) is recorded before FR.AK.01 is signed; a recorded
portfolio verification (FR.IA.08) is corrected by a new record that names the version it
corrects (R25), the old one staying in the history as it was. The assigned assessor makes both
moves, named with ``--as`` (the role comes from the register), at ``--at``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from certflow.application import CertificationView
from certflow.cli import lookup
from certflow.cli.acting import As, At
from certflow.cli.app import RecordId, Store, refusals
from certflow.cli.console import t
from certflow.cli.moves import CASES, Cases, on_cases
from certflow.domain import AdjustmentKind, AssessmentMethod
from certflow.engine import InvalidInputError, Text

__all__ = ["commands"]

commands = CASES


@commands.command()
@refusals
def adjust(
    cases: Cases,
    kind: Annotated[AdjustmentKind, typer.Option(help="What kind of adjustment is arranged.")],
    arrangement: Annotated[
        str,
        typer.Option(help="What the LSP arranges (never the candidate's need behind it, R58)."),
    ],
    who: As = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(help="A unit it applies to (repeat); default: every unit."),
    ] = None,
    method: Annotated[
        AssessmentMethod | None,
        typer.Option(help="For --kind method: the scheme's method used instead."),
    ] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Record a reasonable adjustment (FR.AK.07) for each case, before FR.AK.01 (R8)."""
    adjustment: dict[str, Any] = {
        "kind": kind,
        "arrangement": arrangement,
        "units": list(unit or ()),
        "method": method,
    }
    on_cases(
        store,
        who,
        at,
        cases,
        "record_adjustment",
        Text("adjustment recorded"),
        lambda lsp, v, a: lsp.record_adjustment(v.id, adjustment=adjustment, actor=a),
    )


def _file_checks(file: Path) -> Any:
    """The checks a ``--file`` gives: a list, or a table with a ``checks`` list."""
    data = lookup.read_data(file)
    if isinstance(data, dict):
        data = data.get("checks")
    if not isinstance(data, list) or not data:
        raise InvalidInputError(
            [
                t(
                    "{file}: expected a list of checks, each with unit, evidence, "
                    "valid, authentic, current and sufficient",
                    file=file,
                )
            ],
            ("R25",),
        )
    return data


def _checks(view: CertificationView, short: set[str]) -> list[dict[str, Any]]:
    """Every piece of evidence submitted for a unit to assess: VATM met, but for ``short``."""
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


@commands.command("correct-verification")
@refusals
def correct_verification(
    case: RecordId,
    corrects: Annotated[
        int,
        typer.Option(
            help="The history version (certflow history) of the verification, or of an "
            "earlier correction, that this corrects.",
            min=1,
        ),
    ],
    reason: Annotated[str, typer.Option(help="Why the recorded verification was wrong.")],
    who: As = None,
    insufficient: Annotated[
        list[str] | None,
        typer.Option(help="A unit whose evidence is not sufficient (repeat)."),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            help="A .json or .toml file: the corrected checks, each with unit, evidence, "
            "valid, authentic, current and sufficient (in TOML, a checks array).",
            dir_okay=False,
        ),
    ] = None,
    at: At = None,
    store: Store = None,
) -> None:
    """Correct a recorded portfolio verification (FR.IA.08) by a new record naming it (R25).

    The checks are given as for case verify: without --file, every piece of evidence
    submitted is valid, authentic and current, and sufficient unless its unit is given with
    --insufficient; with --file, the checks it lists. The verification corrected stays in the
    history as it was.
    """
    if file is not None and insufficient:
        raise InvalidInputError([t("give --insufficient or --file, not both")], ("R25",))
    given = _file_checks(file) if file is not None else None
    short = set(insufficient or ())
    on_cases(
        store,
        who,
        at,
        [case],
        "correct_portfolio_verification",
        Text("portfolio verification corrected"),
        lambda lsp, v, a: lsp.correct_portfolio_verification(
            v.id,
            corrects=corrects,
            checks=given if given is not None else _checks(v, short),
            reason=reason,
            actor=a,
        ),
    )
