"""Certificates: ``keys``, ``certificate``, ``credential`` and ``verify-certificate``.

``keys`` has ``create``, ``rotate``, ``revoke``, ``list`` and ``export-jwks``.
"""

from __future__ import annotations

import base64
import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow import (
    KeySet,
    create_keys,
    current_signer,
    load_key_set,
    public_jwks,
    render_certificates,
    revoke_key,
    rotate_keys,
    token_signer,
)
from certflow.application import (
    CertificateStatus,
    CertificationBody,
    NameCheck,
    check_offline,
)
from certflow.cli import profile as profiles
from certflow.cli import render
from certflow.cli.app import (
    EXIT_FAILED,
    JsonFlag,
    Quiet,
    Store,
    opened,
    refusals,
    resolve_record,
)
from certflow.cli.console import print_json, progress, t
from certflow.domain import session_id
from certflow.engine import InvalidInputError, NotFoundError

__all__ = [
    "CredentialFormat",
    "certificate",
    "commands",
    "credential",
    "keys",
    "keys_create",
    "keys_export_jwks",
    "keys_list",
    "keys_revoke",
    "keys_rotate",
    "verify_certificate",
]

commands = typer.Typer()
keys = typer.Typer(name="keys", help="The LSP's Ed25519 signing keys.", no_args_is_help=True)

SigningKey = Annotated[
    Path | None,
    typer.Option(
        "--key",
        envvar="CERTFLOW_SIGNING_KEY",
        help="The LSP's private signing key (default: the current key of --key-dir).",
    ),
]
KeyDir = Annotated[
    Path | None,
    typer.Option("--key-dir", help="The folder of the LSP's key set [default: the profile's]."),
]
Folder = Annotated[
    Path | None,
    typer.Option("--dir", help="The folder of the LSP's keys [default: the profile's, or keys]."),
]
PublicKey = Annotated[
    Path | None,
    typer.Option(
        "--public-key",
        envvar="CERTFLOW_PUBLIC_KEY",
        help="The LSP's key set: keyset.json, its folder, or one public key (PEM).",
    ),
]
LspCode = Annotated[
    str | None, typer.Option(help="The LSP's code, in the tokens [default: the profile's].")
]
LspName = Annotated[
    str | None,
    typer.Option(help="The LSP's name, as printed and as the issuer [default: the profile's]."),
]
VerifyUrl = Annotated[
    str | None,
    typer.Option(
        help="The LSP's verification page, printed with the token as a QR [default: the profile's]."
    ),
]
Out = Annotated[Path | None, typer.Option("--out", help="Write to this new file, not stdout.")]


def _write_new(out: Path | None, text: str) -> None:
    """``text`` to standard output, or to ``out``, which must not exist yet."""
    if out is None:
        sys.stdout.write(text)
        return
    if out.exists():
        raise InvalidInputError(
            [t(f"{out} sudah ada; tidak ditimpa", f"{out} exists; it is not overwritten")]
        )
    with out.open("x", encoding="utf-8") as handle:
        handle.write(text)
    Console(stderr=True).print(t(f"ditulis ke {out}", f"written to {out}"))


@keys.command("create")
@refusals
def keys_create(
    folder: Folder = None,
) -> None:
    """Create the LSP's Ed25519 key pair (the private key is written with mode 0600)."""
    private, public = create_keys(profiles.key_dir(folder))
    Console().print(
        t(
            f"kunci privat: {private}\nkunci publik: {public}",
            f"private key: {private}\npublic key: {public}",
        )
    )


@keys.command("rotate")
@refusals
def keys_rotate(folder: Folder = None) -> None:
    """Add a new key to the key set and make it current; old keys stay for verification."""
    kid = rotate_keys(profiles.key_dir(folder))
    Console().print(t(f"kunci baru (kini dipakai): {kid}", f"new key (now current): {kid}"))


@keys.command("revoke")
@refusals
def keys_revoke(
    kid: Annotated[str, typer.Argument(help="The key id to revoke.")],
    folder: Folder = None,
) -> None:
    """Mark a key revoked: tokens it signed then verify as revoked_key."""
    revoke_key(profiles.key_dir(folder), kid)
    Console().print(t(f"kunci dicabut: {kid}", f"key revoked: {kid}"))


@keys.command("list")
@refusals
def keys_list(folder: Folder = None) -> None:
    """The key set: each kid, whether it is current, and whether it is revoked."""
    found = load_key_set(profiles.key_dir(folder))
    for kid in found.keys:
        marks = [t("kini", "current")] if kid == found.current else []
        marks += [t("dicabut", "revoked")] if kid in found.revoked else []
        Console().print(f"{kid}  {' '.join(marks)}".rstrip())


@keys.command("export-jwks")
@refusals
def keys_export_jwks(folder: Folder = None, out: Out = None) -> None:
    """The public keys in force as a plain JWKS, to publish for verifiers of credentials."""
    jwks = public_jwks(profiles.key_dir(folder))
    _write_new(out, json.dumps(jwks, indent=2) + "\n")


class CredentialFormat(StrEnum):
    """What ``certflow credential`` writes."""

    VC = "vc"
    """The Verifiable Credential secured as VC-JOSE: a compact JWS (``vc+jwt``)."""
    JSON = "json"
    """The credential's JSON as signed, for reading (not verifiable on its own)."""


@commands.command()
@refusals
def credential(
    record: Annotated[str, typer.Argument(help="A certification id or certificate number.")],
    output_format: Annotated[
        CredentialFormat,
        typer.Option("--format", help="vc: the signed credential; json: its JSON, to read."),
    ] = CredentialFormat.VC,
    out: Out = None,
    store: Store = None,
    key: SigningKey = None,
    key_dir: KeyDir = None,
    lsp_name: LspName = None,
    lsp_code: LspCode = None,
    verify_url: VerifyUrl = None,
) -> None:
    """Export a printed certificate as a W3C Verifiable Credential (Open Badges 3.0, VC-JOSE).

    Wallets and other registries check it with the LSP's public keys (keys export-jwks); the
    holder appears only as a salted hash of their name, never with a NIK.
    """
    chosen_key = profiles.signing_key(key)
    signing = (
        current_signer(profiles.key_dir(key_dir))
        if chosen_key is None
        else token_signer(chosen_key)
    )
    profile = profiles.certificate_profile(lsp_name=lsp_name, verify_url=verify_url)
    with opened(store, lsp_code=lsp_code) as lsp:
        token = lsp.credential(resolve_record(lsp, record).id, key=signing, profile=profile)
    if output_format is CredentialFormat.VC:
        _write_new(out, token + "\n")
        return
    body = token.split(".")[1]
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    _write_new(out, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@commands.command()
@refusals
def certificate(
    record: Annotated[
        str | None, typer.Argument(help="A certification id or certificate number.")
    ] = None,
    store: Store = None,
    key: SigningKey = None,
    key_dir: KeyDir = None,
    pdf: Annotated[Path | None, typer.Option(help="Write the certificate(s) to this PDF.")] = None,
    session: Annotated[
        str | None, typer.Option(help="Every printed certificate of this session's code.")
    ] = None,
    lsp_name: LspName = None,
    lsp_code: LspCode = None,
    verify_url: VerifyUrl = None,
    quiet: Quiet = False,
) -> None:
    """Print the verification token of a certificate, or render certificates to an A4 PDF."""
    if (record is None) == (session is None):
        raise InvalidInputError(["give a certification or --session, not both"])
    chosen_key = profiles.signing_key(key)
    signing = (
        current_signer(profiles.key_dir(key_dir))
        if chosen_key is None
        else token_signer(chosen_key)
    )
    printed = (
        None
        if pdf is None
        else profiles.certificate_profile(lsp_name=lsp_name, verify_url=verify_url)
    )
    with opened(store, lsp_code=lsp_code) as lsp:
        if session is None:
            assert record is not None
            ids = [resolve_record(lsp, record).id]
        else:
            ids = _printed_in_session(lsp, session)
        if pdf is None:
            for cid in ids:
                sys.stdout.write(lsp.certificate_token(cid, key=signing) + "\n")
            return
        with progress(Console(stderr=True), disable=quiet) as bar:
            task = bar.add_task(t("mencetak", "printing"), total=len(ids))
            pages = render_certificates(
                lsp,
                ids,
                pdf,
                key=signing,
                profile=printed,
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
            )
        Console().print(t(f"{pages} halaman ditulis ke {pdf}", f"{pages} pages written to {pdf}"))


def _verifying_keys(public_key: Path | None) -> KeySet | None:
    """The key set to check tokens with: ``--public-key``, else the profile's key folder."""
    if public_key is not None:
        return load_key_set(public_key)
    folder = profiles.key_dir(None)
    if profiles.profile() is not None and any(
        (folder / name).is_file() for name in ("keyset.json", "lsp-signing.pub")
    ):
        return load_key_set(folder)
    return None


def _printed_in_session(lsp: CertificationBody, code: str) -> list[UUID]:
    """The session's certifications that have a certificate number, in number order."""
    wanted = session_id(code)
    try:
        lsp.get_session(wanted)
    except NotFoundError:
        raise NotFoundError("session", code) from None
    rows = [r for r in lsp.list_certifications(session_id=wanted) if r.certificate_number]
    return [r.id for r in sorted(rows, key=lambda r: str(r.certificate_number))]


@commands.command("verify-certificate")
@refusals
def verify_certificate(
    token_or_number: Annotated[
        str, typer.Argument(help="The QR's URL or token, or a certificate number.")
    ],
    store: Store = None,
    public_key: PublicKey = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Signature and dates only; no register.")
    ] = False,
    lsp_code: LspCode = None,
    as_json: JsonFlag = False,
) -> None:
    """Is this certificate genuine and in force? Exit 0 when valid, 1 otherwise.

    Also 1 when the holder's name on file is not the one bound at issue (altered).
    """
    key = _verifying_keys(public_key)
    if offline:
        if key is None:
            raise InvalidInputError(["--offline needs --public-key"])
        answer = check_offline(token_or_number, key, datetime.now(profiles.zone()).date())
    else:
        with opened(store, lsp_code=lsp_code) as lsp:
            answer = lsp.verify_certificate(token_or_number, public_key=key)
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        render.certificate_check(Console(), answer)
    if answer.status is not CertificateStatus.VALID or answer.name_check is NameCheck.ALTERED:
        raise typer.Exit(EXIT_FAILED)
