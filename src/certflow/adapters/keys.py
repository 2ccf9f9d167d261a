"""The LSP's keys as PEM files (``cryptography``, the ``documents`` extra).

Two keys: the Ed25519 key that signs certificate tokens and checkpoints (:func:`create_keys`;
the keys returned fit :class:`~certflow.application.ports.SigningKey` and
:class:`~certflow.application.ports.VerifyingKey` as they are), and the ECDSA P-256 key with its
X.509 certificate that signs the certificate PDFs (:func:`create_pdf_certificate`, used by
:mod:`certflow.adapters.pdf_signing`). A private key is written with mode 0600 and never
overwritten.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from certflow.adapters.extras import require
from certflow.application.checkpoints import CheckpointKey, key_name
from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

__all__ = [
    "PDF_KEY_NAME",
    "checkpoint_key",
    "create_keys",
    "create_pdf_certificate",
    "load_private_key",
    "load_public_key",
]

PDF_KEY_NAME = "lsp-pdf"
"""The PDF key's files: ``lsp-pdf.key`` (private) and ``lsp-pdf.crt`` (its certificate)."""


def _write_private(path: Path, pem: bytes) -> None:
    """Write a private key: mode 0600, and only if the file does not exist yet."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise InvalidInputError(
            [Text("{path} exists; a signing key is never overwritten", path=path)]
        ) from None
    with os.fdopen(descriptor, "wb") as out:
        out.write(pem)


def create_keys(directory: Path, name: str = "lsp-signing") -> tuple[Path, Path]:
    """Write a new Ed25519 key pair: ``NAME.key`` (private, mode 0600) and ``NAME.pub``."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / f"{name}.key", directory / f"{name}.pub"
    if private_path.exists():
        raise InvalidInputError(
            [
                Text(
                    "{private_path} exists; a signing key is never overwritten",
                    private_path=private_path,
                )
            ]
        )
    require("documents", "cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(private_path, pem)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private_path, public_path


def create_pdf_certificate(
    directory: Path,
    *,
    subject_name: str,
    organisation: str,
    country: str = "ID",
    days: int = 3 * 365,
) -> tuple[Path, Path]:
    """Write an ECDSA P-256 key and a self-signed X.509 certificate for signing PDFs.

    ``lsp-pdf.key`` (private, mode 0600, never overwritten) and ``lsp-pdf.crt``: CN
    ``subject_name``, O ``organisation``, C ``country``, valid for ``days`` from now, key usage
    digital signature and non-repudiation, signed with SHA-256. A self-signed certificate suits
    tests and internal use; readers trust a certificate from a CA such as BSrE (see
    docs/certificates.md, "Signed PDFs").
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key_path, cert_path = directory / f"{PDF_KEY_NAME}.key", directory / f"{PDF_KEY_NAME}.crt"
    if key_path.exists():
        raise InvalidInputError(
            [Text("{key_path} exists; a signing key is never overwritten", key_path=key_path)]
        )
    if not subject_name.strip() or not organisation.strip():
        raise InvalidInputError([Text("the PDF certificate needs the LSP's name")])
    if len(country) != 2:  # ISO 3166 alpha-2
        raise InvalidInputError(
            [Text("country {country!r} is not a two-letter ISO 3166 code", country=country)]
        )
    require("documents", "cryptography")
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, subject_name.strip()[:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()[:64]),
            x509.NameAttribute(NameOID.COUNTRY_NAME, country.upper()),
        ]
    )
    now = datetime.now(UTC).replace(microsecond=0)
    usage = x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    public = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The LSP's private signing key from a PEM file."""
    require("documents", "cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except (ValueError, TypeError):  # not PEM, encrypted, or a key cryptography cannot read
        raise InvalidInputError(
            [Text("{path} is not a PEM private key (unencrypted)", path=path)]
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInputError([Text("{path} is not an Ed25519 private key", path=path)])
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The LSP's public key from a PEM file."""
    require("documents", "cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        key = serialization.load_pem_public_key(Path(path).read_bytes())
    except ValueError:  # not PEM, or a key cryptography cannot read
        raise InvalidInputError([Text("{path} is not a PEM public key", path=path)]) from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError([Text("{path} is not an Ed25519 public key", path=path)])
    return key


def checkpoint_key(
    lsp_code: str, *, private: Path | None = None, public: Path | None = None
) -> CheckpointKey:
    """The LSP's key as checkpoints use it.

    From the private key file (to sign and check) or the public one (to check only).
    """
    if private is not None:
        signing = load_private_key(private)
        verifying = signing.public_key()
    elif public is not None:
        signing, verifying = None, load_public_key(public)
    else:
        raise InvalidInputError([Text("checkpoints need the LSP's private or public key")])
    return CheckpointKey(
        verifying.public_bytes_raw(), key_name(lsp_code), signing=signing, verifying=verifying
    )
