"""Rich rendering for the command line: one function per thing a command prints.

:mod:`~certflow.cli.render.records` draws certifications (``show``, ``list``, ``history``,
``diff``), :mod:`~certflow.cli.render.checks` what a check found (``verify``, ``audit``,
``verify-certificate``) and :mod:`~certflow.cli.render.reports` what a run did or what the
rulebook says (``demo``, ``sweep``, ``import``, ``overdue``, ``rules``, ``roles``) and
:mod:`~certflow.cli.render.staff` the personnel register (``staff list``, ``staff show``),
:mod:`~certflow.cli.render.registers` the rows of schemes, assessors, TUKs and complaints and
one session's card.
:mod:`~certflow.cli.render.tables` is the one renderer of rows every listing uses (``--format
table|csv|json``).
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
    CHANGE_COLUMNS,
    HISTORY_COLUMNS,
    LIST_COLUMNS,
    certification,
    certification_rows,
    change_rows,
    history_rows,
    timeline,
)
from certflow.cli.render.registers import (
    ASSESSOR_COLUMNS,
    COMPLAINT_COLUMNS,
    SCHEME_COLUMNS,
    TUK_COLUMNS,
    assessor_rows,
    complaint_rows,
    scheme_rows,
    session_card,
    tuk_rows,
)
from certflow.cli.render.reports import (
    ROLE_COLUMNS,
    RULE_COLUMNS,
    demo_summary,
    intake,
    role_rows,
    rule_rows,
    sweep,
)
from certflow.cli.render.staff import (
    STAFF_COLUMNS,
    person_record,
    staff_json,
    staff_rows,
    staff_title,
)

__all__ = [
    "ASSESSOR_COLUMNS",
    "CHANGE_COLUMNS",
    "COMPLAINT_COLUMNS",
    "HISTORY_COLUMNS",
    "LIST_COLUMNS",
    "ROLE_COLUMNS",
    "RULE_COLUMNS",
    "SCHEME_COLUMNS",
    "STAFF_COLUMNS",
    "TUK_COLUMNS",
    "assessor_rows",
    "audit",
    "certificate_check",
    "certification",
    "certification_rows",
    "change_rows",
    "complaint_rows",
    "demo_summary",
    "history_rows",
    "intake",
    "person_record",
    "prefix_verification",
    "replay",
    "role_rows",
    "rule_rows",
    "scheme_rows",
    "session_card",
    "staff_json",
    "staff_rows",
    "staff_title",
    "sweep",
    "timeline",
    "tuk_rows",
    "verification",
]
