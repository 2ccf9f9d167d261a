"""The moves that came to the command line last: adjustments, verification corrections,
misconduct quarantine, the TUK's lifecycle, retiring a scheme, renewing a licence.

They run on the small LSP of :mod:`tests.cli.test_workflow_cli` (built again for this module):
each as a person in the register (``--as``), each refused with a message and an exit code when
the person may not make it or what it names is not on file. The misconduct test comes last: it
quarantines the assessor's records.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_workflow_cli import (
    ADMIN,
    BUDI,
    COMMITTEE,
    HEAD,
    MANAGER,
    MET,
    SARI,
    SCHEME,
    Small,
    _built_once,  # noqa: F401 - the module's command tree, built once (autouse)
    _flat,
    _ok,
    _run,
    lsp,  # noqa: F401 - the small LSP, a module fixture
)

ANDI = "3201234567890125"


def _fresh_case(env: dict[str, str]) -> str:
    """A third candidate's case, admitted, assigned, reviewed, its mode set: before FR.AK.01."""
    _ok(env, "candidate", "add", "--name", "Andi Wijaya", "--nik", ANDI)
    out = _ok(env, "--as", ADMIN, "case", "register", ANDI, "--session", "EUK/UJI",
              "--scheme", SCHEME, "--at", "2024-10-21T10:00")  # fmt: skip
    case = out.split()[-1]
    _ok(env, "--as", ADMIN, "case", "admit", case, "--at", "2024-10-22T10:00")
    _ok(env, "case", "portfolio", case, "--evidence", "U.001=DOC-1", "--evidence",
        "U.002=DOC-2", "--as", ANDI, "--at", "2024-10-28T10:00")  # fmt: skip
    _ok(env, "--as", MANAGER, "case", "assign", case, "--assessor", MET,
        "--at", "2024-11-04T10:00")  # fmt: skip
    _ok(env, "--as", MET, "case", "review", case, "--at", "2024-11-04T10:01")
    _ok(env, "--as", MET, "case", "mode", case, "--at", "2024-11-04T10:02")
    return case


def _history(env: dict[str, str], case: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(_ok(env, "history", case, "--format", "json"))
    return rows


def test_an_adjustment_and_a_verification_correction_by_the_assessor(
    lsp: Small,  # noqa: F811
    tmp_path: Path,
) -> None:
    env, _ = lsp
    case = _fresh_case(env)
    by_admin = _run(env, "--as", ADMIN, "case", "adjust", case, "--kind", "extra_time",
                    "--arrangement", "30 menit tambahan")  # fmt: skip
    assert by_admin.exit_code == 3
    assert "P2" in by_admin.output
    assert "assessor" in _flat(by_admin.output)
    adjusted = _ok(env, "--as", MET, "case", "adjust", case, "--kind", "extra_time",
                   "--arrangement", "30 menit tambahan untuk wawancara", "--unit", "U.001",
                   "--at", "2024-11-04T10:05")  # fmt: skip
    assert f"adjustment recorded: {case}" in _flat(adjusted)
    _ok(env, "case", "sign", case, "--as", ANDI, "--at", "2024-11-06T08:00")
    _ok(env, "--as", MET, "case", "sign", case, "--at", "2024-11-06T08:05")
    too_late = _run(env, "--as", MET, "case", "adjust", case, "--kind", "assistance",
                    "--arrangement", "juru baca")  # fmt: skip
    assert too_late.exit_code == 3  # after FR.AK.01 (R8)
    _ok(env, "--as", MET, "case", "verify", case, "--at", "2024-11-06T08:10")
    verified = [r["version"] for r in _history(env, case) if "Verified" in str(r["event"])]
    assert len(verified) == 1

    both = _run(env, "--as", MET, "case", "correct-verification", case, "--corrects",
                str(verified[0]), "--reason", "x", "--insufficient", "U.002",
                "--file", str(tmp_path / "c.json"))  # fmt: skip
    assert both.exit_code == 3
    assert "not both" in both.output
    corrected = _ok(env, "--as", MET, "case", "correct-verification", case, "--corrects",
                    str(verified[0]), "--reason", "DOC-2 kedaluwarsa", "--insufficient",
                    "U.002", "--at", "2024-11-06T08:20")  # fmt: skip
    assert f"portfolio verification corrected: {case}" in _flat(corrected)
    events = [str(r["event"]) for r in _history(env, case)]
    assert events[-1] == "EvidenceCorrected"
    assert sum("Verified" in e for e in events) == 1  # the corrected one stays as it was

    checks = tmp_path / "checks.json"
    checks.write_text(
        json.dumps(
            [
                {
                    "unit": u,
                    "evidence": d,
                    "valid": True,
                    "authentic": True,
                    "current": True,
                    "sufficient": True,
                }
                for u, d in (("U.001", "DOC-1"), ("U.002", "DOC-2"))
            ]
        ),
        encoding="utf-8",
    )
    again = _ok(env, "--as", MET, "case", "correct-verification", case, "--corrects",
                str(len(events)), "--reason", "DOC-2 diperbarui", "--file", str(checks),
                "--at", "2024-11-06T08:30")  # fmt: skip
    assert "portfolio verification corrected" in _flat(again)
    empty = tmp_path / "empty.json"
    empty.write_text("{}", encoding="utf-8")
    no_checks = _run(env, "--as", MET, "case", "correct-verification", case, "--corrects", "1",
                     "--reason", "x", "--file", str(empty))  # fmt: skip
    assert no_checks.exit_code == 3
    assert "expected a list of checks" in _flat(no_checks.output)
    wrong_version = _run(env, "--as", MET, "case", "correct-verification", case, "--corrects",
                         "1", "--reason", "x")  # fmt: skip
    assert wrong_version.exit_code == 3  # version 1 is the registration, not a verification
    nowhere = _run(env, "--as", MET, "case", "correct-verification", "UJI/99999/2024",
                   "--corrects", "1", "--reason", "x")  # fmt: skip
    assert nowhere.exit_code == 4


def test_a_tuk_is_suspended_reinstated_and_its_verification_ended(
    lsp: Small,  # noqa: F811
) -> None:
    env, _ = lsp
    day = ("--at", "2024-10-15T09:00")
    _ok(env, "--as", ADMIN, "tuk", "propose", "Gedung Dua", "--kind", "mandiri", *day)
    _ok(env, "--as", MANAGER, "tuk", "assign-verifier", "Gedung Dua", "--assessor", MET, *day)
    _ok(env, "tuk", "verify", "Gedung Dua", "--scheme", SCHEME, "--check", "ruang=ya",
        "--valid-until", "2025-12-31", "--as", MET, *day)  # fmt: skip

    def status() -> str:
        tuks = json.loads(_ok(env, "tuk", "list", "--format", "json"))
        return next(str(k["status"]) for k in tuks if k["name"] == "Gedung Dua")

    verified = status()
    by_assessor = _run(env, "--as", MET, "tuk", "suspend", "Gedung Dua", "--reason", "banjir")
    assert by_assessor.exit_code == 3
    assert "P2" in by_assessor.output
    assert "TUK suspended: Gedung Dua" in _flat(
        _ok(env, "--as", ADMIN, "tuk", "suspend", "Gedung Dua", "--reason", "banjir")
    )
    assert status() == "suspended"
    _ok(env, "--as", MANAGER, "tuk", "reinstate", "Gedung Dua")
    assert status() == verified
    _ok(env, "--as", ADMIN, "tuk", "expire", "Gedung Dua")
    assert status() not in {verified, "suspended"}
    missing = _run(env, "--as", ADMIN, "tuk", "suspend", "Gedung Tiga", "--reason", "x")
    assert missing.exit_code == 4
    assert "Gedung Tiga" in missing.output


def test_a_scheme_is_retired_and_a_licence_renewed(lsp: Small) -> None:  # noqa: F811
    env, _ = lsp
    _ok(env, "--as", ADMIN, "scheme", "add", "SKM/LAMA/2020", "--title", "Skema Lama",
        "--unit", "L.001=Satu", "--at", "2024-10-14T09:00")  # fmt: skip
    assessor_refused = _run(env, "--as", MET, "scheme", "retire", "SKM/LAMA/2020")
    assert assessor_refused.exit_code == 3
    retired = _ok(env, "--as", ADMIN, "scheme", "retire", "SKM/LAMA/2020")
    assert "scheme retired: SKM/LAMA/2020 v1" in _flat(retired)
    schemes = json.loads(_ok(env, "scheme", "list", "--format", "json"))
    assert {s["code"]: s["status"] for s in schemes}["SKM/LAMA/2020"] == "retired"
    assert _run(env, "--as", ADMIN, "scheme", "retire", "SKM/NOPE").exit_code == 4

    renewed = _ok(env, "--as", MANAGER, "assessor", "renew", MET, "--until", "2029-12-31")
    assert "licence renewed" in renewed
    listed = json.loads(_ok(env, "assessor", "list", "--format", "json"))
    assert listed[0]["licence_valid_until"] == "2029-12-31"
    not_a_day = _run(env, "--as", MANAGER, "assessor", "renew", MET, "--until", "nanti")
    assert not_a_day.exit_code == 3
    assert "not a date" in not_a_day.output
    nobody = _run(env, "--as", MANAGER, "assessor", "renew", "MET.999", "--until", "2029-12-31")
    assert nobody.exit_code == 4
    assert "certflow assessor list" in _flat(nobody.output)


def test_misconduct_quarantines_the_assessors_records_until_reviewed(
    lsp: Small,  # noqa: F811
) -> None:
    env, cases = lsp
    budi, sari = cases[BUDI], cases[SARI]
    assert json.loads(_ok(env, "misconduct", "list", "--format", "json")) == []
    by_admin = _run(env, "--as", ADMIN, "misconduct", "flag", "--assessor", MET, "--grounds", "x")
    assert by_admin.exit_code == 3
    assert "P2" in by_admin.output
    unknown = _run(env, "--as", MANAGER, "misconduct", "flag", "--assessor", "Nobody",
                   "--grounds", "x")  # fmt: skip
    assert unknown.exit_code == 4
    not_an_id = _run(env, "--as", MANAGER, "misconduct", "flag", "--assessor", MET,
                     "--grounds", "x", "--complaint", "aduan-1")  # fmt: skip
    assert not_an_id.exit_code == 3
    assert "not a complaint id" in not_an_id.output
    flagged = _ok(env, "--as", MANAGER, "misconduct", "flag", "--assessor", MET, "--kind",
                  "gratification", "--grounds", "menerima hadiah dari peserta")  # fmt: skip
    assert "assessor flagged" in flagged
    assert "UJI/00001/2024" in flagged
    again = _run(env, "--as", MANAGER, "misconduct", "flag", "--assessor", MET, "--grounds", "y")
    assert again.exit_code == 3
    assert "already flagged" in _flat(again.output)

    listed = json.loads(_ok(env, "misconduct", "list", "--open", "--format", "json"))
    assert [c["kind"] for c in listed] == ["gratification"]
    assert "UJI/00001/2024" in listed[0]["pending"]
    assert sari in listed[0]["pending"]

    decider = _run(env, "--as", COMMITTEE, "misconduct", "review", budi, "--outcome",
                   "confirmed", "--reason", "bukti lain cukup")  # fmt: skip
    assert decider.exit_code == 3  # the committee member decided it
    reviewed = _ok(env, "--as", HEAD, "misconduct", "review", "UJI/00001/2024", "--outcome",
                   "confirmed", "--reason", "bukti lain cukup")  # fmt: skip
    assert "quarantine reviewed: UJI/00001/2024" in _flat(reviewed)
    not_held = _run(env, "--as", HEAD, "misconduct", "review", budi, "--outcome", "set_aside",
                    "--reason", "x")  # fmt: skip
    assert not_held.exit_code == 3
    assert "already reviewed (confirmed)" in _flat(not_held.output)
    after = json.loads(_ok(env, "misconduct", "list", "--format", "json"))
    assert "UJI/00001/2024: confirmed" in after[0]["reviews"]
    assert "UJI/00001/2024" not in after[0]["pending"]
    _ok(env, "--as", HEAD, "misconduct", "review", sari, "--outcome", "set_aside", "--reason",
        "wawancara dipengaruhi hadiah")  # fmt: skip
    reviews = json.loads(_ok(env, "misconduct", "list", "--format", "json"))[0]["reviews"]
    assert f"{sari}: set_aside" in reviews
    table = _ok(env, "misconduct", "list")
    assert "Ratna Kusumawardani" in _flat(table)
    assert "menerima hadiah" in _flat(table)
