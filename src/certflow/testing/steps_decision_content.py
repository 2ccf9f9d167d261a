"""Steps for what a decision, a printed certificate and an overdue surveillance record.

The decision's content (R33), the two signatures on a printed certificate (R40), the sweep's
escalation of an overdue surveillance (R43) and a recertification's logbook evidence (R47).
"""

from __future__ import annotations

from typing import Any

from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import on, parse_list, phrase


def parse_units(text: str) -> dict[str, str]:
    """``"MI.1=K, MI.2=BK"`` as ``{"MI.1": "K", "MI.2": "BK"}``."""
    pairs = (item.partition("=") for item in parse_list(text))
    return {unit.strip(): verdict.strip() for unit, _, verdict in pairs}


def _last(context: PolicyContext, name: str, event: str) -> dict[str, Any]:
    history = context.lsp.history(context.certification(name), events=[event])
    assert history, f"{name} has no {event}"
    return history[-1].data


# -- the decision (R33) -------------------------------------------------------------------------


@phrase(
    "when",
    'komite memutuskan "{outcome}" untuk "{name}" dengan hasil unit "{units}"',
    'the committee decides "{outcome}" for "{name}" with unit outcomes "{units}"',
    "A decision naming the outcome of units (UNIT=K or UNIT=BK, comma-separated), R33.",
)
def _(certflow_context: PolicyContext, outcome: str, name: str, units: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.decide(
            c, outcome=outcome, unit_outcomes=parse_units(units), actor=COMMITTEE
        ),
    )


@phrase(
    "when",
    'komite memutuskan "{outcome}" untuk "{name}" dengan alasan "{reason}" dan hasil unit '
    '"{units}"',
    'the committee decides "{outcome}" for "{name}" because "{reason}" with unit outcomes '
    '"{units}"',
    "A decision departing from the recommendation, justified, with unit outcomes (R33, R34).",
)
def _(certflow_context: PolicyContext, outcome: str, name: str, reason: str, units: str) -> None:
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.decide(
            c,
            outcome=outcome,
            justification=reason,
            unit_outcomes=parse_units(units),
            actor=COMMITTEE,
        ),
    )


@phrase(
    "when",
    'komite memutuskan "{outcome}" untuk "{name}" bersama "{members}"',
    'the committee decides "{outcome}" for "{name}" together with "{members}"',
    "A decision taken with further named committee members (person ids), R32, R33.",
)
def _(certflow_context: PolicyContext, outcome: str, name: str, members: str) -> None:
    context = certflow_context
    named = [context.person_id(m) for m in parse_list(members)]
    on(
        context,
        name,
        lambda c, lsp: lsp.decide(c, outcome=outcome, deciders=named, actor=COMMITTEE),
    )


@phrase(
    "then",
    'keputusan "{name}" mencatat hasil unit "{units}"',
    'the decision on "{name}" records unit outcomes "{units}"',
    "The last decision's outcome per unit (R33).",
)
def _(certflow_context: PolicyContext, name: str, units: str) -> None:
    recorded = _last(certflow_context, name, "Decided")["unit_outcomes"]
    assert recorded == parse_units(units), recorded


@phrase(
    "then",
    'keputusan "{name}" merujuk rekomendasi dan laporan asesor',
    'the decision on "{name}" refers to the assessor\'s recommendation and report',
    "The last decision records the position of the recommendation and report it relied on.",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    history = context.lsp.history(context.certification(name))
    decided = next(h for h in reversed(history) if h.event == "Decided")
    recommended = [h for h in history if h.event == "RecommendationRecorded"]
    assert recommended, "no recommendation was recorded"
    expected = recommended[-1].version
    assert decided.data["recommendation_version"] == expected, decided.data
    assert decided.data["report_version"] == expected, decided.data


@phrase(
    "then",
    'keputusan "{name}" diambil oleh "{members}"',
    'the decision on "{name}" was taken by "{members}"',
    "The last decision's named deciders, person ids in order (R33).",
)
def _(certflow_context: PolicyContext, name: str, members: str) -> None:
    context = certflow_context
    recorded = _last(context, name, "Decided")["deciders"]
    assert recorded == [context.person_id(m) for m in parse_list(members)], recorded


# -- printing (R40) -----------------------------------------------------------------------------


@phrase(
    "when",
    'manajer sertifikasi mencetak sertifikat "{name}" ditandatangani "{manager}" dan "{head}"',
    'the certification manager prints the certificate of "{name}" signed by "{manager}" and '
    '"{head}"',
    "Printing naming the certification manager and the head of the LSP who sign (R40).",
)
def _(certflow_context: PolicyContext, name: str, manager: str, head: str) -> None:
    context = certflow_context
    signers = {"manager": context.person_id(manager), "head": context.person_id(head)}
    on(context, name, lambda c, lsp: lsp.print_certificate(c, actor=MANAGER, **signers))


@phrase(
    "when",
    '"{person}" sebagai ketua LSP mencetak sertifikat "{name}"',
    '"{person}" acting as head of the LSP prints the certificate of "{name}"',
    "Printing by the head of the LSP, naming no certification manager (R40).",
)
def _(certflow_context: PolicyContext, person: str, name: str) -> None:
    actor = certflow_context.actor(person, "head_of_lsp")
    on(certflow_context, name, lambda c, lsp: lsp.print_certificate(c, actor=actor))


@phrase(
    "then",
    'sertifikat "{name}" ditandatangani "{manager}" dan "{head}"',
    'the certificate of "{name}" is signed by "{manager}" and "{head}"',
    "The printed certificate's recorded signatories: certification manager, head of LSP (R40).",
)
def _(certflow_context: PolicyContext, name: str, manager: str, head: str) -> None:
    context = certflow_context
    signed = _last(context, name, "CertificatePrinted")["signed_by"]
    expected = {
        "certification_manager": context.person_id(manager),
        "head_of_lsp": context.person_id(head),
    }
    assert signed == expected, signed


# -- surveillance escalation (R43) --------------------------------------------------------------


@phrase(
    "then",
    'surveilan "{name}" yang terlambat tercatat sebagai "{step}" dengan tenggat {day}',
    'the overdue surveillance of "{name}" is recorded as "{step}" due by {day}',
    "The last escalation step the sweep recorded (reminder or warning) and its deadline (R43).",
)
def _(certflow_context: PolicyContext, name: str, step: str, day: str) -> None:
    recorded = _last(certflow_context, name, "SurveillanceOverdue")
    assert (recorded["step"], recorded["respond_by"]) == (step, day), recorded


@phrase(
    "then",
    'sertifikat "{name}" dikenai sanksi "{grounds}"',
    'the certificate of "{name}" is sanctioned for "{grounds}"',
    "The last event is the sweep's suspension or revocation citing these grounds (R43, R45).",
)
def _(certflow_context: PolicyContext, name: str, grounds: str) -> None:
    context = certflow_context
    last = context.lsp.history(context.certification(name))[-1]
    assert last.event in ("Suspended", "Revoked"), last.event
    assert (last.data["grounds"], last.actor_role) == (grounds, "system"), last


# -- recertification (R47) ----------------------------------------------------------------------


@phrase(
    "when",
    'admin LSP mendaftarkan sertifikasi ulang "{name}" pada skema "{scheme}" di jadwal '
    '"{session}" dengan logbook "{logbook}"',
    'the LSP admin registers the recertification of "{name}" for scheme "{scheme}" in session '
    '"{session}" with logbook "{logbook}"',
    "A recertification naming its logbook or activity evidence references; empty: none (R47).",
)
def _(certflow_context: PolicyContext, name: str, scheme: str, session: str, logbook: str) -> None:
    context = certflow_context
    subject = context.candidate(name)
    previous = context.certification(name)

    def command() -> None:
        new = context.lsp.register(
            subject_id=subject,
            scheme_id=context.scheme(scheme),
            session_id=context.session(session),
            purpose="sertifikasi_ulang",
            previous_certification_id=previous,
            logbook=parse_list(logbook),
            actor=ADMIN,
        )
        context.earlier.setdefault(name, []).append(previous)
        context.certifications[name] = new

    context.run(name, command)


@phrase(
    "then",
    'sertifikasi "{name}" mencatat logbook "{logbook}"',
    'the certification of "{name}" records logbook "{logbook}"',
    "The recertification's recorded logbook evidence references (R47).",
)
def _(certflow_context: PolicyContext, name: str, logbook: str) -> None:
    view = certflow_context.view(name)
    assert list(view.logbook_evidence) == parse_list(logbook), view.logbook_evidence


@phrase(
    "then",
    'riwayat "{name}" memuat {count:d} peristiwa "{event}"',
    'the history of "{name}" holds {count:d} "{event}" events',
    "How many events of one type the certification's history holds (e.g. after a second sweep).",
)
def _(certflow_context: PolicyContext, name: str, count: int, event: str) -> None:
    context = certflow_context
    found = context.lsp.history(context.certification(name), events=[event])
    assert len(found) == count, [h.data for h in found]
