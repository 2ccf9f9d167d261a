"""Certificates: ``certificate`` (tokens, PDFs), ``credential`` and ``verify-certificate``."""

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

from certflow import render_certificates, render_each
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
from certflow.cli.keyfiles import (
    KeyDir,
    LspCode,
    LspName,
    Out,
    PdfCert,
    PdfKey,
    PdfP12,
    PublicKey,
    SigningKey,
    VerifyUrl,
    pdf_signer_for,
    token_key,
    verifying_keys,
    write_new,
)
from certflow.domain import session_id
from certflow.engine import InvalidInputError, NotFoundError, Text

__all__ = [
    "CredentialFormat",
    "certificate",
    "commands",
    "credential",
    "verify_certificate",
]

commands = typer.Typer()


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
    signing = token_key(key, key_dir)
    profile = profiles.certificate_profile(lsp_name=lsp_name, verify_url=verify_url)
    with opened(store, lsp_code=lsp_code, readonly=True) as lsp:
        token = lsp.credential(resolve_record(lsp, record).id, key=signing, profile=profile)
    if output_format is CredentialFormat.VC:
        write_new(out, token + "\n")
        return
    body = token.split(".")[1]
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    write_new(out, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@commands.command()
@refusals
def certificate(
    record: Annotated[
        str | None, typer.Argument(help="A certification id or certificate number.")
    ] = None,
    store: Store = None,
    key: SigningKey = None,
    key_dir: KeyDir = None,
    pdf: Annotated[
        Path | None, typer.Option(help="Write the certificate(s) to this one PDF.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Write one PDF per certificate into this folder, named by its number.",
            file_okay=False,
        ),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Write over existing PDF files (default: refuse).")
    ] = False,
    session: Annotated[
        str | None, typer.Option(help="Every printed certificate of this session's code.")
    ] = None,
    lsp_name: LspName = None,
    lsp_code: LspCode = None,
    verify_url: VerifyUrl = None,
    pdf_key: PdfKey = None,
    pdf_cert: PdfCert = None,
    pdf_p12: PdfP12 = None,
    quiet: Quiet = False,
) -> None:
    """Print the verification token of a certificate, or render certificates to A4 PDFs.

    --pdf writes them all into one file, --out-dir one file per holder. PDFs are signed (PAdES)
    with the LSP's X.509 certificate when one is found; an existing file is never overwritten
    unless --replace.
    """
    if (record is None) == (session is None):
        raise InvalidInputError([Text("give a certification or --session, not both")])
    if pdf is not None and out_dir is not None:
        raise InvalidInputError(
            [Text("give --pdf (one file) or --out-dir (a file each), not both")]
        )
    signing = token_key(key, key_dir)
    printing = pdf is not None or out_dir is not None
    printed = (
        profiles.certificate_profile(lsp_name=lsp_name, verify_url=verify_url) if printing else None
    )
    signer = pdf_signer_for(key_dir, pdf_key, pdf_cert, pdf_p12) if printing else None
    with opened(store, lsp_code=lsp_code) as lsp:
        if session is None:
            assert record is not None
            ids = [resolve_record(lsp, record).id]
        else:
            ids = _printed_in_session(lsp, session)
        if not printing:
            for cid in ids:
                sys.stdout.write(lsp.certificate_token(cid, key=signing) + "\n")
            return
        with progress(Console(stderr=True), disable=quiet) as bar:
            task = bar.add_task(t("printing"), total=len(ids))

            def step(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            if out_dir is not None:
                out_dir.mkdir(parents=True, exist_ok=True)
                files = render_each(
                    lsp,
                    ids,
                    out_dir,
                    key=signing,
                    profile=printed,
                    on_progress=step,
                    pdf_signer=signer,
                    replace=replace,
                )
            else:
                assert pdf is not None
                pages = render_certificates(
                    lsp,
                    ids,
                    pdf,
                    key=signing,
                    profile=printed,
                    on_progress=step,
                    pdf_signer=signer,
                    replace=replace,
                )
        if out_dir is not None:
            Console().print(
                t(
                    "{files_count} files written to {out_dir}",
                    files_count=len(files),
                    out_dir=out_dir,
                )
            )
        else:
            Console().print(t("{pages} pages written to {pdf}", pages=pages, pdf=pdf))


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
    key = verifying_keys(public_key)
    if offline:
        if key is None:
            raise InvalidInputError([Text("--offline needs --public-key")])
        answer = check_offline(token_or_number, key, datetime.now(profiles.zone()).date())
    else:
        with opened(store, lsp_code=lsp_code, readonly=True) as lsp:
            answer = lsp.verify_certificate(token_or_number, public_key=key)
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        render.certificate_check(Console(), answer)
    if answer.status is not CertificateStatus.VALID or answer.name_check is NameCheck.ALTERED:
        raise typer.Exit(EXIT_FAILED)
