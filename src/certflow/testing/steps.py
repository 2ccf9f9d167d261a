"""The step vocabulary certflow ships for policy scenarios, in Bahasa Indonesia and English.

Every phrase has an Indonesian and an English form bound to the same function, so a feature
file may be written in either language (``# language: id`` or none). A project needs only
``pip install 'certflow[testing]'`` and a test module with ``scenarios("features")``; the
pytest plugin registered by certflow makes these steps available. ``docs/steps.md`` lists them
(generated from :data:`VOCABULARY`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, TypeVar

import pytest
from pytest_bdd import given, parsers, then, when

from certflow.domain import CERTIFICATION_WORKFLOW, AppealRemedy, Role, Stage
from certflow.engine import Actor
from certflow.testing.context import ADMIN, COMMITTEE, MANAGER, PolicyContext

__all__ = ["VOCABULARY", "Phrase", "steps_markdown"]

F = TypeVar("F", bound=Callable[..., Any])
Kind = Literal["given", "when", "then"]


@dataclass(frozen=True)
class Phrase:
    """One step of the vocabulary, in both languages."""

    kind: Kind
    id: str
    en: str
    doc: str


VOCABULARY: list[Phrase] = []
"""Every phrase, in the order it is defined here."""

_DECORATORS = {"given": given, "when": when, "then": then}


def phrase(kind: Kind, id: str, en: str, doc: str) -> Callable[[F], F]:
    """Bind one function to an Indonesian and an English step text (``parsers.parse``).

    A command phrase (``when``) also works as a Given, stating a fact that happened: there a
    refusal fails the scenario at once instead of waiting for a Then step.
    """

    def register(func: F) -> F:
        for text in (id, en):
            _DECORATORS[kind](parsers.parse(text), stacklevel=2)(func)
            if kind == "when":
                given(parsers.parse(text), stacklevel=2)(_as_fact(func))
        VOCABULARY.append(Phrase(kind, id, en, doc))
        return func

    return register


def _as_fact(func: F) -> F:
    @functools.wraps(func)
    def fact(*args: Any, **kwargs: Any) -> None:
        func(*args, **kwargs)
        context: PolicyContext = kwargs["certflow_context"]
        if context.error is not None:
            raise AssertionError(f"this Given was refused: {context.error}")

    return fact  # type: ignore[return-value]


def _day(text: str) -> date:
    return date.fromisoformat(text.strip())


def _list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


_STAGES = {s.value: s for s in Stage}
_STAGE_WORDS = {
    "terdaftar": "registered",
    "portofolio diserahkan": "portfolio_submitted",
    "diwawancarai": "interviewed",
    "kompeten": "competent",
    "belum kompeten": "not_yet_competent",
    "sertifikat dicetak": "certificate_printed",
    "sertifikat diserahkan": "distributed",
    "ditolak": "rejected",
    "mengundurkan diri": "withdrawn",
    "dalam banding": "under_appeal",
    "dibekukan": "suspended",
    "dicabut": "revoked",
    "kedaluwarsa": "expired",
    "digantikan": "superseded",
}
_REMEDIES = {
    "keputusan direvisi": AppealRemedy.REVISED_DECISION,
    "revised decision": AppealRemedy.REVISED_DECISION,
    "asesmen ulang": AppealRemedy.REASSESSMENT,
    "reassessment": AppealRemedy.REASSESSMENT,
}


def _stage(text: str) -> Stage:
    value = _STAGE_WORDS.get(text.strip().lower(), text.strip())
    try:
        return _STAGES[value]
    except KeyError:
        raise AssertionError(f"unknown stage {text!r}; use one of {sorted(_STAGES)}") from None


@pytest.fixture
def certflow_context() -> Iterator[PolicyContext]:
    """A fresh in-memory LSP for one scenario."""
    context = PolicyContext()
    yield context
    context.lsp.close()


# -- time ---------------------------------------------------------------------------------------


@phrase(
    "given", "hari ini tanggal {day}", "today is {day}", "Set the clock (YYYY-MM-DD, 09:00 WIB)."
)
def _(certflow_context: PolicyContext, day: str) -> None:
    certflow_context.set_day(_day(day))


@phrase(
    "given",
    "{days:d} hari telah berlalu",
    "{days:d} days have passed",
    "Move the clock forward.",
)
def _(certflow_context: PolicyContext, days: int) -> None:
    certflow_context.clock.advance(days=days)


# -- reference data -----------------------------------------------------------------------------


@phrase(
    "given",
    'skema "{code}" dengan unit "{units}"',
    'scheme "{code}" with units "{units}"',
    "Add a scheme version 1 with these unit codes (comma-separated) and the default policy.",
)
def _(certflow_context: PolicyContext, code: str, units: str) -> None:
    _add_scheme(certflow_context, code, units, {})


@phrase(
    "given",
    'skema "{code}" dengan unit "{units}" dan kebijakan:',
    'scheme "{code}" with units "{units}" and policy:',
    "As above, with a table of policy values (key | value), e.g. distribution_deadline_days.",
)
def _(certflow_context: PolicyContext, code: str, units: str, datatable: list[list[str]]) -> None:
    rows = datatable[1:] if datatable and datatable[0][0].strip() in ("key", "kunci") else datatable
    policy: dict[str, Any] = {}
    for key, value in ((r[0].strip(), r[1].strip()) for r in rows):
        policy[key] = _list(value) if "grounds" in key else int(value)
    _add_scheme(certflow_context, code, units, policy)


def _add_scheme(context: PolicyContext, code: str, units: str, policy: dict[str, Any]) -> None:
    context.schemes[code] = context.lsp.add_scheme(
        code=code,
        title=code,
        units=[{"code": u, "title": u} for u in _list(units)],
        policy=policy,
        actor=ADMIN,
    )


@phrase(
    "given",
    'skema "{code}" sudah tidak berlaku',
    'scheme "{code}" is retired',
    "Retire a scheme version (R1).",
)
def _(certflow_context: PolicyContext, code: str) -> None:
    certflow_context.lsp.retire_scheme(certflow_context.scheme(code), actor=ADMIN)


@phrase(
    "given",
    'jadwal uji "{code}" tanggal {start} sampai {end} untuk skema "{schemes}"',
    'session "{code}" from {start} to {end} for scheme "{schemes}"',
    "Plan an assessment session (TUK sewaktu) offering these schemes (comma-separated).",
)
def _(certflow_context: PolicyContext, code: str, start: str, end: str, schemes: str) -> None:
    context = certflow_context
    context.sessions[code] = context.lsp.plan_session(
        code=code,
        title=code,
        venue="TUK sewaktu",
        starts_on=_day(start),
        ends_on=_day(end),
        scheme_ids=[context.scheme(s) for s in _list(schemes)],
        actor=ADMIN,
    )
    for scheme in _list(schemes):
        context.scheme_sessions.setdefault(scheme, code)


@phrase(
    "given",
    'asesor "{name}" terdaftar untuk skema "{schemes}" dengan lisensi sampai {day}',
    'assessor "{name}" is registered for scheme "{schemes}" with a licence until {day}',
    "Add an assessor (MET number derived from the name).",
)
def _(certflow_context: PolicyContext, name: str, schemes: str, day: str) -> None:
    certflow_context.add_assessor(name, _list(schemes), _day(day))


@phrase(
    "given",
    'lisensi asesor "{name}" diperpanjang sampai {day}',
    'the licence of assessor "{name}" is renewed until {day}',
    "Record a renewed assessor licence.",
)
def _(certflow_context: PolicyContext, name: str, day: str) -> None:
    context = certflow_context
    context.lsp.renew_assessor_licence(context.assessor(name), valid_until=_day(day), actor=ADMIN)


# -- registration -------------------------------------------------------------------------------


@phrase(
    "given",
    'kandidat "{name}" terdaftar pada skema "{scheme}" di jadwal "{session}"',
    'candidate "{name}" is registered for scheme "{scheme}" in session "{session}"',
    "Put a candidate on file and register them (as the LSP admin).",
)
def _(certflow_context: PolicyContext, name: str, scheme: str, session: str) -> None:
    certflow_context.register(name, scheme, session)
    if certflow_context.error is not None:
        raise certflow_context.error


@phrase(
    "given",
    'sertifikasi "{name}" telah sampai "{milestone}"',
    'the certification of "{name}" has reached "{milestone}"',
    "Take the certification along the main path with valid steps (milestones: admitted, "
    "portfolio_submitted, assigned, agreed, verified, interviewed, recommended, competent, "
    "not_yet_competent, certificate_printed, distributed), dated by the session's calendar.",
)
def _(certflow_context: PolicyContext, name: str, milestone: str) -> None:
    certflow_context.reach(name, milestone.strip())


@phrase(
    "when",
    'admin LSP mendaftarkan "{name}" pada skema "{scheme}" di jadwal "{session}"',
    'the LSP admin registers "{name}" for scheme "{scheme}" in session "{session}"',
    "Register a candidate (refusals are kept for the Then steps).",
)
def _(certflow_context: PolicyContext, name: str, scheme: str, session: str) -> None:
    certflow_context.register(name, scheme, session)


@phrase(
    "when",
    'admin LSP mendaftarkan "{name}" yang identitasnya belum tercatat pada skema "{scheme}" '
    'di jadwal "{session}"',
    'the LSP admin registers "{name}" whose identity is not on file for scheme "{scheme}" in '
    'session "{session}"',
    "Register a subject id that is not in the subject store (R2).",
)
def _(certflow_context: PolicyContext, name: str, scheme: str, session: str) -> None:
    from uuid import uuid4

    context = certflow_context
    context.run(
        None,
        lambda: context.lsp.register(
            subject_id=uuid4(),
            scheme_id=context.scheme(scheme),
            session_id=context.session(session),
            actor=ADMIN,
        ),
    )


@phrase(
    "when",
    'admin LSP mendaftarkan sertifikasi ulang "{name}" pada skema "{scheme}" di jadwal "{session}"',
    'the LSP admin registers the recertification of "{name}" for scheme "{scheme}" in session '
    '"{session}"',
    "Register a recertification linked to the candidate's latest certification (R47).",
)
def _(certflow_context: PolicyContext, name: str, scheme: str, session: str) -> None:
    context = certflow_context
    previous = context.certifications.get(name)
    context.register(name, scheme, session, purpose="sertifikasi_ulang", previous=previous)


@phrase(
    "when",
    'admin LSP meminta dokumen "{documents}" dari "{name}"',
    'the LSP admin requests documents "{documents}" from "{name}"',
    "Request missing documents (R5).",
)
def _(certflow_context: PolicyContext, documents: str, name: str) -> None:
    _on(
        certflow_context,
        name,
        lambda c, lsp: lsp.request_documents(c, documents=_list(documents), actor=ADMIN),
    )


@phrase(
    "when",
    'admin LSP menerima permohonan "{name}"',
    'the LSP admin admits "{name}"',
    "Admit the application (R4).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _on(certflow_context, name, lambda c, lsp: lsp.admit(c, actor=ADMIN))


@phrase(
    "when",
    'admin LSP menolak permohonan "{name}" dengan alasan "{reason}"',
    'the LSP admin rejects the application of "{name}" because "{reason}"',
    "Reject the application (R4); an empty reason is refused.",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    _on(
        certflow_context, name, lambda c, lsp: lsp.reject_application(c, reason=reason, actor=ADMIN)
    )


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
    _on(
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
    _on(
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
    chosen = _list(methods) or ["portfolio", "interview"]
    _on(
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
    _on(
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
    _on(
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
    _on(certflow_context, name, lambda c, lsp: lsp.record_no_show(c, actor=ADMIN))


@phrase(
    "when",
    'asesor "{assessor}" meminta asesmen lanjut untuk "{name}"',
    'assessor "{assessor}" asks for further evidence from "{name}"',
    "Asesmen lanjut (R28).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    context = certflow_context
    _on(
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
    _on(
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
    pairs = (item.split("=", 1) for item in _list(text))
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
    _on(
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
    _on(
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
    _on(certflow_context, name, lambda c, lsp: lsp.refer_back(c, reason=reason, actor=COMMITTEE))


@phrase(
    "when",
    '"{name}" mengundurkan diri',
    '"{name}" withdraws',
    "The candidate withdraws (R57).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    _on(
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
    _on(
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
    members = [str(context.actor(p, Role.APPEAL_PANEL.value).id) for p in _list(panel)]
    actor = Actor(members[0] if members else "panel", Role.APPEAL_PANEL)
    chosen = _REMEDIES[remedy.strip().lower()]
    _on(
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
    members = [str(context.actor(p, Role.APPEAL_PANEL.value).id) for p in _list(panel)]
    actor = Actor(members[0] if members else "panel", Role.APPEAL_PANEL)
    _on(
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
    _on(
        context,
        name,
        lambda c, lsp: lsp.request_reassessment(
            c,
            entries=[{"unit": u, "evidence": [f"bukti-baru-{u}"]} for u in _list(units)],
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
    _on(certflow_context, name, lambda c, lsp: lsp.print_certificate(c, actor=MANAGER))


@phrase(
    "when",
    'admin LSP menyerahkan sertifikat kepada "{name}"',
    'the LSP admin hands the certificate to "{name}"',
    "Hand-over (R40, R41).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _on(certflow_context, name, lambda c, lsp: lsp.distribute_certificate(c, actor=ADMIN))


@phrase(
    "when",
    'manajer sertifikasi mencatat surveilan "{name}"',
    'the certification manager records the surveillance of "{name}"',
    "A surveillance with a logbook summary (R43).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _on(
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
    _on(
        certflow_context,
        name,
        lambda c, lsp: lsp.suspend(c, grounds=grounds, resolve_by=_day(day), actor=COMMITTEE),
    )


@phrase(
    "when",
    'komite mencabut pembekuan "{name}" dengan alasan "{reason}"',
    'the committee lifts the suspension of "{name}" because "{reason}"',
    "Lift a suspension (R44).",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    _on(
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
    _on(certflow_context, name, lambda c, lsp: lsp.revoke(c, grounds=grounds, actor=COMMITTEE))


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
    _on(context, name, lambda c, lsp: _any_move(context, lsp, c, trigger.strip(), actor))


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


def _on(context: PolicyContext, name: str, command: Callable[[Any, Any], None]) -> None:
    context.run(name, lambda: command(context.certification(name), context.lsp))


# -- outcomes -----------------------------------------------------------------------------------


@phrase(
    "then",
    'sertifikasi "{name}" berada pada tahap "{stage}"',
    'the certification of "{name}" is at stage "{stage}"',
    "The stage (its code name, e.g. portfolio_submitted, or the Indonesian words).",
)
def _(certflow_context: PolicyContext, name: str, stage: str) -> None:
    assert certflow_context.view(name).stage is _stage(stage)


@phrase(
    "then",
    'sertifikasi sebelumnya "{name}" berada pada tahap "{stage}"',
    'the previous certification of "{name}" is at stage "{stage}"',
    "The stage of the certification a recertification replaced.",
)
def _(certflow_context: PolicyContext, name: str, stage: str) -> None:
    earlier = certflow_context.earlier.get(name)
    assert earlier, f'"{name}" has no earlier certification'
    assert certflow_context.lsp.get(earlier[-1]).stage is _stage(stage)


@phrase(
    "then",
    "perintah diterima",
    "the command is accepted",
    "The last command was recorded.",
)
def _(certflow_context: PolicyContext) -> None:
    error = certflow_context.error
    assert error is None, f"the command was refused: {error}"


@phrase(
    "then",
    'perintah ditolak dengan aturan "{rule_id}"',
    'the command is refused under rule "{rule_id}"',
    "The last command was refused naming this rule id, and recorded nothing.",
)
def _(certflow_context: PolicyContext, rule_id: str) -> None:
    context = certflow_context
    assert context.error is not None, "the command was accepted, not refused"
    assert rule_id in context.error.rule_ids, f"refused under {context.error.rule_ids}"
    _nothing_recorded(context)


@phrase(
    "then",
    "perintah ditolak",
    "the command is refused",
    "The last command was refused (any reason) and recorded nothing.",
)
def _(certflow_context: PolicyContext) -> None:
    assert certflow_context.error is not None, "the command was accepted, not refused"
    _nothing_recorded(certflow_context)


def _nothing_recorded(context: PolicyContext) -> None:
    if context.last is not None and context.version_before is not None:
        assert context.lsp.get(context.last).version == context.version_before


@phrase(
    "then",
    'penolakan menyebut "{words}"',
    'the refusal says "{words}"',
    "The refusal's sentence (in either language) contains these words.",
)
def _(certflow_context: PolicyContext, words: str) -> None:
    error = certflow_context.error
    assert error is not None, "the command was accepted, not refused"
    assert words in error.text.id or words in error.text.en, str(error)


@phrase(
    "then",
    'peristiwa terakhir "{name}" adalah "{event}"',
    'the last event of "{name}" is "{event}"',
    "The last recorded event's name (e.g. AppealLodged).",
)
def _(certflow_context: PolicyContext, name: str, event: str) -> None:
    history = certflow_context.lsp.history(certflow_context.certification(name))
    assert history[-1].event == event, [h.event for h in history]


@phrase(
    "then",
    'tenggat "{deadline}" untuk "{name}" jatuh pada {day}',
    'the "{deadline}" deadline of "{name}" is due on {day}',
    "A deadline that applies now, and its due date.",
)
def _(certflow_context: PolicyContext, deadline: str, name: str, day: str) -> None:
    found = {d.name: d for d in certflow_context.view(name).deadlines}
    assert deadline in found, f"deadlines now: {sorted(found)}"
    assert found[deadline].due_on == _day(day)


@phrase(
    "then",
    'tenggat "{deadline}" untuk "{name}" terlewat',
    'the "{deadline}" deadline of "{name}" is missed',
    "The deadline was missed (met late, or passed unmet).",
)
def _(certflow_context: PolicyContext, deadline: str, name: str) -> None:
    found = {d.name: d for d in certflow_context.view(name).deadlines}
    assert found[deadline].status.value == "missed", found[deadline]


@phrase(
    "then",
    'tenggat "{deadline}" untuk "{name}" terpenuhi',
    'the "{deadline}" deadline of "{name}" is met',
    "The deadline was met in time.",
)
def _(certflow_context: PolicyContext, deadline: str, name: str) -> None:
    found = {d.name: d for d in certflow_context.view(name).deadlines}
    assert found[deadline].status.value == "met", found[deadline]


@phrase(
    "then",
    'sertifikat "{name}" bernomor "{number}" dan berlaku sampai {day}',
    'the certificate of "{name}" has number "{number}" and is valid until {day}',
    "Certificate number and last valid day.",
)
def _(certflow_context: PolicyContext, name: str, number: str, day: str) -> None:
    view = certflow_context.view(name)
    assert view.certificate_number == number, view.certificate_number
    assert view.valid_until == _day(day), view.valid_until


def steps_markdown() -> str:
    """The text of ``docs/steps.md``."""
    heads = {"given": "Diketahui / Given", "when": "Ketika / When", "then": "Maka / Then"}
    lines = [
        "# The step vocabulary",
        "",
        "Generated from `certflow.testing.steps.VOCABULARY`; do not edit by hand (a test fails",
        "when this file is stale). Every phrase works in Bahasa Indonesia (`# language: id`,",
        "keywords `Diketahui`, `Ketika`, `Maka`, `Dan`) and in English. Quoted values and dates",
        "(YYYY-MM-DD) are yours; lists are comma-separated. Install with",
        "`pip install 'certflow[testing]'` and bind your features with `scenarios(\"features\")`.",
        "",
    ]
    for kind in ("given", "when", "then"):
        lines += [f"## {heads[kind]}", "", "| Bahasa Indonesia | English | what it does |"]
        lines.append("| --- | --- | --- |")
        for p in VOCABULARY:
            if p.kind == kind:
                lines.append(f"| `{p.id}` | `{p.en}` | {p.doc} |")
        lines.append("")
    return "\n".join(lines)
