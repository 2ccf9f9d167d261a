"""The personnel register keeps a root of trust: its last head of the LSP cannot be ended."""

from __future__ import annotations

from datetime import date

import pytest

import certflow
from certflow import WIB, Actor, CertificationBody, FixedClock, Role, RuleViolatedError
from certflow.bootstrap import services_of

HEAD = Actor("ketua-lsp", Role.HEAD_OF_LSP)
DEPUTY = Actor("ketua-lsp-baru", Role.HEAD_OF_LSP)


def _count(lsp: CertificationBody) -> int:
    return services_of(lsp).store.recorder.max_notification_id() or 0


@pytest.fixture
def lsp() -> CertificationBody:
    body = certflow.open("memory://", clock=FixedClock(date(2024, 10, 21), tz=WIB))
    body.establish_register(head=HEAD.id, basis="SK 001/2024")
    return body


def test_ending_the_last_head_of_the_lsp_is_refused_and_records_nothing(
    lsp: CertificationBody,
) -> None:
    before = _count(lsp)
    with pytest.raises(RuleViolatedError) as caught:
        lsp.end_appointment(HEAD.id, appointment_id="ketua-lsp#1", reason="purna", actor=HEAD)
    assert caught.value.rule_ids == ("P2",)
    assert "last head-of-LSP appointment" in caught.value.violations[0].text.en
    assert "Appoint another head of the LSP first" in caught.value.violations[0].text.en
    assert "ketua LSP terakhir" in caught.value.violations[0].text.id
    assert _count(lsp) == before
    assert [a.role for a in lsp.get_person(HEAD.id).in_force] == [Role.HEAD_OF_LSP]


def test_a_head_steps_down_once_another_head_is_appointed(lsp: CertificationBody) -> None:
    lsp.appoint(DEPUTY.id, role=Role.HEAD_OF_LSP, basis="SK 002/2024", actor=HEAD)
    lsp.end_appointment(HEAD.id, appointment_id="ketua-lsp#1", reason="purna", actor=DEPUTY)
    assert lsp.get_person(HEAD.id).in_force == ()
    with pytest.raises(RuleViolatedError) as caught:  # now the new head is the last one
        lsp.end_appointment(DEPUTY.id, appointment_id="ketua-lsp-baru#1", reason="x", actor=DEPUTY)
    assert caught.value.rule_ids == ("P2",)


def test_a_head_whose_term_runs_out_does_not_keep_the_register(
    lsp: CertificationBody,
) -> None:
    """A fixed-term head does not replace an open-ended one: when that term ran out nobody could
    appoint a head again; an open-ended second head does."""
    lsp.appoint(
        DEPUTY.id,
        role=Role.HEAD_OF_LSP,
        basis="SK 002/2024",
        valid_until=date(2024, 10, 31),
        actor=HEAD,
    )
    for day in (date(2024, 10, 25), date(2024, 11, 1)):
        with pytest.raises(RuleViolatedError) as caught:
            lsp.end_appointment(
                HEAD.id, appointment_id="ketua-lsp#1", reason="purna", ended_on=day, actor=HEAD
            )
        assert caught.value.rule_ids == ("P2",)
    lsp.appoint("ketua-lsp-tetap", role=Role.HEAD_OF_LSP, basis="SK 004/2024", actor=HEAD)
    lsp.end_appointment(
        HEAD.id,
        appointment_id="ketua-lsp#1",
        reason="purna",
        ended_on=date(2024, 10, 25),
        actor=HEAD,
    )
    assert lsp.get_person(HEAD.id, on=date(2024, 10, 25)).in_force == ()


def test_other_appointments_end_as_before(lsp: CertificationBody) -> None:
    made = lsp.appoint("lsp-admin-01", role=Role.LSP_ADMIN, basis="SK 003/2024", actor=HEAD)
    lsp.end_appointment("lsp-admin-01", appointment_id=made, reason="mutasi", actor=HEAD)
    assert lsp.get_person("lsp-admin-01").in_force == ()
