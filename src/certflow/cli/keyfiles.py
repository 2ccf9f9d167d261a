"""What the key and certificate commands share: their options, the keys they load, new files.

Each key is taken from its flag (or environment variable), else the LSP profile's ``[keys]``,
else the key folder's usual file (``lsp-signing.key``, ``lsp-pdf.key``/``lsp-pdf.crt``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from certflow import (
    CredentialSigner,
    KeySet,
    PdfSigner,
    create_keys,
    create_pdf_certificate,
    current_signer,
    load_key_set,
    pdf_signer,
    token_signer,
)
from certflow.cli import profile as profiles
from certflow.cli.console import help_text, t
from certflow.engine import InvalidInputError, Text

__all__ = [
    "PDF_PASSPHRASE",
    "Folder",
    "KeyDir",
    "LspCode",
    "LspName",
    "Out",
    "PdfCert",
    "PdfKey",
    "PdfP12",
    "PublicKey",
    "SigningKey",
    "VerifyUrl",
    "create_all",
    "pdf_signer_for",
    "token_key",
    "verifying_keys",
    "write_new",
]

PDF_PASSPHRASE = "CERTFLOW_PDF_PASSPHRASE"
"""The environment variable holding the passphrase of a PKCS#12 file or an encrypted PDF key."""

SigningKey = Annotated[
    Path | None,
    typer.Option(
        "--key",
        envvar="CERTFLOW_SIGNING_KEY",
        help="The LSP's private token key (default: the current key of the key folder).",
    ),
]
KeyDir = Annotated[
    Path | None,
    typer.Option("--key-dir", help="The folder of the LSP's keys [default: the profile's]."),
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
        help="The LSP's key set: keyset.json, its folder, or one public key (PEM) "
        "[default: the profile's key folder].",
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
PdfKey = Annotated[
    Path | None,
    typer.Option(
        "--pdf-key",
        envvar="CERTFLOW_PDF_KEY",
        help="The PDF signing key, PEM [default: the profile's, else lsp-pdf.key of the key "
        "folder, if there].",
    ),
]
PdfCert = Annotated[
    Path | None,
    typer.Option(
        "--pdf-cert",
        envvar="CERTFLOW_PDF_CERT",
        help="Its X.509 certificate, PEM [default: the profile's, else lsp-pdf.crt of the key "
        "folder, if there].",
    ),
]
PdfP12 = Annotated[
    Path | None,
    typer.Option(
        "--pdf-p12",
        envvar="CERTFLOW_PDF_P12",
        help=help_text(
            "Key and certificate as PKCS#12 (a CA's .p12); passphrase in ${variable}.",
            variable=PDF_PASSPHRASE,
        ),
    ),
]


_KEYS_IGNORE = "# The LSP's private keys never go into version control.\n*.key\n*.p12\n*.pfx\n"


def create_all(console: Console, folder: Path, lsp_name: str | None) -> None:
    """Create the keys missing in ``folder``; an existing key is never overwritten.

    The token key, and the PDF key with its self-signed certificate when the LSP's name is
    known; a ``.gitignore`` keeps private keys out of version control.

    Raises:
        InvalidInputError: every key is there already.
    """
    signing, pdf_key = folder / "lsp-signing.key", folder / "lsp-pdf.key"
    if signing.exists() and (pdf_key.exists() or lsp_name is None):
        made = Text.join([str(signing), str(pdf_key)] if pdf_key.exists() else [str(signing)], ", ")
        raise InvalidInputError(
            [Text("{made} already there; keys are never overwritten", made=made)]
        )
    if not signing.exists():
        private, public = create_keys(folder)
        console.print(
            t("private key: {private}\npublic key: {public}", private=private, public=public)
        )
    if lsp_name is None:
        Console(stderr=True).print(
            t(
                "no PDF key made: its certificate names the LSP (--lsp-name, or "
                "the LSP profile from certflow init)",
            )
        )
    elif not pdf_key.exists():
        key, cert = create_pdf_certificate(folder, subject_name=lsp_name, organisation=lsp_name)
        console.print(
            t("PDF key: {key}\nPDF certificate (self-signed): {cert}", key=key, cert=cert)
        )
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text(_KEYS_IGNORE, encoding="utf-8")


def write_new(out: Path | None, text: str) -> None:
    """``text`` to standard output, or to ``out``, which must not exist yet."""
    if out is None:
        sys.stdout.write(text)
        return
    if out.exists() or out.is_symlink():
        raise InvalidInputError([t("{out} exists; it is not overwritten", out=out)])
    with out.open("x", encoding="utf-8") as handle:
        handle.write(text)
    Console(stderr=True).print(t("written to {out}", out=out))


def token_key(key: Path | None, key_dir: Path | None) -> CredentialSigner:
    """The token signing key: ``--key``, the profile's ``keys.signing``, else the current key."""
    chosen = profiles.signing_key(key)
    return token_signer(chosen) if chosen is not None else current_signer(profiles.key_dir(key_dir))


def verifying_keys(public_key: Path | None) -> KeySet | None:
    """The key set to check tokens with: ``--public-key``, else the profile's key folder."""
    if public_key is not None:
        return load_key_set(public_key)
    folder = profiles.key_dir(None)
    if profiles.profile() is not None and any(
        (folder / name).is_file() for name in ("keyset.json", "lsp-signing.pub")
    ):
        return load_key_set(folder)
    return None


def pdf_signer_for(
    key_dir: Path | None, key: Path | None, cert: Path | None, p12: Path | None
) -> PdfSigner | None:
    """The PDF signer from the options, else the profile's, else the key folder's files.

    With none found, a warning says the PDF is not signed and ``None`` is returned.
    """
    found = profiles.profile()
    if key is None and cert is None and p12 is None and found is not None:
        key, cert, p12 = found.keys.pdf_key, found.keys.pdf_certificate, found.keys.pdf_pkcs12
    secret = os.environ.get(PDF_PASSPHRASE)
    passphrase = secret.encode() if secret else None
    if p12 is not None:
        return pdf_signer(key, cert, pkcs12=p12, passphrase=passphrase)
    if key is None and cert is None:
        folder = profiles.key_dir(key_dir)
        key, cert = folder / "lsp-pdf.key", folder / "lsp-pdf.crt"
        if not (key.exists() and cert.exists()):
            Console(stderr=True).print(
                t(
                    "[bold yellow]warning[/] the PDF is not signed: no {key} and "
                    "{cert} (certflow keys create makes them; or give "
                    "--pdf-key/--pdf-cert, --pdf-p12)",
                    key=key,
                    cert=cert,
                )
            )
            return None
    if key is None or cert is None:
        raise InvalidInputError([Text("--pdf-key and --pdf-cert go together")])
    return pdf_signer(key, cert, passphrase=passphrase)
