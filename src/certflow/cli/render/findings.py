"""The rows of what a check found: ``audit`` (compliance, impartiality, replay), ``verify``.

Under ``--format csv|json`` each finding is one row; the table stays the report (counts per
rule, then the findings) that :mod:`certflow.cli.render.checks` prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from certflow.application import (
    AuditFinding,
    AuditReport,
    ImpartialityFinding,
    ReplayReport,
    VerifyReport,
)
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Column, Row

__all__ = ["CHAIN_COLUMNS", "FINDING_COLUMNS", "audit_rows", "chain_rows", "replay_rows"]

FINDING_COLUMNS = tuple(
    Column(key, key)
    for key in (
        "section",
        "rule_id",
        "certification_id",
        "certificate_number",
        "session_code",
        "version",
        "event",
        "person",
        "role",
        "mandate",
        "on",
        "detail",
    )
)
"""The columns of ``audit --format csv|json``; ``section`` is ``compliance``, ``impartiality``,
``found_later`` (impartiality conflicts declared after the act), ``illegal`` or ``stranded``
(``--replay``). Columns a section does not have are empty."""


def _labelled(labels: Labels, certification_id: Any) -> dict[str, Any]:
    return {
        "certification_id": certification_id,
        "certificate_number": labels.certificate_number(certification_id),
        "session_code": labels.session_of(certification_id),
    }


def _finding(section: str, rule_id: str | None, f: AuditFinding, labels: Labels) -> Row:
    return {
        "section": section,
        "rule_id": rule_id,
        **_labelled(labels, f.certification_id),
        "version": f.version,
        "detail": str(f.detail),
    }


def _acts(section: str, found: Iterable[ImpartialityFinding], labels: Labels) -> list[Row]:
    return [
        {
            "section": section,
            "rule_id": f.rule_id,
            **_labelled(labels, f.certification_id),
            "version": f.version,
            "event": f.event,
            "person": f.person,
            "role": f.role,
            "mandate": f.mandate,
            "on": f.on,
            "detail": str(f.detail),
        }
        for f in found
    ]


def audit_rows(report: AuditReport, labels: Labels) -> list[Row]:
    """Every finding of the compliance audit, then of the impartiality check."""
    rows = [
        _finding("compliance", rule.rule_id, f, labels)
        for rule in report.rules
        for f in rule.findings
    ]
    rows += _acts("impartiality", report.impartiality.findings, labels)
    rows += _acts("found_later", report.impartiality.found_later, labels)
    return rows


def replay_rows(report: ReplayReport, labels: Labels) -> list[Row]:
    """Every move the replay found illegal, and every history it could not continue."""
    return [_finding("illegal", None, f, labels) for f in report.illegal] + [
        _finding("stranded", None, f, labels) for f in report.stranded
    ]


CHAIN_COLUMNS = tuple(
    Column(key, key) for key in ("kind", "originator_id", "version", "notification_id", "detail")
)
"""The columns of ``verify --format csv|json``: each break of the hash chain."""


def chain_rows(report: VerifyReport) -> list[Row]:
    """Every finding of the hash-chain check (ids as stored: the store may be tampered with)."""
    return [
        {
            "kind": f.kind,
            "originator_id": f.originator_id,
            "version": f.version,
            "notification_id": f.notification_id,
            "detail": str(f.detail),
        }
        for f in report.findings
    ]
