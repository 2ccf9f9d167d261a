"""Steps of the pre-assessment and of the candidate's answer to the result (R7, R8, R23, R29).

The assessor's FR.APL.02 review (proceed / not yet), reasonable adjustments (FR.AK.07), the
assessment mode (on-site or AJJ), and the candidate's acknowledgement (FR.AK.02) or rejection
(FR.AK.05) of the result. Each is a command: a refusal is kept for the Then steps.
"""

from __future__ import annotations

from typing import Any

from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import on, parse_list, phrase

# -- FR.APL.02 review (R7) -----------------------------------------------------------------------


@phrase(
    "when",
    'asesor "{assessor}" meninjau APL.02 "{name}": asesmen dapat dilanjutkan',
    'assessor "{assessor}" reviews the APL.02 of "{name}": the assessment can proceed',
    "FR.APL.02 review with proceed (R7); brings a deferred assessment back.",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _review(certflow_context, assessor, name, proceed=True, reasons="")


@phrase(
    "when",
    'asesor "{assessor}" meninjau APL.02 "{name}": asesmen belum dapat dilanjutkan karena '
    '"{reasons}"',
    'assessor "{assessor}" reviews the APL.02 of "{name}": the assessment cannot proceed yet '
    'because "{reasons}"',
    "FR.APL.02 review with not yet and its reasons: the assessment is deferred (R7).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, reasons: str) -> None:
    _review(certflow_context, assessor, name, proceed=False, reasons=reasons)


@phrase(
    "when",
    'asesor "{assessor}" meninjau APL.02 "{name}": asesmen belum dapat dilanjutkan tanpa alasan',
    'assessor "{assessor}" reviews the APL.02 of "{name}": the assessment cannot proceed yet '
    "without reasons",
    "A not-yet review without reasons (R7).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _review(certflow_context, assessor, name, proceed=False, reasons="")


def _review(
    context: PolicyContext, assessor: str, name: str, *, proceed: bool, reasons: str
) -> None:
    actor = context.assessor_actor(assessor)
    on(
        context,
        name,
        lambda c, lsp: lsp.review_self_assessment(c, proceed=proceed, reasons=reasons, actor=actor),
    )


# -- reasonable adjustments (R8) -----------------------------------------------------------------


@phrase(
    "when",
    'asesor "{assessor}" mencatat penyesuaian "{kind}" untuk "{name}": "{arrangement}"',
    'assessor "{assessor}" records a "{kind}" adjustment for "{name}": "{arrangement}"',
    "FR.AK.07 for every unit; kinds: extra_time, assistance, format, environment (R8).",
)
def _(
    certflow_context: PolicyContext, assessor: str, kind: str, name: str, arrangement: str
) -> None:
    _adjust(certflow_context, assessor, name, {"kind": kind, "arrangement": arrangement})


@phrase(
    "when",
    'asesor "{assessor}" mencatat penyesuaian "{kind}" untuk unit "{units}" milik "{name}": '
    '"{arrangement}"',
    'assessor "{assessor}" records a "{kind}" adjustment on units "{units}" of "{name}": '
    '"{arrangement}"',
    "FR.AK.07 for some units; a unit outside the assessment is refused (R8).",
)
def _(
    certflow_context: PolicyContext,
    assessor: str,
    kind: str,
    name: str,
    units: str,
    arrangement: str,
) -> None:
    adjustment = {"kind": kind, "arrangement": arrangement, "units": parse_list(units)}
    _adjust(certflow_context, assessor, name, adjustment)


@phrase(
    "when",
    'asesor "{assessor}" mencatat penyesuaian metode "{method}" untuk "{name}": "{arrangement}"',
    'assessor "{assessor}" records a method adjustment "{method}" for "{name}": "{arrangement}"',
    "FR.AK.07 using another method; only the scheme's own methods are accepted (R8).",
)
def _(
    certflow_context: PolicyContext, assessor: str, method: str, name: str, arrangement: str
) -> None:
    adjustment = {"kind": "method", "arrangement": arrangement, "method": method}
    _adjust(certflow_context, assessor, name, adjustment)


def _adjust(context: PolicyContext, assessor: str, name: str, adjustment: dict[str, Any]) -> None:
    actor = context.assessor_actor(assessor)
    on(context, name, lambda c, lsp: lsp.record_adjustment(c, adjustment=adjustment, actor=actor))


# -- assessment mode (R23) -----------------------------------------------------------------------


@phrase(
    "when",
    'asesor "{assessor}" mencatat asesmen tatap muka untuk "{name}"',
    'assessor "{assessor}" records an on-site assessment for "{name}"',
    "The assessment mode: on-site at the TUK (R23).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _mode(certflow_context, assessor, name, "on_site")


@phrase(
    "when",
    'asesor "{assessor}" mencatat asesmen jarak jauh (AJJ) untuk "{name}"',
    'assessor "{assessor}" records a remote assessment (AJJ) for "{name}"',
    "The assessment mode: remote, only where the scheme allows it (R23).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _mode(certflow_context, assessor, name, "remote")


def _mode(context: PolicyContext, assessor: str, name: str, mode: str) -> None:
    actor = context.assessor_actor(assessor)
    on(context, name, lambda c, lsp: lsp.record_assessment_mode(c, mode=mode, actor=actor))


@phrase(
    "when",
    'asesor "{assessor}" menyiapkan asesmen "{name}"',
    'assessor "{assessor}" prepares the assessment of "{name}"',
    "Both pre-assessment steps of the main path: APL.02 proceed (R7) and on-site (R23).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    _review(certflow_context, assessor, name, proceed=True, reasons="")
    _mode(certflow_context, assessor, name, "on_site")


# -- the answer to the result (R29) --------------------------------------------------------------


@phrase(
    "when",
    '"{name}" mengakui hasil asesmen',
    '"{name}" acknowledges the assessment result',
    "The candidate signs FR.AK.02 for the assessor's recommendation (R29).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    actor = certflow_context.candidate_actor(name)
    on(certflow_context, name, lambda c, lsp: lsp.acknowledge_result(c, actor=actor))


@phrase(
    "when",
    'asesor "{assessor}" mencatat pengakuan "{name}" atas hasil asesmen',
    'assessor "{assessor}" records the acknowledgement of "{name}" of the result',
    "The assessor records the candidate's signed FR.AK.02 (R29).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str) -> None:
    actor = certflow_context.assessor_actor(assessor)
    on(certflow_context, name, lambda c, lsp: lsp.acknowledge_result(c, actor=actor))


@phrase(
    "when",
    '"{name}" menolak hasil asesmen karena "{reason}"',
    '"{name}" rejects the assessment result because "{reason}"',
    "FR.AK.05 penolakan hasil asesmen, with the reason (R29).",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    _reject(certflow_context, name, reason)


@phrase(
    "when",
    '"{name}" menolak hasil asesmen tanpa alasan',
    '"{name}" rejects the assessment result without a reason',
    "A rejection without a reason (R29).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    _reject(certflow_context, name, "")


def _reject(context: PolicyContext, name: str, reason: str) -> None:
    actor = context.candidate_actor(name)
    on(context, name, lambda c, lsp: lsp.reject_result(c, reason=reason, actor=actor))
