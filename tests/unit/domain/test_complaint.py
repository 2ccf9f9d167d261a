"""The complaint workflow (R53) and the misconduct case (R55) on their aggregates alone."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from certflow.domain import (
    WIB,
    Complaint,
    ComplaintOutcome,
    ComplaintPolicy,
    ComplaintStage,
    ComplaintSubject,
    MisconductCase,
    MisconductKind,
    QuarantineStage,
    ReviewOutcome,
    Role,
    misconduct_case_id,
)
from certflow.engine import (
    Actor,
    NotAuthorizedError,
    RejectedError,
    Text,
    TransitionNotAllowedError,
)

ADMIN = Actor("lsp-admin-01", Role.LSP_ADMIN, mandate="a-1")
MANAGER = Actor("manajer-01", Role.CERTIFICATION_MANAGER, mandate="a-2")
INVESTIGATOR = Actor("dewi", Role.CERTIFICATION_MANAGER, mandate="a-3")
HEAD = Actor("ketua-01", Role.HEAD_OF_LSP, mandate="a-4")
COMMITTEE = Actor("komite-02", Role.CERTIFICATION_COMMITTEE, mandate="a-5")
SWEEP = Actor("certflow-sweep", Role.SYSTEM)
T0 = datetime(2025, 1, 6, 9, tzinfo=WIB)


def _filed(**changes: object) -> Complaint:
    data: dict[str, object] = {
        "id": uuid4(),
        "subject": ComplaintSubject.LSP,
        "summary": "antrian panjang",
        "policy": ComplaintPolicy(),
        "actor": ADMIN,
        "at": T0,
    }
    data.update(changes)
    return Complaint.file(**data)  # type: ignore[arg-type]


def _names(record: Complaint | MisconductCase) -> list[str]:
    return [type(e).__name__ for e in record.collect_events()]


def test_a_complaint_is_filed_acknowledged_investigated_and_resolved() -> None:
    complaint = _filed()
    assert (complaint.acknowledge_by, complaint.resolve_by) == (date(2025, 1, 13), date(2025, 3, 7))
    complaint.acknowledge_complaint(actor=ADMIN, at=T0 + timedelta(days=1))
    complaint.assign_investigator("dewi", conflicts=(), actor=MANAGER, at=T0 + timedelta(days=1))
    complaint.resolve_complaint(
        ComplaintOutcome.SUBSTANTIATED,
        findings="antrian dua jam",
        actions=["tambah petugas"],
        actor=INVESTIGATOR,
        at=T0 + timedelta(days=9),
    )
    assert complaint.stage is ComplaintStage.RESOLVED
    assert complaint.actions == ["tambah petugas"]
    assert _names(complaint) == ["Filed", "Acknowledged", "InvestigatorAssigned", "Resolved"]
    assert complaint.deadlines(date(2025, 6, 1)) == (), "a resolved complaint has no deadline left"


def test_every_complaint_event_records_who_acted_in_which_role_and_when() -> None:
    complaint = _filed()
    complaint.acknowledge_complaint(actor=ADMIN, at=T0 + timedelta(hours=2))
    for event in complaint.collect_events():
        assert (event.actor_id, event.actor_role, event.actor_mandate) == (
            "lsp-admin-01",
            "lsp_admin",
            "a-1",
        )
        assert event.at.tzinfo is not None


def test_the_deadlines_come_from_the_policy_of_the_lsp() -> None:
    complaint = _filed(policy=ComplaintPolicy(acknowledge_within_days=3, resolve_within_days=30))
    assert complaint.acknowledge_by == date(2025, 1, 9)
    assert complaint.resolve_by == date(2025, 2, 5)


@pytest.mark.parametrize(
    ("changes", "rule_id"),
    [
        ({"summary": "  "}, "R53"),
        ({"summary": "NIK 3174012304850003 mengeluh"}, "R53"),
        ({"subject": ComplaintSubject.ASSESSOR}, "R53"),
        ({"subject": ComplaintSubject.CERTIFIED_PERSON}, "R53"),
    ],
)
def test_a_complaint_without_its_subject_or_with_personal_data_is_refused(
    changes: dict[str, object], rule_id: str
) -> None:
    with pytest.raises(RejectedError) as refused:
        _filed(**changes)
    assert rule_id in refused.value.rule_ids


def test_an_involved_investigator_is_refused_under_r53_and_nothing_is_recorded() -> None:
    complaint = _filed()
    complaint.acknowledge_complaint(actor=ADMIN, at=T0)
    complaint.collect_events()
    conflict = Text("Ratna adalah asesor yang dikeluhkan", "Ratna is the assessor complained about")
    with pytest.raises(RejectedError) as refused:
        complaint.assign_investigator("ratna", conflicts=[conflict], actor=MANAGER, at=T0)
    assert refused.value.rule_ids == ("R53",)
    assert "complained about" in str(refused.value.text.en)
    assert complaint.collect_events() == []


def test_only_the_certification_manager_or_head_assigns_the_investigator() -> None:
    complaint = _filed()
    complaint.acknowledge_complaint(actor=ADMIN, at=T0)
    with pytest.raises(NotAuthorizedError) as refused:
        complaint.assign_investigator("dewi", conflicts=(), actor=ADMIN, at=T0)
    assert refused.value.rule_ids == ("R53",)


def test_a_withdrawn_complaint_is_final() -> None:
    complaint = _filed()
    complaint.withdraw_complaint("sudah dijelaskan", actor=ADMIN, at=T0)
    with pytest.raises(TransitionNotAllowedError):
        complaint.acknowledge_complaint(actor=ADMIN, at=T0)
    assert complaint.deadlines(date(2025, 12, 31)) == ()


def test_the_sweep_escalates_each_missed_deadline_once() -> None:
    complaint = _filed()
    late = T0 + timedelta(days=70)
    assert complaint.sweep(actor=SWEEP, at=late) == ["escalate_complaint", "escalate_complaint"]
    assert complaint.escalated == ["acknowledgement", "resolution"]
    assert complaint.sweep(actor=SWEEP, at=late) == []


# -- a property: any sequence of commands keeps the record consistent ---------------------------

_COMMANDS = st.lists(
    st.sampled_from(["ack", "assign", "resolve", "resolve_wrong", "withdraw", "sweep"]),
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(commands=_COMMANDS, days=st.lists(st.integers(0, 40), min_size=12, max_size=12))
def test_any_sequence_of_complaint_commands_records_only_what_was_accepted(
    commands: list[str], days: list[int]
) -> None:
    complaint = _filed()
    complaint.collect_events()
    at = T0
    for command, step in zip(commands, days, strict=False):
        at += timedelta(days=step)
        before = complaint.version
        try:
            if command == "ack":
                complaint.acknowledge_complaint(actor=ADMIN, at=at)
            elif command == "assign":
                complaint.assign_investigator("dewi", conflicts=(), actor=MANAGER, at=at)
            elif command in ("resolve", "resolve_wrong"):
                who = INVESTIGATOR if command == "resolve" else HEAD
                complaint.resolve_complaint(
                    ComplaintOutcome.UNSUBSTANTIATED,
                    findings="tidak terbukti",
                    actions=[],
                    actor=who,
                    at=at,
                )
            elif command == "withdraw":
                complaint.withdraw_complaint("dicabut", actor=ADMIN, at=at)
            else:
                complaint.sweep(actor=SWEEP, at=at)
        except RejectedError:
            assert complaint.version == before
        recorded = complaint.collect_events()
        assert len(recorded) == complaint.version - before
        if complaint.stage is ComplaintStage.RESOLVED:
            assert complaint.investigator == "dewi"
            assert complaint.outcome is ComplaintOutcome.UNSUBSTANTIATED
            assert complaint.acknowledged_on is not None
        assert len(complaint.escalated) == len(set(complaint.escalated)) <= 2
        for deadline in complaint.deadlines(at.date()):
            assert not deadline.overdue or deadline.name not in complaint.escalated


# -- the misconduct case -------------------------------------------------------------------------


def _case(affected: list[UUID]) -> MisconductCase:
    assessor = uuid4()
    return MisconductCase.flag(
        assessor_id=assessor,
        kind=MisconductKind.GRATIFICATION,
        grounds="menerima uang dari peserta",
        affected=affected,
        actor=HEAD,
        at=T0,
    )


def test_a_flag_quarantines_the_affected_records_until_each_is_reviewed() -> None:
    first, second = uuid4(), uuid4()
    case = _case([first, second])
    assert case.id == misconduct_case_id(case.assessor_id)
    assert case.holds(first, rounds=1)
    assert case.holds(second, rounds=1)
    case.review_quarantined(
        first,
        ReviewOutcome.CONFIRMED,
        reason="bukti sah",
        rounds=1,
        conflicts=(),
        actor=COMMITTEE,
        at=T0,
    )
    assert not case.holds(first, rounds=1)
    assert case.stage is QuarantineStage.QUARANTINED
    case.review_quarantined(
        second,
        ReviewOutcome.SET_ASIDE,
        reason="wawancara tidak sah",
        rounds=1,
        conflicts=(),
        actor=COMMITTEE,
        at=T0,
    )
    assert case.stage is QuarantineStage.CLOSED
    assert case.holds(second, rounds=1), "set aside: held until a re-assessment round starts"
    assert not case.holds(second, rounds=2)
    assert not case.holds(uuid4(), rounds=1)


def test_a_review_of_an_unaffected_or_reviewed_record_or_by_someone_involved_is_refused() -> None:
    cert = uuid4()
    case = _case([cert, uuid4()])
    involved = [Text("komite-02 memutuskan", "komite-02 decided")]
    for target, conflicts in ((uuid4(), ()), (cert, involved)):
        with pytest.raises(RejectedError) as refused:
            case.review_quarantined(
                target,
                ReviewOutcome.CONFIRMED,
                reason="x",
                rounds=1,
                conflicts=conflicts,
                actor=COMMITTEE,
                at=T0,
            )
        assert refused.value.rule_ids == ("R55",)
    case.review_quarantined(
        cert, ReviewOutcome.CONFIRMED, reason="sah", rounds=1, conflicts=(), actor=COMMITTEE, at=T0
    )
    with pytest.raises(RejectedError):
        case.review_quarantined(
            cert,
            ReviewOutcome.SET_ASIDE,
            reason="ulang",
            rounds=1,
            conflicts=(),
            actor=COMMITTEE,
            at=T0,
        )


def test_a_flag_needs_grounds_and_an_authorised_role() -> None:
    with pytest.raises(RejectedError) as no_grounds:
        MisconductCase.flag(
            assessor_id=uuid4(),
            kind=MisconductKind.MISCONDUCT,
            grounds=" ",
            affected=[],
            actor=HEAD,
            at=T0,
        )
    assert no_grounds.value.rule_ids == ("R55",)
    with pytest.raises(NotAuthorizedError) as wrong_role:
        MisconductCase.flag(
            assessor_id=uuid4(),
            kind=MisconductKind.MISCONDUCT,
            grounds="x",
            affected=[],
            actor=ADMIN,
            at=T0,
        )
    assert wrong_role.value.rule_ids == ("R55",)
