"""Certificates: ``keys create|rotate|revoke|list``, ``certificate`` and ``verify-certificate``."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console

from certflow import (
    PdfSigner,
    create_keys,
    create_pdf_certificate,
    current_signer,
    load_key_set,
    pdf_signer,
    render_certificates,
    revoke_key,
    rotate_keys,
    token_signer,
)
from certflow.application import (
    DEFAULT_STORE,
    CertificateProfile,
    CertificateStatus,
    CertificationBody,
    NameCheck,
    check_offline,
)
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
    "certificate",
    "commands",
    "keys",
    "keys_create",
    "keys_list",
    "keys_revoke",
    "keys_rotate",
    "verify_certificate",
]

commands = typer.Typer()
keys = typer.Typer(
    name="keys",
    help="The LSP's keys: Ed25519 for tokens, ECDSA P-256 with an X.509 certificate for PDFs.",
    no_args_is_help=True,
)

SigningKey = Annotated[
    Path | None,
    typer.Option(
        "--key",
        envvar="CERTFLOW_SIGNING_KEY",
        help="The LSP's private signing key (default: the current key of --key-dir).",
    ),
]
KeyDir = Annotated[Path, typer.Option("--key-dir", help="The folder of the LSP's key set.")]
Folder = Annotated[Path, typer.Option("--dir", help="The folder of the LSP's keys.")]
PublicKey = Annotated[
    Path | None,
    typer.Option(
        "--public-key",
        envvar="CERTFLOW_PUBLIC_KEY",
        help="The LSP's key set: keyset.json, its folder, or one public key (PEM).",
    ),
]
LspCode = Annotated[str, typer.Option(help="The LSP's code, in the tokens.")]
LspName = Annotated[str, typer.Option(help="The LSP's name as printed.")]
DEFAULT_LSP_NAME = "Lembaga Sertifikasi Profesi"
PDF_PASSPHRASE = "CERTFLOW_PDF_PASSPHRASE"
PdfKey = Annotated[
    Path | None,
    typer.Option(
        "--pdf-key",
        envvar="CERTFLOW_PDF_KEY",
        help="The PDF signing key, PEM (default: lsp-pdf.key of --key-dir, if there).",
    ),
]
PdfCert = Annotated[
    Path | None,
    typer.Option(
        "--pdf-cert",
        envvar="CERTFLOW_PDF_CERT",
        help="Its X.509 certificate, PEM (default: lsp-pdf.crt of --key-dir, if there).",
    ),
]
PdfP12 = Annotated[
    Path | None,
    typer.Option(
        "--pdf-p12",
        envvar="CERTFLOW_PDF_P12",
        help=f"Key and certificate as PKCS#12 (a CA's .p12); passphrase in ${PDF_PASSPHRASE}.",
    ),
]


@keys.command("create")
@refusals
def keys_create(
    folder: Annotated[Path, typer.Option("--dir", help="Where to write the key pair.")] = Path(
        "keys"
    ),
    lsp_name: Annotated[
        str, typer.Option(help="The LSP's name, in the PDF certificate (CN and O).")
    ] = DEFAULT_LSP_NAME,
) -> None:
    """Create the LSP's Ed25519 key pair and its PDF key with a self-signed certificate.

    Private keys are written with mode 0600 and never overwritten: in a folder with the Ed25519
    key but no PDF key, only the PDF key and certificate are made.
    """
    console = Console()
    signing, pdf_key = folder / "lsp-signing.key", folder / "lsp-pdf.key"
    if signing.exists() and pdf_key.exists():
        raise InvalidInputError([f"{signing} and {pdf_key} exist; keys are never overwritten"])
    if not signing.exists():
        private, public = create_keys(folder)
        console.print(
            t(
                f"kunci privat: {private}\nkunci publik: {public}",
                f"private key: {private}\npublic key: {public}",
            )
        )
    if not pdf_key.exists():
        key, cert = create_pdf_certificate(folder, subject_name=lsp_name, organisation=lsp_name)
        console.print(
            t(
                f"kunci PDF: {key}\nsertifikat PDF (swa-tanda tangan): {cert}",
                f"PDF key: {key}\nPDF certificate (self-signed): {cert}",
            )
        )


@keys.command("rotate")
@refusals
def keys_rotate(folder: Folder = Path("keys")) -> None:
    """Add a new key to the key set and make it current; old keys stay for verification."""
    kid = rotate_keys(folder)
    Console().print(t(f"kunci baru (kini dipakai): {kid}", f"new key (now current): {kid}"))


@keys.command("revoke")
@refusals
def keys_revoke(
    kid: Annotated[str, typer.Argument(help="The key id to revoke.")],
    folder: Folder = Path("keys"),
) -> None:
    """Mark a key revoked: tokens it signed then verify as revoked_key."""
    revoke_key(folder, kid)
    Console().print(t(f"kunci dicabut: {kid}", f"key revoked: {kid}"))


@keys.command("list")
@refusals
def keys_list(folder: Folder = Path("keys")) -> None:
    """The key set: each kid, whether it is current, and whether it is revoked."""
    found = load_key_set(folder)
    for kid in found.keys:
        marks = [t("kini", "current")] if kid == found.current else []
        marks += [t("dicabut", "revoked")] if kid in found.revoked else []
        Console().print(f"{kid}  {' '.join(marks)}".rstrip())


@commands.command()
@refusals
def certificate(
    record: Annotated[
        str | None, typer.Argument(help="A certification id or certificate number.")
    ] = None,
    store: Store = DEFAULT_STORE,
    key: SigningKey = None,
    key_dir: KeyDir = Path("keys"),
    pdf: Annotated[Path | None, typer.Option(help="Write the certificate(s) to this PDF.")] = None,
    session: Annotated[
        str | None, typer.Option(help="Every printed certificate of this session's code.")
    ] = None,
    lsp_name: LspName = DEFAULT_LSP_NAME,
    lsp_code: LspCode = "LSP",
    verify_url: Annotated[
        str, typer.Option(help="The LSP's verification page, printed with the token as a QR.")
    ] = CertificateProfile().verification_url,
    pdf_key: PdfKey = None,
    pdf_cert: PdfCert = None,
    pdf_p12: PdfP12 = None,
    quiet: Quiet = False,
) -> None:
    """Print the verification token of a certificate, or render certificates to an A4 PDF.

    The PDF is signed (PAdES) with the LSP's X.509 certificate when one is found.
    """
    if (record is None) == (session is None):
        raise InvalidInputError(["give a certification or --session, not both"])
    signing = current_signer(key_dir) if key is None else token_signer(key)
    signer = None if pdf is None else _pdf_signer(key_dir, pdf_key, pdf_cert, pdf_p12)
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
                profile=CertificateProfile(lsp_name=lsp_name, verification_url=verify_url),
                on_progress=lambda done, total: bar.update(task, completed=done, total=total),
                pdf_signer=signer,
            )
        Console().print(t(f"{pages} halaman ditulis ke {pdf}", f"{pages} pages written to {pdf}"))


def _pdf_signer(
    key_dir: Path, key: Path | None, cert: Path | None, p12: Path | None
) -> PdfSigner | None:
    """The PDF signer from the options, else from ``key_dir`` when its files are there."""
    secret = os.environ.get(PDF_PASSPHRASE)
    passphrase = secret.encode() if secret else None
    if p12 is not None:
        return pdf_signer(key, cert, pkcs12=p12, passphrase=passphrase)
    if key is None and cert is None:
        key, cert = key_dir / "lsp-pdf.key", key_dir / "lsp-pdf.crt"
        if not (key.exists() and cert.exists()):
            Console(stderr=True).print(
                t(
                    f"[bold yellow]peringatan[/] PDF tidak ditandatangani: {key} dan {cert} "
                    "tidak ada (certflow keys create membuatnya; atau --pdf-key/--pdf-cert, "
                    "--pdf-p12)",
                    f"[bold yellow]warning[/] the PDF is not signed: no {key} and {cert} "
                    "(certflow keys create makes them; or give --pdf-key/--pdf-cert, --pdf-p12)",
                )
            )
            return None
    if key is None or cert is None:
        raise InvalidInputError(["--pdf-key and --pdf-cert go together"])
    return pdf_signer(key, cert, passphrase=passphrase)


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
    store: Store = DEFAULT_STORE,
    public_key: PublicKey = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Signature and dates only; no register.")
    ] = False,
    lsp_code: LspCode = "LSP",
    as_json: JsonFlag = False,
) -> None:
    """Is this certificate genuine and in force? Exit 0 when valid, 1 otherwise.

    Also 1 when the holder's name on file is not the one bound at issue (altered).
    """
    key = None if public_key is None else load_key_set(public_key)
    if offline:
        if key is None:
            raise InvalidInputError(["--offline needs --public-key"])
        answer = check_offline(token_or_number, key, date.today())
    else:
        with opened(store, lsp_code=lsp_code) as lsp:
            answer = lsp.verify_certificate(token_or_number, public_key=key)
    if as_json:
        print_json(answer.model_dump(mode="json"))
    else:
        render.certificate_check(Console(), answer)
    if answer.status is not CertificateStatus.VALID or answer.name_check is NameCheck.ALTERED:
        raise typer.Exit(EXIT_FAILED)
