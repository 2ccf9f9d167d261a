"""Steps that issue commands after the assessment (a refusal is kept for the Then steps).

The decision, appeals and re-assessment, certificates and their maintenance, personal data.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from certflow.bootstrap import services_of
from certflow.domain import CERTIFICATION_WORKFLOW, Role
from certflow.engine import Actor
from certflow.testing.actors import ADMIN, APPEAL_POOL, COMMITTEE, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import REMEDIES, on, parse_day, parse_list, phrase

# -- decision -----------------------------------------------------------------------------------


@phrase(
    "when",
    'komite memutuskan "{outcome}" untuk "{name}"',
    'the committee decides "{outcome}" for "{name}"',
    "The certification decision by a committee member who did not assess (R30-R35).",
)
def _(certflow_context: PolicyContext, outcome: str, name: str) -> None:
    _decide(certflow_context, COMMITTEE, outcome, name, "")


@phrase(
    "when",
    'komite memutuskan "{outcome}" untuk "{name}" dengan alasan "{reason}"',
    'the committee decides "{outcome}" for "{name}" because "{reason}"',
    "A decision with a justification (R34).",
)
def _(certflow_context: PolicyContext, outcome: str, name: str, reason: str) -> None:
    _decide(certflow_context, COMMITTEE, outcome, name, reason)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} memutuskan "{outcome}" untuk "{name}"',
    '"{person}" acting as {role:Role} decides "{outcome}" for "{name}"',
    "A decision by a named person in a given role (R31, R32, P1-P5).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, outcome: str, name: str) -> None:
    _decide(certflow_context, certflow_context.actor(person, role), outcome, name, "")


def _decide(context: PolicyContext, actor: Actor, outcome: str, name: str, reason: str) -> None:
    on(
        context,
        name,
        lambda c, lsp: lsp.decide(c, outcome=outcome.strip(), justification=reason, actor=actor),
    )


@phrase(
    "when",
    'komite mengembalikan "{name}" ke asesor dengan alasan "{reason}"',
    'the committee refers "{name}" back to the assessor because "{reason}"',
    "Referral back for further evidence (R34).",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.refer_back(c, reason=reason, actor=COMMITTEE))


@phrase(
    "when",
    '"{name}" mengundurkan diri',
    '"{name}" withdraws',
    "The candidate withdraws (R57).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    on(
        context,
        name,
        lambda c, lsp: lsp.withdraw(
            c, reason="alasan pribadi", actor=context.candidate_actor(name)
        ),
    )


# -- appeal and re-assessment -------------------------------------------------------------------


@phrase(
    "when",
    '"{name}" mengajukan banding dengan alasan "{reason}"',
    '"{name}" lodges an appeal because "{reason}"',
    "FR.AK.04 (R49, R50).",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    context = certflow_context
    on(
        context,
        name,
        lambda c, lsp: lsp.lodge_appeal(c, reason=reason, actor=context.candidate_actor(name)),
    )


@phrase(
    "when",
    'manajer sertifikasi membentuk panel banding "{members}" untuk "{name}"',
    'the certification manager forms the appeal panel "{members}" for "{name}"',
    "Form the appeal panel of a case under appeal, naming its members (R51, P2).",
)
def _(certflow_context: PolicyContext, members: str, name: str) -> None:
    _form_panel(certflow_context, MANAGER, members, name)


def _form_panel(context: PolicyContext, actor: Actor, members: str, name: str) -> None:
    chosen = [context.person_id(p) for p in parse_list(members)]
    on(context, name, lambda c, lsp: lsp.form_appeal_panel(c, members=chosen, actor=actor))


def _one_member(context: PolicyContext, member: str) -> Actor:
    named = parse_list(member)
    if len(named) != 1:
        raise AssertionError(
            f"name the one panel member who acts, not {member!r}: the certification manager "
            "forms the panel (manajer sertifikasi membentuk panel banding ...)"
        )
    return context.actor(named[0], Role.APPEAL_PANEL)


@phrase(
    "when",
    'panel banding "{member}" mengabulkan banding "{name}" dengan "{remedy}"',
    'appeal panel member "{member}" upholds the appeal of "{name}" with "{remedy}"',
    'Uphold: "keputusan direvisi"/"revised decision" or "asesmen ulang"/"reassessment"; one '
    "member of the panel formed for the appeal acts (R51, R52).",
)
def _(certflow_context: PolicyContext, member: str, name: str, remedy: str) -> None:
    _uphold(certflow_context, _one_member(certflow_context, member), name, remedy)


def _uphold(context: PolicyContext, actor: Actor, name: str, remedy: str) -> None:
    key = remedy.strip().lower()
    if key not in REMEDIES:
        raise AssertionError(f"unknown remedy {remedy!r}; use one of {sorted(REMEDIES)}")
    chosen = REMEDIES[key]
    on(
        context,
        name,
        lambda c, lsp: lsp.uphold_appeal(c, remedy=chosen, reason="banding beralasan", actor=actor),
    )


@phrase(
    "when",
    'panel banding "{member}" menolak banding "{name}"',
    'appeal panel member "{member}" rejects the appeal of "{name}"',
    "Reject the appeal; one member of the panel formed for the appeal acts (R51, R52).",
)
def _(certflow_context: PolicyContext, member: str, name: str) -> None:
    _reject_appeal(certflow_context, _one_member(certflow_context, member), name)


def _reject_appeal(context: PolicyContext, actor: Actor, name: str) -> None:
    on(context, name, lambda c, lsp: lsp.reject_appeal(c, reason="keputusan tetap", actor=actor))


@phrase(
    "when",
    '"{name}" meminta asesmen ulang untuk unit "{units}"',
    '"{name}" requests a re-assessment of units "{units}"',
    "Asesmen ulang with new evidence for these units (R54).",
)
def _(certflow_context: PolicyContext, name: str, units: str) -> None:
    context = certflow_context
    on(
        context,
        name,
        lambda c, lsp: lsp.request_reassessment(
            c,
            entries=[{"unit": u, "evidence": [f"bukti-baru-{u}"]} for u in parse_list(units)],
            actor=context.candidate_actor(name),
        ),
    )


# -- certificate and maintenance ------------------------------------------------------------


@phrase(
    "when",
    'manajer sertifikasi mencetak sertifikat "{name}"',
    'the certification manager prints the certificate of "{name}"',
    "Number, validity, printing (R36-R38).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.print_certificate(c, actor=MANAGER))


@phrase(
    "when",
    'admin LSP menyerahkan sertifikat kepada "{name}"',
    'the LSP admin hands the certificate to "{name}"',
    "Hand-over (R40, R41).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.distribute_certificate(c, actor=ADMIN))


@phrase(
    "when",
    'manajer sertifikasi mencatat surveilan "{name}"',
    'the certification manager records the surveillance of "{name}"',
    "A surveillance with a logbook summary (R43).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.record_surveillance(
            c, summary="logbook kegiatan kehumasan", actor=MANAGER
        ),
    )


@phrase(
    "when",
    'komite membekukan sertifikat "{name}" karena "{grounds}" sampai {day}',
    'the committee suspends the certificate of "{name}" for "{grounds}" until {day}',
    "Suspension with listed grounds and a resolve-by date (R44, R45).",
)
def _(certflow_context: PolicyContext, name: str, grounds: str, day: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.suspend(c, grounds=grounds, resolve_by=parse_day(day), actor=COMMITTEE),
    )


@phrase(
    "when",
    'komite mencabut pembekuan "{name}" dengan alasan "{reason}"',
    'the committee lifts the suspension of "{name}" because "{reason}"',
    "Lift a suspension (R44).",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.lift_suspension(c, reason=reason, actor=COMMITTEE),
    )


@phrase(
    "when",
    'komite mencabut sertifikat "{name}" karena "{grounds}"',
    'the committee revokes the certificate of "{name}" for "{grounds}"',
    "Revocation with listed grounds (R45).",
)
def _(certflow_context: PolicyContext, name: str, grounds: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.revoke(c, grounds=grounds, actor=COMMITTEE))


@phrase(
    "when",
    '"{person}" sebagai {role:Role} melakukan "{trigger}" pada "{name}"',
    '"{person}" acting as {role:Role} does "{trigger}" for "{name}"',
    "Any move of the workflow, by anyone in any role, with valid default inputs (role and "
    "stage refusals).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, trigger: str, name: str) -> None:
    context = certflow_context
    actor = context.actor(person, role)
    on(context, name, lambda c, lsp: _any_move(context, lsp, c, trigger.strip(), actor))


def _any_move(context: PolicyContext, lsp: Any, cert: Any, trigger: str, actor: Actor) -> None:
    view = lsp.get(cert)
    units = list(view.units_to_assess)
    inputs: dict[str, dict[str, Any]] = {
        "request_documents": {"documents": ["dokumen"]},
        "reject_application": {"reason": "alasan"},
        "submit_portfolio": {"entries": [{"unit": u, "evidence": ["b"]} for u in units]},
        "assign_assessor": {
            "assessor_id": next(iter(context.assessors.values()), None),
            "declaration": {"has_conflict": False},
        },
        "sign_agreement": {"appeal_process_explained": True},
        "verify_portfolio": {
            "checks": [
                {
                    "unit": u,
                    "evidence": "b",
                    "valid": True,
                    "authentic": True,
                    "current": True,
                    "sufficient": True,
                }
                for u in units
            ]
        },
        "recommend": {"results": dict.fromkeys(units, "K"), "recommendation": "K"},
        "refer_back": {"reason": "alasan"},
        "decide": {"outcome": view.recommendation or "K"},
        "withdraw": {},
        "lodge_appeal": {"reason": "alasan"},
        "form_appeal_panel": {"members": [APPEAL_POOL[0].id]},
        "uphold_appeal": {"remedy": "revised_decision", "reason": "r"},
        "reject_appeal": {"reason": "r"},
        "request_reassessment": {"entries": [{"unit": u, "evidence": ["b"]} for u in units]},
        "request_further_evidence": {"request": "bukti"},
        "record_further_evidence": {"evidence": ["bukti"]},
        "record_surveillance": {"summary": "logbook"},
        "suspend": {
            "grounds": "criminal_suspect",
            "resolve_by": context.clock.now().date() + timedelta(days=30),
        },
        "lift_suspension": {"reason": "selesai"},
        "revoke": {"grounds": "ethics_breach"},
    }
    if trigger not in {m.trigger for m in CERTIFICATION_WORKFLOW.moves}:
        raise AssertionError(f"unknown move {trigger!r}")
    command = getattr(lsp, trigger, None)
    if command is not None:
        command(cert, actor=actor, **inputs.get(trigger, {}))
    else:  # moves only time or the system makes (expire, close_appeal_window, supersede)
        services = services_of(lsp)
        record = services.certification(cert)
        getattr(record, trigger)(actor=actor, at=services.now())
        services.store.save(record)


@phrase(
    "when",
    "penyapuan tenggat dijalankan",
    "the deadline sweep runs",
    "Record every move time has made due (appeal window closed, expiry, revocation).",
)
def _(certflow_context: PolicyContext) -> None:
    context = certflow_context
    context.error = None
    context.version_before = None
    context.recorded_before = None
    context.lsp.sweep()


@phrase(
    "when",
    'admin LSP menghapus data pribadi "{name}"',
    'the LSP admin erases the personal data of "{name}"',
    "Erase the candidate's personal data (UU PDP, R59).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    subject = context.candidate(name)
    context.run(
        None,
        lambda: context.lsp.erase_personal_data(
            subject, reason="permintaan subjek data", actor=ADMIN
        ),
    )


@phrase(
    "when",
    '"{name}" meminta penghapusan data pribadinya',
    '"{name}" asks for their personal data to be erased',
    "Record an erasure request (R59).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    subject = context.candidate(name)
    context.run(
        None,
        lambda: context.lsp.request_erasure(subject, reason="permintaan subjek data", actor=ADMIN),
    )


@phrase(
    "when",
    'admin LSP menunda penghapusan data pribadi "{name}" berdasarkan "{basis}" sampai {day}',
    'the LSP admin defers erasing the personal data of "{name}" under "{basis}" until {day}',
    "Defer an erasure on a legal basis until a date (R59).",
)
def _(certflow_context: PolicyContext, name: str, basis: str, day: str) -> None:
    context = certflow_context
    subject = context.candidate(name)
    until = parse_day(day)
    context.run(
        None,
        lambda: context.lsp.defer_erasure(
            subject, legal_basis=basis, retain_until=until, actor=ADMIN
        ),
    )


@phrase(
    "when",
    'manajer sertifikasi menerbitkan duplikat sertifikat "{name}" karena "{reason}"',
    'the certification manager reissues the certificate of "{name}" because "{reason}"',
    "A duplicate with the same number and validity (R48).",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.reissue_certificate(c, reason=reason, actor=MANAGER),
    )


@phrase(
    "when",
    'admin LSP mencatat nomor registrasi "{number}" untuk "{name}"',
    'the LSP admin records registration number "{number}" for "{name}"',
    "The BNSP registration number, once and unique (R37).",
)
def _(certflow_context: PolicyContext, number: str, name: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.record_registration_number(c, number=number, actor=ADMIN),
    )
