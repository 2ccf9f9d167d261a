"""The TUK register through the facade: the trust gate, R16 on planning, the sweep."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

import certflow
from certflow import (
    WIB,
    AlreadyExistsError,
    CertificationBody,
    FixedClock,
    InvalidInputError,
    NotAuthorizedError,
    RuleViolatedError,
    TukKind,
    TukStatus,
)
from certflow.testing.actors import ADMIN, MANAGER, assessor
from certflow.testing.reference import STANDARD_CHECKLIST, ReferenceData

MET = "MET.000.000777 2020"


@pytest.fixture
def lsp() -> CertificationBody:
    return certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))


def _setup(lsp: CertificationBody) -> tuple[ReferenceData, UUID, UUID]:
    ref = ReferenceData(lsp)
    scheme = ref.add_scheme("SKM-MI")
    other = ref.add_scheme("SKM-PK")
    ref.add_assessor("Ratna", ["SKM-MI"], met_number=MET)
    return ref, scheme, other


def test_a_tuk_is_verified_by_the_assessor_assigned_by_met_number(lsp: CertificationBody) -> None:
    _, scheme, _ = _setup(lsp)
    tuk = lsp.propose_tuk(name="Hotel Santika", kind="sewaktu", address_ref="Bogor", actor=ADMIN)
    with pytest.raises(AlreadyExistsError):
        lsp.propose_tuk(name="hotel  santika", kind="mandiri", actor=ADMIN)
    lsp.assign_tuk_verifier(tuk, assessor=MET, actor=MANAGER)
    view = lsp.get_tuk(tuk)
    holder = view.verifiers[0]
    assert lsp.record_tuk_verification(
        tuk,
        checklist=STANDARD_CHECKLIST,
        scheme_ids=[scheme],
        session_code="EUK-1",
        actor=assessor(holder),
    )
    view = lsp.get_tuk(tuk)
    assert view.status is TukStatus.VERIFIED
    assert view.verifications[0].verifier_id == holder
    assert [t.name for t in lsp.list_tuks()] == ["Hotel Santika"]
    history = lsp.history(tuk)
    assert [h.actor_mandate for h in history][-1] == f"licence:{MET}"


def test_the_gate_refuses_a_verifier_whose_licence_does_not_cover_the_scheme(
    lsp: CertificationBody,
) -> None:
    _, _, other = _setup(lsp)
    tuk = lsp.propose_tuk(name="Hotel Santika", kind=TukKind.AD_HOC, actor=ADMIN)
    lsp.assign_tuk_verifier(tuk, assessor=MET, actor=MANAGER)
    with pytest.raises(NotAuthorizedError) as refused:
        lsp.record_tuk_verification(
            tuk,
            checklist=STANDARD_CHECKLIST,
            scheme_ids=[other],
            session_code="EUK-1",
            actor=assessor(lsp.get_tuk(tuk).verifiers[0]),
        )
    assert refused.value.rule_ids == ("R10",)
    with pytest.raises(NotAuthorizedError):
        lsp.assign_tuk_verifier(tuk, assessor=MET, actor=assessor(lsp.get_tuk(tuk).verifiers[0]))


def test_planning_reads_the_venue_as_a_tuk_and_its_kind(lsp: CertificationBody) -> None:
    ref, scheme, _ = _setup(lsp)
    plan = {
        "code": "EUK-1",
        "title": "t",
        "venue": "TUK Mandiri LSP",
        "starts_on": date(2024, 11, 6),
        "ends_on": date(2024, 11, 8),
        "scheme_ids": [scheme],
        "actor": ADMIN,
    }
    with pytest.raises(RuleViolatedError, match="not on file") as refused:
        lsp.plan_session(**plan)
    assert refused.value.rule_ids == ("R16",)
    ref.verify_tuk(
        "TUK Mandiri LSP", [scheme], kind=TukKind.INDEPENDENT, valid_until=date(2024, 12, 31)
    )
    with pytest.raises(InvalidInputError, match="mandiri"):
        lsp.plan_session(**plan, tuk_kind="sewaktu")
    session = lsp.plan_session(**plan)
    assert lsp.get_session(session).tuk_kind is TukKind.INDEPENDENT


def test_the_sweep_expires_a_tuk_mandiri_after_its_window(lsp: CertificationBody) -> None:
    ref, scheme, _ = _setup(lsp)
    tuk = ref.verify_tuk(
        "TUK Mandiri LSP", [scheme], kind=TukKind.INDEPENDENT, valid_until=date(2024, 12, 31)
    )
    lsp.clock = FixedClock(date(2025, 1, 1), tz=WIB)
    assert lsp.sweep().moves == [(tuk, "expire_tuk")]
    assert lsp.get_tuk(tuk).status is TukStatus.EXPIRED
    assert lsp.sweep().moves == []
