"""Steps that issue commands, as a given actor (a refusal is kept for the Then steps)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from certflow.domain import CERTIFICATION_WORKFLOW, Role
from certflow.engine import Actor
from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import REMEDIES, on, parse_day, parse_list, phrase

# -- portfolio and assessment -------------------------------------------------------------------


@phrase(
    "when",
    '"{name}" menyerahkan portofolio',
    '"{name}" submits the portfolio',
    "FR.APL.02 with one evidence reference for every unit to assess.",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _portfolio(certflow_context, name, leave_out="")


@phrase(
    "when",
    '"{name}" menyerahkan portofolio tanpa unit "{unit}"',
    '"{name}" submits the portfolio without unit "{unit}"',
    "FR.APL.02 missing one unit (R6).",
)
def _(certflow_context: PolicyContext, name: str, unit: str) -> None:
    _portfolio(certflow_context, name, leave_out=unit)


def _portfolio(context: PolicyContext, name: str, leave_out: str) -> None:
    units = [u for u in context.view(name).units_to_assess if u != leave_out]
    on(
        context,
        name,
        lambda c, lsp: lsp.submit_portfolio(
            c,
            entries=[{"unit": u, "evidence": [f"bukti-{u}"]} for u in units],
            actor=context.candidate_actor(name),
        ),
    )


@phrase(
    "when",
    'manajer sertifikasi menugaskan asesor "{assessor}" kepada "{name}"',
    'the certification manager assigns assessor "{assessor}" to "{name}"',
    "Assign an assessor who declares no conflict of interest (R9-R12, R52).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _assign(certflow_context, assessor, name, {"has_conflict": False})


@phrase(
    "when",
    'manajer sertifikasi menugaskan asesor "{assessor}" kepada "{name}" tanpa pernyataan '
    "konflik kepentingan",
    'the certification manager assigns assessor "{assessor}" to "{name}" without a conflict '
    "of interest declaration",
    "Assign with no declaration (R11).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _assign(certflow_context, assessor, name, None)


@phrase(
    "when",
    'manajer sertifikasi menugaskan asesor "{assessor}" kepada "{name}" dengan konflik '
    'kepentingan "{details}"',
    'the certification manager assigns assessor "{assessor}" to "{name}" with a conflict of '
    'interest "{details}"',
    "Assign with a declared, unmitigated conflict (R12).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, details: str) -> None:
    _assign(certflow_context, assessor, name, {"has_conflict": True, "details": details})


@phrase(
    "when",
    'manajer sertifikasi menugaskan asesor "{assessor}" kepada "{name}" dengan konflik '
    'kepentingan "{details}" yang dimitigasi "{mitigation}"',
    'the certification manager assigns assessor "{assessor}" to "{name}" with a conflict of '
    'interest "{details}" mitigated by "{mitigation}"',
    "Assign with a declared conflict and its mitigation (R12).",
)
def _(
    certflow_context: PolicyContext, assessor: str, name: str, details: str, mitigation: str
) -> None:
    declaration = {"has_conflict": True, "details": details, "mitigation": mitigation}
    _assign(certflow_context, assessor, name, declaration)


def _assign(context: PolicyContext, assessor: str, name: str, declaration: Any) -> None:
    on(
        context,
        name,
        lambda c, lsp: lsp.assign_assessor(
            c, assessor_id=context.assessor(assessor), declaration=declaration, actor=MANAGER
        ),
    )


@phrase(
    "when",
    '"{name}" menandatangani FR.AK.01',
    '"{name}" signs FR.AK.01',
    "The candidate signs the assessment agreement for portfolio and interview, having been "
    "told about appeals (R18-R20).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _sign(certflow_context, name, certflow_context.candidate_actor(name), True, "")


@phrase(
    "when",
    '"{name}" menandatangani FR.AK.01 tanpa penjelasan proses banding',
    '"{name}" signs FR.AK.01 without the appeal process explained',
    "The candidate signs without being told about appeals (R20).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _sign(certflow_context, name, certflow_context.candidate_actor(name), False, "")


@phrase(
    "when",
    'asesor "{assessor}" menandatangani FR.AK.01 untuk "{name}"',
    'assessor "{assessor}" signs FR.AK.01 for "{name}"',
    "The assessor signs the assessment agreement (portfolio and interview).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _sign(certflow_context, name, certflow_context.assessor_actor(assessor), False, "")


@phrase(
    "when",
    'asesor "{assessor}" menandatangani FR.AK.01 untuk "{name}" dengan metode "{methods}"',
    'assessor "{assessor}" signs FR.AK.01 for "{name}" with methods "{methods}"',
    "The assessor signs for other methods (R19).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, methods: str) -> None:
    _sign(certflow_context, name, certflow_context.assessor_actor(assessor), False, methods)


def _sign(context: PolicyContext, name: str, actor: Actor, explained: bool, methods: str) -> None:
    chosen = parse_list(methods) or ["portfolio", "interview"]
    on(
        context,
        name,
        lambda c, lsp: lsp.sign_agreement(
            c, methods=chosen, appeal_process_explained=explained, actor=actor
        ),
    )


@phrase(
    "when",
    'asesor "{assessor}" memverifikasi portofolio "{name}"',
    'assessor "{assessor}" verifies the portfolio of "{name}"',
    "FR.IA.08: every item meets VATM (R18, R19, R22).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _verify(certflow_context, assessor, name, weak="", skip="")


@phrase(
    "when",
    'asesor "{assessor}" memverifikasi portofolio "{name}" dengan bukti unit "{unit}" tidak '
    "memadai",
    'assessor "{assessor}" verifies the portfolio of "{name}" with the evidence for unit '
    '"{unit}" insufficient',
    "FR.IA.08 with one unit failing VATM (R22).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, unit: str) -> None:
    _verify(certflow_context, assessor, name, weak=unit, skip="")


@phrase(
    "when",
    'asesor "{assessor}" memverifikasi portofolio "{name}" tanpa unit "{unit}"',
    'assessor "{assessor}" verifies the portfolio of "{name}" without unit "{unit}"',
    "FR.IA.08 leaving one unit unchecked (R22).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, unit: str) -> None:
    _verify(certflow_context, assessor, name, weak="", skip=unit)


def _verify(context: PolicyContext, assessor: str, name: str, weak: str, skip: str) -> None:
    units = [u for u in context.view(name).units_to_assess if u != skip]
    checks = [
        {
            "unit": u,
            "evidence": f"bukti-{u}",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": u != weak,
        }
        for u in units
    ]
    on(
        context,
        name,
        lambda c, lsp: lsp.verify_portfolio(
            c, checks=checks, actor=context.assessor_actor(assessor)
        ),
    )


@phrase(
    "when",
    'asesor "{assessor}" mewawancarai "{name}"',
    'assessor "{assessor}" interviews "{name}"',
    "FR.IA.09 at the clock's time (R14, R15, R18, R19, R21, R24).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    context = certflow_context
    on(
        context,
        name,
        lambda c, lsp: lsp.record_interview(c, actor=context.assessor_actor(assessor)),
    )


@phrase(
    "when",
    'admin LSP mencatat "{name}" tidak hadir',
    'the LSP admin records that "{name}" did not attend',
    "A no-show (R56).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.record_no_show(c, actor=ADMIN))


@phrase(
    "when",
    'asesor "{assessor}" meminta asesmen lanjut untuk "{name}"',
    'assessor "{assessor}" asks for further evidence from "{name}"',
    "Asesmen lanjut (R28).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    context = certflow_context
    on(
        context,
        name,
        lambda c, lsp: lsp.request_further_evidence(
            c, request="bukti tambahan", actor=context.assessor_actor(assessor)
        ),
    )


@phrase(
    "when",
    'asesor "{assessor}" mencatat asesmen lanjut untuk "{name}"',
    'assessor "{assessor}" records the further evidence of "{name}"',
    "Record the further evidence asked for (R28).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    context = certflow_context
    on(
        context,
        name,
        lambda c, lsp: lsp.record_further_evidence(
            c, evidence=["bukti-lanjut"], actor=context.assessor_actor(assessor)
        ),
    )


@phrase(
    "when",
    'asesor "{assessor}" merekomendasikan "{overall}" untuk "{name}"',
    'assessor "{assessor}" recommends "{overall}" for "{name}"',
    "FR.AK.02 with the same K/BK for every unit assessed (a BK comes with follow-up notes).",
)
def _(certflow_context: PolicyContext, assessor: str, overall: str, name: str) -> None:
    units = certflow_context.view(name).units_to_assess
    results = dict.fromkeys(units, overall.strip())
    _recommend(certflow_context, assessor, name, results, overall, "tindak lanjut")


@phrase(
    "when",
    'asesor "{assessor}" merekomendasikan "{overall}" untuk "{name}" dengan hasil "{results}"',
    'assessor "{assessor}" recommends "{overall}" for "{name}" with results "{results}"',
    'FR.AK.02 with results per unit ("U1=K, U2=BK"); a BK comes with follow-up notes.',
)
def _(
    certflow_context: PolicyContext, assessor: str, overall: str, name: str, results: str
) -> None:
    parsed = _results(results)
    _recommend(certflow_context, assessor, name, parsed, overall, "tindak lanjut")


@phrase(
    "when",
    'asesor "{assessor}" merekomendasikan "{overall}" untuk "{name}" dengan hasil "{results}" '
    "tanpa tindak lanjut",
    'assessor "{assessor}" recommends "{overall}" for "{name}" with results "{results}" and '
    "no follow-up",
    "FR.AK.02 with no follow-up notes (R27).",
)
def _(
    certflow_context: PolicyContext, assessor: str, overall: str, name: str, results: str
) -> None:
    parsed = _results(results)
    _recommend(certflow_context, assessor, name, parsed, overall, "")


def _results(text: str) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in parse_list(text))
    return {unit.strip(): verdict.strip() for unit, verdict in pairs}


def _recommend(
    context: PolicyContext,
    assessor: str,
    name: str,
    results: dict[str, str],
    overall: str,
    follow_up: str,
) -> None:
    follow = follow_up if overall.strip() == "BK" else ""
    on(
        context,
        name,
        lambda c, lsp: lsp.recommend(
            c,
            results=results,
            recommendation=overall.strip(),
            follow_up=follow,
            actor=context.assessor_actor(assessor),
        ),
    )


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
    '"{person}" sebagai "{role}" memutuskan "{outcome}" untuk "{name}"',
    '"{person}" acting as "{role}" decides "{outcome}" for "{name}"',
    "A decision by a named person in a given role (R31, R32).",
)
def _(certflow_context: PolicyContext, person: str, role: str, outcome: str, name: str) -> None:
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
    'panel banding "{panel}" mengabulkan banding "{name}" dengan "{remedy}"',
    'appeal panel "{panel}" upholds the appeal of "{name}" with "{remedy}"',
    'Uphold: "keputusan direvisi"/"revised decision" or "asesmen ulang"/"reassessment"; the '
    "first panel member acts (R51, R52).",
)
def _(certflow_context: PolicyContext, panel: str, name: str, remedy: str) -> None:
    context = certflow_context
    members = [str(context.actor(p, Role.APPEAL_PANEL.value).id) for p in parse_list(panel)]
    actor = Actor(members[0] if members else "panel", Role.APPEAL_PANEL)
    chosen = REMEDIES[remedy.strip().lower()]
    on(
        context,
        name,
        lambda c, lsp: lsp.uphold_appeal(
            c, remedy=chosen, reason="banding beralasan", panel=members, actor=actor
        ),
    )


@phrase(
    "when",
    'panel banding "{panel}" menolak banding "{name}"',
    'appeal panel "{panel}" rejects the appeal of "{name}"',
    "Reject the appeal; the first panel member acts (R51, R52).",
)
def _(certflow_context: PolicyContext, panel: str, name: str) -> None:
    context = certflow_context
    members = [str(context.actor(p, Role.APPEAL_PANEL.value).id) for p in parse_list(panel)]
    actor = Actor(members[0] if members else "panel", Role.APPEAL_PANEL)
    on(
        context,
        name,
        lambda c, lsp: lsp.reject_appeal(c, reason="keputusan tetap", panel=members, actor=actor),
    )


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
    '"{person}" sebagai "{role}" melakukan "{trigger}" pada "{name}"',
    '"{person}" acting as "{role}" does "{trigger}" for "{name}"',
    "Any move of the workflow, by anyone in any role, with valid default inputs (role and "
    "stage refusals).",
)
def _(certflow_context: PolicyContext, person: str, role: str, trigger: str, name: str) -> None:
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
        "uphold_appeal": {"remedy": "revised_decision", "reason": "r", "panel": [actor.id]},
        "reject_appeal": {"reason": "r", "panel": [actor.id]},
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
        lsp._on(cert, lambda c, at: getattr(c, trigger)(actor=actor, at=at))


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
