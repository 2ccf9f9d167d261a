"""PAdES signatures on the certificate PDFs (``pyhanko``, the ``documents`` extra).

A :class:`PdfSigner` holds the LSP's PDF signing key and its X.509 certificate (plus any
intermediate certificates up to the CA). It is loaded with :func:`pdf_signer` from PEM files
(``certflow keys create`` writes a self-signed pair, ``lsp-pdf.key`` and ``lsp-pdf.crt``) or
from a PKCS#12 file (``.p12``/``.pfx``), the form in which BSrE and most CAs deliver a
certificate. :func:`sign_pdf` adds a PAdES baseline B-B signature (``/ETSI.CAdES.detached``,
SHA-256) as an incremental update, so the bytes before it stay as they were.

The PDF key is ECDSA P-256 or RSA, never Ed25519: Adobe Reader and poppler do not accept EdDSA
in a PDF signature (see docs/decisions/0011-pades-signatures.md). The certificate tokens keep
their own Ed25519 key (:mod:`certflow.adapters.tokens`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from certflow.adapters.extras import require
from certflow.engine import InvalidInputError, Text

if TYPE_CHECKING:
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = ["PdfSigner", "pdf_signer", "sign_pdf"]

FIELD_NAME = "LSP"
"""The name of the signature field added to each certificate PDF."""
_MIN_RSA_BITS = 2048


@dataclass(frozen=True)
class PdfSigner:
    """The LSP's PDF signing key, its X.509 certificate and the CA chain above it."""

    key: EllipticCurvePrivateKey | RSAPrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()
    """Intermediate (and optionally root) certificates, embedded so validators find the path."""

    @property
    def subject(self) -> str:
        """The certificate's subject, as RFC 4514 text (``CN=...,O=...,C=ID``)."""
        return self.certificate.subject.rfc4514_string()


def _load_certificate(data: bytes, source: Path) -> x509.Certificate:
    from cryptography import x509

    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError:
        raise InvalidInputError(
            [Text("{source} is not an X.509 certificate (PEM or DER)", source=source)]
        ) from None


def _load_chain(paths: Sequence[Path]) -> list[x509.Certificate]:
    from cryptography import x509

    found: list[x509.Certificate] = []
    for path in paths:
        data = Path(path).read_bytes()
        try:
            found += x509.load_pem_x509_certificates(data)
        except ValueError:
            found.append(_load_certificate(data, Path(path)))
    return found


def _load_key(path: Path, passphrase: bytes | None) -> object:
    from cryptography.hazmat.primitives import serialization

    data = Path(path).read_bytes()
    try:
        if b"-----BEGIN" in data:
            return serialization.load_pem_private_key(data, password=passphrase)
        return serialization.load_der_private_key(data, password=passphrase)
    except TypeError:  # encrypted without a passphrase, or a passphrase for a plain key
        if passphrase is not None:  # a passphrase set for a PKCS#12 file: the key is plain
            return _load_key(path, None)
        raise InvalidInputError(
            [
                Text(
                    "the private key {path} is encrypted: set its passphrase "
                    "(CERTFLOW_PDF_PASSPHRASE)",
                    path=path,
                )
            ]
        ) from None
    except ValueError:
        raise InvalidInputError(
            [
                Text(
                    "{path} is not a private key in PEM or DER, or its passphrase is wrong",
                    path=path,
                )
            ]
        ) from None


def _load_pkcs12(
    path: Path, passphrase: bytes | None
) -> tuple[object, x509.Certificate, list[x509.Certificate]]:
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(
            Path(path).read_bytes(), passphrase
        )
    except (ValueError, TypeError):
        raise InvalidInputError(
            [
                Text(
                    "{path} cannot be opened: not a PKCS#12 file, or the passphrase is wrong",
                    path=path,
                )
            ]
        ) from None
    if key is None or certificate is None:
        raise InvalidInputError(
            [Text("{path} must hold both the private key and its certificate", path=path)]
        )
    return key, certificate, list(extra)


def _checked(
    key: object, certificate: x509.Certificate, source: Path, *, at: datetime
) -> EllipticCurvePrivateKey | RSAPrivateKey:
    """The key, when it suits a PDF signature and belongs to the certificate, which is in force."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ec import EllipticCurvePrivateKey
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

    if not isinstance(key, EllipticCurvePrivateKey | RSAPrivateKey):
        raise InvalidInputError(
            [
                Text(
                    "the key for {source} is {name___removeprefix}; PDF readers such "
                    "as Adobe Reader accept ECDSA (P-256) or RSA signatures only "
                    "(certflow keys create makes an ECDSA P-256 key)",
                    source=source,
                    name___removeprefix=type(key).__name__.removeprefix("_"),
                )
            ]
        )
    if isinstance(key, RSAPrivateKey) and key.key_size < _MIN_RSA_BITS:
        raise InvalidInputError(
            [
                Text(
                    "the RSA key for {source} has {key_key_size} bits; use 2048+",
                    source=source,
                    key_key_size=key.key_size,
                )
            ]
        )
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    der = serialization.Encoding.DER
    if key.public_key().public_bytes(der, spki) != certificate.public_key().public_bytes(der, spki):
        raise InvalidInputError(
            [
                Text(
                    "the private key and the certificate {source} do not match "
                    "(different key pairs)",
                    source=source,
                )
            ]
        )
    if at < certificate.not_valid_before_utc:
        start = certificate.not_valid_before_utc
        raise InvalidInputError(
            [
                Text(
                    "the certificate {source} is valid only from {start:%Y-%m-%d}",
                    source=source,
                    start=start,
                )
            ]
        )
    if at > certificate.not_valid_after_utc:
        raise InvalidInputError(
            [
                Text(
                    "the certificate {source} expired on "
                    "{certificate_not_valid_after_utc:%Y-%m-%d}; renew it with the "
                    "CA, or run certflow keys create in a new folder",
                    source=source,
                    certificate_not_valid_after_utc=certificate.not_valid_after_utc,
                )
            ]
        )
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return key
    if not (usage.digital_signature or usage.content_commitment):
        raise InvalidInputError(
            [
                Text(
                    "the certificate {source} is not for signatures (its key usage excludes them)",
                    source=source,
                )
            ]
        )
    return key


def pdf_signer(
    key: Path | None,
    certificate: Path | None,
    *,
    pkcs12: Path | None = None,
    passphrase: bytes | None = None,
    chain: Sequence[Path] = (),
) -> PdfSigner:
    """Load the LSP's PDF signing key and certificate.

    Either ``key`` and ``certificate`` (PEM or DER; ``passphrase`` opens an encrypted key) or
    ``pkcs12`` (a ``.p12``/``.pfx`` file and its ``passphrase``). ``chain`` names files of CA
    certificates to embed (a PKCS#12 file's own CA certificates are taken as well).

    Raises:
        InvalidInputError: the files do not make a usable signer: not a key or certificate, a
            wrong passphrase, a key that is not the certificate's, an expired certificate, or
            a key type PDF readers do not accept (Ed25519).
    """
    require("documents", "cryptography", "pyhanko")
    loaded: object
    if pkcs12 is not None:
        if key is not None or certificate is not None:
            raise InvalidInputError(
                [Text("give a PKCS#12 file or a key and certificate, not both")]
            )
        loaded, cert, extra = _load_pkcs12(pkcs12, passphrase)
        source = Path(pkcs12)
    elif key is not None and certificate is not None:
        loaded = _load_key(key, passphrase)
        source = Path(certificate)
        cert, extra = _load_certificate(source.read_bytes(), source), []
    else:
        raise InvalidInputError(
            [
                Text(
                    "a PDF signature needs the private key and its certificate, or a PKCS#12 file",
                )
            ]
        )
    checked = _checked(loaded, cert, source, at=datetime.now(UTC))
    return PdfSigner(checked, cert, tuple(extra + _load_chain(chain)))


def sign_pdf(data: bytes, signer: PdfSigner, *, name: str, location: str, reason: str) -> bytes:
    """Return ``data`` (a PDF) with a PAdES B-B signature by ``signer`` added as an update.

    ``name``, ``location`` and ``reason`` are the signature's /Name, /Location and /Reason, as
    PDF readers show them in their signature panel. The digest is SHA-256.
    """
    require("documents", "cryptography", "pyhanko")
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata, SimpleSigner
    from pyhanko.sign.signers import sign_pdf as pyhanko_sign
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    der = serialization.Encoding.DER

    def asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
        return asn1_x509.Certificate.load(certificate.public_bytes(der))

    private = signer.key.private_bytes(
        der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    simple = SimpleSigner(
        signing_cert=asn1(signer.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(private),
        # pyhanko_certvalidator is typed, this one classmethod is not
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [asn1(c) for c in signer.chain]
        ),
    )
    metadata = PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        name=name,
        location=location,
        reason=reason,
    )
    writer = IncrementalPdfFileWriter(BytesIO(data))
    signed: BytesIO = pyhanko_sign(writer, metadata, signer=simple)
    return signed.getvalue()
