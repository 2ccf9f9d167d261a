"""A session's certificates as one PDF or one file per holder, signed, never written over.

Issue 14, item 6: ``certflow certificate --session CODE --out-dir DIR`` writes each holder's own
PDF (named by the certificate number); ``--pdf`` writes them into one file. An existing file is
refused unless ``--replace``; a symbolic link is replaced, never followed.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from pyhanko.pdf_utils.reader import PdfFileReader
from pypdf import PdfReader
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock, certificate_file_name
from certflow.cli import EXIT_REFUSED, app
from tests.support import build_world, write_profile_file

runner = CliRunner()


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """A store with three distributed certificates of session EUK-TEST, keys and a profile."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 14), tz=WIB))
    world = build_world(lsp)
    numbers = [str(lsp.get(world.through("distributed", n)).certificate_number) for n in range(3)]
    lsp.close()
    monkeypatch.setenv("CERTFLOW_CONFIG", str(write_profile_file(tmp_path, store=url)))
    monkeypatch.setenv("CERTFLOW_LANG", "en")
    created = runner.invoke(app, ["keys", "create"])
    assert created.exit_code == 0, created.output
    return tmp_path, numbers


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result.exit_code, " ".join(result.output.split())


def test_one_signed_file_per_holder_named_by_number(office: tuple[Path, list[str]]) -> None:
    folder, numbers = office
    out = folder / "per-holder"
    code, output = _run("certificate", "--session", "EUK-TEST", "--out-dir", str(out))
    assert code == 0, output
    assert "3 files written" in output
    assert "printing" in output  # the progress bar
    files = sorted(out.iterdir())
    assert [f.name for f in files] == sorted(certificate_file_name(n) for n in numbers)
    for number, file in zip(sorted(numbers), files, strict=True):
        assert "/" not in file.name
        reader = PdfReader(file)
        assert number in reader.pages[0].extract_text()
        assert PdfFileReader(BytesIO(file.read_bytes())).embedded_signatures  # PAdES
        image = pdfium.PdfDocument(file)[0].render(scale=3).to_pil()
        (found,) = zxingcpp.read_barcodes(image)
        code, said = _run("verify-certificate", found.text, "--json")
        assert code == 0, said
        assert f'"number": "{number}"' in said


def test_existing_files_are_refused_whole_unless_replace(office: tuple[Path, list[str]]) -> None:
    folder, numbers = office
    out = folder / "per-holder"
    out.mkdir()
    kept = out / certificate_file_name(numbers[1])
    kept.write_bytes(b"the holder's earlier file")
    code, output = _run("certificate", "--session", "EUK-TEST", "--out-dir", str(out), "-q")
    assert code == EXIT_REFUSED
    assert "not overwritten" in output
    assert kept.read_bytes() == b"the holder's earlier file"
    assert sorted(out.iterdir()) == [kept]  # nothing else was written either
    code, output = _run(
        "certificate", "--session", "EUK-TEST", "--out-dir", str(out), "-q", "--replace"
    )
    assert code == 0, output
    assert kept.read_bytes().startswith(b"%PDF")
    assert len(list(out.iterdir())) == 3
    assert not [f for f in out.iterdir() if f.name.endswith(".part")]


def test_one_pdf_is_never_written_over_nor_through_a_link(office: tuple[Path, list[str]]) -> None:
    folder, _ = office
    pdf = folder / "sesi.pdf"
    code, output = _run("certificate", "--session", "EUK-TEST", "--pdf", str(pdf), "-q")
    assert code == 0, output
    assert len(PdfReader(pdf).pages) == 3
    first = pdf.read_bytes()
    code, output = _run("certificate", "--session", "EUK-TEST", "--pdf", str(pdf), "-q")
    assert code == EXIT_REFUSED
    assert pdf.read_bytes() == first
    target = folder / "precious.txt"
    target.write_text("not a certificate")
    link = folder / "link.pdf"
    link.symlink_to(target)
    code, output = _run("certificate", "--session", "EUK-TEST", "--pdf", str(link), "-q")
    assert code == EXIT_REFUSED
    code, output = _run(
        "certificate", "--session", "EUK-TEST", "--pdf", str(link), "-q", "--replace"
    )
    assert code == 0, output
    assert target.read_text() == "not a certificate"  # the link was replaced, not followed
    assert not link.is_symlink()
    assert link.read_bytes().startswith(b"%PDF")


def test_pdf_and_out_dir_together_are_refused(office: tuple[Path, list[str]]) -> None:
    folder, _ = office
    code, output = _run(
        "certificate",
        "--session",
        "EUK-TEST",
        "--pdf",
        str(folder / "a.pdf"),
        "--out-dir",
        str(folder / "d"),
    )
    assert code == EXIT_REFUSED
    assert "not both" in output
    assert not (folder / "a.pdf").exists()
    assert not (folder / "d").exists()


def test_file_names_keep_only_safe_characters() -> None:
    assert certificate_file_name("HG-MI/00001/2024") == "HG-MI-00001-2024.pdf"
    assert certificate_file_name("../../etc/passwd") == "etc-passwd.pdf"
    assert certificate_file_name("SKM/LSP HG/MI 2024") == "SKM-LSP-HG-MI-2024.pdf"
    assert certificate_file_name("///") == "sertifikat.pdf"
