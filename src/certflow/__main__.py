"""``python -m certflow`` runs the command-line interface."""

from __future__ import annotations

from certflow.cli import main

main()
