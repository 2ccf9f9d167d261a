"""What a decision, a printed certificate and an overdue surveillance record (R33, R40, R43)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from certflow import Actor, NotAuthorizedError, Role, RuleViolatedError, Stage
from certflow.bootstrap import services_of
from certflow.domain import Certification
from certflow.domain.certificate_events import CertificatePrinted
from certflow.domain.certification_dates import working_days_after
from certflow.domain.certification_events import Decided, Registered
from certflow.testing.actors import HEAD
from tests.support import COMMITTEE, MANAGER, World, refused

# -- the decision (R33) -------------------------------------------------------------------------


def test_r33_a_decision_records_units_references_and_deciders(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    world.lsp.decide(
        cert, outcome="K", deciders=["komite-teknis-02", "komite-teknis-02"], actor=COMMITTEE
    )
    history = world.lsp.history(cert)
    decided = history[-1].data
    recommended = [h for h in history if h.event == "RecommendationRecorded"][-1]
    assert decided["unit_outcomes"] == dict.fromkeys(world.lsp.get(cert).unit_codes, "K")
    assert decided["deciders"] == [COMMITTEE.id, "komite-teknis-02"]
    assert decided["recommendation_version"] == decided["report_version"] == recommended.version
    assert "R33" in history[-1].rules
    assert world.lsp.get(cert).deciders == (COMMITTEE.id, "komite-teknis-02")


def test_r33_an_outcome_that_disagrees_with_the_units_is_refused(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    first = world.lsp.get(cert).unit_codes[0]
    caught = refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", unit_outcomes={first: "BK"}, actor=COMMITTEE),
        RuleViolatedError,
        "R33",
    )
    assert first in str(caught)


def test_r33_a_decider_without_a_committee_appointment_is_refused(world: World) -> None:
    cert = world.through("recommended")
    world.at(date(2024, 11, 14))
    refused(
        world,
        cert,
        lambda: world.lsp.decide(cert, outcome="K", deciders=[MANAGER.id], actor=COMMITTEE),
        RuleViolatedError,
        "R33",
    )


def test_r33_a_version_1_decision_is_upcast_as_not_recorded() -> None:
    state: dict[str, Any] = {"outcome": "K"}
    Decided.upcast_v1_v2(state)
    assert state == {
        "outcome": "K",
        "unit_outcomes": {},
        "deciders": [],
        "recommendation_version": None,
        "report_version": None,
    }
    assert Decided.class_version == 2


# -- printing (R40) -----------------------------------------------------------------------------


def test_r40_printing_records_the_two_signatories_from_the_register(world: World) -> None:
    cert = world.through("competent")
    world.print(cert)
    printed = world.lsp.history(cert)[-1].data
    assert printed["signed_by"] == {"certification_manager": MANAGER.id, "head_of_lsp": HEAD.id}
    assert world.lsp.get(cert).signed_by == printed["signed_by"]


def test_r40_a_signatory_not_appointed_to_the_role_is_refused(world: World) -> None:
    cert = world.through("competent")
    refused(
        world,
        cert,
        lambda: world.lsp.print_certificate(cert, head=COMMITTEE.id, actor=MANAGER),
        RuleViolatedError,
        "R40",
    )
    head = Actor(HEAD.id, Role.HEAD_OF_LSP)
    refused(
        world, cert, lambda: world.lsp.print_certificate(cert, actor=head), RuleViolatedError, "R40"
    )


def test_r40_older_printed_events_are_upcast_without_signatories() -> None:
    state: dict[str, Any] = {}
    CertificatePrinted.upcast_v2_v3(state)
    assert state == {"signed_by": {}}
    registered: dict[str, Any] = {}
    Registered.upcast_v1_v2(registered)
    assert registered == {"logbook_evidence": []}


# -- surveillance escalation (R43) --------------------------------------------------------------


def test_working_days_skip_weekends() -> None:
    assert working_days_after(date(2025, 11, 29), 14) == date(2025, 12, 18)  # from a Saturday
    assert working_days_after(date(2025, 11, 28), 1) == date(2025, 12, 1)  # Friday to Monday


def test_r43_each_sweep_records_one_step_and_a_second_sweep_records_nothing(world: World) -> None:
    cert = world.through("distributed")
    steps: list[tuple[date, list[str]]] = []
    for day in (date(2025, 11, 14), date(2025, 11, 14), date(2025, 11, 29), date(2025, 12, 19)):
        world.at(day)
        report = world.lsp.sweep()
        steps.append((day, [t for c, t in report.moves if c == cert]))
    assert [s for _, s in steps] == [
        ["escalate_surveillance"],
        [],
        ["escalate_surveillance"],
        ["escalate_surveillance"],
    ]
    events = [h.event for h in world.lsp.history(cert)][-3:]
    assert events == ["SurveillanceOverdue", "SurveillanceOverdue", "Suspended"]
    view = world.lsp.get(cert)
    assert view.stage is Stage.SUSPENDED
    assert view.suspension_grounds == "surveillance_not_met"


def test_r43_replay_applies_the_recorded_steps_without_evaluating_the_policy(
    world: World,
) -> None:
    cert = world.through("distributed")
    world.at(date(2025, 11, 14))
    world.lsp.sweep()
    store = services_of(world.lsp).store
    live = store.load(Certification, cert).state
    events = store.events(cert)
    replayed = events[0].start()
    for event in events[1:]:
        replayed = event.evolve(replayed)
    assert replayed == live
    assert (live.surveillance_escalation, live.surveillance_respond_by) == (
        "reminder",
        date(2025, 11, 28),
    )


def test_r43_nobody_escalates_by_hand(world: World) -> None:
    cert = world.through("distributed")
    world.at(date(2025, 11, 14))
    services = services_of(world.lsp)
    record = services.certification(cert)
    with pytest.raises(NotAuthorizedError) as caught:
        record.escalate_surveillance(actor=COMMITTEE, at=services.now())
    assert "escalate_surveillance" in str(caught.value)
    assert world.lsp.history(cert)[-1].event == "CertificateDistributed"
