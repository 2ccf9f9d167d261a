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
    "cli": Text("perintah certflow (typer, rich)", "the certflow command (typer, rich)"),
    "documents": Text(
        "sertifikat cetak bertanda tangan, kode QR, token JWS dan kunci tanda tangan "
        "(reportlab, qrcode, cryptography, joserfc, pyhanko)",
        "printed and signed certificates, QR codes, JWS tokens and signing keys "
        "(reportlab, qrcode, cryptography, joserfc, pyhanko)",
    ),
    "intake": Text(
        "berkas impor XLSX dan JSON (openpyxl, ijson)",
        "XLSX and JSON intake files (openpyxl, ijson)",
    ),
    "postgres": Text("penyimpanan PostgreSQL (psycopg)", "PostgreSQL stores (psycopg)"),
    "testing": Text(
        "kosakata langkah Gherkin (pytest, pytest-bdd)",
        "the Gherkin step vocabulary (pytest, pytest-bdd)",
    ),
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
                f"{part} membutuhkan pustaka {module!r}: jalankan {command}",
                f"{part} needs the library {module!r}: run {command}",
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
