"""The gate keeps register records between commands, yet checks the register as recorded.

Each case first lets the gate admit someone (so their records and the admission are cached),
then changes the register, on the same handle or through another handle on the same file (as
another process would), on the same business day, and checks the next admission sees it: at
once for this handle's writes whatever the lag, at once for another's with a lag of 0, and
once the lag has passed otherwise.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import certflow
from certflow import WIB, Actor, CertificationBody, FixedClock, NotAuthorizedError, Role
from certflow.application import trust_cache
from certflow.application.trust import Gate
from certflow.bootstrap import services_of
from certflow.testing import actors

DAY = date(2024, 10, 21)
ADMIN_07 = Actor("admin-07", Role.LSP_ADMIN)


def _open(url: str, lag: float = 0.0) -> CertificationBody:
    return certflow.open(url, clock=FixedClock(DAY, tz=WIB), register_lag=lag)


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    lsp = _open(url)
    actors.appoint_standard_staff(lsp)
    lsp.close()
    return url


def _refused(gate: Gate, actor: Actor, trigger: str = "plan_session") -> tuple[str, ...]:
    with pytest.raises(NotAuthorizedError) as caught:
        gate.admit(actor, trigger)
    return caught.value.rule_ids


def test_an_appointment_ended_on_this_handle_refuses_the_same_day(url: str) -> None:
    lsp = _open(url, lag=3600)  # this handle's own writes count at once, whatever the lag
    made = lsp.appoint(ADMIN_07.id, role=Role.LSP_ADMIN, basis="SK", actor=actors.HEAD)
    gate = Gate(services_of(lsp))
    assert gate.admit(ADMIN_07, "plan_session").mandate == made
    assert gate.admit(ADMIN_07, "plan_session").mandate == made  # from the cache
    lsp.end_appointment(ADMIN_07.id, appointment_id=made, reason="mutasi", actor=actors.HEAD)
    assert _refused(gate, ADMIN_07) == ("P2",)
    lsp.close()


def test_a_change_written_by_another_handle_is_seen_by_the_next_check(url: str) -> None:
    mine, theirs = _open(url), _open(url)
    gate = Gate(services_of(mine))
    assert _refused(gate, ADMIN_07) == ("P1",)  # not in the register: cached as nobody
    made = theirs.appoint(ADMIN_07.id, role=Role.LSP_ADMIN, basis="SK", actor=actors.HEAD)
    assert gate.admit(ADMIN_07, "plan_session").mandate == made
    theirs.end_appointment(ADMIN_07.id, appointment_id=made, reason="mutasi", actor=actors.HEAD)
    assert _refused(gate, ADMIN_07) == ("P2",)
    mine.close()
    theirs.close()


def test_a_licence_added_elsewhere_resolves_its_met_number(url: str) -> None:
    mine, theirs = _open(url), _open(url)
    gate = Gate(services_of(mine))
    met = "MET.000.009999 2020"
    with pytest.raises(NotAuthorizedError):
        gate.resolve(met)
    theirs.add_scheme(
        code="SKM/C/1",
        title="t",
        units=[{"code": "U1", "title": "u"}],
        actor=actors.ADMIN,
    )
    added = theirs.add_assessor(
        name="Asesor C",
        met_number=met,
        scheme_codes=["SKM/C/1"],
        licence_valid_until=date(2027, 1, 1),
        actor=actors.ADMIN,
    )
    assert gate.resolve(met) == str(added)
    mine.close()
    theirs.close()


def test_after_many_writes_elsewhere_the_cache_starts_again(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(trust_cache, "_PAGE", 2)
    mine, theirs = _open(url), _open(url)
    gate = Gate(services_of(mine))
    made = theirs.appoint(ADMIN_07.id, role=Role.LSP_ADMIN, basis="SK", actor=actors.HEAD)
    assert gate.admit(ADMIN_07, "plan_session").mandate == made
    for n in range(3):
        theirs.appoint(f"tuk-0{n}", role=Role.TUK_ADMIN, basis="SK", actor=actors.HEAD)
    theirs.end_appointment(ADMIN_07.id, appointment_id=made, reason="mutasi", actor=actors.HEAD)
    assert _refused(gate, ADMIN_07) == ("P2",)
    mine.close()
    theirs.close()


def test_every_gate_on_a_store_shares_one_cache(url: str) -> None:
    lsp = _open(url)
    services = services_of(lsp)
    assert trust_cache.register_cache(services) is trust_cache.register_cache(services)
    lsp.close()


def test_with_a_lag_another_handles_change_binds_once_the_lag_has_passed(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = [1000.0]
    monkeypatch.setattr(trust_cache, "_monotonic", lambda: now[0])
    mine, theirs = _open(url, lag=1.0), _open(url)
    gate = Gate(services_of(mine))
    made = theirs.appoint(ADMIN_07.id, role=Role.LSP_ADMIN, basis="SK", actor=actors.HEAD)
    assert gate.admit(ADMIN_07, "plan_session").mandate == made
    theirs.end_appointment(ADMIN_07.id, appointment_id=made, reason="mutasi", actor=actors.HEAD)
    now[0] += 0.5  # within the lag: the cached appointment still counts (the documented window)
    assert gate.admit(ADMIN_07, "plan_session").mandate == made
    now[0] += 0.6  # past it: the log is read and the ended appointment no longer counts
    assert _refused(gate, ADMIN_07) == ("P2",)
    mine.close()
    theirs.close()


def test_a_negative_lag_is_refused() -> None:
    with pytest.raises(certflow.InvalidInputError):
        certflow.open("memory://", register_lag=-1)
