"""Steps about TUKs: propose a venue, assign its verifier, verify it, schedule there (R16, R17).

A TUK is named by its venue name; its kind by ``sewaktu``, ``tempat kerja`` or ``mandiri``.
The verifier is an assessor of the scenario (``asesor "Ratna"``) or, for refusals, anybody in
the personnel register (``"Dewi" sebagai admin LSP``).
"""

from __future__ import annotations

from uuid import UUID

from certflow.domain import Role, TukKind, TukStatus, tuk_id
from certflow.engine import Actor
from certflow.testing.actors import ADMIN, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.reference import STANDARD_CHECKLIST
from certflow.testing.vocabulary import parse_day, parse_list, phrase

_KINDS = {
    "sewaktu": TukKind.AD_HOC,
    "ad hoc": TukKind.AD_HOC,
    "tempat kerja": TukKind.WORKPLACE,
    "workplace": TukKind.WORKPLACE,
    "mandiri": TukKind.INDEPENDENT,
    "independent": TukKind.INDEPENDENT,
}
_STATUS = {
    "diusulkan": TukStatus.PROPOSED,
    "terverifikasi": TukStatus.VERIFIED,
    "dibekukan": TukStatus.SUSPENDED,
    "kedaluwarsa": TukStatus.EXPIRED,
    **{s.value: s for s in TukStatus},
}


def _kind(words: str) -> TukKind:
    try:
        return _KINDS[words.strip()]
    except KeyError:
        raise AssertionError(f"unknown TUK kind {words!r}; use one of {list(_KINDS)}") from None


def _person(context: PolicyContext, name: str) -> str:
    """An assessor's register id, or the person id of anybody else."""
    if name in context.assessors:
        return str(context.assessor(name))
    return context.staff_id(name)


def _propose(context: PolicyContext, name: str, kind: str) -> None:
    context.run(
        None,
        lambda: context.lsp.propose_tuk(
            name=name, kind=_kind(kind), address_ref=f"alamat {name}", actor=ADMIN
        ),
    )


@phrase(
    "when",
    'TUK {kind} "{name}" diusulkan',
    'TUK {kind} "{name}" is proposed',
    "The LSP admin proposes a venue as a TUK sewaktu, tempat kerja or mandiri (no personal "
    "data: its name and an address reference).",
)
def _(certflow_context: PolicyContext, kind: str, name: str) -> None:
    _propose(certflow_context, name, kind)


def _assign(context: PolicyContext, verifier: str, name: str, actor: Actor) -> None:
    context.run(
        None,
        lambda: context.lsp.assign_tuk_verifier(
            tuk_id(name), assessor=_person(context, verifier), actor=actor
        ),
    )


@phrase(
    "when",
    'manajer sertifikasi menugaskan "{verifier}" memverifikasi TUK "{name}"',
    'the certification manager assigns "{verifier}" to verify TUK "{name}"',
    "The LSP assigns an assessor (or, to see it refused, anybody else) to verify the TUK (R17).",
)
def _(certflow_context: PolicyContext, verifier: str, name: str) -> None:
    _assign(certflow_context, verifier, name, MANAGER)


def _verify(
    context: PolicyContext,
    actor: Actor,
    name: str,
    schemes: str,
    end: str | None,
    session: str | None = None,
    unmet: str = "",
) -> None:
    checklist = dict(STANDARD_CHECKLIST)
    if unmet:
        checklist[unmet] = False
    context.run(
        None,
        lambda: context.lsp.record_tuk_verification(
            tuk_id(name),
            checklist=checklist,
            scheme_ids=[context.scheme(s) for s in parse_list(schemes)],
            session_code=session,
            valid_until=parse_day(end) if end else None,
            actor=actor,
        ),
    )


@phrase(
    "when",
    'asesor "{assessor}" memverifikasi TUK "{name}" untuk skema "{schemes}" dan jadwal "{code}"',
    'assessor "{assessor}" verifies TUK "{name}" for scheme "{schemes}" and session "{code}"',
    "The assessor records a verification of a TUK sewaktu or tempat kerja for one session, "
    "every checklist item met (R16, R17).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, schemes: str, code: str) -> None:
    context = certflow_context
    _verify(context, context.assessor_actor(assessor), name, schemes, None, code)


@phrase(
    "when",
    'asesor "{assessor}" memverifikasi TUK mandiri "{name}" untuk skema "{schemes}" berlaku '
    "sampai {end}",
    'assessor "{assessor}" verifies TUK mandiri "{name}" for scheme "{schemes}" valid until {end}',
    "The assessor records a verification of a TUK mandiri valid until that day (R16, R17).",
)
def _(certflow_context: PolicyContext, assessor: str, name: str, schemes: str, end: str) -> None:
    context = certflow_context
    _verify(context, context.assessor_actor(assessor), name, schemes, end)


@phrase(
    "when",
    '"{person}" sebagai {role:Role} memverifikasi TUK "{name}" untuk skema "{schemes}" dan '
    'jadwal "{code}"',
    '"{person}" as {role:Role} verifies TUK "{name}" for scheme "{schemes}" and session "{code}"',
    "Somebody acting in a role records a TUK verification (refused unless an assigned "
    "assessor, R17).",
)
def _(
    certflow_context: PolicyContext,
    person: str,
    role: Role,
    name: str,
    schemes: str,
    code: str,
) -> None:
    context = certflow_context
    _verify(context, context.actor(person, role), name, schemes, None, code)


@phrase(
    "when",
    'asesor "{assessor}" mencatat butir "{item}" tidak terpenuhi saat memverifikasi TUK "{name}" '
    'untuk skema "{schemes}" dan jadwal "{code}"',
    'assessor "{assessor}" records item "{item}" as not met verifying TUK "{name}" for scheme '
    '"{schemes}" and session "{code}"',
    "A verification with one checklist item not met: recorded, and the TUK is not verified.",
)
def _(
    certflow_context: PolicyContext,
    assessor: str,
    item: str,
    name: str,
    schemes: str,
    code: str,
) -> None:
    context = certflow_context
    _verify(context, context.assessor_actor(assessor), name, schemes, None, code, item)


@phrase(
    "when",
    'admin LSP menjadwalkan uji "{code}" tanggal {start} sampai {end} di TUK "{name}" untuk '
    'skema "{schemes}"',
    'the LSP admin schedules session "{code}" from {start} to {end} at TUK "{name}" for scheme '
    '"{schemes}"',
    "Plan a session at a TUK (R16: verified for every scheme on those dates).",
)
def _(
    certflow_context: PolicyContext, code: str, start: str, end: str, name: str, schemes: str
) -> None:
    context = certflow_context
    codes = parse_list(schemes)

    def command() -> None:
        made: UUID = context.lsp.plan_session(
            code=code,
            title=code,
            venue=name,
            starts_on=parse_day(start),
            ends_on=parse_day(end),
            scheme_ids=[context.scheme(s) for s in codes],
            actor=ADMIN,
        )
        context.sessions[code] = made
        for scheme in codes:
            context.scheme_sessions.setdefault(scheme, code)

    context.run(None, command)


@phrase(
    "when",
    'manajer sertifikasi membekukan TUK "{name}"',
    'the certification manager suspends TUK "{name}"',
    "Suspend a verified TUK: no session is planned and no interview recorded there.",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    context.run(
        None,
        lambda: context.lsp.suspend_tuk(tuk_id(name), reason="sarana rusak", actor=MANAGER),
    )


@phrase(
    "when",
    'manajer sertifikasi memulihkan TUK "{name}"',
    'the certification manager reinstates TUK "{name}"',
    "Lift a TUK's suspension.",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    context = certflow_context
    context.run(None, lambda: context.lsp.reinstate_tuk(tuk_id(name), actor=MANAGER))


@phrase(
    "then",
    'TUK "{name}" berstatus "{status}"',
    'TUK "{name}" is "{status}"',
    "The TUK's status: diusulkan, terverifikasi, dibekukan, kedaluwarsa (or proposed, "
    "verified, suspended, expired).",
)
def _(certflow_context: PolicyContext, name: str, status: str) -> None:
    found = certflow_context.lsp.get_tuk(tuk_id(name)).status
    assert found is _STATUS[status.strip()], f"TUK {name} is {found.value}"


@phrase(
    "then",
    'wawancara "{candidate}" mencatat TUK "{name}"',
    'the interview of "{candidate}" records TUK "{name}"',
    "The recorded FR.IA.09 interview names the TUK it was held at (R24).",
)
def _(certflow_context: PolicyContext, candidate: str, name: str) -> None:
    context = certflow_context
    cert = context.certification(candidate)
    entries = context.lsp.history(cert, events=["InterviewRecorded"])
    assert entries, f'"{candidate}" has no recorded interview'
    assert entries[-1].data.get("tuk_id") == str(tuk_id(name)), entries[-1].data
