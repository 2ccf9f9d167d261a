"""``certflow keys create|rotate|revoke|list|export-jwks``: the LSP's signing keys."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console

from certflow import load_key_set, public_jwks, revoke_key, rotate_keys
from certflow.cli import profile as profiles
from certflow.cli.app import refusals
from certflow.cli.console import t
from certflow.cli.formats import FormatOption, chosen
from certflow.cli.keyfiles import Folder, Out, create_all, write_new
from certflow.cli.render.tables import Column, emit
from certflow.engine import Text

__all__ = [
    "keys",
    "keys_create",
    "keys_export_jwks",
    "keys_list",
    "keys_revoke",
    "keys_rotate",
]

keys = typer.Typer(
    name="keys",
    help="The LSP's keys: Ed25519 for tokens, ECDSA P-256 with an X.509 certificate for PDFs.",
    no_args_is_help=True,
)


@keys.command("create")
@refusals
def keys_create(
    folder: Folder = None,
    lsp_name: Annotated[
        str | None,
        typer.Option(
            help="The LSP's name, in the PDF certificate (CN and O) [default: the profile's]."
        ),
    ] = None,
) -> None:
    """Create the LSP's Ed25519 token key and its PDF key with a self-signed certificate.

    Private keys are written with mode 0600 and never overwritten: in a folder with the Ed25519
    key but no PDF key, only the PDF key and certificate are made. A .gitignore keeps private
    keys out of version control.
    """
    found = profiles.profile()
    name = lsp_name if lsp_name is not None else (found.name if found is not None else None)
    create_all(Console(), profiles.key_dir(folder), name)


@keys.command("rotate")
@refusals
def keys_rotate(folder: Folder = None) -> None:
    """Add a new key to the key set and make it current; old keys stay for verification."""
    kid = rotate_keys(profiles.key_dir(folder))
    Console().print(t("new key (now current): {kid}", kid=kid))


@keys.command("revoke")
@refusals
def keys_revoke(
    kid: Annotated[str, typer.Argument(help="The key id to revoke.")],
    folder: Folder = None,
) -> None:
    """Mark a key revoked: tokens it signed then verify as revoked_key."""
    revoke_key(profiles.key_dir(folder), kid)
    Console().print(t("key revoked: {kid}", kid=kid))


@keys.command("list")
@refusals
def keys_list(folder: Folder = None, output: FormatOption = None) -> None:
    """The key set: each kid, whether it is current, and whether it is revoked."""
    fmt = chosen(output)
    found = load_key_set(profiles.key_dir(folder))
    rows = [
        {"kid": kid, "current": kid == found.current, "revoked": kid in found.revoked}
        for kid in found.keys
    ]
    emit(fmt, _KEY_COLUMNS, rows, title=t("The LSP's keys"))


_KEY_COLUMNS = (
    Column("kid", "kid"),
    Column("current", Text("current")),
    Column("revoked", Text("revoked")),
)


@keys.command("export-jwks")
@refusals
def keys_export_jwks(folder: Folder = None, out: Out = None) -> None:
    """The public keys in force as a plain JWKS, to publish for verifiers of credentials."""
    jwks = public_jwks(profiles.key_dir(folder))
    write_new(out, json.dumps(jwks, indent=2) + "\n")
