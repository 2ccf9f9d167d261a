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

import gettext
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from importlib import resources

__all__ = [
    "LANGUAGES",
    "Text",
    "catalog",
    "language",
    "reset_language",
    "set_default_language",
    "set_language",
    "text",
    "translate",
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


_DOMAIN = "certflow"
"""The gettext domain of certflow's own messages (``certflow/locale/<lang>/LC_MESSAGES``)."""

_catalogs: dict[str, gettext.NullTranslations] = {}


def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled gettext catalog of certflow's messages in ``lang`` (loaded once).

    English is the language of the message ids, so it needs no catalog; a language without a
    compiled catalog renders the ids as they are.
    """
    found = _catalogs.get(lang)
    if found is None:
        found = gettext.NullTranslations()
        if lang != "en":
            mo = resources.files("certflow").joinpath(f"locale/{lang}/LC_MESSAGES/{_DOMAIN}.mo")
            if mo.is_file():
                found = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
        _catalogs[lang] = found
    return found


def translate(message: str, lang: str | None = None) -> str:
    """``message`` (an English message id) in ``lang`` (default: :func:`language`)."""
    chosen = lang or language()
    return message if chosen == "en" or not message else catalog(chosen).gettext(message)


class Text:
    """A sentence that renders in Bahasa Indonesia or in English when it is shown.

    Two ways to make one:

    * ``Text("request {key} was not found", key=key)``: a message of certflow's catalog.
      The English text is the message id; the Indonesian comes from the ``certflow`` gettext
      catalog (``certflow/locale/id/LC_MESSAGES/certflow.po``). The ``{name}`` placeholders are
      filled with the keyword arguments when the sentence is rendered (a parameter that is itself
      a :class:`Text` renders in the same language); without keyword arguments the text is used
      as it is.
    * ``Text("halo", "hello")``: both sentences given (Bahasa Indonesia first), for workflows of
      your own whose messages are not in certflow's catalog.

    ``a + b`` joins two sentences; :attr:`id` and :attr:`en` render in one language.
    """

    __slots__ = ("_en", "_id", "_params", "_parts")

    _id: str | None
    _en: str
    _params: tuple[tuple[str, object], ...]
    _parts: tuple[Text, ...]

    def __init__(self, message: str, en: str | None = None, /, **params: object) -> None:
        if en is not None and params:
            raise TypeError("Text(id, en) takes no parameters; use Text(message, **params)")
        self._id = message if en is not None else None
        self._en = en if en is not None else message
        self._params = tuple(params.items())
        self._parts = ()

    @classmethod
    def _joined(cls, parts: tuple[Text, ...]) -> Text:
        joined = cls("")
        joined._parts = parts
        return joined

    def render(self, lang: str | None = None) -> str:
        """The sentence in ``lang`` (default: :func:`language`)."""
        chosen = lang or language()
        if self._parts:
            return "".join(part.render(chosen) for part in self._parts)
        if self._id is not None:
            return self._en if chosen == "en" else self._id
        template = translate(self._en, chosen)
        if not self._params:
            return template
        values = {
            name: value.render(chosen) if isinstance(value, Text) else value
            for name, value in self._params
        }
        return template.format(**values)

    @property
    def id(self) -> str:
        """The sentence in Bahasa Indonesia."""
        return self.render("id")

    @property
    def en(self) -> str:
        """The sentence in English."""
        return self.render("en")

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.en!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return (self.id, self.en) == (other.id, other.en)

    def __hash__(self) -> int:
        return hash((self.id, self.en))

    def __add__(self, other: Text) -> Text:
        return Text._joined((self, other))

    @classmethod
    def join(cls, parts: Iterable[Text | str], separator: Text | str = "; ") -> Text:
        """The sentences of ``parts`` one after another with ``separator`` between them."""
        between = as_text(separator)
        joined: list[Text] = []
        for part in parts:
            if joined:
                joined.append(between)
            joined.append(as_text(part))
        return cls._joined(tuple(joined))


def text(message: str, en: str | None = None, /, **params: object) -> Text:
    """A sentence: ``text("English {name}", name=...)`` or ``text(id, en)`` (see :class:`Text`)."""
    return Text(message, en, **params)


def as_text(value: str | Text) -> Text:
    """``value`` as a :class:`Text` (a plain string stands for both languages)."""
    return value if isinstance(value, Text) else Text(value, value)
