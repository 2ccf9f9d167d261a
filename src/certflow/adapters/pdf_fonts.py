"""The fonts embedded in printed certificates, shipped with the package (see ``fonts/README.md``).

DejaVu Sans covers Latin, Latin Extended (ā, Ṭ, Đ), Greek and Cyrillic; a character it lacks is
set in Droid Sans Fallback (CJK such as 王, Hangul, kana). A character neither covers is replaced
by U+FFFD rather than printed as an empty box. Only used glyphs are embedded (subsets).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["BODY", "BOLD", "FALLBACK", "ITALIC", "markup", "register_fonts"]

FONTS = Path(__file__).parent / "fonts"
BODY = "CertflowSans"
BOLD = "CertflowSans-Bold"
ITALIC = "CertflowSans-Oblique"
FALLBACK = "CertflowFallback"
_FILES = {
    BODY: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}


@cache
def register_fonts() -> None:
    """Register the embedded fonts with reportlab once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS / file)))
    addMapping(BODY, 0, 0, BODY)
    addMapping(BODY, 1, 0, BOLD)
    addMapping(BODY, 0, 1, ITALIC)
    addMapping(BODY, 1, 1, BOLD)


@cache
def _covered(font: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


def markup(text: str, font: str = BODY) -> str:
    """Escape ``text`` for a Paragraph, setting characters ``font`` lacks in the fallback font."""
    primary, fallback = _covered(font), _covered(FALLBACK)
    parts: list[str] = []
    run: list[str] = []
    in_fallback = False
    for char in text:
        code = ord(char)
        wants_fallback = code not in primary and code in fallback
        if code not in primary and code not in fallback:
            char = "\ufffd"
        if wants_fallback != in_fallback and run:
            parts.append(_run("".join(run), in_fallback))
            run = []
        in_fallback = wants_fallback
        run.append(char)
    if run:
        parts.append(_run("".join(run), in_fallback))
    return "".join(parts)


def _run(text: str, in_fallback: bool) -> str:
    escaped = escape(text)
    return f'<font face="{FALLBACK}">{escaped}</font>' if in_fallback else escaped
