"""What every command prints with: bilingual phrases, markup escaping, progress bars and JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from certflow.engine import Text

__all__ = ["escape", "print_json", "progress", "t"]


def t(id_text: str, en_text: str) -> str:
    """A CLI phrase in the language of ``CERTFLOW_LANG`` (Bahasa Indonesia by default)."""
    return Text(id_text, en_text).render()


def progress(console: Console, *, disable: bool) -> Progress:
    """A progress bar for long runs."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=disable,
        transient=False,
    )


def print_json(data: Any) -> None:
    """Write ``data`` to standard output as indented JSON, non-ASCII kept as is."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
