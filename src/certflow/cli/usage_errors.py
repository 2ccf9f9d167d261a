"""Click's usage errors in the current language.

typer builds its usage errors ("No such option: --x", "Missing argument 'ID'.") as plain English
sentences. :func:`translated` reads such a sentence back with the patterns below and says it again
as a catalog message, so an Indonesian screen shows no English sentence; a sentence no pattern
knows is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from typer import rich_utils

from certflow.engine import Text

__all__ = ["translated", "usage_errors_translated"]

_KINDS = {"argument": Text("argument"), "option": Text("option"), "parameter": Text("parameter")}
_LABELS = {
    "integer": Text("whole number"),
    "int": Text("whole number"),
    "float": Text("number"),
    "boolean": Text("yes or no value"),
    "bool": Text("yes or no value"),
}


def _missing(match: re.Match[str]) -> Text:
    kind = _KINDS.get(match["kind"], Text(match["kind"], match["kind"]))
    sentence = Text("{kind} {hint} is missing.", kind=kind, hint=match["hint"])
    if match["rest"]:
        return Text("{sentence} {rest}", sentence=sentence, rest=translated(match["rest"]))
    return sentence


def _no_such_option(match: re.Match[str]) -> Text:
    if match["options"]:
        return Text(
            "no such option: {name} (the options: {options})",
            name=match["name"],
            options=match["options"],
        )
    return Text("no such option: {name}", name=match["name"])


def _invalid(match: re.Match[str]) -> Text:
    return Text(
        "invalid value for {hint}: {reason}",
        hint=match["hint"],
        reason=translated(match["reason"].removeprefix("Value error, ")),  # pydantic's prefix
    )


def _not_valid(match: re.Match[str]) -> Text:
    label = _LABELS.get(match["label"], Text(match["label"], match["label"]))
    return Text("{value} is not a valid {label}.", value=match["value"], label=label)


_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Text]], ...] = (
    (
        re.compile(r"No such option: (?P<name>\S+)(?: \(Possible options: (?P<options>.*)\))?"),
        _no_such_option,
    ),
    (
        re.compile(
            r"Missing (?P<kind>argument|option|parameter) (?P<hint>.+?)\.(?: (?P<rest>.*))?"
        ),
        _missing,
    ),
    (
        re.compile(r"Missing parameter: (?P<name>.+)"),
        lambda m: Text("{name} is missing.", name=m["name"]),
    ),
    (re.compile(r"Invalid value for (?P<hint>.+?): (?P<reason>.*)", re.S), _invalid),
    (
        re.compile(r"Got unexpected extra arguments? \((?P<args>.*)\)"),
        lambda m: Text("unexpected extra arguments ({args})", args=m["args"]),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') requires an argument\."),
        lambda m: Text("option {name} needs a value.", name=m["name"]),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') requires (?P<count>\d+) arguments\."),
        lambda m: Text("option {name} needs {count} values.", name=m["name"], count=m["count"]),
    ),
    (
        re.compile(r"Option (?P<name>'[^']*') does not take a value\."),
        lambda m: Text("option {name} takes no value.", name=m["name"]),
    ),
    (
        re.compile(r"No such command (?P<name>'[^']*')\."),
        lambda m: Text("no such command: {name}.", name=m["name"]),
    ),
    (
        re.compile(r"(?P<value>.+) is not one of (?P<choices>.*)\.", re.S),
        lambda m: Text("{value} is not one of {choices}.", value=m["value"], choices=m["choices"]),
    ),
    (re.compile(r"Value (?P<value>.+) is not a valid (?P<label>[\w ]+)\.", re.S), _not_valid),
    (re.compile(r"(?P<value>.+) is not a valid (?P<label>[\w ]+)\.", re.S), _not_valid),
)


def translated(sentence: str) -> Text:
    """``sentence`` (one of click's usage errors) as a catalog message, else as it is."""
    for pattern, say in _PATTERNS:
        match = pattern.fullmatch(sentence.strip())
        if match is not None:
            return say(match)
    return Text(sentence, sentence)


_HOOK = "rich_format_error"
"""The function typer's error screen is drawn with (looked up on the module at each error)."""


@contextmanager
def usage_errors_translated() -> Iterator[None]:
    """While the block runs, typer's error screen says click's sentence in the current language."""
    original: Callable[[Any], None] = getattr(rich_utils, _HOOK)

    def show(error: Any) -> None:
        sentence = str(translated(error.format_message()))
        error.format_message = lambda: sentence
        original(error)

    setattr(rich_utils, _HOOK, show)
    try:
        yield
    finally:
        setattr(rich_utils, _HOOK, original)
