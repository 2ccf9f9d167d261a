"""The ``certflow`` command line: a thin shell over :class:`~certflow.CertificationBody`.

Exit codes: the ``EXIT_*`` constants of :mod:`certflow.cli.app`, documented once in
docs/cli.md ("Exit codes").

:mod:`certflow.cli.app` holds what every command shares (options, the error-to-exit-code map,
opening the store); :mod:`certflow.cli.commands` holds the commands, one module per group;
:mod:`certflow.cli.render` draws what they print.
"""

from __future__ import annotations

from certflow import MissingExtraError

try:
    import rich  # noqa: F401  (checked here so a missing extra is named, not a traceback)
    import typer  # noqa: F401
except ImportError as missing:  # the 'cli' extra
    raise MissingExtraError("cli", missing.name or "typer") from None

from certflow.cli.app import (
    EXIT_CODES,
    EXIT_CONFLICT,
    EXIT_FINDING,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_NOT_FOUND,
    EXIT_PENDING,
    EXIT_REFUSED,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    create_app,
)
from certflow.cli.commands import GROUPS

__all__ = [
    "EXIT_CODES",
    "EXIT_CONFLICT",
    "EXIT_FINDING",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
    "EXIT_NOT_FOUND",
    "EXIT_PENDING",
    "EXIT_REFUSED",
    "EXIT_UNAVAILABLE",
    "EXIT_USAGE",
    "app",
    "main",
]

app = create_app(GROUPS)
"""The ``certflow`` typer app, with every command."""


def main() -> None:
    """Run the command line (Ctrl-C outside any command, e.g. at start-up, exits 130 too)."""
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
