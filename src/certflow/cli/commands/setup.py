"""``certflow init``: write the LSP profile (``certflow.toml``) and create the LSP's keys."""

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
from certflow.cli.app import refusals
from certflow.cli.console import t
from certflow.cli.keyfiles import create_all
from certflow.engine import InvalidInputError

__all__ = ["commands", "init"]

commands = typer.Typer()


_ASKED = {
    "name": ("--name", "Nama LSP / LSP name"),
    "code": ("--code", "Kode LSP (A-Z, 0-9, -) / LSP code (A-Z, 0-9, -)"),
    "licence": ("--licence", "Nomor lisensi BNSP / BNSP licence number"),
    "place": ("--place", "Tempat terbit sertifikat / Place of issue"),
    "verify_url": ("--verify-url", "Halaman verifikasi / Verification page (https://...)"),
    "manager": ("--manager", "Nama Manajer Sertifikasi / Certification Manager's name"),
    "head": ("--head", "Nama Ketua LSP / Head of the LSP's name"),
}


def _asked(given: dict[str, str | None]) -> dict[str, str]:
    """Each required value: as given, else asked at a terminal, else a usage error naming it."""
    missing = [_ASKED[key][0] for key, value in given.items() if value is None]
    if missing and not sys.stdin.isatty():
        raise typer.BadParameter(
            t("perlu juga ", "also needed: ") + ", ".join(missing), param_hint="certflow init"
        )
    return {
        key: value if value is not None else str(typer.prompt(_ASKED[key][1]))
        for key, value in given.items()
    }


def _option(help_text: str) -> Any:
    return typer.Option(help=help_text + " (asked when not given)", show_default=False)


@commands.command()
@refusals
def init(
    name: Annotated[str | None, _option("The LSP's name, as printed.")] = None,
    code: Annotated[str | None, _option("The LSP's code: capitals, digits, hyphens.")] = None,
    licence: Annotated[str | None, _option("The LSP's BNSP licence number.")] = None,
    place: Annotated[str | None, _option("The place of issue printed on certificates.")] = None,
    verify_url: Annotated[str | None, _option("The LSP's verification page (https://).")] = None,
    manager: Annotated[str | None, _option("The Certification Manager's name.")] = None,
    head: Annotated[str | None, _option("The Head of the LSP's name.")] = None,
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
) -> None:
    """Write the LSP profile (./certflow.toml or --config), create the LSP's keys and store.

    The profile names the LSP, its BNSP licence, place of issue, time zone, verification page,
    signatories, store and key folder; every command reads it. An existing profile or key is
    never overwritten.
    """
    path = profiles.chosen_profile_path()
    if path.exists() or path.is_symlink():
        raise InvalidInputError(
            [f"{path} exists; a profile is never overwritten (edit it, or remove it first)"]
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
            console.print(t(f"kunci sudah ada di {folder}", f"keys already in {folder}"))
        else:
            create_all(console, folder, profile.name)
    write_profile(path, profile)
    console.print(t(f"profil LSP ditulis: {path}", f"LSP profile written: {path}"))
    console.print(t(f"penyimpanan siap: {shown}", f"store ready: {shown}"))


def _beside(base: Path, url: str | None) -> str | None:
    """The store URL as the profile will be read: a relative SQLite file is beside it."""
    if url and url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        rest = url[len("sqlite:///") :]
        if rest and not rest.startswith(":memory:"):
            return f"sqlite:///{base / rest}"
    return url
