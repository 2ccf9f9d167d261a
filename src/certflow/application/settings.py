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


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The POSIX locale variables, in the order they take precedence."""


def _spoken(value: str) -> str | None:
    """``"id"`` or ``"en"`` when ``value`` (``en``, ``id_ID.UTF-8``...) names one, else ``None``."""
    code = value.strip().lower()[:2]
    return code if code in ("id", "en") else None


def environment_language() -> str:
    """The language the environment asks for: ``"id"`` or ``"en"``.

    ``CERTFLOW_LANG`` (``id`` or ``en``) first; else the locale: the first of ``LC_ALL``,
    ``LC_MESSAGES`` and ``LANG`` that is set decides when it begins with ``id`` or ``en``
    (``en_US.UTF-8``); else Bahasa Indonesia. ``certflow.application`` installs this as the
    engine's process-wide default language when it is imported; it is read at every rendering,
    so a change to a variable takes effect at once.
    """
    chosen = _spoken(os.environ.get(LANGUAGE_VARIABLE, ""))
    if chosen is not None:
        return chosen
    for variable in LOCALE_VARIABLES:
        value = os.environ.get(variable, "")
        if value:
            return _spoken(value) or "id"
    return "id"


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
