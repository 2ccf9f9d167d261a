"""Where a certification body keeps its records: the store settings every backend is given."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "DEFAULT_STORE",
    "LANGUAGE_VARIABLE",
    "Kind",
    "StoreSettings",
    "environment_language",
]

DEFAULT_STORE = "sqlite:///certflow.db"
"""The embedded default: a SQLite file in the working directory."""

LANGUAGE_VARIABLE = "CERTFLOW_LANG"
"""The environment variable that chooses the language of messages: ``en`` for English."""

Kind = Literal["memory", "sqlite", "postgres"]
"""The kinds of store, from the URL scheme (:func:`certflow.bootstrap.parse_store_url`)."""


def environment_language() -> str:
    """The language ``CERTFLOW_LANG`` asks for: ``"en"`` when it says ``en``, else ``"id"``.

    ``certflow.application`` installs this as the engine's process-wide default language when
    it is imported, so a process started with ``CERTFLOW_LANG=en`` renders English; it is read
    at every rendering, so a change to the variable takes effect at once.
    """
    return "en" if os.environ.get(LANGUAGE_VARIABLE, "").strip().lower() == "en" else "id"


@dataclass(frozen=True)
class StoreSettings:
    """Where events are stored, as eventsourcing environment variables."""

    kind: Kind
    env: dict[str, str] = field(default_factory=dict, repr=False)
    display: str = ""
    """The URL with any password masked, for messages."""
