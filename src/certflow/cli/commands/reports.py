"""Reports of a session: ``report bnsp`` (the blank request, R39) and ``report sponsor`` (R62).

``report bnsp`` writes the blank request as XLSX and PDF: the request letter from the LSP profile
(``certflow.toml``: name, code, licence, place), the berita acara, and every candidate of the
session with K or BK (names and NIK read from the subject store now: BNSP is a recipient R62
allows). ``report sponsor`` shows the session's results per unit organisation and per region,
counts only, and only under a disclosure basis recorded for the sponsor (R62). Neither writes
over an existing file (exit 3).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from certflow import (
    RequestLetter,
    bnsp_paths,
    free_paths,
    sponsor_path,
    write_bnsp_pdf,
    write_bnsp_xlsx,
    write_sponsor_xlsx,
)
from certflow.cli import profile as profiles
from certflow.cli.app import Store, business_day, opened, refusals
from certflow.cli.console import escape, print_json, t
from certflow.cli.formats import FormatOption, JsonAlias, chosen
from certflow.cli.render.protection import SPONSOR_COLUMNS, sponsor_rows, sponsor_table
from certflow.cli.render.tables import Format, emit, table_console
from certflow.engine import InvalidInputError, Text

__all__ = ["bnsp", "commands", "sponsor"]

commands = typer.Typer(
    name="report",
    help="Reports of a session: the blank request to BNSP, the sponsor's results.",
    no_args_is_help=True,
)

Session = Annotated[str, typer.Option("--session", help="The session code (e.g. EUK-2024-11).")]
OutDir = Annotated[
    Path, typer.Option("--out-dir", help="Folder the files are written to (made if missing).")
]


@commands.command()
@refusals
def bnsp(
    session: Session,
    out_dir: OutDir = Path("."),
    on: Annotated[
        str | None, typer.Option("--date", help="The letter's date (YYYY-MM-DD); default: today.")
    ] = None,
    store: Store = None,
) -> None:
    """Write the blank request to BNSP (XLSX and PDF): letter, berita acara, every K and BK.

    Refused (R39) while a candidate of the session is undecided; never over an existing file.
    """
    found = profiles.profile()
    if found is None:
        raise InvalidInputError(
            [
                Text(
                    "no LSP profile ({profiles_chosen_profile_path}): the request "
                    "letter names the LSP, its licence and place from it; write one "
                    "with certflow init",
                    profiles_chosen_profile_path=profiles.chosen_profile_path(),
                )
            ]
        )
    with opened(store, readonly=True) as lsp:
        report = lsp.bnsp_report(session)
        letter = RequestLetter(
            lsp_name=found.name,
            lsp_code=found.code,
            licence=found.licence,
            place=found.place_of_issue,
            day=business_day(lsp, on),
        )
    xlsx, pdf = bnsp_paths(out_dir, report.session_code)
    free_paths([xlsx, pdf])
    write_bnsp_xlsx(xlsx, report, letter)
    write_bnsp_pdf(pdf, report, letter)
    Console().print(
        escape(
            t(
                "blank request {report_session_code}: {report_candidates_count} "
                "candidates ({report_competent} K, {report_not_yet_competent} "
                "BK) -> {xlsx}, {pdf}",
                report_session_code=report.session_code,
                report_candidates_count=len(report.candidates),
                report_competent=report.competent,
                report_not_yet_competent=report.not_yet_competent,
                xlsx=xlsx,
                pdf=pdf,
            )
        )
    )


@commands.command()
@refusals
def sponsor(
    session: Session,
    recipient: Annotated[
        str, typer.Option(help="The sponsor, as its disclosure basis names it.")
    ] = "divhumas",
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Also write the view as XLSX here.")
    ] = None,
    output: FormatOption = None,
    as_json: JsonAlias = False,
    store: Store = None,
) -> None:
    """The session's results per unit organisation and region for the sponsor (counts only).

    Refused (R62) unless a consent or legal basis is recorded for the sponsor and the session
    (``certflow disclosure record``). No names, NIK, portfolios, evidence or assessors.
    ``--format csv|json`` gives one row per group (``grouping``: unit, region or total); the
    older ``--json`` prints the whole view with its basis.
    """
    fmt = chosen(output, as_json=as_json)
    with opened(store, readonly=True) as lsp:
        view = lsp.sponsor_view(session, recipient=recipient)
    if out_dir is not None:
        path = sponsor_path(out_dir, view.session_code, view.recipient)
        free_paths([path])
        write_sponsor_xlsx(path, view)
        Console(stderr=True).print(escape(t("written: {path}", path=path)))
    if as_json:
        print_json(view.model_dump(mode="json"))
    elif fmt is Format.TABLE:
        sponsor_table(table_console(), view)
    else:
        emit(fmt, SPONSOR_COLUMNS, sponsor_rows(view), title=view.session_code)
