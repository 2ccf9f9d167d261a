"""pydantic's validation errors said in certflow's words, in the current language.

pydantic words its errors in English ("String should have at least 1 character"). Each error
carries a type and its limits, so :func:`problem` says the common ones again as catalog messages
("must have at least 1 character(s)" / "paling sedikit 1 karakter"); an error of a type not listed
here keeps pydantic's own sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from certflow.engine import Text

__all__ = ["problem", "problems"]


def _ctx(item: Mapping[str, Any], key: str) -> object:
    return item.get("ctx", {}).get(key, "")


_SAYINGS: dict[str, Callable[[Mapping[str, Any]], Text]] = {
    "missing": lambda i: Text("a value is needed"),
    "string_too_short": lambda i: Text(
        "must have at least {count} character(s)", count=_ctx(i, "min_length")
    ),
    "string_too_long": lambda i: Text(
        "must have at most {count} character(s)", count=_ctx(i, "max_length")
    ),
    "too_short": lambda i: Text("needs at least {count} item(s)", count=_ctx(i, "min_length")),
    "too_long": lambda i: Text("takes at most {count} item(s)", count=_ctx(i, "max_length")),
    "greater_than_equal": lambda i: Text("must be {limit} or more", limit=_ctx(i, "ge")),
    "greater_than": lambda i: Text("must be more than {limit}", limit=_ctx(i, "gt")),
    "less_than_equal": lambda i: Text("must be {limit} or less", limit=_ctx(i, "le")),
    "less_than": lambda i: Text("must be less than {limit}", limit=_ctx(i, "lt")),
    "int_parsing": lambda i: Text("must be a whole number"),
    "int_type": lambda i: Text("must be a whole number"),
    "int_from_float": lambda i: Text("must be a whole number"),
    "float_parsing": lambda i: Text("must be a number"),
    "bool_parsing": lambda i: Text("must be yes or no (true or false)"),
    "date_parsing": lambda i: Text("must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": lambda i: Text("must be a date (YYYY-MM-DD)"),
    "date_type": lambda i: Text("must be a date (YYYY-MM-DD)"),
    "datetime_parsing": lambda i: Text("must be a date and time (YYYY-MM-DDTHH:MM)"),
    "datetime_from_date_parsing": lambda i: Text("must be a date and time (YYYY-MM-DDTHH:MM)"),
    "uuid_parsing": lambda i: Text("must be an id (UUID)"),
    "string_type": lambda i: Text("must be text"),
    "enum": lambda i: Text("must be one of {choices}", choices=_ctx(i, "expected")),
    "literal_error": lambda i: Text("must be one of {choices}", choices=_ctx(i, "expected")),
    "extra_forbidden": lambda i: Text("is not a field certflow knows"),
    "string_pattern_mismatch": lambda i: Text("is not in the expected form"),
}


def problem(item: Mapping[str, Any]) -> Text:
    """One of pydantic's errors (an item of ``ValidationError.errors()``) as a message."""
    kind = str(item.get("type", ""))
    if kind == "value_error":  # certflow's own validators: their message, already translated
        error = _ctx(item, "error")
        said = str(error) if error else str(item.get("msg", ""))
        return Text(said, said)
    saying = _SAYINGS.get(kind)
    if saying is not None:
        return saying(item)
    english = str(item.get("msg", kind))
    return Text(english, english)


def problems(error: ValidationError, *, model: str = "") -> list[Text]:
    """Every error of ``error``, each as ``field: message`` (``model`` when no field is named)."""
    said = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or model
        message = problem(item)
        said.append(Text("{where}: {message}", where=where, message=message) if where else message)
    return said
