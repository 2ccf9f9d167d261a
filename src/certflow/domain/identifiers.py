r"""What a person's identifiers look like: a NIK or NRP on its own, and any of them in free text.

Two questions, one definition each:

- :func:`is_nik` / :func:`is_nrp`: is this value a NIK (exactly 16 ASCII digits ``0``-``9``) or
  an NRP (exactly 8)? Everything that stores or looks up a NIK asks here, so full-width
  (``３２０１…``), Arabic-Indic (``٣٢٠١…``) or superscript digits, which ``str.isdigit()`` and a
  Unicode ``\d`` accept, never become a second NIK for the same person.
- :func:`identifier_in`: does free text seem to hold a NIK, an e-mail address or a phone number?
  Events hold no direct identifiers (R58); the application refuses such free text at the boundary
  (:mod:`certflow.application.free_text`), and a rule may refuse it again at decision time. This
  search is wider on purpose: it also finds a NIK written in groups or in other digits
  (folded with NFKC first).
"""

from __future__ import annotations

import re
import unicodedata

from certflow.engine import Text

__all__ = ["identifier_in", "is_nik", "is_nrp"]

_ASCII_NIK = re.compile(r"[0-9]{16}")
_ASCII_NRP = re.compile(r"[0-9]{8}")


def is_nik(value: str) -> bool:
    """Whether ``value`` is a NIK: exactly 16 ASCII digits (no other digits, no spaces)."""
    return _ASCII_NIK.fullmatch(value) is not None


def is_nrp(value: str) -> bool:
    """Whether ``value`` is an NRP (Polri personnel number): exactly 8 ASCII digits."""
    return _ASCII_NRP.fullmatch(value) is not None


_NIK = re.compile(r"(?<!\d)(?:\d[ .\-]?){15}\d(?!\d)")
"""16 digits, also written in groups (``3201 0123 4567 8901``), in any script's digits."""
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]{2,}")
_PHONE = re.compile(r"(?<!\d)(?:\+62|62|0)[ .\-]?8\d(?:[ .\-]?\d){6,10}(?!\d)")
"""An Indonesian mobile number: ``08…``, ``+62 8…``, ``628…``."""
_IDENTIFIERS = (
    (_NIK, Text("a NIK")),
    (_EMAIL, Text("an e-mail address")),
    (_PHONE, Text("a phone number")),
)


def identifier_in(text: str) -> Text | None:
    """What kind of direct identifier ``text`` seems to hold ("a NIK"...), or ``None``.

    Searched in NFKC, so full-width or superscript digits and a full-width ``＠`` count too.
    """
    folded = unicodedata.normalize("NFKC", text)
    for pattern, what in _IDENTIFIERS:
        if pattern.search(folded):
            return what
    return None
