"""Steps that issue commands, as a given actor (a refusal is kept for the Then steps).

The portfolio and the assessment; the later commands are in :mod:`.steps_when_after`.
"""

from __future__ import annotations

from typing import Any

from certflow.engine import Actor
from certflow.testing.actors import ADMIN, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import on, parse_list, phrase

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
