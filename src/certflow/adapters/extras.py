"""Optional parts and the extras that install them.

The ``certflow-lsp`` distribution with no extra gives the library alone (eventsourcing, pydantic,
transitions): the facade on a memory or SQLite store. Each other part imports its libraries only
when used, and :func:`require` turns a missing one into an error that names the extra to install.
"""

from __future__ import annotations

import importlib

from certflow.engine import CertflowError, Text

__all__ = ["EXTRAS", "MissingExtraError", "require"]

EXTRAS: dict[str, Text] = {
    "cli": Text("the certflow command (typer, rich)"),
    "documents": Text(
        "printed and signed certificates, QR codes, JWS tokens and "
        "signing keys (reportlab, qrcode, cryptography, joserfc, pyhanko)",
    ),
    "intake": Text("XLSX and JSON intake files (openpyxl, ijson)"),
    "postgres": Text("PostgreSQL stores (psycopg)"),
    "service": Text("the HTTP service, event feed and verification page (FastAPI, uvicorn)"),
    "testing": Text("the Gherkin step vocabulary (pytest, pytest-bdd)"),
}
"""Extra -> what it adds, in both languages."""


class MissingExtraError(CertflowError, ImportError):
    """A part of certflow was used whose extra is not installed."""

    def __init__(self, extra: str, module: str) -> None:
        self.extra = extra
        """The extra that installs the missing library."""
        command = f"pip install 'certflow-lsp[{extra}]'"
        part = EXTRAS[extra]
        super().__init__(
            Text(
                "{part} needs the library {module!r}: run {command}",
                part=part,
                module=module,
                command=command,
            )
        )
        self.name = module


def require(extra: str, *modules: str) -> None:
    """Import ``modules``; raise :class:`MissingExtraError` naming ``extra`` for a missing one."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingExtraError(extra, module) from None
