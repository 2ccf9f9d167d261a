"""The commands of ``certflow``, one module per group, each declaring its own ``typer.Typer``.

:data:`GROUPS` lists them in the order ``certflow --help`` shows them: the commands that sit
directly under ``certflow`` first, then the named groups (``keys``, ``import``, ``staff``, the
registers ``scheme``, ``assessor``, ``tuk``, ``session``, ``candidate``, every move of a
certification under ``case``, ``complaint``, ``misconduct``, ``projections``).
"""

from __future__ import annotations

import typer

from certflow.cli.commands import (
    amendments,
    audit,
    cases,
    certificates,
    checkpoints,
    complaints,
    deadlines,
    decisions,
    demo,
    intake,
    keys,
    oversight,
    privacy,
    projections,
    protection,
    records,
    registers,
    reports,
    rulebook,
    service,
    setup,
    staff,
    tokens,
    webhooks,
)

__all__ = ["GROUPS"]

_CASE_MOVES = (cases.commands, decisions.commands, amendments.commands)
"""``case`` is one group: the moves up to the interview (cases), after it (decisions) and the
pre-assessment's amendments (adjustments, verification corrections)."""

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
    tokens.commands,
    registers.schemes,
    registers.assessors,
    registers.tuks,
    registers.sessions,
    registers.candidates,
    cases.commands,
    complaints.commands,
    oversight.commands,
    reports.commands,
    protection.disclosure,
    protection.breach,
    protection.retention,
    projections.projections,
    checkpoints.prove,
    checkpoints.witness,
    service.commands,
    webhooks.webhooks,
)
