"""The language of the command line: ``--lang``, and help texts translated when they are shown.

Typer builds the help of every command once, from English help strings and docstrings. The
classes here translate them through certflow's gettext catalog each time help is printed, so one
process shows help in either language (``certflow --lang en show --help``), together with the
parts of the help screen that typer and click print themselves (panel titles, ``Usage:``,
``[default: ...]``). A flag shows no ``<bool>`` placeholder: it takes no value.

The language is chosen, first match wins, by ``--lang``, by ``CERTFLOW_LANG``, by the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG`` beginning with ``id`` or ``en``), else Bahasa Indonesia
(:func:`certflow.application.settings.environment_language` reads the last three).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer
from typer import rich_utils
from typer.core import TyperCommand, TyperGroup

from certflow.cli.console import N_, help_template, t
from certflow.cli.usage_errors import usage_errors_translated
from certflow.engine import LANGUAGES, language, reset_language, set_language, translate

__all__ = ["TranslatedCommand", "TranslatedGroup", "choose_language", "translate_tree"]

_CHROME = {
    "ARGUMENTS_PANEL_TITLE": N_("Arguments"),
    "OPTIONS_PANEL_TITLE": N_("Options"),
    "COMMANDS_PANEL_TITLE": N_("Commands"),
    "ERRORS_PANEL_TITLE": N_("Error"),
    "DEFAULT_STRING": N_("[default: {}]"),
    "ENVVAR_STRING": N_("[env var: {}]"),
    "REQUIRED_LONG_STRING": N_("[required]"),
    "DEPRECATED_STRING": N_("(deprecated) "),
    "RICH_HELP": N_("Try [blue]'{command_path} {help_option}'[/] for help."),
}
"""The words typer's help screen prints itself (``typer.rich_utils``), by attribute."""

_USAGE = N_("Usage:")
_HELP_OPTION = N_("Show this message and exit.")


def _help(value: str | None) -> str | None:
    """A help text in the current language (its catalog entry is the cleaned-up English)."""
    if not value:
        return value
    template = help_template(value)
    if template is not None:
        message, params = template
        return translate(message).format(**params)
    found = translate(value)
    if found == value:
        cleaned = inspect.cleandoc(value)
        found = translate(cleaned)
        if found == cleaned:
            return value
    return found


@contextmanager
def _translated(command: Any, ctx: Any) -> Iterator[None]:
    """Show ``command``'s help (and its subcommands' one-line help) in the current language."""
    saved: list[tuple[object, str, Any]] = []
    own = object()  # marks an attribute the instance did not hold itself

    def swap(owner: object, attribute: str, value: Any) -> None:
        held = vars(owner).get(attribute, own) if hasattr(owner, "__dict__") else own
        saved.append((owner, attribute, held if held is not own else own))
        setattr(owner, attribute, value)

    for attribute, english in _CHROME.items():
        swap(rich_utils, attribute, translate(english))
    swap(command, "help", _help(command.help))
    swap(command, "short_help", _help(command.short_help))
    for param in command.get_params(ctx):
        swap(param, "help", _help(getattr(param, "help", None)))
        if getattr(param, "is_flag", False) and not getattr(param, "count", False):
            swap(param, "metavar", "")  # a flag takes no value: no <bool>
    for sub in getattr(command, "commands", {}).values():  # typer's groups: no click Group
        swap(sub, "help", _help(sub.help))
        swap(sub, "short_help", _help(sub.short_help))
    try:
        yield
    finally:
        for owner, attribute, value in reversed(saved):
            if value is own:
                delattr(owner, attribute)
            else:
                setattr(owner, attribute, value)


def _usage(usage: str) -> str:
    return usage.replace(_USAGE, translate(_USAGE), 1)


class TranslatedCommand(TyperCommand):
    """A typer command whose help is shown in the current language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Print the help, translated."""
        with _translated(self, ctx):
            super().format_help(ctx, formatter)

    def get_usage(self, ctx: Any) -> str:
        """The usage line, translated."""
        return _usage(str(super().get_usage(ctx)))


class TranslatedGroup(TyperGroup):
    """A typer group whose help is shown in the current language.

    As the root, it also keeps a ``--lang`` choice to the one invocation it was made for.
    """

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Print the help, translated."""
        with _translated(self, ctx):
            super().format_help(ctx, formatter)

    def get_usage(self, ctx: Any) -> str:
        """The usage line, translated."""
        return _usage(str(super().get_usage(ctx)))

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        """Run the command line; a ``--lang`` given ends with this invocation.

        Typer's own words on an error screen (``Error``, ``Try ... for help``) follow the
        language too, and so do click's sentences inside the error (:mod:`.usage_errors`).
        """
        token = set_language(language())
        saved = {name: getattr(rich_utils, name) for name in _CHROME}
        _apply_chrome()
        try:
            with usage_errors_translated():
                return super().main(args, *rest, **extra)
        finally:
            for name, value in saved.items():
                setattr(rich_utils, name, value)
            reset_language(token)


def _apply_chrome() -> None:
    """Put typer's help and error words in the current language."""
    for attribute, english in _CHROME.items():
        setattr(rich_utils, attribute, translate(english))


def choose_language(value: str | None) -> str | None:
    """The ``--lang`` callback: render in ``value`` from now on (this invocation only)."""
    if value is None:
        return None
    chosen = value.strip().lower()
    if chosen not in LANGUAGES:
        raise typer.BadParameter(t("{value!r}: choose id or en", value=value))
    set_language(chosen)
    _apply_chrome()
    return chosen


def _plain(cls: object) -> bool:
    """Whether ``cls`` is typer's own group class (or none was given)."""
    return cls in (None, TyperGroup) or isinstance(cls, typer.models.DefaultPlaceholder)


def translate_tree(app: typer.Typer) -> None:
    """Make every group and command of ``app`` (and of its groups) show translated help."""
    if _plain(app.info.cls):
        app.info.cls = TranslatedGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = TranslatedCommand
    for group in app.registered_groups:
        if _plain(group.cls):
            group.cls = TranslatedGroup
        if group.typer_instance is not None:
            translate_tree(group.typer_instance)
