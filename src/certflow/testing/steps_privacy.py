"""Steps of the data-protection duties and the reports of a session (R39, R60-R63).

Corrections of personal data (R61), a sponsor's disclosure basis and view (R62), breaches and
their 72-hour notification (R63), destruction at the end of retention (R60) and the BNSP blank
request (R39). A refusal is kept for the Then steps, as with every other command.
"""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from certflow.application import BnspReport, SponsorView
from certflow.bootstrap import services_of
from certflow.domain import Role
from certflow.engine import Actor
from certflow.testing.actors import ADMIN, DPO
from certflow.testing.context import PolicyContext
from certflow.testing.route import wib
from certflow.testing.vocabulary import parse_day, phrase

_LAST: WeakKeyDictionary[PolicyContext, dict[str, Any]] = WeakKeyDictionary()
"""The last report each scenario made (its sponsor view, its BNSP report)."""


def _last(context: PolicyContext) -> dict[str, Any]:
    return _LAST.setdefault(context, {})


# -- R61 corrections ----------------------------------------------------------------------------


@phrase(
    "when",
    'admin LSP mengoreksi "{field}" data pribadi "{name}" menjadi "{value}" karena "{reason}"',
    'the LSP admin corrects the "{field}" of "{name}" to "{value}" because "{reason}"',
    "A correction of personal data: an event names the field, the value goes to the store (R61).",
)
def _(certflow_context: PolicyContext, field: str, name: str, value: str, reason: str) -> None:
    context = certflow_context
    subject = context.candidate(name)
    context.run(
        None,
        lambda: context.lsp.correct_personal_data(
            subject, changes={field: value}, reason=reason, actor=ADMIN
        ),
    )


@phrase(
    "then",
    '"{field}" data pribadi "{name}" terbaca "{value}"',
    'the "{field}" of "{name}" reads "{value}"',
    "The latest value of a personal-data field, as every view reads it (R61).",
)
def _(certflow_context: PolicyContext, field: str, name: str, value: str) -> None:
    record = certflow_context.lsp.get_candidate(certflow_context.candidate(name))
    assert getattr(record.data, field) == value, getattr(record.data, field)


@phrase(
    "then",
    'tercatat {count:d} koreksi data pribadi "{name}"',
    '{count:d} corrections of the personal data of "{name}" are recorded',
    "How many corrections were recorded for a candidate (R61).",
)
def _(certflow_context: PolicyContext, count: int, name: str) -> None:
    found = certflow_context.lsp.corrections(certflow_context.candidate(name))
    assert len(found) == count, found


@phrase(
    "then",
    'log peristiwa tidak memuat "{text}"',
    'the event log does not hold "{text}"',
    "No stored event holds this text (R58: personal data stays out of the log).",
)
def _(certflow_context: PolicyContext, text: str) -> None:
    recorder = services_of(certflow_context.lsp).store.recorder
    for stored in recorder.select_notifications(start=1, limit=1_000_000):
        assert text.encode() not in bytes(stored.state), stored.topic


# -- R62 disclosure -----------------------------------------------------------------------------


@phrase(
    "when",
    'pejabat pelindungan data mencatat dasar "{basis}" bagi "{recipient}" untuk jadwal "{session}"',
    'the data protection officer records a "{basis}" basis for "{recipient}" for session '
    '"{session}"',
    "A consent or legal basis for a sponsor to see a session's results (R62).",
)
def _(certflow_context: PolicyContext, basis: str, recipient: str, session: str) -> None:
    _record_basis(certflow_context, DPO.id, Role.DATA_PROTECTION_OFFICER, basis, recipient, session)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mencatat dasar "{basis}" bagi "{recipient}" untuk jadwal '
    '"{session}"',
    '"{person}" acting as {role:Role} records a "{basis}" basis for "{recipient}" for session '
    '"{session}"',
    "A disclosure basis recorded by a named person in a given role (R62, P1-P2).",
)
def _(
    certflow_context: PolicyContext,
    person: str,
    role: Role,
    basis: str,
    recipient: str,
    session: str,
) -> None:
    person_id = certflow_context.actor(person, role).id
    _record_basis(certflow_context, person_id, role, basis, recipient, session)


def _record_basis(
    context: PolicyContext, person: str, role: Role, basis: str, recipient: str, session: str
) -> None:
    context.run(
        None,
        lambda: context.lsp.record_disclosure_basis(
            recipient=recipient,
            basis=basis,
            session_code=session,
            reference="formulir persetujuan APL.01",
            actor=Actor(person, role),
        ),
    )


@phrase(
    "when",
    'pejabat pelindungan data menarik dasar pengungkapan "{recipient}" untuk jadwal "{session}"',
    'the data protection officer withdraws the basis of "{recipient}" for session "{session}"',
    "Withdraw a disclosure basis: the sponsor's view is refused from now on (R62).",
)
def _(certflow_context: PolicyContext, recipient: str, session: str) -> None:
    context = certflow_context
    context.run(
        None,
        lambda: context.lsp.withdraw_disclosure_basis(
            recipient=recipient, session_code=session, reason="persetujuan ditarik", actor=DPO
        ),
    )


@phrase(
    "when",
    '"{recipient}" meminta hasil jadwal "{session}"',
    '"{recipient}" asks for the results of session "{session}"',
    "The sponsor's view: counts per unit organisation and region, under a basis (R62).",
)
def _(certflow_context: PolicyContext, recipient: str, session: str) -> None:
    context = certflow_context

    def ask() -> None:
        _last(context)["sponsor"] = context.lsp.sponsor_view(session, recipient=recipient)

    context.run(None, ask)


@phrase(
    "then",
    'sponsor melihat {k:d} K, {bk:d} BK dan {pending:d} belum diputuskan di satuan kerja "{unit}"',
    'the sponsor sees {k:d} K, {bk:d} BK and {pending:d} pending in unit "{unit}"',
    "The counts of one unit organisation in the sponsor's view (R62).",
)
def _(certflow_context: PolicyContext, k: int, bk: int, pending: int, unit: str) -> None:
    view: SponsorView = _last(certflow_context)["sponsor"]
    row = next(c for c in view.by_unit if c.group == unit)
    assert (row.competent, row.not_yet_competent, row.pending) == (k, bk, pending), row


@phrase(
    "then",
    'hasil untuk sponsor tidak memuat nama "{name}"',
    'the sponsor\'s view does not hold the name "{name}"',
    "The sponsor's view holds counts, never a name or NIK (R62).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    view: SponsorView = _last(certflow_context)["sponsor"]
    record = certflow_context.lsp.get_candidate(certflow_context.candidate(name))
    dumped = view.model_dump_json()
    assert name not in dumped
    assert record.data.nik is None or record.data.nik not in dumped


# -- R63 breaches -------------------------------------------------------------------------------


@phrase(
    "when",
    'pejabat pelindungan data mencatat kebocoran "{code}" yang diketahui {day} pukul {hour:d}',
    'the data protection officer records breach "{code}" discovered on {day} at {hour:d}',
    "A breach discovered at a time: its notification is due 72 hours later (R63).",
)
def _(certflow_context: PolicyContext, code: str, day: str, hour: int) -> None:
    context = certflow_context
    found = wib(parse_day(day), hour)
    context.run(
        None,
        lambda: context.lsp.record_breach(
            code, nature="berkas ekspor hilang", subjects_affected=2, discovered_at=found, actor=DPO
        ),
    )


@phrase(
    "when",
    'admin LSP mencatat kebocoran "{code}"',
    'the LSP admin records breach "{code}"',
    "A breach recorded by someone who is not the data protection officer (R63 roles).",
)
def _(certflow_context: PolicyContext, code: str) -> None:
    context = certflow_context
    context.run(
        None,
        lambda: context.lsp.record_breach(
            code, nature="berkas ekspor hilang", subjects_affected=2, actor=ADMIN
        ),
    )


@phrase(
    "when",
    'pejabat pelindungan data memberitahukan kebocoran "{code}"',
    'the data protection officer notifies breach "{code}"',
    "The subjects and the authority were notified in writing (R63).",
)
def _(certflow_context: PolicyContext, code: str) -> None:
    context = certflow_context
    context.run(None, lambda: context.lsp.notify_breach(code, actor=DPO))


@phrase(
    "then",
    'kebocoran "{code}" berstatus "{status}"',
    'breach "{code}" has status "{status}"',
    "discovered, notification_overdue (recorded by the sweep) or notified (R63).",
)
def _(certflow_context: PolicyContext, code: str, status: str) -> None:
    found = next(b for b in certflow_context.lsp.breaches() if b.code == code)
    assert found.status.value == status.strip(), found.status


@phrase(
    "then",
    'kebocoran "{code}" terlambat diberitahukan',
    'breach "{code}" is overdue',
    "The 72 hours have passed without a notification (R63).",
)
def _(certflow_context: PolicyContext, code: str) -> None:
    late = [b.code for b in certflow_context.lsp.breaches(overdue_only=True)]
    assert code in late, late


@phrase(
    "then",
    'kebocoran "{code}" tidak terlambat',
    'breach "{code}" is not overdue',
    "Notified in time, or the 72 hours have not passed (R63).",
)
def _(certflow_context: PolicyContext, code: str) -> None:
    late = [b.code for b in certflow_context.lsp.breaches(overdue_only=True)]
    assert code not in late, late


# -- R60 retention ------------------------------------------------------------------------------


@phrase(
    "when",
    'pejabat pelindungan data memusnahkan data pribadi "{name}" sesuai jadwal retensi',
    'the data protection officer destroys the personal data of "{name}" per the retention schedule',
    "Destruction at the end of the cycle, recorded; refused before it (R60).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    subject = context.candidate(name)
    context.run(None, lambda: context.lsp.destroy_personal_data(subject, actor=DPO))


@phrase(
    "then",
    'data pribadi "{name}" disimpan sampai {day}',
    'the personal data of "{name}" is kept until {day}',
    "The end of the candidate's retention per the schedule (R60).",
)
def _(certflow_context: PolicyContext, name: str, day: str) -> None:
    subject = certflow_context.candidate(name)
    item = next(i for i in certflow_context.lsp.retention_schedule() if i.subject_id == subject)
    assert item.retain_until == parse_day(day), item


# -- R39 the BNSP blank request -----------------------------------------------------------------


@phrase(
    "when",
    'admin LSP menyusun permohonan blanko BNSP jadwal "{session}"',
    'the LSP admin makes the BNSP blank request of session "{session}"',
    "The blank request: every candidate of the session with K or BK (R39).",
)
def _(certflow_context: PolicyContext, session: str) -> None:
    context = certflow_context

    def make() -> None:
        _last(context)["bnsp"] = context.lsp.bnsp_report(session)

    context.run(None, make)


@phrase(
    "then",
    'permohonan blanko memuat "{name}" dengan keputusan "{outcome}"',
    'the blank request lists "{name}" with decision "{outcome}"',
    "A candidate on the blank request, K or BK, named from the subject store (R39).",
)
def _(certflow_context: PolicyContext, name: str, outcome: str) -> None:
    report: BnspReport = _last(certflow_context)["bnsp"]
    found = {c.name: c.outcome.value for c in report.candidates}
    assert found.get(name) == outcome.strip(), found


@phrase(
    "then",
    "permohonan blanko memuat {k:d} K dan {bk:d} BK",
    "the blank request lists {k:d} K and {bk:d} BK",
    "The counts of the blank request (R39).",
)
def _(certflow_context: PolicyContext, k: int, bk: int) -> None:
    report: BnspReport = _last(certflow_context)["bnsp"]
    assert (report.competent, report.not_yet_competent) == (k, bk)
