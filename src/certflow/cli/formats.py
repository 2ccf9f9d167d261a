"""The ``--format table|csv|json`` option every listing command shares, and its old aliases.

``--json`` (and ``--csv`` on ``history``) came first; they stay, hidden from ``--help`` and
deprecated, as aliases of ``--format json`` / ``--format csv``. A few commands printed a
document rather than rows under ``--json`` (``audit``, ``verify``, ``deadlines``,
``projections check``, ``report sponsor``, ``staff list``); there ``--json`` keeps printing that
document so scripts do not break, and ``--format json`` prints the rows (docs/cli.md).
"""

from __future__ import annotations

from typing import Annotated

import typer

from certflow.cli.console import t
from certflow.cli.render.tables import Format
from certflow.engine import InvalidInputError

__all__ = ["CsvAlias", "Format", "FormatOption", "JsonAlias", "chosen"]

FormatOption = Annotated[
    Format | None,
    typer.Option(
        "--format",
        help="table (default), csv or json: the same rows, the same keys in csv and json.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonAlias = Annotated[
    bool, typer.Option("--json", hidden=True, help="Deprecated: use --format json.")
]
CsvAlias = Annotated[bool, typer.Option("--csv", hidden=True, help="Deprecated: use --format csv.")]


def chosen(fmt: Format | None, *, as_json: bool = False, as_csv: bool = False) -> Format:
    """The format asked for: ``--format``, else an alias, else a table.

    Two different choices (``--format csv --json``) are refused as invalid input.
    """
    asked = {f for f, on in ((Format.JSON, as_json), (Format.CSV, as_csv)) if on}
    if fmt is not None:
        asked.add(fmt)
    if len(asked) > 1:
        names = t(" and ").join(sorted(f.value for f in asked))
        raise InvalidInputError(
            [t("choose one output format, not {names} (--format)", names=names)]
        )
    return asked.pop() if asked else Format.TABLE
