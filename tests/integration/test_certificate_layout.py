"""The certificate layout holds for real data: long names, long scheme titles, many units.

Each case is rendered with reportlab, read back with pdfium: every text box must lie inside the
border and no two text boxes may overlap. A few pages are compared with reference PNGs
(tests/fixtures/layout/); set CERTFLOW_UPDATE_REFERENCES=1 to rewrite them after a deliberate
change, and look at them before committing.
"""

from __future__ import annotations

import itertools
import os
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from certflow.adapters.pdf_layout import CertificateContent, draw_certificate
from certflow.application.documents import CertificateProfile, Signatory
from certflow.engine import InvalidInputError

REFERENCES = Path(__file__).parents[1] / "fixtures" / "layout"
MM = 72 / 25.4
MARGIN = 12 * MM + 1  # the border, and a point inside it
TOKEN = "eyJ2IjoxLCJsc3AiOiJMU1AtSEciLCJuIjoiSEctTUkvMDAwMDEvMjAyNCJ9." + "A" * 86

NAMES = {
    "short": "Ayu Lestari",  # 11 characters
    "titled": "Prof. Dr. Ir. Ṭāriq Đặng Nguyễn, S.T., M.Eng.",
    "long": (
        "Prof. Dr. Ir. H. Raden Mas Ṭāriq Āditya Đặng 王小明 Wicaksono Adiningrat "
        "Kusumawardhani Purbaningrum Hadiwijoyo Mangkunegoro, S.H.I., M.Hum., Ph.D., CPHR"
    ),
}
TITLES = {
    "short": "Manajemen Isu",
    "long": (
        "Pengelolaan Hubungan Masyarakat dan Komunikasi Publik Kepolisian untuk Penanganan "
        "Isu Strategis, Krisis dan Kehumasan Daring pada Satuan Kerja Kewilayahan Polda "
        "dan Polres, termasuk Pengelolaan Media Sosial, Kemitraan dengan "
        "Pemangku Kepentingan Umum"
    ),  # 250 characters
}
UNIT_COUNTS = (1, 5, 15, 40)
PROFILE = CertificateProfile(
    lsp_name="LSP Humas Global",
    licence="BNSP-LSP-1234-ID",
    address="Jl. Trunojoyo No. 3, Kebayoran Baru, Jakarta Selatan 12110",
    place_of_issue="Jakarta",
    logo=REFERENCES / "logo.png",
    signatories=(
        Signatory(
            role_id="Manajer Sertifikasi",
            role_en="Certification Manager",
            name="Dr. Siti Nurhaliza Wulandari, M.Si.",
            signature=REFERENCES / "signature.png",
        ),
        Signatory(role_id="Ketua LSP", role_en="Head of the LSP", name="Bambang Sutrisno, S.Sos."),
    ),
)


def _content(name: str, title: str, units: int, copy: int = 1) -> CertificateContent:
    return CertificateContent(
        certificate_number="HG-MI/00001/2024",
        registration_number="REG-73300-2024-0001",
        holder=name,
        scheme_title=title,
        scheme_code="SKM-HG-01",
        units=tuple(
            (f"M.70HMS00.{i:03d}.3", f"Melaksanakan Kegiatan Hubungan Masyarakat Bagian {i}")
            for i in range(1, units + 1)
        ),
        valid_from=date(2024, 11, 14),
        valid_until=date(2027, 11, 13),
        copy_number=copy,
        token=TOKEN,
        issued_on=date(2024, 11, 25),
    )


def _render(content: CertificateContent, out: Path) -> int:
    canvas = Canvas(str(out), pagesize=landscape(A4), invariant=1)
    pages = draw_certificate(canvas, content, PROFILE)
    canvas.save()
    return pages


def _boxes(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    text = page.get_textpage()
    return [text.get_rect(i) for i in range(text.count_rects())]


def _images(page: pdfium.PdfPage) -> list[tuple[float, float, float, float]]:
    """The boxes of the page's images (logo, signatures, QR code)."""
    return [
        image.get_bounds()
        for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
    ]


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    across = min(a[2], b[2]) - max(a[0], b[0])
    up = min(a[3], b[3]) - max(a[1], b[1])
    return across > 0.5 and up > 0.5


def _assert_holds(pdf: Path) -> None:
    document = pdfium.PdfDocument(pdf)
    for number in range(len(document)):
        page = document[number]
        width, height = page.get_size()
        boxes = _boxes(page)
        assert boxes, f"page {number + 1} has no text"
        images = _images(page)
        if number == 0:  # the logo, one signature image, the QR code
            assert len(images) == 3, images
        for left, bottom, right, top in boxes + images:
            assert left >= MARGIN, (number, left)
            assert right <= width - MARGIN, (number, right)
            assert bottom >= MARGIN, (number, bottom)
            assert top <= height - MARGIN, (number, top)
        for a, b in itertools.combinations(boxes, 2):
            assert not _overlap(a, b), f"page {number + 1}: {a} overlaps {b}"
        for image, box in itertools.product(images, boxes):
            assert not _overlap(image, box), f"page {number + 1}: image {image} covers {box}"
        page.render(scale=0.5).to_pil()  # it renders


@pytest.mark.parametrize("units", UNIT_COUNTS)
@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("name", NAMES)
def test_no_text_leaves_the_page_and_no_two_lines_overlap(
    name: str, title: str, units: int, tmp_path: Path
) -> None:
    pdf = tmp_path / "c.pdf"
    pages = _render(_content(NAMES[name], TITLES[title], units, copy=2), pdf)
    _assert_holds(pdf)
    reader = PdfReader(pdf)
    text = " ".join(p.extract_text() for p in reader.pages).replace("\n", " ")
    for word in NAMES[name].split():
        assert word in text, word
    assert f"M.70HMS00.{units:03d}.3" in text  # the last unit is printed
    assert "LSP Humas Global" in text
    assert reader.metadata is not None
    assert (pages > 1) == (f"{units} units, listed in the annex" in text)


def test_the_matrix_covers_the_lengths_asked_for() -> None:
    assert len(TITLES["long"]) == 250
    assert len(NAMES["short"]) >= 10
    assert len(NAMES["long"]) == 150


def test_forty_units_go_to_an_annex_and_five_stay_on_the_front(tmp_path: Path) -> None:
    assert _render(_content(NAMES["short"], TITLES["short"], 5), tmp_path / "a.pdf") == 1
    assert _render(_content(NAMES["long"], TITLES["long"], 40), tmp_path / "b.pdf") >= 2


def test_names_in_latin_extended_and_cjk_are_embedded_not_boxes(tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    _render(_content(NAMES["long"], TITLES["short"], 1), pdf)
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    for word in ("Ṭāriq", "Āditya", "Đặng", "王小明"):
        assert word in text
    fonts = PdfReader(pdf).pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any("DejaVuSans" in n for n in names)
    assert any("DroidSansFallback" in n for n in names)


REFERENCE_CASES = {
    "demo": (NAMES["short"], TITLES["short"], 5),
    "long": (NAMES["long"], TITLES["long"], 15),
    "annex": (NAMES["titled"], TITLES["long"], 40),
}


def _differs(got: Image.Image, want: Image.Image) -> float:
    """The share of pixels whose grey level differs by more than a quarter of the range."""
    assert got.size == want.size
    diff = ImageChops.difference(got.convert("L"), want.convert("L"))
    histogram = diff.histogram()
    return sum(histogram[64:]) / (got.size[0] * got.size[1])


@pytest.mark.parametrize("case", REFERENCE_CASES)
def test_pages_look_like_the_reference_images(case: str, tmp_path: Path) -> None:
    pdf = tmp_path / "c.pdf"
    _render(_content(*REFERENCE_CASES[case]), pdf)
    document = pdfium.PdfDocument(pdf)
    for number in range(min(2, len(document))):
        image = document[number].render(scale=1).to_pil().convert("L")
        reference = REFERENCES / f"{case}-{number + 1}.png"
        if os.environ.get("CERTFLOW_UPDATE_REFERENCES") == "1":
            REFERENCES.mkdir(parents=True, exist_ok=True)
            image.save(reference, optimize=True)
        assert reference.exists(), f"{reference} missing: run with CERTFLOW_UPDATE_REFERENCES=1"
        assert _differs(image, Image.open(reference)) < 0.002, reference.name


def test_a_400_character_name_still_fits_and_a_longer_one_is_refused_not_cut(
    tmp_path: Path,
) -> None:
    long_name = ("Raden Mas Ṭāriq Āditya Wicaksono Adiningrat " * 10)[:400].strip()
    pdf = tmp_path / "400.pdf"
    _render(_content(long_name, TITLES["long"], 15), pdf)
    _assert_holds(pdf)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages).replace("\n", " ")
    assert all(word in text for word in long_name.split())
    with pytest.raises(InvalidInputError, match="does not fit the certificate"):
        _render(_content(long_name * 2, TITLES["short"], 5), tmp_path / "800.pdf")


def test_an_oversized_logo_is_refused_with_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.png"
    Image.new("L", (5000, 10)).save(huge)
    canvas = Canvas(str(tmp_path / "c.pdf"), pagesize=landscape(A4))
    with pytest.raises(InvalidInputError, match="5000x10 pixels"):
        draw_certificate(
            canvas, _content("Ayu", "Manajemen Isu", 1), PROFILE.model_copy(update={"logo": huge})
        )
