"""Rich rendering for the command line: one function per thing a command prints.

:mod:`~certflow.cli.render.records` draws certifications (``show``, ``list``, ``history``,
``diff``), :mod:`~certflow.cli.render.checks` what a check found (``verify``, ``audit``,
``verify-certificate``) and :mod:`~certflow.cli.render.reports` what a run did or what the
rulebook says (``demo``, ``sweep``, ``import``, ``overdue``, ``rules``, ``roles``) and
:mod:`~certflow.cli.render.staff` the personnel register (``staff list``, ``staff show``),
:mod:`~certflow.cli.render.registers` schemes, assessors, TUKs and sessions.
"""

from __future__ import annotations

from certflow.cli.render.checks import (
    audit,
    certificate_check,
    prefix_verification,
    replay,
    verification,
)
from certflow.cli.render.records import (
    certification,
    certification_list,
    changes,
    timeline,
    timeline_csv,
)
from certflow.cli.render.registers import assessor_list, scheme_list, session_card, tuk_list
from certflow.cli.render.reports import demo_summary, intake, overdue, roles, rules, sweep
from certflow.cli.render.staff import person_record, staff_json, staff_list

__all__ = [
    "assessor_list",
    "audit",
    "certificate_check",
    "certification",
    "certification_list",
    "changes",
    "demo_summary",
    "intake",
    "overdue",
    "person_record",
    "prefix_verification",
    "replay",
    "roles",
    "rules",
    "scheme_list",
    "session_card",
    "staff_json",
    "staff_list",
    "sweep",
    "timeline",
    "timeline_csv",
    "tuk_list",
    "verification",
]
