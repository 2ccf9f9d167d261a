"""The main-path driver: milestones, resuming, the BK route, reference data, and no extra reads."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

import certflow
from certflow import WIB, CertificationBody, FixedClock, Stage, SystemClock, Verdict
from certflow.testing import CALENDAR, MILESTONES, STEPS, MainPath, Route, Timetable
from certflow.testing.actors import ADMIN, COMMITTEE, MANAGER
from certflow.testing.route import UNITS, steps_to, wib


@pytest.fixture
def path() -> MainPath:
    return MainPath(certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB)))


def _route(path: MainPath, name: str = "Kandidat", **fields: Any) -> Route:
    scheme = path.add_scheme("SKM/TEST/1", reuse=True)
    session = path.plan_session("EUK-TEST", [scheme], reuse=True)
    assessor = path.add_assessor("Asesor Satu", ["SKM/TEST/1"], reuse=True)
    return Route(path.add_candidate(name), scheme, session, assessor, **fields)


def _trail(lsp: CertificationBody, cert: Any) -> list[tuple[str, Any, str]]:
    return [(e.event, e.at, e.actor_role) for e in lsp.history(cert)]


def test_every_milestone_is_reached_in_order(path: MainPath) -> None:
    stages = []
    for n, milestone in enumerate(MILESTONES):
        cert = path.reach(_route(path, f"Kandidat {n}"), milestone, done=0)
        stages.append(path.lsp.get(cert).stage)
        assert path.progress(cert) == steps_to(milestone)
    assert stages[0] is Stage.REGISTERED
    assert stages[-1] is Stage.DISTRIBUTED
    assert len(STEPS) == steps_to("distributed") == 15


def test_a_resumed_route_records_what_one_straight_run_records(path: MainPath) -> None:
    straight = path.reach(_route(path, "Ani"), "distributed")
    resumed = _route(path, "Budi")
    path.reach(resumed, "assigned")
    path.reach(resumed, "assigned")  # nothing left to do
    path.reach(resumed, "distributed")
    assert _trail(path.lsp, resumed.certification_id) == _trail(path.lsp, straight)
    history = path.lsp.history(straight)
    assert history[0].actor_id == ADMIN.id
    assert history[0].at == CALENDAR.register
    assert {e.actor_id for e in history if e.event == "Decided"} == {COMMITTEE.id}
    assert {e.actor_id for e in history if e.event == "CertificatePrinted"} == {MANAGER.id}


def test_a_bk_route_ends_at_the_decision(path: MainPath) -> None:
    route = _route(path, results={"U.002": Verdict.NOT_YET_COMPETENT})
    assert route.length == 13
    cert = path.reach(route, "distributed")
    view = path.lsp.get(cert)
    assert view.stage is Stage.NOT_YET_COMPETENT
    assert path.progress(cert) == len(STEPS)
    (checked,) = [e for e in path.lsp.history(cert) if e.event == "PortfolioVerified"]
    assert checked.at == CALENDAR.verify_portfolio


def test_running_the_commands_reads_nothing_beyond_the_facade(
    path: MainPath, monkeypatch: pytest.MonkeyPatch
) -> None:
    route = _route(path)
    commands = path.commands(route)
    reads: list[str] = []
    for name in ("get", "get_session", "get_scheme", "get_assessor", "history"):
        original = getattr(path.lsp, name)
        monkeypatch.setattr(
            path.lsp, name, lambda *a, _n=name, _o=original, **k: reads.append(_n) or _o(*a, **k)
        )
    for command in commands:
        command()
    assert reads == []
    assert path.clock.now() == CALENDAR.distribute_certificate


def test_reference_data_can_be_reused(path: MainPath) -> None:
    first = _route(path, "Ani")
    again = _route(path, "Budi")
    assert (first.scheme_id, first.session_id, first.assessor_id) == (
        again.scheme_id,
        again.session_id,
        again.assessor_id,
    )
    scheme = path.lsp.get_scheme(first.scheme_id)
    assert [u.code for u in scheme.units] == list(UNITS)
    nik = "3201010101010001"
    assert path.add_candidate("Ani", nik=nik, reuse=True) == path.add_candidate(
        "Ani", nik=nik, reuse=True
    )


def test_the_session_timetable_never_goes_back_in_time() -> None:
    late = Timetable.around(date(2024, 11, 6), date(2024, 11, 8), today=date(2024, 11, 5))
    assert late.assign_assessor == wib(date(2024, 11, 5))
    assert late.record_interview == wib(date(2024, 11, 6))
    assert late.distribute_certificate == wib(date(2024, 12, 2))


def test_unknown_milestones_and_clocks_are_refused(path: MainPath) -> None:
    with pytest.raises(ValueError, match="unknown milestone"):
        path.reach(_route(path), "graduated")
    with pytest.raises(TypeError, match="FixedClock"):
        MainPath(certflow.open("memory://", clock=SystemClock(WIB)))
