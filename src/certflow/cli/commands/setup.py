"""``certflow init``: the LSP profile (``certflow.toml``), its keys and its first head.

With ``--head-id``, init also founds the personnel register with the first head of the LSP.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from certflow import profile_from, write_profile
from certflow.application import DEFAULT_STORE
from certflow.bootstrap import open as open_store
from certflow.cli import profile as profiles
from certflow.cli.acting import At, record_at
from certflow.cli.app import opened, refusals
from certflow.cli.console import N_, escape, t
from certflow.cli.keyfiles import create_all
from certflow.domain import is_canonical_person_id
from certflow.engine import InvalidInputError, Text

__all__ = ["commands", "init"]

commands = typer.Typer()


_ASKED = {
    "name": ("--name", Text("LSP name")),
    "code": ("--code", Text("LSP code (A-Z, 0-9, -)")),
    "licence": ("--licence", Text("BNSP licence number")),
    "place": ("--place", Text("Place of issue")),
    "verify_url": (
        "--verify-url",
        Text("Verification page (https://...)"),
    ),
    "manager": ("--manager", Text("Certification Manager's name")),
    "head": ("--head", Text("Head of the LSP's name")),
}


def _asked(given: dict[str, str | None]) -> dict[str, str]:
    """Each required value: as given, else asked at a terminal, else a usage error naming it."""
    missing = [_ASKED[key][0] for key, value in given.items() if value is None]
    if missing and not sys.stdin.isatty():
        raise typer.BadParameter(
            t("also needed: {missing}", missing=", ".join(missing)),
            param_hint="certflow init",
        )
    return {
        key: value if value is not None else str(typer.prompt(str(_ASKED[key][1])))
        for key, value in given.items()
    }


def _option(help_text: str) -> Any:
    return typer.Option(help=help_text, show_default=False)


@commands.command()
@refusals
def init(
    name: Annotated[
        str | None, _option(N_("The LSP's name, as printed (asked when not given)."))
    ] = None,
    code: Annotated[
        str | None, _option(N_("The LSP's code: capitals, digits, hyphens (asked when not given)."))
    ] = None,
    licence: Annotated[
        str | None, _option(N_("The LSP's BNSP licence number (asked when not given)."))
    ] = None,
    place: Annotated[
        str | None,
        _option(N_("The place of issue printed on certificates (asked when not given).")),
    ] = None,
    verify_url: Annotated[
        str | None, _option(N_("The LSP's verification page (https://) (asked when not given)."))
    ] = None,
    manager: Annotated[
        str | None, _option(N_("The Certification Manager's name (asked when not given)."))
    ] = None,
    head: Annotated[
        str | None, _option(N_("The Head of the LSP's name (asked when not given)."))
    ] = None,
    timezone: Annotated[
        str, typer.Option(help="Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).")
    ] = "Asia/Jakarta",
    address: Annotated[str, typer.Option(help="The LSP's postal address, as printed.")] = "",
    logo: Annotated[
        Path | None, typer.Option(help="A PNG or JPEG logo (a path relative to the profile).")
    ] = None,
    store: Annotated[
        str, typer.Option(help="The store the profile names (relative SQLite: next to it).")
    ] = "sqlite:///certflow.db",
    keys: Annotated[
        bool, typer.Option("--keys/--no-keys", help="Create the LSP's signing keys too.")
    ] = True,
    head_id: Annotated[
        str | None,
        typer.Option(
            help="The person id of the first head of the LSP (e.g. ketua-lsp-01): founds the "
            "personnel register, the root of trust (needs --basis)."
        ),
    ] = None,
    basis: Annotated[
        str | None, typer.Option(help="The decree (SK) the head's appointment rests on.")
    ] = None,
    at: At = None,
) -> None:
    """Write the LSP profile (./certflow.toml or --config), create the LSP's keys and store.

    The profile names the LSP, its BNSP licence, place of issue, time zone, verification page,
    signatories, store and key folder; every command reads it. An existing profile or key is
    never overwritten.
    """
    if (head_id is None) != (basis is None):
        raise InvalidInputError([t("--head-id and --basis go together: the head and their SK")])
    if head_id is not None and not is_canonical_person_id(head_id):
        raise InvalidInputError(
            [
                t(
                    "--head-id {head_id!r}: a person id is lower case, e.g. ketua-lsp-01",
                    head_id=head_id,
                )
            ],
            ("P1",),
        )
    path = profiles.chosen_profile_path()
    if path.exists() or path.is_symlink():
        raise InvalidInputError(
            [
                Text(
                    "{path} exists; a profile is never overwritten (edit it, or remove it first)",
                    path=path,
                )
            ]
        )
    base = path.parent.resolve()
    given = _asked(
        {
            "name": name,
            "code": code,
            "licence": licence,
            "place": place,
            "verify_url": verify_url,
            "manager": manager,
            "head": head,
        }
    )
    fields: dict[str, Any] = {
        "name": given["name"],
        "code": given["code"].strip(),
        "licence": given["licence"],
        "place_of_issue": given["place"],
        "verification_url": given["verify_url"].strip(),
        "timezone": timezone.strip(),
        "address": address,
        "store": store.strip(),
        "keys": {"dir": base / "keys"},
        "signatories": [
            {
                "name": given["manager"],
                "role_id": "Manajer Sertifikasi",
                "role_en": "Certification Manager",
            },
            {"name": given["head"], "role_id": "Ketua LSP", "role_en": "Head of the LSP"},
        ],
    }
    if logo is not None:
        fields["logo"] = logo if logo.is_absolute() else base / logo
    profile = profile_from(fields, "certflow init")
    console = Console()
    lsp = open_store(  # the store first: nothing is written when it cannot be made
        _beside(base, profile.store) or DEFAULT_STORE, create=True, timezone=profile.timezone
    )
    shown = lsp.store.display
    lsp.close()
    if keys:
        folder = profile.keys.dir
        if (folder / "lsp-signing.key").exists() and (folder / "lsp-pdf.key").exists():
            console.print(t("keys already in {folder}", folder=folder))
        else:
            create_all(console, folder, profile.name)
    write_profile(path, profile)
    console.print(t("LSP profile written: {path}", path=path))
    console.print(t("store ready: {shown}", shown=shown))
    if head_id is not None and basis is not None:
        profiles.choose(path)  # the store as the written profile names it
        _found_register(console, head_id, basis, at)


def _found_register(console: Console, head: str, basis: str, at: str | None) -> None:
    """Record ``head`` as the first head of the LSP (P1), unless the register has one."""
    with opened(None) as lsp:
        record_at(lsp, at)
        founder = lsp.register_head()
        if founder is not None:
            console.print(
                t(
                    "the personnel register exists already: head of the LSP {founder}",
                    founder=escape(founder),
                )
            )
            return
        made = lsp.establish_register(head=head, basis=basis)
    console.print(
        t(
            "personnel register founded: {head} head of the LSP ({made})",
            head=escape(head),
            made=escape(made),
        )
    )


def _beside(base: Path, url: str | None) -> str | None:
    """The store URL as the profile will be read: a relative SQLite file is beside it."""
    if url and url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        rest = url[len("sqlite:///") :]
        if rest and not rest.startswith(":memory:"):
            return f"sqlite:///{base / rest}"
    return url
