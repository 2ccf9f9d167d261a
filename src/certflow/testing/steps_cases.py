"""Steps for complaints (keluhan, R53) and misconduct quarantine (R55).

A complaint is named by a label of the scenario's own (``keluhan "K1"``); its complainant, if
named, is put on file first and referred to by subject id only.
"""

from __future__ import annotations

from uuid import UUID

from certflow.bootstrap import services_of
from certflow.domain import ComplaintStage, QuarantineStage, Role
from certflow.engine import Actor
from certflow.testing.actors import ADMIN, COMMITTEE, HEAD, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import parse_day, parse_list, phrase

_OUTCOMES = {
    "terbukti": "substantiated",
    "tidak terbukti": "unsubstantiated",
    "dikukuhkan": "confirmed",
    "dibatalkan": "set_aside",
    "set aside": "set_aside",
}
_KINDS = {"gratifikasi": "gratification", "pelanggaran": "misconduct"}
_STAGES = {
    "diterima": "filed",
    "ditanggapi": "acknowledged",
    "diselidiki": "under_investigation",
    "diselesaikan": "resolved",
    "dicabut": "withdrawn",
    "dikarantina": "quarantined",
    "ditutup": "closed",
}


def _complaint(context: PolicyContext, label: str) -> UUID:
    try:
        return context.complaints[label]
    except KeyError:
        raise AssertionError(f'no complaint "{label}" in this scenario') from None


def _file(
    context: PolicyContext,
    actor: Actor,
    label: str,
    summary: str,
    *,
    about: str,
    assessor: str | None = None,
    name: str | None = None,
    complainant: str | None = None,
) -> None:
    def command() -> None:
        by = context.add_candidate(complainant) if complainant else None
        context.complaints[label] = context.lsp.file_complaint(
            about=about,
            summary=summary,
            assessor_id=context.assessor(assessor) if assessor else None,
            certification_id=context.certification(name) if name else None,
            complainant=by,
            actor=actor,
        )

    context.run(None, command)


# -- complaints -----------------------------------------------------------------------------------


@phrase(
    "when",
    'admin LSP menerima keluhan anonim "{label}" tentang LSP: "{summary}"',
    'the LSP admin receives anonymous complaint "{label}" about the LSP: "{summary}"',
    "An anonymous complaint about the LSP itself (R53).",
)
def _(certflow_context: PolicyContext, label: str, summary: str) -> None:
    _file(certflow_context, ADMIN, label, summary, about="lsp")


@phrase(
    "when",
    'admin LSP menerima keluhan anonim "{label}" tentang asesor "{assessor}": "{summary}"',
    'the LSP admin receives anonymous complaint "{label}" about assessor "{assessor}": "{summary}"',
    "An anonymous complaint about an assessor (R53).",
)
def _(certflow_context: PolicyContext, label: str, assessor: str, summary: str) -> None:
    _file(certflow_context, ADMIN, label, summary, about="assessor", assessor=assessor)


@phrase(
    "when",
    'admin LSP menerima keluhan "{label}" dari "{complainant}" tentang sertifikasi "{name}": '
    '"{summary}"',
    'the LSP admin receives complaint "{label}" from "{complainant}" about the certification '
    'of "{name}": "{summary}"',
    "A named complaint about a certified person; the complainant is put on file and referred "
    "to by subject id only (R53, R58).",
)
def _(
    certflow_context: PolicyContext, label: str, complainant: str, name: str, summary: str
) -> None:
    _file(
        certflow_context,
        ADMIN,
        label,
        summary,
        about="certified_person",
        name=name,
        complainant=complainant,
    )


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menerima keluhan anonim "{label}" tentang LSP: "{summary}"',
    '"{person}" acting as {role:Role} receives anonymous complaint "{label}" about the LSP: '
    '"{summary}"',
    "A complaint recorded by a named person in a given role (R53, P1-P4).",
)
def _(certflow_context: PolicyContext, person: str, role: Role, label: str, summary: str) -> None:
    context = certflow_context
    _file(context, context.actor(person, role), label, summary, about="lsp")


@phrase(
    "when",
    'admin LSP menanggapi keluhan "{label}"',
    'the LSP admin acknowledges complaint "{label}"',
    "Acknowledge a complaint to the complainant (R53).",
)
def _(certflow_context: PolicyContext, label: str) -> None:
    context = certflow_context
    complaint = _complaint(context, label)
    context.run(None, lambda: context.lsp.acknowledge_complaint(complaint, actor=ADMIN))


@phrase(
    "when",
    'manajer sertifikasi menugaskan "{person}" menyelidiki keluhan "{label}"',
    'the certification manager assigns "{person}" to investigate complaint "{label}"',
    "Assign an investigator not involved with the subject of the complaint (R53).",
)
def _(certflow_context: PolicyContext, person: str, label: str) -> None:
    _assign(certflow_context, MANAGER, person, label)


@phrase(
    "when",
    '"{actor}" sebagai {role:Role} menugaskan "{person}" menyelidiki keluhan "{label}"',
    '"{actor}" acting as {role:Role} assigns "{person}" to investigate complaint "{label}"',
    "The assignment by a named person in a given role (R53).",
)
def _(certflow_context: PolicyContext, actor: str, role: Role, person: str, label: str) -> None:
    _assign(certflow_context, certflow_context.actor(actor, role), person, label)


def _assign(context: PolicyContext, actor: Actor, person: str, label: str) -> None:
    complaint = _complaint(context, label)
    investigator = context.person_id(person)
    context.run(
        None,
        lambda: context.lsp.assign_investigator(complaint, investigator=investigator, actor=actor),
    )


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menyelesaikan keluhan "{label}" sebagai "{outcome}" dengan '
    'temuan "{findings}" dan tindakan "{actions}"',
    '"{person}" acting as {role:Role} resolves complaint "{label}" as "{outcome}" with findings '
    '"{findings}" and actions "{actions}"',
    'Resolve: "terbukti"/"substantiated" or "tidak terbukti"/"unsubstantiated"; actions '
    "comma-separated (R53).",
)
def _(
    certflow_context: PolicyContext,
    person: str,
    role: Role,
    label: str,
    outcome: str,
    findings: str,
    actions: str,
) -> None:
    context = certflow_context
    complaint = _complaint(context, label)
    actor = context.actor(person, role)
    context.run(
        None,
        lambda: context.lsp.resolve_complaint(
            complaint,
            outcome=_OUTCOMES.get(outcome.strip(), outcome.strip()),
            findings=findings,
            actions=parse_list(actions),
            actor=actor,
        ),
    )


@phrase(
    "when",
    'admin LSP mencatat keluhan "{label}" dicabut dengan alasan "{reason}"',
    'the LSP admin records complaint "{label}" withdrawn because "{reason}"',
    "The complainant withdraws the complaint before it is resolved (R53).",
)
def _(certflow_context: PolicyContext, label: str, reason: str) -> None:
    context = certflow_context
    complaint = _complaint(context, label)
    context.run(None, lambda: context.lsp.withdraw_complaint(complaint, reason=reason, actor=ADMIN))


@phrase(
    "when",
    'komite membekukan sertifikat atas keluhan "{label}" karena "{grounds}" sampai {day}',
    'the committee suspends the certificate on complaint "{label}" for "{grounds}" until {day}',
    "Suspend the certification a substantiated complaint concerns (R44, R45, R53).",
)
def _(certflow_context: PolicyContext, label: str, grounds: str, day: str) -> None:
    context = certflow_context
    complaint = _complaint(context, label)
    context.run(
        None,
        lambda: context.lsp.suspend_on_complaint(
            complaint, grounds=grounds, resolve_by=parse_day(day), actor=COMMITTEE
        ),
    )


@phrase(
    "then",
    'keluhan "{label}" berada pada tahap "{stage}"',
    'complaint "{label}" is at stage "{stage}"',
    "The complaint's stage (code name, or diterima/ditanggapi/diselidiki/diselesaikan/dicabut).",
)
def _(certflow_context: PolicyContext, label: str, stage: str) -> None:
    view = certflow_context.lsp.get_complaint(_complaint(certflow_context, label))
    assert view.stage is ComplaintStage(_STAGES.get(stage, stage)), view.stage


@phrase(
    "then",
    'keluhan "{label}" dieskalasi karena tenggat "{deadline}"',
    'complaint "{label}" is escalated for its "{deadline}" deadline',
    "The sweep escalated the complaint past this deadline (acknowledgement, resolution).",
)
def _(certflow_context: PolicyContext, label: str, deadline: str) -> None:
    view = certflow_context.lsp.get_complaint(_complaint(certflow_context, label))
    assert deadline in view.escalated, view.escalated


@phrase(
    "then",
    'keluhan "{label}" tidak dieskalasi',
    'complaint "{label}" is not escalated',
    "No complaint deadline was missed.",
)
def _(certflow_context: PolicyContext, label: str) -> None:
    view = certflow_context.lsp.get_complaint(_complaint(certflow_context, label))
    assert not view.escalated, view.escalated


@phrase(
    "then",
    'peristiwa keluhan "{label}" tidak memuat "{text}"',
    'the events of complaint "{label}" do not contain "{text}"',
    "No recorded event of the complaint holds this text (e.g. the complainant's name, R58).",
)
def _(certflow_context: PolicyContext, label: str, text: str) -> None:
    store = services_of(certflow_context.lsp).store
    events = store.events(_complaint(certflow_context, label))
    assert events
    assert all(text not in repr(vars(e)) for e in events)


# -- misconduct quarantine ------------------------------------------------------------------------


@phrase(
    "when",
    'ketua LSP menandai asesor "{assessor}" karena "{kind}" dengan alasan "{grounds}"',
    'the head of the LSP flags assessor "{assessor}" for "{kind}" on grounds "{grounds}"',
    'Flag an assessor: "gratifikasi"/"gratification" or "pelanggaran"/"misconduct"; their '
    "records are quarantined (R55).",
)
def _(certflow_context: PolicyContext, assessor: str, kind: str, grounds: str) -> None:
    _flag(certflow_context, HEAD, assessor, kind, grounds)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} menandai asesor "{assessor}" karena "{kind}" dengan alasan '
    '"{grounds}"',
    '"{person}" acting as {role:Role} flags assessor "{assessor}" for "{kind}" on grounds '
    '"{grounds}"',
    "The flag by a named person in a given role (R55).",
)
def _(
    certflow_context: PolicyContext, person: str, role: Role, assessor: str, kind: str, grounds: str
) -> None:
    _flag(certflow_context, certflow_context.actor(person, role), assessor, kind, grounds)


def _flag(context: PolicyContext, actor: Actor, assessor: str, kind: str, grounds: str) -> None:
    assessor_id = context.assessor(assessor)
    context.run(
        None,
        lambda: context.lsp.flag_misconduct(
            assessor_id=assessor_id,
            kind=_KINDS.get(kind.strip(), kind.strip()),
            grounds=grounds,
            actor=actor,
        ),
    )


@phrase(
    "when",
    '"{person}" sebagai {role:Role} meninjau keputusan "{name}" yang dikarantina: "{outcome}" '
    'dengan alasan "{reason}"',
    '"{person}" acting as {role:Role} reviews the quarantined decision of "{name}": "{outcome}" '
    'because "{reason}"',
    'Review one quarantined decision: "dikukuhkan"/"confirmed" or "dibatalkan"/"set aside" '
    "(re-assessment offered) (R55).",
)
def _(
    certflow_context: PolicyContext, person: str, role: Role, name: str, outcome: str, reason: str
) -> None:
    context = certflow_context
    actor = context.actor(person, role)
    context.run(
        name,
        lambda: context.lsp.review_quarantined(
            context.certification(name),
            outcome=_OUTCOMES.get(outcome.strip(), outcome.strip()),
            reason=reason,
            actor=actor,
        ),
    )


@phrase(
    "then",
    'sertifikasi "{name}" dikarantina',
    'the certification of "{name}" is quarantined',
    "Its assessment records are quarantined; its certificate is not printed (R55).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    assert certflow_context.lsp.is_quarantined(certflow_context.certification(name))


@phrase(
    "then",
    'sertifikasi "{name}" tidak dikarantina',
    'the certification of "{name}" is not quarantined',
    "Nothing holds its records (R55).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    assert not certflow_context.lsp.is_quarantined(certflow_context.certification(name))


@phrase(
    "then",
    'kasus pelanggaran asesor "{assessor}" berada pada tahap "{stage}"',
    'the misconduct case of assessor "{assessor}" is at stage "{stage}"',
    "The case's stage: dikarantina/quarantined or ditutup/closed (R55).",
)
def _(certflow_context: PolicyContext, assessor: str, stage: str) -> None:
    case = certflow_context.lsp.get_misconduct_case(certflow_context.assessor(assessor))
    assert case.stage is QuarantineStage(_STAGES.get(stage, stage)), case.stage
