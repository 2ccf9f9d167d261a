"""What the LSP prints on its certificates besides each record's own data.

The printed certificate itself is rendered at the edge (:mod:`certflow.adapters.pdf`); the LSP
profile file that usually supplies these values is :class:`~.profile.LspProfile`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from certflow.domain import ZONES
from certflow.engine import Text

__all__ = [
    "CertificateProfile",
    "Printable",
    "Signatory",
    "person_name",
    "printable",
    "printed",
    "verification_address",
]


def printable(value: str) -> str:
    """``value`` in NFC with its ends trimmed, or a ValueError naming a character not allowed.

    Refused: control characters (C0, C1, DEL), format characters (zero-width, bidirectional
    overrides and isolates, soft hyphen), private-use, unassigned and lone surrogate code
    points, anywhere in the text: what is printed is what the LSP saw.
    """
    if value.isascii() and value.isprintable():  # U+0020-007E only: NFC and allowed as is
        return value.strip()
    text = unicodedata.normalize("NFC", value).strip()
    for character in text:
        if unicodedata.category(character) in {"Cc", "Cf", "Cs", "Co", "Cn"}:
            code = f"U+{ord(character):04X}"
            raise ValueError(
                str(
                    Text(
                        "contains the invisible or control character {code}; retype the "
                        "text without it",
                        code=code,
                    )
                )
            )
    return text


_LOOK_ALIKE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
"""Alphabets with letters that look the same (Latin ``a``, Cyrillic ``а``, Greek ``α``)."""


def person_name(value: str) -> str:
    """A person's name as it is kept and printed: :func:`printable`, spaces made one space.

    Leading and trailing whitespace (also a no-break space) is trimmed and every run of
    whitespace inside (a no-break or an ideographic space too) becomes one space; kept in
    NFC. A name mixing look-alike alphabets (Latin with Cyrillic or Greek letters) is refused:
    it would print like another person's name and not be found again by it.
    """
    text = " ".join(printable(value).split())
    if not text.isascii():
        scripts = {
            unicodedata.name(character, "").split(" ")[0]
            for character in text
            if character.isalpha()
        }
        mixed = [script for script in _LOOK_ALIKE_SCRIPTS if script in scripts]
        if len(mixed) > 1:
            alphabets = " and ".join(script.title() for script in mixed)
            raise ValueError(
                str(
                    Text(
                        "mixes {alphabets} letters that look alike; retype the name in "
                        "one alphabet",
                        alphabets=alphabets,
                    )
                )
            )
    return text


Printable = Annotated[str, AfterValidator(printable)]
"""A text that may be printed on a certificate (see :func:`printable`)."""


def printed(shortest: int, longest: int) -> AfterValidator:
    """Checks a :data:`Printable` text of ``shortest`` to ``longest`` characters (trimmed)."""

    def bounded(value: str) -> str:
        text = printable(value)
        if not shortest <= len(text) <= longest:
            raise ValueError(
                f"must be {shortest} to {longest} characters (it has {len(text)})"
                if shortest
                else f"must be at most {longest} characters (it has {len(text)})"
            )
        return text

    return AfterValidator(bounded)


def verification_address(value: str) -> str:
    """``value`` if it is a plain https page address (http only for localhost), else ValueError."""
    parts = urlsplit(printable(value))
    local = parts.hostname in {"localhost", "127.0.0.1", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and local):
        raise ValueError("must be an https:// address (http:// only for localhost)")
    if not parts.hostname or parts.query or parts.fragment or parts.username:
        raise ValueError("must be a plain page address, without ?query, #fragment or user")
    return parts.geturl()


class Signatory(BaseModel):
    """A signature block: the signer's name, the position in both languages, any signature image."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role_id: Annotated[str, printed(2, 80)]
    role_en: Annotated[str, printed(2, 80)]
    name: Annotated[str, printed(0, 120)] = ""
    signature: Path | None = None
    """A PNG or JPEG of the signature, drawn above the line."""


class CertificateProfile(BaseModel):
    """What the LSP prints on every certificate besides the record's own data."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lsp_name: Annotated[str, printed(1, 160)] = "Lembaga Sertifikasi Profesi"
    licence: Annotated[str, printed(0, 60)] = ""
    """The LSP's BNSP licence number, if it is to be printed."""
    verification_url: Annotated[
        str, Field(max_length=200), AfterValidator(verification_address)
    ] = "https://lsp.example/verifikasi"
    """The LSP's verification page (where ``certflow serve`` is mounted): the QR code holds
    ``verification_url/v/TOKEN``."""
    signatories: tuple[Signatory, ...] = (
        Signatory(role_id="Manajer Sertifikasi", role_en="Certification Manager"),
        Signatory(role_id="Ketua LSP", role_en="Head of the LSP"),
    )
    address: Annotated[str, printed(0, 240)] = ""
    """The LSP's postal address, printed under its name."""
    place_of_issue: Annotated[str, printed(0, 60)] = ""
    """The city printed before the date of issue (``Jakarta, 14 November 2024``)."""
    logo: Path | None = None
    """A PNG or JPEG logo printed at the top of the page."""
    timezone: str = "Asia/Jakarta"
    """The zone the date of issue is a day in (the LSP's business zone)."""

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        if value not in ZONES:
            raise ValueError("use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)")
        return value
