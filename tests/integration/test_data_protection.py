"""Data-protection duties (R39, R60-R63): corrections, disclosure, breaches, retention, BNSP."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest

from certflow import CertificationBody, RejectedError, Verdict
from certflow.bootstrap import services_of
from certflow.testing.actors import ADMIN, DPO, HEAD
from certflow.testing.route import wib
from tests.support import World


def _events_text(lsp: CertificationBody) -> bytes:
    recorder = services_of(lsp).store.recorder
    return b"".join(
        n.topic.encode() + bytes(n.state)
        for n in recorder.select_notifications(start=1, limit=100_000)
    )


def _session_done(world: World) -> tuple[list[object], object]:
    """Candidate 0 distributed (K), candidate 1 BK, candidate 2 K (distributed)."""
    k0 = world.through("distributed", 0)
    bk = world.failed(1)
    k2 = world.through("distributed", 2)
    return [k0, bk, k2], bk


# -- R61 ----------------------------------------------------------------------------------------


def test_a_correction_is_an_event_without_the_value_and_views_read_the_latest(
    world: World,
) -> None:
    lsp = world.lsp
    subject = world.candidates[0]
    view = lsp.correct_personal_data(
        subject,
        changes={"name": "Kandidat Nol Koreksi, S.I.Kom.", "unit": "Polda Aceh"},
        reason="ejaan nama dan satker salah pada APL.01",
        actor=ADMIN,
    )
    assert view.fields == ("name", "unit")
    assert view.number == 1
    assert lsp.get_candidate(subject).data.name == "Kandidat Nol Koreksi, S.I.Kom."
    assert lsp.holder_name(subject) == "Kandidat Nol Koreksi, S.I.Kom."
    assert b"Koreksi" not in _events_text(lsp)
    assert b"Polda Aceh" not in _events_text(lsp)
    lsp.correct_personal_data(
        subject, changes={"rank": "Kombes Pol"}, reason="naik pangkat", actor=ADMIN
    )
    assert [c.number for c in lsp.corrections(subject)] == [1, 2]
    assert lsp.corrections(subject)[1].fields == ("rank",)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"name": "Kandidat 0"}, "tidak berubah"),
        ({"shoe_size": "42"}, "kolom asing"),
        ({"name": "Nama Baru"}, "diganti menjadi Nama Baru"),
    ],
)
def test_corrections_that_change_nothing_or_leak_a_value_are_refused(
    world: World, changes: dict[str, str], reason: str
) -> None:
    with pytest.raises(RejectedError) as refused:
        world.lsp.correct_personal_data(
            world.candidates[0], changes=changes, reason=reason, actor=ADMIN
        )
    assert "R61" in refused.value.rule_ids
    assert world.lsp.corrections(world.candidates[0]) == []


def test_a_corrected_name_reads_altered_on_a_certificate_printed_before(world: World) -> None:
    cert = world.through("distributed", 0)
    number = world.lsp.get(cert).certificate_number
    assert number is not None
    world.lsp.correct_personal_data(
        world.candidates[0], changes={"name": "Nama Dikoreksi"}, reason="salah eja", actor=ADMIN
    )
    check = world.lsp.verify_certificate(number)
    assert check.name_check.value == "altered"


# -- R62 ----------------------------------------------------------------------------------------


def test_the_sponsor_view_is_refused_without_a_basis_and_counts_only_with_one(
    world: World,
) -> None:
    lsp = world.lsp
    _session_done(world)
    with pytest.raises(RejectedError) as refused:
        lsp.sponsor_view("EUK-TEST")
    assert refused.value.rule_ids == ("R62",)
    lsp.record_disclosure_basis(
        recipient="Divhumas",
        basis="consent",
        session_code="EUK-TEST",
        reference="Persetujuan peserta APL.01 butir 7",
        actor=DPO,
    )
    view = lsp.sponsor_view("EUK-TEST")
    assert view.total.competent == 2
    assert view.total.not_yet_competent == 1
    assert [(c.group, c.total) for c in view.by_unit] == [("Polda Test", 3)]
    assert [c.group for c in view.by_region] == ["Test"]
    dumped = view.model_dump_json()
    assert "Kandidat" not in dumped
    assert "3201010101" not in dumped
    lsp.withdraw_disclosure_basis(
        recipient="divhumas", session_code="EUK-TEST", reason="persetujuan ditarik", actor=DPO
    )
    with pytest.raises(RejectedError):
        lsp.sponsor_view("EUK-TEST")


def test_only_the_dpo_or_the_head_records_a_disclosure_basis(world: World) -> None:
    with pytest.raises(RejectedError):
        world.lsp.record_disclosure_basis(
            recipient="divhumas",
            basis="consent",
            session_code="EUK-TEST",
            reference="x",
            actor=ADMIN,
        )
    with pytest.raises(RejectedError) as refused:
        world.lsp.record_disclosure_basis(
            recipient="divhumas", basis="gossip", session_code="EUK-TEST", reference="x", actor=HEAD
        )
    assert refused.value.rule_ids == ("R62",)


# -- R63 ----------------------------------------------------------------------------------------


def test_a_breach_not_notified_in_72_hours_is_swept_overdue_and_can_still_be_notified(
    world: World,
) -> None:
    lsp = world.lsp
    world.at(date(2024, 11, 1), hour=9)
    found = lsp.record_breach(
        "BR-2024-01", nature="laptop admin hilang", subjects_affected=62, actor=DPO
    )
    assert found.notify_by == found.discovered_at + timedelta(hours=72)
    assert lsp.breaches(overdue_only=True) == []
    world.at(date(2024, 11, 5), hour=9)
    assert [b.code for b in lsp.breaches(overdue_only=True)] == ["BR-2024-01"]
    report = lsp.sweep()
    assert [t for _, t in report.moves] == ["escalate_breach"]
    assert lsp.sweep().moves == []  # idempotent
    notified = lsp.notify_breach("BR-2024-01", actor=DPO)
    assert notified.status.value == "notified"
    assert not notified.overdue
    with pytest.raises(RejectedError) as again:
        lsp.notify_breach("BR-2024-01", actor=DPO)
    assert again.value.rule_ids == ("R63",)


def test_breaches_are_recorded_by_the_dpo_only_and_described(world: World) -> None:
    with pytest.raises(RejectedError):
        world.lsp.record_breach("BR-1", nature="x", subjects_affected=1, actor=ADMIN)
    with pytest.raises(RejectedError) as refused:
        world.lsp.record_breach("BR-2", nature=" ", subjects_affected=1, actor=DPO)
    assert refused.value.rule_ids == ("R63",)
    future = wib(date(2030, 1, 1), 9)
    with pytest.raises(RejectedError):
        world.lsp.record_breach(
            "BR-3", nature="x", subjects_affected=1, discovered_at=future, actor=DPO
        )


# -- R60 ----------------------------------------------------------------------------------------


def test_destruction_is_refused_before_the_end_of_the_cycle_and_recorded_after(
    world: World,
) -> None:
    lsp = world.lsp
    _, bk = _session_done(world)
    subject = lsp.get(bk).subject_id
    schedule = {i.subject_id: i for i in lsp.retention_schedule()}
    decided = lsp.get(bk).decided_on
    assert decided is not None
    assert schedule[subject].retain_until == date(decided.year + 3, decided.month, decided.day)
    with pytest.raises(RejectedError) as early:
        lsp.destroy_personal_data(subject, actor=DPO)
    assert early.value.rule_ids == ("R60",)
    world.at(date(decided.year + 3, decided.month, decided.day) + timedelta(days=1))
    assert subject in lsp.destroy_expired_personal_data(actor=DPO)  # the K ones ended too
    assert lsp.personal_data_status(subject) is not None
    assert lsp.holder_name(subject) == "[personal data erased]"
    assert lsp.get(bk).stage.value == "not_yet_competent"


def test_a_shorter_configured_retention_lets_destruction_happen_sooner(world: World) -> None:
    from certflow.application.data_protection import RetentionPolicy

    _, bk = _session_done(world)
    subject = world.lsp.get(bk).subject_id
    decided = world.lsp.get(bk).decided_on
    assert decided is not None
    world.at(date(decided.year + 1, decided.month, 28))
    with pytest.raises(RejectedError):  # a caller cannot shorten it: the LSP's policy holds
        world.lsp.destroy_personal_data(subject, actor=DPO)
    services_of(world.lsp).retention = RetentionPolicy(min_retention_months=6)  # configured
    world.lsp.destroy_personal_data(subject, actor=DPO)
    assert world.lsp.holder_name(subject) == "[personal data erased]"


def test_a_correction_to_a_nik_already_on_file_is_refused_and_records_nothing(
    world: World,
) -> None:
    lsp = world.lsp
    other = lsp.get_candidate(world.candidates[1]).data.nik
    assert other is not None
    with pytest.raises(RejectedError) as refused:
        lsp.correct_personal_data(
            world.candidates[0], changes={"nik": other}, reason="NIK tertukar", actor=ADMIN
        )
    assert refused.value.rule_ids == ("R61",)
    assert lsp.corrections(world.candidates[0]) == []


# -- R39 ----------------------------------------------------------------------------------------


def test_the_bnsp_report_lists_every_candidate_k_and_bk_with_names_from_the_subject_store(
    world: World,
) -> None:
    lsp = world.lsp
    _session_done(world)
    report = lsp.bnsp_report("EUK-TEST")
    outcomes = [c.outcome for c in report.candidates]
    assert outcomes.count(Verdict.NOT_YET_COMPETENT) == 1
    assert report.competent == 2
    assert report.not_yet_competent == 1
    assert {c.name for c in report.candidates} == {"Kandidat 0", "Kandidat 1", "Kandidat 2"}
    bk_row = next(c for c in report.candidates if c.outcome is Verdict.NOT_YET_COMPETENT)
    assert bk_row.certificate_number is None
    assert all(c.certificate_number for c in report.candidates if c.outcome is Verdict.COMPETENT)
    assert report.assessor_met_numbers == ("MET.000.000001 2020",)
    assert (report.starts_on, report.venue) == (date(2024, 11, 6), "Aston Sentul Lake Resort")


def test_the_bnsp_report_is_refused_while_a_candidate_is_undecided(world: World) -> None:
    world.through("distributed", 0)
    world.through("interviewed", 1)
    with pytest.raises(RejectedError) as refused:
        world.lsp.bnsp_report("EUK-TEST")
    assert refused.value.rule_ids == ("R39",)
    assert "1 candidate" in str(refused.value)


def test_the_subject_store_corrects_in_place_on_every_backend(store_url: str) -> None:
    from certflow import open
    from certflow.application import PersonalData, SubjectKind, SubjectRecord

    lsp = open(store_url)
    try:
        record = SubjectRecord(
            subject_id=UUID(int=7),
            kind=SubjectKind.CANDIDATE,
            data=PersonalData(name="Ani", nik="3201010101019999", unit="Polda Bali"),
        )
        lsp.subjects.put(record)
        corrected = record.model_copy(
            update={"data": record.data.model_copy(update={"unit": "Polda Aceh"})}
        )
        lsp.subjects.correct(corrected)
        found = lsp.subjects.get(UUID(int=7))
        assert found is not None
        assert found.data.unit == "Polda Aceh"
        assert lsp.subjects.find_by_nik("3201010101019999") == found
    finally:
        lsp.close()
