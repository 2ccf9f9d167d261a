"""Steps about people acting: anyone in any role doing a command, and who recorded what.

Roles are named by a phrase of :data:`~certflow.testing.vocabulary.ROLE_WORDS` (``komite
sertifikasi``, ``manajer sertifikasi``, ``asesor``, ``admin LSP``, ``kandidat``/``asesi``, ``panel
banding``, ``ketua LSP``, ``admin TUK``, ``petugas pelindungan data``, their English names or the
role's code name); a mistyped role matches no step, so the scenario fails instead of passing as a
refusal. People are named as in :meth:`PolicyContext.person_id`.
"""

from __future__ import annotations

from typing import Any

from certflow.domain import Role
from certflow.engine import Actor
from certflow.testing.context import PolicyContext
from certflow.testing.steps_when_after import _form_panel, _reject_appeal, _uphold
from certflow.testing.vocabulary import on, parse_list, parse_role, phrase

# -- anyone, in any role ------------------------------------------------------------------------


def _as(context: PolicyContext, person: str, role: Role) -> Actor:
    return context.actor(person, role)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mendaftarkan "{name}" pada skema "{scheme}" di jadwal '
    '"{session}"',
    '"{person}" acting as {role:Role} registers "{name}" for scheme "{scheme}" in session '
    '"{session}"',
    "Registration by anyone in any role (P2, P3).",
)
def _(
    certflow_context: PolicyContext, person: str, role: Role, name: str, scheme: str, session: str
) -> None:
    context = certflow_context
    subject = context.add_candidate(name)
    actor = _as(context, person, role)
    context.run(
        None,
        lambda: context.lsp.register(
            subject_id=subject,
            scheme_id=context.scheme(scheme),
            session_id=context.session(session),
            actor=actor,
        ),
    )


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menyerahkan portofolio "{name}"',
    '"{person}" acting as {role:Role} submits the portfolio of "{name}"',
    "FR.APL.02 for every unit, submitted by anyone in any role (P3).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    units = context.view(name).units_to_assess
    entries = [{"unit": u, "evidence": [f"bukti-{u}"]} for u in units]
    on(context, name, lambda c, lsp: lsp.submit_portfolio(c, entries=entries, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menarik permohonan "{name}"',
    '"{person}" acting as {role:Role} withdraws the application of "{name}"',
    "Withdrawal by anyone in any role (P3, R57).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    on(context, name, lambda c, lsp: lsp.withdraw(c, reason="alasan pribadi", actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} meminta asesmen ulang "{name}" untuk unit "{units}"',
    '"{person}" acting as {role:Role} requests a re-assessment of "{name}" for units "{units}"',
    "Re-assessment request by anyone in any role (P3, R54).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str, units: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    entries = [{"unit": u, "evidence": [f"bukti-baru-{u}"]} for u in parse_list(units)]
    on(context, name, lambda c, lsp: lsp.request_reassessment(c, entries=entries, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mencatat "{name}" tidak hadir',
    '"{person}" acting as {role:Role} records that "{name}" did not attend',
    "A no-show recorded by anyone in any role (R15, R56).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    on(context, name, lambda c, lsp: lsp.record_no_show(c, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} memverifikasi portofolio "{name}"',
    '"{person}" acting as {role:Role} verifies the portfolio of "{name}"',
    "FR.IA.08 with every item meeting VATM, by anyone in any role (R9, R15, R18).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    checks = [
        {
            "unit": u,
            "evidence": f"bukti-{u}",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": True,
        }
        for u in context.view(name).units_to_assess
    ]
    on(context, name, lambda c, lsp: lsp.verify_portfolio(c, checks=checks, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mewawancarai "{name}"',
    '"{person}" acting as {role:Role} interviews "{name}"',
    "FR.IA.09 at the clock's time, by anyone in any role (R9, R15, R18).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    on(context, name, lambda c, lsp: lsp.record_interview(c, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mencetak sertifikat "{name}"',
    '"{person}" acting as {role:Role} prints the certificate of "{name}"',
    "Printing by anyone in any role (P1, P2, P5).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    on(context, name, lambda c, lsp: lsp.print_certificate(c, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menyerahkan sertifikat kepada "{name}"',
    '"{person}" acting as {role:Role} hands the certificate to "{name}"',
    "Hand-over by anyone in any role (P1, P2, P5).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    on(context, name, lambda c, lsp: lsp.distribute_certificate(c, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mencabut sertifikat "{name}" karena "{grounds}"',
    '"{person}" acting as {role:Role} revokes the certificate of "{name}" for "{grounds}"',
    "Revocation by anyone in any role (P4 for system, R45).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str, grounds: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    on(context, name, lambda c, lsp: lsp.revoke(c, grounds=grounds, actor=actor))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} membentuk panel banding "{members}" untuk "{name}"',
    '"{person}" acting as {role:Role} forms the appeal panel "{members}" for "{name}"',
    "Forming the appeal panel, by anyone in any role (only the office may; R51, P2).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, members: str, name: str) -> None:
    context = certflow_context
    _form_panel(context, _as(context, person, role), members, name)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} mengabulkan banding "{name}" dengan "{remedy}"',
    '"{person}" acting as {role:Role} upholds the appeal of "{name}" with "{remedy}"',
    "Upholding an appeal, by anyone in any role (R51, R52).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str, remedy: str) -> None:
    context = certflow_context
    _uphold(context, _as(context, person, role), name, remedy)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menolak banding "{name}"',
    '"{person}" acting as {role:Role} rejects the appeal of "{name}"',
    "Rejecting an appeal, by anyone in any role (R51).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, name: str) -> None:
    context = certflow_context
    _reject_appeal(context, _as(context, person, role), name)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menugaskan asesor "{assessor}" kepada "{name}"',
    '"{person}" acting as {role:Role} assigns assessor "{assessor}" to "{name}"',
    "Assignment (no conflict declared) by anyone in any role (R9-R13, P2).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, assessor: str, name: str) -> None:
    context = certflow_context
    actor = _as(context, person, role)
    chosen = context.assessor(assessor)
    on(
        context,
        name,
        lambda c, lsp: lsp.assign_assessor(
            c, assessor_id=chosen, declaration={"has_conflict": False}, actor=actor
        ),
    )


# -- who did what -------------------------------------------------------------------------------


@phrase(
    "then",
    'peristiwa "{event}" pada "{name}" dicatat oleh "{person}" sebagai {role:Role}',
    'the "{event}" event of "{name}" was recorded by "{person}" as {role:Role}',
    "The latest event of this name in the certification's history: who recorded it, in which "
    "role (the canonical person id).",
)
def _(certflow_context: PolicyContext, event: str, name: str, person: str, role: Role) -> None:
    context = certflow_context
    history = context.lsp.history(context.certification(name))
    found = [h for h in history if h.event == event]
    assert found, f"no {event} in the history: {[h.event for h in history]}"
    last = found[-1]
    expected = context.person_id(person)
    assert (last.actor_id, last.actor_role) == (expected, role.value), (
        f"{event} was recorded by {last.actor_id} as {last.actor_role}, "
        f"not {expected} as {role.value}"
    )


_HEADS = {"peristiwa": "event", "event": "event", "oleh": "by", "by": "by"}
_HEADS |= {"sebagai": "as", "as": "as"}


@phrase(
    "then",
    'riwayat "{name}" berurutan:',
    'the history of "{name}" is, in order:',
    "The whole history, event by event, in a table with a header row: peristiwa/event and, "
    "optionally, oleh/by (a person) and sebagai/as (a role); an empty cell is not checked.",
)
def _(certflow_context: PolicyContext, name: str, datatable: list[list[str]]) -> None:
    context = certflow_context
    if not datatable:
        raise AssertionError("the table needs a header row (peristiwa | oleh | sebagai)")
    head = datatable[0]
    try:
        columns = [_HEADS[h.strip().lower()] for h in head]
    except KeyError as missing:
        raise AssertionError(f"unknown column {missing}; use {sorted(_HEADS)}") from None
    rows: list[dict[str, Any]] = [dict(zip(columns, r, strict=True)) for r in datatable[1:]]
    history = context.lsp.history(context.certification(name))
    actual = [h.event for h in history]
    assert actual == [r["event"].strip() for r in rows], f"history: {actual}"
    for entry, row in zip(history, rows, strict=True):
        if row.get("by", "").strip():
            expected = context.person_id(row["by"].strip())
            assert entry.actor_id == expected, f"{entry.event} by {entry.actor_id}, not {expected}"
        if row.get("as", "").strip():
            role = parse_role(row["as"])
            assert entry.actor_role == role.value, f"{entry.event} as {entry.actor_role}"
