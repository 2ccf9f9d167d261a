"""Certificates people can print and anyone can verify (R37, R42, R48, R64)."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
import zxingcpp
from pypdf import PdfReader
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.adapters.keys import create_keys
from certflow.adapters.pdf import render_certificates
from certflow.adapters.tokens import load_key_set, token_signer
from certflow.application.certificates import CertificateStatus
from certflow.application.documents import CertificateProfile
from certflow.application.verification import check_offline
from certflow.cli import app
from tests.support import ADMIN, COMMITTEE, MANAGER, World, build_world, write_profile_file


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    return create_keys(tmp_path / "keys")


@pytest.fixture
def issued(lsp: certflow.CertificationBody) -> tuple[World, list[UUID]]:
    world = build_world(lsp, candidates=3)
    return world, [world.through("distributed", n) for n in range(3)]


def _qr_tokens(pdf: Path) -> list[str]:
    tokens = []
    for page in PdfReader(pdf).pages:
        (image,) = page.images
        (found,) = zxingcpp.read_barcodes(image.image)
        assert found.format == zxingcpp.BarcodeFormat.QRCode
        tokens.append(found.text)
    return tokens


def test_keys_are_created_once_and_the_private_key_is_private(keys: tuple[Path, Path]) -> None:
    private, public = keys
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in private.read_bytes()
    assert b"PUBLIC KEY" in public.read_bytes()
    with pytest.raises(certflow.InvalidInputError, match="never overwritten"):
        create_keys(private.parent)


def test_a_token_verifies_and_reports_every_status(
    issued: tuple[World, list[UUID]], keys: tuple[Path, Path]
) -> None:
    world, (kept, revoked, suspended) = issued
    lsp = world.lsp
    private, public = token_signer(keys[0]), load_key_set(keys[1])
    token = lsp.certificate_token(kept, key=private)
    answer = lsp.verify_certificate(token, public_key=public)
    assert answer.status is CertificateStatus.VALID
    assert answer.number == lsp.get(kept).certificate_number
    assert answer.holder == "Kandidat 0"
    assert "3201" not in answer.model_dump_json()  # no NIK in the public answer (R64)
    assert lsp.verify_certificate(str(answer.number)).status is CertificateStatus.VALID
    # One byte changed in the signed payload: forged.
    header, body, signature = token.split(".")
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    assert lsp.verify_certificate(f"{header}.{flipped}.{signature}", public_key=public).status is (
        CertificateStatus.FORGED
    )
    other = load_key_set(create_keys(keys[0].parent, "other")[1])
    assert lsp.verify_certificate(token, public_key=other).status is CertificateStatus.UNKNOWN_KEY
    world.at(date(2025, 3, 1))
    lsp.revoke(revoked, grounds="ethics_breach", actor=COMMITTEE)
    lsp.suspend(suspended, grounds="criminal_suspect", resolve_by=date(2025, 6, 1), actor=COMMITTEE)
    for cert, status in (
        (revoked, CertificateStatus.REVOKED),
        (suspended, CertificateStatus.SUSPENDED),
    ):
        their = lsp.certificate_token(cert, key=private)
        assert lsp.verify_certificate(their, public_key=public).status is status
    world.at(date(2027, 11, 14))
    assert lsp.verify_certificate(token, public_key=public).status is CertificateStatus.EXPIRED
    assert lsp.verify_certificate("NO/SUCH/1").status is CertificateStatus.UNKNOWN


def test_a_duplicate_voids_the_earlier_copy(
    issued: tuple[World, list[UUID]], keys: tuple[Path, Path]
) -> None:
    world, (cert, *_) = issued
    lsp = world.lsp
    private, public = token_signer(keys[0]), load_key_set(keys[1])
    first = lsp.certificate_token(cert, key=private)
    lsp.reissue_certificate(cert, reason="lost", actor=MANAGER)
    second = lsp.certificate_token(cert, key=private)
    assert lsp.verify_certificate(first, public_key=public).status is CertificateStatus.VOID
    assert lsp.verify_certificate(second, public_key=public).status is CertificateStatus.VALID
    assert lsp.verify_certificate(second, public_key=public).copy_number == 2


def test_offline_checks_use_the_signature_and_dates(
    issued: tuple[World, list[UUID]], keys: tuple[Path, Path]
) -> None:
    world, (cert, *_) = issued
    token = world.lsp.certificate_token(cert, key=token_signer(keys[0]))
    public = load_key_set(keys[1])
    offline = check_offline(token, public, date(2025, 1, 1))
    assert offline.status is CertificateStatus.VALID
    assert offline.copy_number == 1
    assert check_offline(token, public, date(2028, 1, 1)).status is CertificateStatus.EXPIRED
    assert check_offline("nonsense.token", public, date(2025, 1, 1)).status is (
        CertificateStatus.DAMAGED
    )


def test_the_pdf_shows_the_right_data_and_its_qr_token_verifies(
    issued: tuple[World, list[UUID]], keys: tuple[Path, Path], tmp_path: Path
) -> None:
    world, certs = issued
    lsp = world.lsp
    lsp.record_registration_number(certs[0], number="REG-73300-2024-0001", actor=ADMIN)
    out = tmp_path / "batch.pdf"
    pages = render_certificates(
        lsp,
        certs,
        out,
        key=token_signer(keys[0]),
        profile=CertificateProfile(lsp_name="LSP Humas Global"),
    )
    assert pages == 3
    reader = PdfReader(out)
    text = reader.pages[0].extract_text()
    view = lsp.get(certs[0])
    for expected in (
        "SERTIFIKAT KOMPETENSI",
        "Certificate of Competence",
        "Kandidat 0",
        str(view.certificate_number),
        "REG-73300-2024-0001",
        "Manajemen Isu",
        "U.001",
        "Unit U.002",
        "LSP Humas Global",
        "14 November 2024",
        "13 November 2027",
        "Manajer Sertifikasi",
        "Certification Manager",
        "Pindai untuk memeriksa keaslian",  # the QR's caption says what scanning is for
    ):
        assert expected in text, expected
    assert "3201" not in text  # no NIK on the certificate
    public = load_key_set(keys[1])
    tokens = _qr_tokens(out)
    assert len(tokens) == 3
    for cert, token in zip(certs, tokens, strict=True):
        assert token.startswith("https://lsp.example/verifikasi/v/")  # the QR holds the URL
        answer = lsp.verify_certificate(token, public_key=public)
        assert answer.status is CertificateStatus.VALID
        assert answer.number == lsp.get(cert).certificate_number


def test_after_erasure_the_certificate_verifies_with_the_holder_shown_as_erased(
    issued: tuple[World, list[UUID]], keys: tuple[Path, Path], tmp_path: Path
) -> None:
    world, (cert, *_) = issued
    lsp = world.lsp
    lsp.erase_personal_data(world.candidates[0], reason="request", actor=ADMIN)
    token = lsp.certificate_token(cert, key=token_signer(keys[0]))
    answer = lsp.verify_certificate(token, public_key=load_key_set(keys[1]))
    assert answer.status is CertificateStatus.VALID
    assert answer.holder == "[personal data erased]"
    out = tmp_path / "erased.pdf"
    render_certificates(lsp, [cert], out, key=token_signer(keys[0]))
    assert "Kandidat 0" not in PdfReader(out).pages[0].extract_text()


def test_the_cli_creates_keys_prints_pdfs_and_verifies(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    cert = str(world.through("distributed"))
    number = lsp.get(cert).certificate_number
    lsp.close()
    created = runner.invoke(app, ["keys", "create", "--dir", str(tmp_path / "k")])
    assert created.exit_code == 0, created.output
    key, pub = tmp_path / "k" / "lsp-signing.key", tmp_path / "k" / "lsp-signing.pub"
    token = runner.invoke(app, ["certificate", cert, "--store", url, "--key", str(key)])
    assert token.exit_code == 0, token.output
    valid = runner.invoke(
        app, ["verify-certificate", token.stdout.strip(), "--store", url, "--public-key", str(pub)]
    )
    assert valid.exit_code == 0, valid.output
    assert "VALID" in valid.output
    forged = runner.invoke(
        app,
        [
            "verify-certificate",
            token.stdout.strip()[:-3] + "AAA",
            "--store",
            url,
            "--public-key",
            str(pub),
        ],
    )
    assert forged.exit_code == 1
    assert "FORGED" in forged.output
    by_number = runner.invoke(app, ["verify-certificate", str(number), "--store", url, "--json"])
    assert '"status": "valid"' in by_number.stdout
    config = write_profile_file(tmp_path)
    batch = runner.invoke(
        app,
        [
            "--config",
            str(config),
            "certificate",
            "--session",
            "EUK-TEST",
            "--store",
            url,
            "--key",
            str(key),
            "--pdf",
            str(tmp_path / "s.pdf"),
            "-q",
        ],
    )
    assert batch.exit_code == 0, batch.output
    assert len(PdfReader(tmp_path / "s.pdf").pages) == 1
