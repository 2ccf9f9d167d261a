"""Sentences in two languages: Bahasa Indonesia (the default) and English.

The language a sentence renders in is chosen by whoever runs the engine, never read by the
engine from the environment. It is looked up when a sentence is rendered, in this order:

1. the language chosen for the current context (a ``contextvars.ContextVar``): set it with
   :func:`set_language` or, for a block, :func:`use_language`;
2. else the process-wide default, which an application sets once at start-up with
   :func:`set_default_language` (a language, or a function that tells it);
3. else Bahasa Indonesia (``"id"``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass

__all__ = [
    "LANGUAGES",
    "Text",
    "language",
    "reset_language",
    "set_default_language",
    "set_language",
    "text",
    "use_language",
]

LANGUAGES = ("id", "en")
"""Supported languages: Bahasa Indonesia first (the default), English second."""

_chosen: ContextVar[str | None] = ContextVar("engine_language", default=None)
_default: Callable[[], str] = lambda: LANGUAGES[0]  # noqa: E731 - replaced by set_default_language


def _checked(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    return lang


def language() -> str:
    """The language sentences render in here and now: ``"id"`` or ``"en"``.

    The current context's choice (:func:`set_language`, :func:`use_language`), else the
    process-wide default (:func:`set_default_language`), else ``"id"``.
    """
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    fallback = _default()
    return fallback if fallback in LANGUAGES else LANGUAGES[0]


def set_language(lang: str) -> Token[str | None]:
    """Render in ``lang`` in the current context (thread or task) from now on.

    Returns:
        A token; pass it to :func:`reset_language` to restore the previous choice.

    Raises:
        ValueError: ``lang`` is not one of :data:`LANGUAGES`.
    """
    return _chosen.set(_checked(lang))


def reset_language(token: Token[str | None]) -> None:
    """Undo the :func:`set_language` call that returned ``token``."""
    _chosen.reset(token)


@contextmanager
def use_language(lang: str) -> Iterator[None]:
    """Render in ``lang`` inside the ``with`` block (in the current context only)."""
    token = set_language(lang)
    try:
        yield
    finally:
        reset_language(token)


def set_default_language(lang: str | Callable[[], str]) -> None:
    """Set the process-wide language used where no context has chosen one.

    Args:
        lang: a language, or a function asked at every rendering (e.g. one that reads the
            application's settings); an answer outside :data:`LANGUAGES` means ``"id"``.

    Raises:
        ValueError: ``lang`` is a string that is not one of :data:`LANGUAGES`.
    """
    global _default
    if isinstance(lang, str):
        fixed = _checked(lang)
        _default = lambda: fixed  # noqa: E731
    else:
        _default = lang


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
