"""The read models by name, in the order they are shown, and one line about each."""

from __future__ import annotations

from certflow.application.view_rows import VIEWS
from certflow.engine import Text

__all__ = ["VIEW_NAMES", "describe"]

VIEW_NAMES: tuple[str, ...] = VIEWS
"""The read models, in the order they are shown."""


def describe(view: str) -> Text:
    """One line about a view, for ``certflow projections status``."""
    return _DESCRIPTIONS[view]


_DESCRIPTIONS = {
    "case_board": Text("certifications per stage, scheme and session"),
    "certificate_register": Text(
        "certificate number, holder (pseudonymous id), status, validity",
    ),
    "deadline_board": Text(
        "overdue distributions, expiring certificates, appeals awaiting decision",
    ),
    "assessor_workload": Text("candidates per assessor per day"),
}
