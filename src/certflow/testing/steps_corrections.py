"""Steps for corrections of recorded instrument evidence (R25).

A correction of the FR.IA.08 portfolio verification is a new event naming the version it
corrects; the verification stays in the history, and the correction's checks give the VATM
outcome.
"""

from __future__ import annotations

from typing import Any

from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import on, phrase


def _checks(context: PolicyContext, name: str, weak: str) -> list[dict[str, Any]]:
    return [
        {
            "unit": u,
            "evidence": f"bukti-{u}",
            "valid": True,
            "authentic": True,
            "current": True,
            "sufficient": u != weak,
        }
        for u in context.view(name).units_to_assess
    ]


def _latest(context: PolicyContext, name: str) -> int:
    """The version of the latest verification or correction (0: none recorded)."""
    versions = context.view(name).instrument_versions
    return versions[-1] if versions else 0


def _correct(
    context: PolicyContext, assessor: str, name: str, version: int, weak: str, reason: str
) -> None:
    checks = _checks(context, name, weak)
    actor = context.assessor_actor(assessor)
    on(
        context,
        name,
        lambda c, lsp: lsp.correct_portfolio_verification(
            c, corrects=version, checks=checks, reason=reason, actor=actor
        ),
    )


@phrase(
    "when",
    'asesor "{assessor}" mengoreksi verifikasi portofolio "{name}" karena "{reason}"',
    'assessor "{assessor}" corrects the portfolio verification of "{name}" because "{reason}"',
    "A correction of the latest FR.IA.08 verification (or correction), every item meeting "
    "VATM (R25).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, reason: str) -> None:
    context = certflow_context
    _correct(context, assessor, name, _latest(context, name), weak="", reason=reason)


@phrase(
    "when",
    'asesor "{assessor}" mengoreksi verifikasi portofolio "{name}" dengan bukti unit "{unit}" '
    'tidak memadai karena "{reason}"',
    'assessor "{assessor}" corrects the portfolio verification of "{name}" with the evidence '
    'for unit "{unit}" insufficient because "{reason}"',
    "A correction of the latest FR.IA.08 verification (or correction), one unit failing VATM "
    "(R25).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, unit: str, reason: str) -> None:
    context = certflow_context
    _correct(context, assessor, name, _latest(context, name), weak=unit, reason=reason)


@phrase(
    "when",
    'asesor "{assessor}" mengoreksi peristiwa versi {version:d} "{name}" karena "{reason}"',
    'assessor "{assessor}" corrects event version {version:d} of "{name}" because "{reason}"',
    "A correction naming a version of the history, every item meeting VATM (R25).",
)
def _(certflow_context: PolicyContext, assessor: str, version: int, name: str, reason: str) -> None:
    _correct(certflow_context, assessor, name, version, weak="", reason=reason)


@phrase(
    "when",
    'asesor "{assessor}" mengoreksi verifikasi portofolio "{name}" tanpa alasan',
    'assessor "{assessor}" corrects the portfolio verification of "{name}" without a reason',
    "A correction of the latest FR.IA.08 verification with no reason given (R25).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    context = certflow_context
    _correct(context, assessor, name, _latest(context, name), weak="", reason="")


@phrase(
    "then",
    'koreksi terakhir "{name}" merujuk peristiwa "{event}"',
    'the last correction of "{name}" references a "{event}" event',
    "The latest EvidenceCorrected names the version of an event of this type (R25).",
)
def _(certflow_context: PolicyContext, name: str, event: str) -> None:
    context = certflow_context
    history = context.lsp.history(context.certification(name))
    corrections = [h for h in history if h.event == "EvidenceCorrected"]
    assert corrections, f"{name} has no EvidenceCorrected"
    corrected = [h for h in history if h.version == corrections[-1].data["corrects"]]
    assert [h.event for h in corrected] == [event], corrected


@phrase(
    "then",
    'bukti unit "{unit}" pada "{name}" memenuhi VATM',
    'the evidence for unit "{unit}" of "{name}" meets VATM',
    "The VATM outcome of the unit, from the latest verification or correction (R22, R25).",
)
def _(certflow_context: PolicyContext, unit: str, name: str) -> None:
    vatm = certflow_context.view(name).vatm
    assert vatm.get(unit) is True, dict(vatm)


@phrase(
    "then",
    'bukti unit "{unit}" pada "{name}" tidak memenuhi VATM',
    'the evidence for unit "{unit}" of "{name}" fails VATM',
    "The unit fails VATM in the latest verification or correction (R22, R25).",
)
def _(certflow_context: PolicyContext, unit: str, name: str) -> None:
    vatm = certflow_context.view(name).vatm
    assert vatm.get(unit) is False, dict(vatm)
