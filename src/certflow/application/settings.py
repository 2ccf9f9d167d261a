"""Where a certification body keeps its records: the store settings every backend is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = ["DEFAULT_STORE", "Kind", "StoreSettings"]

DEFAULT_STORE = "sqlite:///certflow.db"
"""The embedded default: a SQLite file in the working directory."""

Kind = Literal["memory", "sqlite", "postgres"]
"""The kinds of store, from the URL scheme (:func:`certflow.bootstrap.parse_store_url`)."""


@dataclass(frozen=True)
class StoreSettings:
    """Where events are stored, as eventsourcing environment variables."""

    kind: Kind
    env: dict[str, str] = field(default_factory=dict, repr=False)
    display: str = ""
    """The URL with any password masked, for messages."""
