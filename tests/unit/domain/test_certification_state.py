"""The certification state: immutable, evolved by every event into a new object, reset per round."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

import certflow
from certflow import FixedClock
from certflow.bootstrap import services_of
from certflow.domain import (
    WIB,
    AssessmentMethod,
    Certification,
    CertificationState,
    Purpose,
    SchemePolicy,
    SelfAssessment,
    Verdict,
    certification_events,
)
from certflow.domain.certification_state import PER_ROUND, STATE_FIELDS, CertificationEvent
from tests.support import World, every_event_history

_REGISTRATION = {n for n, f in CertificationState.model_fields.items() if f.is_required()}


def _registered(**changes: object) -> CertificationState:
    state = CertificationState(
        subject_id=uuid4(),
        scheme_id=uuid4(),
        scheme_code="SKM-1",
        scheme_version=1,
        unit_codes=("U.001", "U.002", "U.003"),
        scheme_methods=(AssessmentMethod.PORTFOLIO, AssessmentMethod.INTERVIEW),
        session_id=uuid4(),
        session_starts_on=date(2024, 11, 6),
        assessment_date=date(2024, 11, 8),
        purpose=Purpose.CERTIFICATION,
        policy=SchemePolicy(),
        distribution_due_on=date(2024, 12, 8),
        previous_certification_id=None,
        registered_at=datetime(2024, 10, 21, 3, tzinfo=UTC),
        units_to_assess=("U.001", "U.002", "U.003"),
    )
    return state.evolve(**changes)


def test_a_state_cannot_be_changed_in_place() -> None:
    state = _registered()
    with pytest.raises(ValidationError, match="frozen"):
        state.admitted = True  # type: ignore[misc]
    assert state.admitted is False
    assert isinstance(state.unit_codes, tuple)


def test_evolve_gives_a_new_state_and_leaves_the_old_one() -> None:
    state = _registered()
    admitted = state.evolve(admitted=True, documents_requested=("KTA",))
    assert admitted is not state
    assert (admitted.admitted, admitted.documents_requested) == (True, ("KTA",))
    assert (state.admitted, state.documents_requested) == (False, ())
    assert admitted.subject_id == state.subject_id


def test_evolve_refuses_a_field_the_state_does_not_have() -> None:
    with pytest.raises(TypeError, match="admited"):
        _registered().evolve(admited=True)


def test_trusted_values_must_name_every_field_and_no_other() -> None:
    values = dict(_registered())
    assert CertificationState.trusted(dict(values)) == _registered().evolve(
        subject_id=values["subject_id"],
        scheme_id=values["scheme_id"],
        session_id=values["session_id"],
    )
    del values["admitted"]
    with pytest.raises(TypeError, match="admitted"):
        CertificationState.trusted(values)
    with pytest.raises(TypeError, match="stage"):
        CertificationState.trusted({**dict(_registered()), "stage": "registered"})


def test_the_first_state_takes_the_declared_defaults() -> None:
    state = _registered()
    first = CertificationState.first(
        **{name: getattr(state, name) for name in _REGISTRATION}, units_to_assess=("U.001",)
    )
    assert first == state.evolve(units_to_assess=("U.001",))
    assert (first.attempt, first.rounds, first.k_since, first.certificate_copy) == (1, 1, {}, 0)


def test_a_new_round_resets_the_round_facts_to_their_declared_defaults() -> None:
    assessor = uuid4()
    state = _registered(
        assessor_id=assessor,
        assessor_ids=(assessor,),
        agreement_signed_by=("candidate", "assessor"),
        agreed_methods=(AssessmentMethod.PORTFOLIO,),
        vatm={"U.001": True},
        portfolio_verified=True,
        instrument_versions=(9, 11),
        no_shows=1,
        interviewed_on=date(2024, 11, 7),
        further_evidence_open=True,
        further_evidence=("PR-1",),
        unit_results={"U.001": Verdict.COMPETENT, "U.002": Verdict.NOT_YET_COMPETENT},
        recommendation=Verdict.NOT_YET_COMPETENT,
        follow_up="gaps",
        outcome=Verdict.NOT_YET_COMPETENT,
        decided_on=date(2024, 11, 14),
        justification="as recommended",
        deciders=("committee-1",),
        k_since={"U.001": date(2024, 11, 14)},
        appeal_window_ends_on=date(2024, 12, 14),
        appeal_window_closed=True,
        appeal_decision_due_on=date(2024, 12, 20),
        attempt=2,
    )
    again = state.new_round(["U.002"])
    fresh = _registered()
    round_fields = {
        n for n, f in CertificationState.model_fields.items() if PER_ROUND in f.metadata
    }
    assert round_fields == {
        "assessor_id",
        "agreement_signed_by",
        "agreed_methods",
        "vatm",
        "portfolio_verified",
        "instrument_versions",
        "no_shows",
        "interviewed_on",
        "further_evidence_open",
        "recommendation",
        "recommendation_version",
        "follow_up",
        "outcome",
        "decided_on",
        "justification",
        "appeal_window_ends_on",
        "appeal_window_closed",
        "appeal_decision_due_on",
        "apl02_reviewed_by",
        "apl02_proceed",
        "apl02_reasons",
        "adjustments",
        "assessment_mode",
        "result_acknowledged",
        "result_rejection_reason",
    }
    assert {name: getattr(again, name) for name in round_fields} == {
        name: getattr(fresh, name) for name in round_fields
    }
    assert again.units_to_assess == ("U.002",)
    assert again.rounds == state.rounds + 1
    assert again.unit_results == {"U.001": Verdict.COMPETENT}  # outside the round: kept
    kept = STATE_FIELDS - round_fields - {"units_to_assess", "rounds", "unit_results"}
    assert {name: getattr(again, name) for name in kept} == {
        name: getattr(state, name) for name in kept
    }
    assert state.assessor_id == assessor  # the old state is left as it was


def test_every_event_type_evolves_a_new_state_and_leaves_the_old_one_untouched() -> None:
    lsp = certflow.open("memory://", clock=FixedClock(date(2024, 10, 14), tz=WIB))
    seen: set[str] = set()
    for record_id in every_event_history(lsp):
        events = services_of(lsp).store.events(record_id)
        if not isinstance(events[0], Certification.Registered):
            continue
        state = events[0].start()
        seen.add("Registered")
        for event in events[1:]:
            if not isinstance(event, CertificationEvent):
                assert isinstance(event, Certification.DefinitionMigrated)
                continue
            before = state.model_dump()
            after = event.evolve(state)
            assert after is not state, type(event).__name__
            assert state.model_dump() == before, f"{type(event).__name__} changed the old state"
            assert CertificationState.restore(after.model_dump()) == after  # declared types
            seen.add(type(event).__name__)
            state = after
        assert services_of(lsp).certifications.load(record_id).state == state
    assert seen == set(certification_events.__all__) - {"DefinitionMigrated"}
    lsp.close()


def test_a_version_1_snapshot_is_gathered_into_one_state() -> None:
    state = _registered(
        self_assessment=(SelfAssessment(unit="U.001", evidence=("doc-1",)),),
        unit_results={"U.001": Verdict.COMPETENT},
    )
    flat = state.model_dump()  # version 1 held each fact as its own attribute, lists for tuples
    flat["unit_codes"] = list(flat["unit_codes"])
    flat["policy"]["suspension_grounds"] = list(flat["policy"]["suspension_grounds"])
    snapshot = {**flat, "stage_name": "registered", "workflow_version": 2}
    Certification.upcast_v1_v2(snapshot)
    assert snapshot == {"state": state, "stage_name": "registered", "workflow_version": 2}


def test_scheme_policy_is_parsed_with_defaults_for_missing_keys() -> None:
    policy = SchemePolicy.model_validate({"validity_months": 24, "suspension_grounds": ["a"]})
    assert policy.validity_months == 24
    assert policy.suspension_grounds == ("a",)
    assert policy.distribution_deadline_days == 30
    assert policy.max_attempts == 2
    assert SchemePolicy.model_validate(policy.model_dump(mode="json")) == policy
    assert SchemePolicy.model_validate({"a_key_from_a_later_version": 1}) == SchemePolicy()


@pytest.mark.parametrize(
    "bad",
    [
        {"validity_months": 0},
        {"appeal_window_days": 366},
        {"max_attempts": "twice"},
        {"suspension_grounds": "criminal_suspect"},
    ],
)
def test_scheme_policy_refuses_values_out_of_range_or_of_the_wrong_type(
    bad: dict[str, object],
) -> None:
    with pytest.raises(ValidationError):
        SchemePolicy.model_validate(bad)


def test_a_policy_is_frozen() -> None:
    policy = SchemePolicy()
    with pytest.raises(ValidationError, match="frozen"):
        policy.validity_months = 12  # type: ignore[misc]


def test_the_state_records_the_policy_typed(world: World) -> None:
    cert = world.register()
    state = services_of(world.lsp).certifications.load(cert).state
    assert isinstance(state, CertificationState)
    assert state.policy == SchemePolicy()
    scheme = services_of(world.lsp).schemes.load(world.scheme)
    assert scheme.policy == SchemePolicy()
    assert isinstance(state.subject_id, UUID)
