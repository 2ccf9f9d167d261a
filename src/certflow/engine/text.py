"""Sentences in two languages: Bahasa Indonesia (the default) and English.

The language is read when a sentence is rendered: ``CERTFLOW_LANG=en`` for English, anything
else (or nothing) for Bahasa Indonesia.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["LANGUAGES", "Text", "language", "text"]

LANGUAGES = ("id", "en")
"""Supported languages: Bahasa Indonesia first (the default), English second."""


def language() -> str:
    """The language to render in: ``en`` when ``CERTFLOW_LANG=en``, else ``id``."""
    return "en" if os.environ.get("CERTFLOW_LANG", "").strip().lower() == "en" else "id"


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence in Bahasa Indonesia and in English."""

    id: str
    en: str

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: :func:`language`)."""
        return self.en if (lang or language()) == "en" else self.id

    def __str__(self) -> str:
        return self.render()

    def __add__(self, other: Text) -> Text:
        return Text(self.id + other.id, self.en + other.en)


def text(id: str, en: str) -> Text:
    """A sentence in Bahasa Indonesia (``id``) and English (``en``)."""
    return Text(id, en)


def as_text(value: str | Text) -> Text:
    """``value`` as a :class:`Text` (a plain string stands for both languages)."""
    return value if isinstance(value, Text) else Text(value, value)
