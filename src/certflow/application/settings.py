"""Where a certification body keeps its records: the store settings every backend is given."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "DEFAULT_STORE",
    "LANGUAGE_VARIABLE",
    "Kind",
    "RetentionPolicy",
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
    path: str = ""
    """The SQLite file (``:memory:`` for an in-memory database); empty for other kinds."""
    create: bool = True
    """Create the store when it does not exist; when ``False`` a missing store is refused."""
    readonly: bool = False
    """Open the store read-only: nothing is created or written, queries do not catch up."""


class RetentionPolicy(BaseModel):
    """The retention schedule (jadwal retensi, R60): how long records outlive their cycle.

    A certified candidate's records are kept until the certificate's last valid day; a BK,
    rejected or withdrawn candidate's until ``min_retention_months`` after the decision (or the
    last recorded change); each plus ``grace_months``. Defaults: 36 months (one common
    certification cycle, ISO/IEC 17024 §7.1) and no grace.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_retention_months: int = Field(36, ge=1, le=240)
    grace_months: int = Field(0, ge=0, le=120)
