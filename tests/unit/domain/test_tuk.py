"""The Tuk aggregate: its workflow, its verifications and why a TUK may not host a session."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from certflow.domain import (
    WIB,
    Assessor,
    Role,
    Tuk,
    TukCheck,
    TukKind,
    TukStatus,
    session_id,
    tuk_id,
)
from certflow.engine import Actor, InvalidInputError, NotAuthorizedError, RuleViolatedError

ADMIN = Actor("lsp-admin-01", Role.LSP_ADMIN)
MANAGER = Actor("manajer-01", Role.CERTIFICATION_MANAGER)
LICENCE = Assessor.add(
    met_number="MET.000.004512 2016",
    scheme_codes=["SKM-MI"],
    licence_valid_until=date(2026, 5, 31),
    actor=ADMIN,
    at=datetime(2024, 1, 2, tzinfo=WIB),
)
RATNA = Actor(str(LICENCE.id), Role.ASSESSOR)
SYSTEM = Actor("certflow-sweep", Role.SYSTEM)
SCHEME, OTHER = uuid4(), uuid4()
SESSION = session_id("EUK-2024-11")
ALL_MET = (TukCheck("ruang memadai", True), TukCheck("peralatan sesuai", True))


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, tzinfo=WIB)


def proposed(kind: TukKind = TukKind.AD_HOC) -> Tuk:
    tuk = Tuk.propose(
        name="  Hotel  Santika Bogor ",
        kind=kind,
        address_ref="Jl. Pajajaran, Bogor",
        actor=ADMIN,
        at=at(date(2024, 10, 1)),
    )
    return tuk


def assigned(kind: TukKind = TukKind.AD_HOC) -> Tuk:
    tuk = proposed(kind)
    tuk.assign_verifier(RATNA.id, LICENCE, actor=MANAGER, at=at(date(2024, 10, 2)))
    return tuk


def test_a_proposed_tuk_has_a_deterministic_id_and_no_personal_data() -> None:
    tuk = proposed()
    assert tuk.id == tuk_id("hotel santika   BOGOR")
    assert tuk.name == "Hotel Santika Bogor"
    assert tuk.stage is TukStatus.PROPOSED
    event = tuk.collect_events()[0]
    assert event.actor_id == ADMIN.id
    assert event.actor_role == "lsp_admin"
    assert set(event.__dict__) >= {"name", "kind", "address_ref", "at"}


def test_only_an_assigned_assessor_records_a_verification_r17() -> None:
    tuk = proposed()
    with pytest.raises(RuleViolatedError) as refused:
        tuk.record_verification(
            checks=ALL_MET,
            scheme_ids=(SCHEME,),
            session_id=SESSION,
            valid_until=None,
            actor=RATNA,
            at=at(date(2024, 10, 21)),
        )
    assert refused.value.rule_ids == ("R17",)
    with pytest.raises(NotAuthorizedError) as wrong_role:
        tuk.record_verification(
            checks=ALL_MET,
            scheme_ids=(SCHEME,),
            session_id=SESSION,
            valid_until=None,
            actor=ADMIN,
            at=at(date(2024, 10, 21)),
        )
    assert wrong_role.value.rule_ids == ("R17",)
    assert tuk.stage is TukStatus.PROPOSED


def test_an_assignee_who_is_not_a_licensed_assessor_is_refused_r17() -> None:
    tuk = proposed()
    with pytest.raises(RuleViolatedError, match="not in the assessor register") as refused:
        tuk.assign_verifier("dewi", None, actor=MANAGER, at=at(date(2024, 10, 2)))
    assert refused.value.rule_ids == ("R17",)
    with pytest.raises(RuleViolatedError, match="licence has ended"):
        tuk.assign_verifier(RATNA.id, LICENCE, actor=MANAGER, at=at(date(2026, 6, 1)))
    assert tuk.verifiers == ()
    tuk.assign_verifier(RATNA.id, LICENCE, actor=MANAGER, at=at(date(2024, 10, 2)))
    assert tuk.verifiers == (RATNA.id,)


def test_a_sewaktu_verification_belongs_to_its_session_r16() -> None:
    tuk = assigned()
    fit = tuk.record_verification(
        checks=ALL_MET,
        scheme_ids=(SCHEME,),
        session_id=SESSION,
        valid_until=None,
        actor=RATNA,
        at=at(date(2024, 10, 21)),
    )
    assert fit
    assert tuk.stage is TukStatus.VERIFIED
    days = (date(2024, 11, 6), date(2024, 11, 8))
    assert tuk.refusal((SCHEME,), *days, SESSION) is None
    other_session = tuk.refusal((SCHEME,), *days, session_id("EUK-LAIN"))
    assert other_session is not None
    assert "another session" in other_session.en
    other_scheme = tuk.refusal((OTHER,), *days, SESSION)
    assert other_scheme is not None
    assert "not verified for this scheme" in other_scheme.en
    too_early = tuk.refusal((SCHEME,), date(2024, 10, 20), date(2024, 10, 20), SESSION)
    assert too_early is not None
    assert "beforehand" in too_early.en


def test_a_verification_with_an_item_not_met_does_not_verify_the_tuk() -> None:
    tuk = assigned()
    fit = tuk.record_verification(
        checks=(*ALL_MET, TukCheck("jalur evakuasi", False)),
        scheme_ids=(SCHEME,),
        session_id=SESSION,
        valid_until=None,
        actor=RATNA,
        at=at(date(2024, 10, 21)),
    )
    assert not fit
    assert tuk.stage is TukStatus.PROPOSED
    assert tuk.verifications[0].checks[-1] == TukCheck("jalur evakuasi", False)
    assert tuk.refusal((SCHEME,), date(2024, 11, 6), date(2024, 11, 6), SESSION) is not None


def test_the_verification_names_its_session_or_window_by_kind() -> None:
    sewaktu, mandiri = assigned(), assigned(TukKind.INDEPENDENT)
    common = {"checks": ALL_MET, "scheme_ids": (SCHEME,), "actor": RATNA}
    with pytest.raises(InvalidInputError, match="one session"):
        sewaktu.record_verification(
            session_id=None, valid_until=None, at=at(date(2024, 10, 21)), **common
        )
    with pytest.raises(InvalidInputError, match="one session"):
        sewaktu.record_verification(
            session_id=SESSION, valid_until=date(2024, 11, 8), at=at(date(2024, 10, 21)), **common
        )
    with pytest.raises(InvalidInputError, match="window"):
        mandiri.record_verification(
            session_id=SESSION, valid_until=date(2024, 12, 31), at=at(date(2024, 10, 21)), **common
        )
    with pytest.raises(InvalidInputError, match="window"):
        mandiri.record_verification(
            session_id=None, valid_until=None, at=at(date(2024, 10, 21)), **common
        )
    with pytest.raises(InvalidInputError, match="checklist"):
        mandiri.record_verification(
            checks=(),
            scheme_ids=(SCHEME,),
            session_id=None,
            valid_until=date(2024, 12, 31),
            actor=RATNA,
            at=at(date(2024, 10, 21)),
        )


def test_a_mandiri_window_is_swept_into_expiry_and_suspension_blocks_use() -> None:
    tuk = assigned(TukKind.INDEPENDENT)
    tuk.record_verification(
        checks=ALL_MET,
        scheme_ids=(SCHEME,),
        session_id=None,
        valid_until=date(2024, 12, 31),
        actor=RATNA,
        at=at(date(2024, 10, 21)),
    )
    any_session = session_id("EUK-APA-SAJA")
    assert tuk.refusal((SCHEME,), date(2024, 12, 2), date(2024, 12, 3), any_session) is None
    late = tuk.refusal((SCHEME,), date(2025, 1, 6), date(2025, 1, 7), any_session)
    assert late is not None
    assert "valid until 2024-12-31" in late.en
    tuk.suspend_tuk("renovasi", actor=MANAGER, at=at(date(2024, 11, 1)))
    suspended = tuk.refusal((SCHEME,), date(2024, 12, 2), date(2024, 12, 3), any_session)
    assert suspended is not None
    assert "suspended" in suspended.en
    tuk.reinstate_tuk(actor=MANAGER, at=at(date(2024, 11, 2)))
    assert tuk.sweep(actor=SYSTEM, at=at(date(2024, 12, 31))) == []
    assert tuk.sweep(actor=SYSTEM, at=at(date(2025, 1, 1))) == ["expire_tuk"]
    assert tuk.stage is TukStatus.EXPIRED
    assert tuk.sweep(actor=SYSTEM, at=at(date(2025, 1, 2))) == []


def test_a_sewaktu_tuk_is_never_swept() -> None:
    tuk = assigned()
    tuk.record_verification(
        checks=ALL_MET,
        scheme_ids=(SCHEME,),
        session_id=SESSION,
        valid_until=None,
        actor=RATNA,
        at=at(date(2024, 10, 21)),
    )
    assert tuk.sweep(actor=SYSTEM, at=at(date(2030, 1, 1))) == []
    assert tuk.stage is TukStatus.VERIFIED


@given(
    verified=st.integers(min_value=0, max_value=60),
    length=st.integers(min_value=0, max_value=90),
    start=st.integers(min_value=0, max_value=120),
    days=st.integers(min_value=0, max_value=5),
)
def test_a_mandiri_tuk_hosts_exactly_the_sessions_inside_its_window(
    verified: int, length: int, start: int, days: int
) -> None:
    base = date(2024, 10, 1)
    tuk = assigned(TukKind.INDEPENDENT)
    verified_on = base + timedelta(days=verified)
    until = verified_on + timedelta(days=length)
    tuk.record_verification(
        checks=ALL_MET,
        scheme_ids=(SCHEME,),
        session_id=None,
        valid_until=until,
        actor=RATNA,
        at=at(verified_on),
    )
    first = base + timedelta(days=start)
    last = first + timedelta(days=days)
    inside = verified_on <= first and last <= until
    assert (tuk.refusal((SCHEME,), first, last, SESSION) is None) is inside


def test_a_later_unfit_verification_withdraws_an_earlier_fit_one_r16() -> None:
    tuk = assigned(TukKind.INDEPENDENT)
    tuk.record_verification(
        checks=ALL_MET,
        scheme_ids=(SCHEME, OTHER),
        session_id=None,
        valid_until=date(2024, 12, 31),
        actor=RATNA,
        at=at(date(2024, 10, 21)),
    )
    any_session = session_id("EUK-APA-SAJA")
    assert tuk.refusal((SCHEME,), date(2024, 12, 2), date(2024, 12, 3), any_session) is None
    tuk.record_verification(  # re-checked for SCHEME: the room no longer fits
        checks=(TukCheck("ruang memadai", False), TukCheck("peralatan sesuai", True)),
        scheme_ids=(SCHEME,),
        session_id=None,
        valid_until=date(2024, 12, 31),
        actor=RATNA,
        at=at(date(2024, 11, 15)),
    )
    assert tuk.refusal((SCHEME,), date(2024, 12, 2), date(2024, 12, 3), any_session) is not None
    # a session before the re-check was covered by the fit verification then in force
    assert tuk.refusal((SCHEME,), date(2024, 11, 4), date(2024, 11, 5), any_session) is None
    # the other scheme keeps its fit verification
    assert tuk.refusal((OTHER,), date(2024, 12, 2), date(2024, 12, 3), any_session) is None
