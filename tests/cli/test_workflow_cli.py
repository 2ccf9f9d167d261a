"""The workflow commands one by one: who acts (--as), when (--at), what they are given.

A small LSP is set up through the command line (one scheme of two units, one assessor, two
candidates); one candidate is taken to a printed certificate and one to a BK decision, then the
side paths are driven from there: appeal, surveillance, suspension, revocation, reissue.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

from certflow.cli import app

runner = CliRunner()
COMMAND = typer.main.get_command(app)

HEAD = "ketua-lsp-01"
ADMIN = "lsp-admin-01"
MANAGER = "manajer-sertifikasi-01"
COMMITTEE = "komite-teknis-01"
MET = "MET.000.000777 2021"
ASSESSOR = "Dr. Ratna Kusumawardani, M.Si."
BUDI = "3201234567890123"
SARI = "3201234567890124"
SCHEME = "SKM/TEST/2024"


@pytest.fixture(scope="module", autouse=True)
def _built_once() -> Iterator[None]:
    """Typer's runner builds the command tree for every call (0.4 s); here, once a module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _: COMMAND)
        yield


def _run(env: dict[str, str], *args: str) -> typer.testing.Result:
    return runner.invoke(app, list(args), env=env)


def _ok(env: dict[str, str], *args: str) -> str:
    result = _run(env, *args)
    assert result.exit_code == 0, (args[:3], result.output)
    return result.output


Small = tuple[dict[str, str], dict[str, str]]
"""The environment naming the small LSP's profile, and its cases by the candidate's NIK."""


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def lsp(tmp_path_factory: pytest.TempPathFactory) -> Small:
    """A small LSP with one certificate printed (Budi) and one BK decision (Sari)."""
    folder = tmp_path_factory.mktemp("workflow")
    env = {"CERTFLOW_CONFIG": str(folder / "certflow.toml"), "CERTFLOW_LANG": "en"}
    _ok(env, "init", "--name", "LSP Uji", "--code", "LSP-UJI", "--licence", "BNSP-LSP-9",
        "--place", "Jakarta", "--verify-url", "https://lsp.example.id/v", "--manager", "M",
        "--head", "H", "--store", f"sqlite:///{folder / 'uji.db'}", "--no-keys",
        "--head-id", HEAD, "--basis", "SK 1", "--at", "2024-10-01T08:00")  # fmt: skip
    for person, role in (
        (ADMIN, "lsp_admin"),
        (MANAGER, "certification_manager"),
        (COMMITTEE, "certification_committee"),
        ("panel-banding-01", "appeal_panel"),
    ):
        _ok(env, "staff", "appoint", person, "--role", role, "--basis", "SK 2", "--by", HEAD,
            "--from", "2024-10-01")  # fmt: skip
    units = folder / "units.toml"
    units.write_text(
        '[[units]]\ncode = "U.001"\ntitle = "Satu"\n[[units]]\ncode = "U.002"\ntitle = "Dua"\n',
        encoding="utf-8",
    )
    day = ("--at", "2024-10-14T09:00")
    _ok(env, "--as", ADMIN, "scheme", "add", SCHEME, "--title", "Skema Uji", "--units-file",
        str(units), "--prefix", "UJI", *day)  # fmt: skip
    _ok(env, "--as", ADMIN, "assessor", "add", MET, "--name", ASSESSOR, "--scheme", SCHEME,
        "--licence-until", "2027-12-31", *day)  # fmt: skip
    _ok(env, "--as", ADMIN, "tuk", "propose", "Hotel Uji", "--kind", "sewaktu", *day)
    _ok(env, "--as", MANAGER, "tuk", "assign-verifier", "Hotel Uji", "--assessor",
        "dr. ratna kusumawardani, m.si.", *day)  # fmt: skip
    _ok(env, "tuk", "verify", "Hotel Uji", "--scheme", SCHEME, "--check", "ruang tenang=ya",
        "--session", "EUK/UJI", "--as", MET, *day)  # fmt: skip
    days = ("--from", "2024-11-06", "--to", "2024-11-08")
    _ok(env, "--as", ADMIN, "session", "plan", "EUK/UJI", "--title", "Uji", "--venue",
        "Hotel Uji", *days, "--scheme", SCHEME, *day)  # fmt: skip
    cases = {}
    for name, nik in (("Budi Santoso", BUDI), ("Sari Lubis", SARI)):
        _ok(env, "candidate", "add", "--name", name, "--nik", nik, "--unit", "Polda Bali")
        out = _ok(env, "--as", ADMIN, "case", "register", nik, "--session", "EUK/UJI",
                  "--scheme", SCHEME, "--at", "2024-10-21T09:00")  # fmt: skip
        cases[nik] = out.split()[-1]
    both = list(cases.values())
    _ok(env, "--as", ADMIN, "case", "admit", *both, "--at", "2024-10-22T09:00")
    for nik, case in cases.items():
        _ok(env, "case", "portfolio", case, "--evidence", "U.001=DOC-1", "--evidence",
            "U.002=DOC-2", "--as", nik, "--at", "2024-10-28T09:00")  # fmt: skip
    _ok(env, "--as", MANAGER, "case", "assign", *both, "--assessor", MET,
        "--at", "2024-11-04T09:00")  # fmt: skip
    _ok(env, "--as", MET, "case", "review", *both, "--at", "2024-11-04T09:01")
    _ok(env, "--as", MET, "case", "mode", *both, "--at", "2024-11-04T09:02")
    for nik, case in cases.items():
        _ok(env, "case", "sign", case, "--as", nik, "--at", "2024-11-06T08:00")
    _ok(env, "--as", MET, "case", "sign", *both, "--at", "2024-11-06T08:05")
    _ok(env, "--as", MET, "case", "verify", cases[BUDI], "--at", "2024-11-06T08:10")
    _ok(env, "--as", MET, "case", "verify", cases[SARI], "--insufficient", "U.002",
        "--at", "2024-11-06T08:10")  # fmt: skip
    _ok(env, "--as", MET, "case", "interview", *both, "--at", "2024-11-06T09:00")
    _ok(env, "--as", MET, "case", "recommend", cases[BUDI], "--at", "2024-11-06T10:00")
    _ok(env, "--as", MET, "case", "recommend", cases[SARI], "--bk", "U.002", "--follow-up",
        "bukti kurang", "--at", "2024-11-06T10:00")  # fmt: skip
    for nik, case in cases.items():
        _ok(env, "case", "acknowledge", case, "--as", nik, "--at", "2024-11-06T11:00")
    _ok(env, "--as", COMMITTEE, "case", "decide", cases[BUDI], "--outcome", "K",
        "--at", "2024-11-14T09:00")  # fmt: skip
    _ok(env, "--as", COMMITTEE, "case", "decide", cases[SARI], "--outcome", "BK",
        "--at", "2024-11-14T09:00")  # fmt: skip
    printed = _ok(env, "--as", MANAGER, "case", "print", cases[BUDI], "--manager", MANAGER,
                  "--head", HEAD, "--at", "2024-11-25T09:00")  # fmt: skip
    assert "UJI/00001/2024" in printed
    return env, cases


def test_the_registers_list_and_show_what_was_added(lsp: Small) -> None:
    env, _ = lsp
    schemes = json.loads(_ok(env, "scheme", "list", "--json"))
    assert [u["code"] for u in schemes[0]["units"]] == ["U.001", "U.002"]
    assert SCHEME in _ok(env, "scheme", "show", SCHEME)
    assert json.loads(_ok(env, "assessor", "list", "--json"))[0]["name"] == ASSESSOR
    tuks = json.loads(_ok(env, "tuk", "list", "--json"))
    assert tuks[0]["verifications"][0]["fit"] is True
    session = json.loads(_ok(env, "session", "show", "EUK/UJI", "--json"))
    assert session["scheme_codes"] == [SCHEME]


def test_the_main_path_and_its_side_paths(lsp: Small) -> None:
    env, cases = lsp
    budi, sari = cases[BUDI], cases[SARI]
    _ok(env, "--as", ADMIN, "case", "distribute", "UJI/00001/2024", "--receipt", "TT/1",
        "--at", "2024-12-02T10:00")  # fmt: skip
    _ok(env, "--as", ADMIN, "case", "registration-number", budi, "--number", "REG-1")
    _ok(env, "--as", ADMIN, "case", "surveillance", budi, "--summary", "masih bekerja")
    _ok(env, "--as", COMMITTEE, "case", "suspend", budi, "--grounds", "complaint_substantiated",
        "--resolve-by", "2030-01-31")  # fmt: skip
    _ok(env, "--as", COMMITTEE, "case", "lift-suspension", budi, "--reason", "aduan selesai")
    _ok(env, "--as", MANAGER, "case", "reissue", budi, "--reason", "rusak")
    _ok(env, "--as", COMMITTEE, "case", "revoke", budi, "--grounds", "fraudulent_evidence")
    shown = json.loads(_ok(env, "show", budi, "--json"))
    assert shown["stage"] == "revoked"
    assert shown["registration_number"] == "REG-1"

    _ok(env, "case", "appeal", sari, "--reason", "tidak setuju", "--as", SARI,
        "--at", "2024-11-16T09:00")  # fmt: skip
    members = _ok(env, "--as", MANAGER, "case", "appeal-panel", sari, "--member",
                  "panel-banding-01", "--at", "2024-11-18T09:00")  # fmt: skip
    assert "panel-banding-01" in members
    _ok(env, "--as", "panel-banding-01", "case", "uphold", sari, "--remedy", "reassessment",
        "--reason", "bukti belum dipertimbangkan", "--at", "2024-11-20T09:00")  # fmt: skip
    history = _ok(env, "history", sari)
    assert "panel-banding-01 (appeal_panel)" in _flat(history)


def test_who_acts_is_a_person_in_the_register_with_the_role_it_gives(
    lsp: Small,
) -> None:
    env, cases = lsp
    sari = cases[SARI]
    admin_decides = _run(env, "case", "decide", sari, "--outcome", "K", "--as", ADMIN)
    assert admin_decides.exit_code == 3
    assert "P2" in admin_decides.output
    assert "certification_committee" in _flat(admin_decides.output)
    other_candidate = _run(env, "case", "withdraw", sari, "--as", BUDI)
    assert other_candidate.exit_code == 3
    assert "P3" in other_candidate.output
    candidate_admits = _run(env, "case", "admit", sari, "--as", SARI)
    assert candidate_admits.exit_code == 3
    assert "role candidate may not admit" in _flat(candidate_admits.output)
    nobody = _run(env, "case", "withdraw", sari, "--as", "orang-asing")
    assert nobody.exit_code == 3
    assert "P1" in nobody.output
    no_one = _run(env, "case", "withdraw", sari)
    assert no_one.exit_code == 3
    assert "--as PERSON" in _flat(no_one.output)
    old_name = _run(env, "case", "admit", sari, "--actor", "orang-asing")
    assert old_name.exit_code == 3  # --actor is --as, checked against the register
    assert "P1" in old_name.output
    indonesian = _run(env | {"CERTFLOW_LANG": "id"}, "case", "decide", sari, "--outcome", "K",
                      "--as", ADMIN)  # fmt: skip
    assert "tidak memegang penetapan" in _flat(indonesian.output)


def test_bad_inputs_are_refused_and_change_nothing(lsp: Small, tmp_path: Path) -> None:
    env, cases = lsp
    before = _ok(env, "scheme", "list", "--json")
    no_pair = _run(env, "--as", ADMIN, "scheme", "add", "X/1", "--title", "X", "--unit", "U1")
    assert no_pair.exit_code == 3
    assert "KEY=VALUE" in no_pair.output
    yaml = tmp_path / "units.yaml"
    yaml.write_text("- code: U1\n", encoding="utf-8")
    wrong_kind = _run(env, "--as", ADMIN, "scheme", "add", "X/1", "--title", "X",
                      "--units-file", str(yaml))  # fmt: skip
    assert wrong_kind.exit_code == 3
    assert ".json or .toml" in wrong_kind.output
    assert _ok(env, "scheme", "list", "--json") == before
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    not_table = _run(env, "--as", MET, "case", "verify", "--file", str(listed))
    assert not_table.exit_code == 3
    both = _run(env, "--as", MET, "case", "verify", cases[SARI], "--file", str(listed))
    assert both.exit_code == 3
    assert "not both" in both.output
    bad_time = _run(env, "--as", ADMIN, "case", "admit", cases[SARI], "--at", "kemarin")
    assert bad_time.exit_code == 3
    assert "is not a time" in bad_time.output
    future = _run(env, "--as", ADMIN, "case", "admit", cases[SARI], "--at", "2999-01-01")
    assert future.exit_code == 3
    assert "in the future" in future.output
    unknown_scheme = _run(env, "scheme", "show", "NOPE")
    assert unknown_scheme.exit_code == 4
    assert "certflow scheme list" in _flat(unknown_scheme.output)
    unknown_session = _run(env, "session", "show", "EUK/NOPE")
    assert unknown_session.exit_code == 4
    assert "EUK/NOPE" in unknown_session.output
    unknown_candidate = _run(env, "--as", ADMIN, "case", "register", "3209999999999999",
                             "--session", "EUK/UJI", "--scheme", SCHEME)  # fmt: skip
    assert unknown_candidate.exit_code == 4
    unknown_assessor = _run(env, "--as", MANAGER, "case", "assign", cases[SARI], "--assessor",
                            "Nobody")  # fmt: skip
    assert unknown_assessor.exit_code == 4
    assert "certflow assessor list" in _flat(unknown_assessor.output)


def test_init_founds_the_register_only_with_a_well_spelt_head_and_a_basis(
    tmp_path: Path,
) -> None:
    env = {"CERTFLOW_CONFIG": str(tmp_path / "certflow.toml"), "CERTFLOW_LANG": "en"}
    given = ["init", "--name", "LSP", "--code", "LSP-A", "--licence", "BNSP-1", "--place",
             "Jakarta", "--verify-url", "https://a.example/v", "--manager", "M", "--head", "H",
             "--store", f"sqlite:///{tmp_path / 'a.db'}", "--no-keys"]  # fmt: skip
    alone = _run(env, *given, "--head-id", HEAD)
    assert alone.exit_code == 3
    assert "go together" in alone.output
    badly_spelt = _run(env, *given, "--head-id", "Ketua LSP", "--basis", "SK 1")
    assert badly_spelt.exit_code == 3
    assert not (tmp_path / "certflow.toml").exists()
    founded = _ok(env, *given, "--head-id", HEAD, "--basis", "SK 1")
    assert f"personnel register founded: {HEAD}" in _flat(founded)
    staff = json.loads(_ok(env, "staff", "list", "--json"))
    assert [a["role"] for m in staff if m["person_id"] == HEAD for a in m["appointments"]] == [
        "head_of_lsp"
    ]


def test_a_complaint_is_filed_and_withdrawn_by_id(lsp: Small) -> None:
    env, cases = lsp
    filed = _ok(env, "--as", ADMIN, "complaint", "file", "--about", "certified_person",
                "--case", cases[SARI], "--summary", "dipakai di luar lingkup")  # fmt: skip
    complaint = filed.split()[-1]
    _ok(env, "--as", ADMIN, "complaint", "withdraw", complaint, "--reason", "salah paham")
    listed = json.loads(_ok(env, "complaint", "list", "--json"))
    assert [c["stage"] for c in listed if c["complaint_id"] == complaint] == ["withdrawn"]
    not_an_id = _run(env, "--as", ADMIN, "complaint", "acknowledge", "pengaduan-1")
    assert not_an_id.exit_code == 3
    assert "not a complaint id" in not_an_id.output


def test_staff_and_data_protection_commands_take_the_global_as_too(lsp: Small) -> None:
    env, _ = lsp
    appointed = _ok(env, "--as", HEAD, "staff", "appoint", "admin-tuk-01", "--role", "tuk_admin",
                    "--basis", "SK 3")  # fmt: skip
    assert "admin-tuk-01#1" in appointed
    by_env = _run(env | {"CERTFLOW_ACTOR": ADMIN}, "staff", "appoint", "admin-tuk-02",
                  "--role", "tuk_admin", "--basis", "SK 3")  # fmt: skip
    assert by_env.exit_code == 3  # the admin is not a head of the LSP (P2)
    assert "P2" in by_env.output
    nobody = _run(env, "staff", "appoint", "admin-tuk-03", "--role", "tuk_admin", "--basis", "x")
    assert nobody.exit_code == 3
    assert "--as PERSON" in _flat(nobody.output)
