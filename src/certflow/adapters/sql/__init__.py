"""SQL shared by the SQLite and PostgreSQL adapters: only the placeholder and schema differ."""

from __future__ import annotations

__all__: list[str] = []
