"""The LSP's registers as rows (schemes, assessors, TUKs, complaints) and one session's card.

Each ``*_COLUMNS`` is what :func:`certflow.cli.render.tables.emit` prints for ``scheme list``,
``assessor list``, ``tuk list`` and ``complaint list`` (``--format table|csv|json``); each
``*_rows`` builds the rows, asking :class:`~certflow.cli.labels.Labels` for the names, session
codes and certificate numbers beside the ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from rich.console import Console

from certflow.application import AssessorView, ComplaintView, SchemeView, SessionView, TukView
from certflow.cli.console import escape, t
from certflow.cli.labels import Labels
from certflow.cli.render.tables import Column, Row
from certflow.engine import Text

__all__ = [
    "ASSESSOR_COLUMNS",
    "COMPLAINT_COLUMNS",
    "SCHEME_COLUMNS",
    "TUK_COLUMNS",
    "assessor_rows",
    "complaint_rows",
    "scheme_rows",
    "session_card",
    "tuk_rows",
]

SCHEME_COLUMNS = (
    Column("id", "id", in_table=False),
    Column("code", Text("code")),
    Column("version", "v", numeric=True),
    Column("status", Text("status")),
    Column("title", Text("title")),
    Column("certificate_prefix", Text("prefix")),
    Column("number_format", Text("number format"), in_table=False),
    Column("units", Text("units")),
)
"""The columns of ``certflow scheme list`` (and the table of ``scheme show``)."""


def scheme_rows(schemes: Sequence[SchemeView]) -> list[Row]:
    """Each scheme (its active version): code, version, status, title, numbering, units."""
    return [
        {
            "id": s.id,
            "code": s.code,
            "version": s.version,
            "status": s.status,
            "title": s.title,
            "certificate_prefix": s.certificate_prefix,
            "number_format": s.number_format,
            "units": [f"{u.code} {u.title}" for u in s.units],
        }
        for s in schemes
    ]


ASSESSOR_COLUMNS = (
    Column("met_number", Text("MET number")),
    Column("name", Text("name")),
    Column("scheme_codes", Text("schemes")),
    Column("licence_valid_until", Text("licence until")),
    Column("id", "id"),
)
"""The columns of ``certflow assessor list``: the keys of the older ``--json`` too."""


def assessor_rows(assessors: Sequence[AssessorView]) -> list[Row]:
    """Each assessor: MET number, name, schemes, last day of the licence, register id."""
    return [
        {
            "met_number": a.met_number,
            "name": a.name,
            "scheme_codes": list(a.scheme_codes),
            "licence_valid_until": a.licence_valid_until,
            "id": a.id,
        }
        for a in assessors
    ]


TUK_COLUMNS = (
    Column("id", "id", in_table=False),
    Column("name", Text("name")),
    Column("kind", Text("kind")),
    Column("status", Text("status")),
    Column("address", Text("address"), in_table=False),
    Column("verifier_ids", Text("verifier ids"), in_table=False),
    Column("verifiers", Text("verifiers")),
    Column("verifications", Text("verifications"), numeric=True),
    Column("last_verified_on", Text("last verified")),
    Column("fit", Text("fit")),
    Column("session_code", Text("session")),
    Column("valid_until", Text("valid until")),
)
"""The columns of ``certflow tuk list``: the latest verification's day, verdict and reach."""


def tuk_rows(tuks: Sequence[TukView], labels: Labels) -> list[Row]:
    """Each TUK: kind, status, its verifiers by name, and what its latest verification found.

    ``fit``, ``session_code`` and ``valid_until`` are those of the latest verification (a TUK
    sewaktu is verified for a session, a TUK mandiri up to a day); empty when none was recorded.
    """
    rows: list[Row] = []
    for k in tuks:
        last = k.verifications[-1] if k.verifications else None
        rows.append(
            {
                "id": k.id,
                "name": k.name,
                "kind": k.kind,
                "status": k.status,
                "address": k.address_ref,
                "verifier_ids": list(k.verifiers),
                "verifiers": [_person(labels, v) for v in k.verifiers],
                "verifications": len(k.verifications),
                "last_verified_on": last.verified_on if last else None,
                "fit": last.fit if last else None,
                "session_code": labels.session_code(last.session_id) if last else None,
                "valid_until": last.valid_until if last else None,
            }
        )
    return rows


def _person(labels: Labels, person_id: str) -> str:
    """The name of the person a register id names (the id itself when it is not a UUID)."""
    try:
        return labels.name(UUID(person_id))
    except ValueError:
        return person_id


COMPLAINT_COLUMNS = (
    Column("complaint_id", "id"),
    Column("stage", Text("stage")),
    Column("about", Text("about")),
    Column("received_on", Text("received")),
    Column("acknowledge_by", Text("acknowledge by")),
    Column("acknowledged_on", Text("acknowledged on"), in_table=False),
    Column("resolve_by", Text("resolve by")),
    Column("resolved_on", Text("resolved on"), in_table=False),
    Column("assessor_id", Text("assessor id"), in_table=False),
    Column("assessor_name", Text("assessor")),
    Column("certification_id", Text("certification id"), in_table=False),
    Column("certificate_number", Text("certificate")),
    Column("person_id", Text("person id"), in_table=False),
    Column("person_name", Text("certified person")),
    Column("anonymous", Text("anonymous"), in_table=False),
    Column("investigator", Text("investigator")),
    Column("outcome", Text("outcome")),
    Column("deadlines_missed", Text("deadlines missed"), in_table=False),
    Column("suspended_certification_ids", Text("suspended certification ids"), in_table=False),
    Column("summary", Text("summary")),
    Column("findings", Text("findings"), in_table=False),
    Column("actions", Text("actions"), in_table=False),
)
"""The columns of ``certflow complaint list``: the older ``--json`` keys and more."""


def complaint_rows(complaints: Sequence[ComplaintView], labels: Labels) -> list[Row]:
    """Each complaint, oldest first: stage, subject, deadlines, whom and what it concerns.

    The assessor and the certified person are named, the certification by its certificate
    number (empty when none was issued); the complainant is never shown (R53).
    """
    return [
        {
            "complaint_id": c.complaint_id,
            "stage": c.stage,
            "about": c.subject,
            "received_on": c.received_on,
            "acknowledge_by": c.acknowledge_by,
            "acknowledged_on": c.acknowledged_on,
            "resolve_by": c.resolve_by,
            "resolved_on": c.resolved_on,
            "assessor_id": c.assessor_id,
            "assessor_name": labels.name(c.assessor_id) if c.assessor_id else None,
            "certification_id": c.certification_id,
            "certificate_number": (
                labels.certificate_number(c.certification_id) if c.certification_id else None
            ),
            "person_id": c.person_id,
            "person_name": labels.name(c.person_id) if c.person_id else None,
            "anonymous": c.anonymous,
            "investigator": c.investigator,
            "outcome": c.outcome,
            "deadlines_missed": list(c.escalated),
            "suspended_certification_ids": list(c.suspended),
            "summary": c.summary,
            "findings": c.findings,
            "actions": list(c.actions),
        }
        for c in complaints
    ]


def session_card(console: Console, session: SessionView, schemes: Sequence[str]) -> None:
    """One session: code, title, venue and kind, days, schemes."""
    console.print(f"[bold]{escape(session.code)}[/] {escape(session.title)}")
    console.print(f"  {t('venue')}: {escape(session.venue)} ({session.tuk_kind.value})")
    console.print(f"  {t('days')}: {session.starts_on} – {session.ends_on}")
    console.print(f"  {t('schemes')}: {escape(', '.join(schemes))}")
    console.print(f"  id: {session.id}")
