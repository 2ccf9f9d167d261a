"""Signed certificate PDFs: PAdES B-B by the LSP's X.509 certificate, checked by two validators.

pyhanko's validator checks integrity, trust, coverage and the PAdES subfilter; poppler's
``pdfsig`` (Debian ``poppler-utils``) is the independent one, as Linux PDF readers use it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from datetime import UTC, date, datetime, timedelta
from io import BytesIO
from pathlib import Path
from uuid import UUID

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock, PdfSigner, create_pdf_certificate, pdf_signer, sign_pdf
from certflow.adapters.keys import create_keys
from certflow.adapters.pdf import render_certificates
from certflow.adapters.tokens import token_signer
from certflow.application.documents import CertificateProfile
from certflow.cli import app
from tests.support import World, build_world, write_profile_file

LSP_NAME = "LSP Humas Global"


@pytest.fixture
def pdf_keys(tmp_path: Path) -> tuple[Path, Path]:
    return create_pdf_certificate(tmp_path / "keys", subject_name=LSP_NAME, organisation=LSP_NAME)


@pytest.fixture
def signer(pdf_keys: tuple[Path, Path]) -> PdfSigner:
    return pdf_signer(*pdf_keys)


@pytest.fixture
def signed_pdf(lsp: certflow.CertificationBody, signer: PdfSigner, tmp_path: Path) -> Path:
    world: World = build_world(lsp, candidates=2)
    certs: list[UUID] = [world.through("distributed", n) for n in range(2)]
    out = tmp_path / "signed.pdf"
    pages = render_certificates(
        lsp,
        certs,
        out,
        key=token_signer(create_keys(tmp_path / "tokens")[0]),
        profile=CertificateProfile(lsp_name=LSP_NAME),
        pdf_signer=signer,
    )
    assert pages == 2
    return out


def _trusting(*certificates: x509.Certificate) -> ValidationContext:
    roots = [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certificates
    ]
    return ValidationContext(trust_roots=roots)


def _status(data: bytes, context: ValidationContext) -> PdfSignatureStatus:
    (embedded,) = PdfFileReader(BytesIO(data)).embedded_signatures
    return validate_pdf_signature(embedded, context)


def _self_signed(
    key: ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey,
    *,
    start: datetime,
    end: datetime,
) -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Other LSP")])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
    )
    algorithm = None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return builder.sign(key, algorithm)


def _pem_pair(folder: Path, key: object, certificate: x509.Certificate) -> tuple[Path, Path]:
    assert isinstance(key, ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey)
    folder.mkdir(parents=True, exist_ok=True)
    key_path, cert_path = folder / "other.key", folder / "other.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def test_the_pdf_key_is_private_never_overwritten_and_its_certificate_names_the_lsp(
    pdf_keys: tuple[Path, Path],
) -> None:
    key_path, cert_path = pdf_keys
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    with pytest.raises(certflow.InvalidInputError, match="never overwritten"):
        create_pdf_certificate(key_path.parent, subject_name="X", organisation="X")
    certificate = x509.load_pem_x509_certificate(cert_path.read_bytes())
    subject = certificate.subject
    assert subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == LSP_NAME
    assert subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == LSP_NAME
    assert subject.get_attributes_for_oid(NameOID.COUNTRY_NAME)[0].value == "ID"
    assert certificate.issuer == subject  # self-signed
    public = certificate.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    assert public.curve.name == "secp256r1"
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature
    assert usage.content_commitment
    assert not usage.key_cert_sign
    assert isinstance(certificate.signature_hash_algorithm, hashes.SHA256)
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert timedelta(days=3 * 365) <= lifetime < timedelta(days=3 * 365 + 1)


def test_a_rendered_certificate_is_signed_pades_and_validates(
    signed_pdf: Path, signer: PdfSigner
) -> None:
    data = signed_pdf.read_bytes()
    (embedded,) = PdfFileReader(BytesIO(data)).embedded_signatures
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert embedded.sig_object["/Name"] == LSP_NAME
    assert LSP_NAME in str(embedded.sig_object["/Reason"])
    status = validate_pdf_signature(embedded, _trusting(signer.certificate))
    assert status.intact
    assert status.valid
    assert status.trusted
    assert status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.md_algorithm == "sha256"
    # The certificate content is untouched: both pages and their text are still there.
    reader = PdfReader(signed_pdf)
    assert len(reader.pages) == 2
    assert "Kandidat 1" in reader.pages[1].extract_text()


def test_a_byte_changed_after_signing_breaks_the_signature(
    signed_pdf: Path, signer: PdfSigner
) -> None:
    data = bytearray(signed_pdf.read_bytes())
    where = data.index(b"ReportLab Generated")  # a comment in the signed bytes
    data[where] = ord("X")
    status = _status(bytes(data), _trusting(signer.certificate))
    assert not status.intact
    assert not status.bottom_line


def test_a_signature_by_another_certificate_is_not_trusted(
    signed_pdf: Path, tmp_path: Path
) -> None:
    other = create_pdf_certificate(tmp_path / "other", subject_name="Other", organisation="Other")
    status = _status(signed_pdf.read_bytes(), _trusting(pdf_signer(*other).certificate))
    assert status.intact  # the bytes are as signed ...
    assert not status.trusted  # ... but not by a certificate this reader trusts
    assert not status.bottom_line


def test_a_pkcs12_file_signs_as_a_ca_delivers_it(signer: PdfSigner, tmp_path: Path) -> None:
    p12 = tmp_path / "lsp.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"lsp",
            signer.key,
            signer.certificate,
            None,
            serialization.BestAvailableEncryption(b"rahasia"),
        )
    )
    loaded = pdf_signer(None, None, pkcs12=p12, passphrase=b"rahasia")
    assert loaded.subject == signer.subject
    buffer = BytesIO()
    page = Canvas(buffer)
    page.drawString(72, 720, "Sertifikat Kompetensi")
    page.save()
    data = sign_pdf(buffer.getvalue(), loaded, name=LSP_NAME, location="Jakarta", reason="test")
    status = _status(data, _trusting(signer.certificate))
    assert status.bottom_line
    with pytest.raises(certflow.InvalidInputError, match="passphrase is wrong"):
        pdf_signer(None, None, pkcs12=p12, passphrase=b"salah")
    with pytest.raises(certflow.InvalidInputError, match="not both"):
        pdf_signer(tmp_path / "k", None, pkcs12=p12, passphrase=b"rahasia")


def test_unusable_keys_and_certificates_are_refused_with_a_reason(
    pdf_keys: tuple[Path, Path], tmp_path: Path
) -> None:
    key_path, cert_path = pdf_keys
    now = datetime.now(UTC)
    other_key = ec.generate_private_key(ec.SECP256R1())
    other_key_path, other_cert_path = _pem_pair(
        tmp_path / "other", other_key, _self_signed(other_key, start=now, end=now + timedelta(1))
    )
    with pytest.raises(certflow.InvalidInputError, match="do not match"):
        pdf_signer(other_key_path, cert_path)
    with pytest.raises(certflow.InvalidInputError, match=r"not an X\.509 certificate"):
        pdf_signer(key_path, key_path)
    with pytest.raises(certflow.InvalidInputError, match="not a private key"):
        pdf_signer(cert_path, cert_path)
    old_key = ec.generate_private_key(ec.SECP256R1())
    expired = _self_signed(old_key, start=now - timedelta(days=800), end=now - timedelta(days=1))
    old = _pem_pair(tmp_path / "old", old_key, expired)
    with pytest.raises(certflow.InvalidInputError, match="expired on"):
        pdf_signer(*old)
    edwards = ed25519.Ed25519PrivateKey.generate()
    eddsa = _pem_pair(
        tmp_path / "ed", edwards, _self_signed(edwards, start=now, end=now + timedelta(1))
    )
    with pytest.raises(certflow.InvalidInputError, match="ECDSA"):
        pdf_signer(*eddsa)
    with pytest.raises(certflow.InvalidInputError, match="or a PKCS#12 file"):
        pdf_signer(key_path, None)
    locked = tmp_path / "locked.key"
    locked.write_bytes(
        other_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"rahasia"),
        )
    )
    with pytest.raises(certflow.InvalidInputError, match="is encrypted"):
        pdf_signer(locked, other_cert_path)
    with pytest.raises(certflow.InvalidInputError, match="passphrase is wrong"):
        pdf_signer(locked, other_cert_path, passphrase=b"salah")
    assert pdf_signer(locked, other_cert_path, passphrase=b"rahasia").subject == "CN=Other LSP"
    # A passphrase meant for a PKCS#12 file does not stop a plain key from loading.
    assert pdf_signer(key_path, cert_path, passphrase=b"rahasia").key is not None
    assert pdf_signer(other_key_path, other_cert_path).subject == "CN=Other LSP"


def test_poppler_pdfsig_finds_the_signature_valid(signed_pdf: Path, tmp_path: Path) -> None:
    found = shutil.which("pdfsig")
    if found is None:
        reason = "pdfsig (Debian poppler-utils) is not installed: apt-get install poppler-utils"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs {reason}")
        pytest.skip(reason)
    checked = subprocess.run(
        [found, str(signed_pdf)], capture_output=True, text=True, check=False, timeout=60
    )
    assert checked.returncode == 0, checked.stderr
    assert "Signature Validation: Signature is Valid." in checked.stdout
    assert "Signature Type: ETSI.CAdES.detached" in checked.stdout
    assert "Total document signed" in checked.stdout
    assert f"Signer Certificate Common Name: {LSP_NAME}" in checked.stdout
    # One byte changed: pdfsig no longer calls it valid.
    data = bytearray(signed_pdf.read_bytes())
    data[data.index(b"ReportLab Generated")] = ord("X")
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    broken = subprocess.run(
        [found, str(damaged)], capture_output=True, text=True, check=False, timeout=60
    )
    assert "Signature is Valid." not in broken.stdout


def test_the_cli_creates_the_pdf_certificate_and_signs_what_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    monkeypatch.setenv("CERTFLOW_CONFIG", str(write_profile_file(tmp_path)))
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    cert = str(build_world(lsp).through("distributed"))
    lsp.close()
    folder = tmp_path / "k"
    create_keys(folder)  # an installation from before signed PDFs: the Ed25519 key only
    before = (folder / "lsp-signing.key").read_bytes()
    created = runner.invoke(app, ["keys", "create", "--dir", str(folder), "--lsp-name", LSP_NAME])
    assert created.exit_code == 0, created.output
    assert (folder / "lsp-signing.key").read_bytes() == before  # kept
    assert "lsp-pdf.crt" in created.output.replace("\n", "")  # long paths fold
    again = runner.invoke(app, ["keys", "create", "--dir", str(folder)])
    assert again.exit_code == 3
    assert "never overwritten" in again.output
    common = ["certificate", cert, "--store", url, "--key-dir", str(folder), "-q", "--pdf"]
    made = runner.invoke(app, [*common, str(tmp_path / "signed.pdf")])
    assert made.exit_code == 0, made.output
    assert "not signed" not in made.output
    trusted = x509.load_pem_x509_certificate((folder / "lsp-pdf.crt").read_bytes())
    assert _status((tmp_path / "signed.pdf").read_bytes(), _trusting(trusted)).bottom_line
    bare = tmp_path / "bare"
    create_keys(bare)
    plain = ["certificate", cert, "--store", url, "--key-dir", str(bare), "-q"]
    unsigned = runner.invoke(app, [*plain, "--pdf", str(tmp_path / "unsigned.pdf")])
    assert unsigned.exit_code == 0, unsigned.output
    assert "not signed" in unsigned.output
    assert not PdfFileReader(BytesIO((tmp_path / "unsigned.pdf").read_bytes())).embedded_signatures
    half = runner.invoke(app, [*common, str(tmp_path / "x.pdf"), "--pdf-key", str(folder / "k")])
    assert half.exit_code == 3
    assert "go together" in half.output
