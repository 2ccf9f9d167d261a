"""Steps that set the scene: the clock, schemes, sessions, assessors, candidates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from certflow.testing.actors import ADMIN
from certflow.testing.context import PolicyContext
from certflow.testing.vocabulary import on, parse_day, parse_list, phrase


@pytest.fixture
def certflow_context() -> Iterator[PolicyContext]:
    """A fresh in-memory LSP for one scenario."""
    context = PolicyContext()
    yield context
    context.lsp.close()


# -- time ---------------------------------------------------------------------------------------


@phrase(
    "given",
    "hari ini tanggal {day}",
    "today is {day}",
    "Set the clock (YYYY-MM-DD, 09:00 WIB); as a Given, a When or an And.",
    anywhere=True,
)
def _(certflow_context: PolicyContext, day: str) -> None:
    certflow_context.set_day(parse_day(day))


@phrase(
    "given",
    "{days:d} hari telah berlalu",
    "{days:d} days have passed",
    "Move the clock forward; as a Given, a When or an And.",
    anywhere=True,
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
        policy[key] = (
            parse_list(value) if "grounds" in key else int(value) if value.isdigit() else value
        )
    _add_scheme(certflow_context, code, units, policy)


def _add_scheme(context: PolicyContext, code: str, units: str, policy: dict[str, Any]) -> None:
    context.schemes[code] = context.path.add_scheme(code, parse_list(units), policy=policy)


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
    context.sessions[code] = context.path.plan_session(
        code,
        [context.scheme(s) for s in parse_list(schemes)],
        days=(parse_day(start), parse_day(end)),
    )
    for scheme in parse_list(schemes):
        context.scheme_sessions.setdefault(scheme, code)


@phrase(
    "given",
    'asesor "{name}" terdaftar untuk skema "{schemes}" dengan lisensi sampai {day}',
    'assessor "{name}" is registered for scheme "{schemes}" with a licence until {day}',
    "Add an assessor (MET number derived from the name).",
)
def _(certflow_context: PolicyContext, name: str, schemes: str, day: str) -> None:
    certflow_context.add_assessor(name, parse_list(schemes), parse_day(day))


@phrase(
    "given",
    'lisensi asesor "{name}" diperpanjang sampai {day}',
    'the licence of assessor "{name}" is renewed until {day}',
    "Record a renewed assessor licence.",
)
def _(certflow_context: PolicyContext, name: str, day: str) -> None:
    context = certflow_context
    context.lsp.renew_assessor_licence(
        context.assessor(name), valid_until=parse_day(day), actor=ADMIN
    )


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
    on(
        certflow_context,
        name,
        lambda c, lsp: lsp.request_documents(c, documents=parse_list(documents), actor=ADMIN),
    )


@phrase(
    "when",
    'admin LSP menerima permohonan "{name}"',
    'the LSP admin admits "{name}"',
    "Admit the application (R4).",
)
def _(certflow_context: PolicyContext, name: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.admit(c, actor=ADMIN))


@phrase(
    "when",
    'admin LSP menolak permohonan "{name}" dengan alasan "{reason}"',
    'the LSP admin rejects the application of "{name}" because "{reason}"',
    "Reject the application (R4); an empty reason is refused.",
)
def _(certflow_context: PolicyContext, name: str, reason: str) -> None:
    on(certflow_context, name, lambda c, lsp: lsp.reject_application(c, reason=reason, actor=ADMIN))
