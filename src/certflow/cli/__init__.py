"""The ``certflow`` command line: a thin shell over :class:`~certflow.CertificationBody`.

Exit codes: 0 success; 1 unexpected error; 2 usage error; 3 the command was refused by a rule
(the rule id and sentence are printed); 4 no such record; 5 a concurrent change got there first.

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
    EXIT_CONFLICT,
    EXIT_NOT_FOUND,
    EXIT_PENDING,
    EXIT_REFUSED,
    create_app,
)
from certflow.cli.commands import GROUPS

__all__ = ["EXIT_CONFLICT", "EXIT_NOT_FOUND", "EXIT_PENDING", "EXIT_REFUSED", "app", "main"]

app = create_app(GROUPS)
"""The ``certflow`` typer app, with every command."""


def main() -> None:
    """Run the command line."""
    app()
