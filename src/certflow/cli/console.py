"""What every command prints with: translated phrases, markup escaping, progress bars and JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from certflow.engine import Text

__all__ = ["N_", "escape", "help_template", "help_text", "print_json", "progress", "t"]


def t(message: str, en: str | None = None, /, **params: object) -> str:
    """A CLI phrase in the chosen language (``--lang``, ``CERTFLOW_LANG``, the locale; else id).

    ``t("{count} certifications", count=n)``: ``message`` is the English message id of
    certflow's gettext catalog, its ``{name}`` placeholders filled from ``params`` (see
    :class:`certflow.engine.Text`). ``t(id, en)`` (both sentences given) is the older form.
    """
    return Text(message, en, **params).render()


_HELP_TEMPLATES: dict[str, tuple[str, dict[str, object]]] = {}


def help_text(message: str, /, **params: object) -> str:
    """A help text with ``{name}`` parts filled from ``params``: English now, translated when shown.

    For typer's ``help=``, which must be a string when the command is declared; the help screen
    translates ``message`` through the catalog and fills it again (:func:`help_template`).
    """
    english = message.format(**params)
    _HELP_TEMPLATES[english] = (message, params)
    return english


def help_template(english: str) -> tuple[str, dict[str, object]] | None:
    """The message and parameters a help text was made from by :func:`help_text`, if it was."""
    return _HELP_TEMPLATES.get(english)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Mark ``message`` for the catalog without translating it now (it is translated when shown)."""
    return message


def progress(console: Console, *, disable: bool) -> Progress:
    """A progress bar for long runs."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=disable,
        transient=False,
    )


def print_json(data: Any) -> None:
    """Write ``data`` to standard output as indented JSON, non-ASCII kept as is."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
