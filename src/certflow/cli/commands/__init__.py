"""The commands of ``certflow``, one module per group, each declaring its own ``typer.Typer``.

:data:`GROUPS` lists them in the order ``certflow --help`` shows them: the commands that sit
directly under ``certflow`` first, then the named groups (``keys``, ``import``, ``staff``,
``projections``).
"""

from __future__ import annotations

import typer

from certflow.cli.commands import (
    audit,
    certificates,
    checkpoints,
    deadlines,
    demo,
    intake,
    keys,
    privacy,
    projections,
    protection,
    records,
    reports,
    rulebook,
    setup,
    staff,
)

__all__ = ["GROUPS"]

GROUPS: tuple[typer.Typer, ...] = (
    setup.commands,
    demo.commands,
    records.commands,
    privacy.commands,
    protection.commands,
    deadlines.commands,
    rulebook.commands,
    audit.commands,
    checkpoints.commands,
    certificates.commands,
    projections.commands,
    keys.keys,
    intake.commands,
    staff.commands,
    reports.commands,
    protection.disclosure,
    protection.breach,
    protection.retention,
    projections.projections,
    checkpoints.prove,
    checkpoints.witness,
)
