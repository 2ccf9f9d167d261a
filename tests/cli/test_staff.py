"""``certflow staff``: the personnel register from the command line, in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import certflow
from certflow.cli import EXIT_NOT_FOUND, EXIT_REFUSED, app

runner = CliRunner()

HEAD = "ketua-lsp-01"
BASIS = "SK Ketua LSP No. 001/2024"


def _run(store: str, *args: str, lang: str = "en") -> Result:
    """One ``certflow staff`` call on ``store``; never a traceback, whatever the outcome."""
    result = runner.invoke(
        app, ["staff", *args, "--store", store], env={"CERTFLOW_LANG": lang, "COLUMNS": "200"}
    )
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _ok(store: str, *args: str, lang: str = "en") -> str:
    result = _run(store, *args, lang=lang)
    assert result.exit_code == 0, result.output
    return result.output


def _refused(store: str, *args: str, code: int = EXIT_REFUSED, lang: str = "en") -> str:
    result = _run(store, *args, lang=lang)
    assert result.exit_code == code, result.output
    return " ".join(result.output.split())  # rich wraps long messages


@pytest.fixture
def store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'staff.db'}"
    certflow.open(url).close()  # a new, empty store (certflow init makes one)
    return url


@pytest.fixture
def founded(store: str) -> str:
    _ok(store, "init", HEAD, "--basis", BASIS)
    return store


def _show(store: str, person: str) -> Any:
    return json.loads(_ok(store, "show", person, "--json"))


# -- init ---------------------------------------------------------------------------------------


def test_init_founds_the_register_once_in_both_languages(store: str) -> None:
    said = _ok(store, "init", HEAD, "--basis", BASIS, lang="id")
    assert "daftar personel didirikan" in said
    assert f"{HEAD}#1" in said
    again = _refused(store, "init", "someone-else", "--basis", BASIS)
    assert (
        "P1: the personnel register was founded already, by head of the LSP ketua-lsp-01" in again
    )
    again_id = _refused(store, "init", "someone-else", "--basis", BASIS, lang="id")
    assert "ditolak P1: daftar personel sudah didirikan oleh ketua LSP ketua-lsp-01" in again_id


def test_init_refuses_an_id_that_is_not_canonical(store: str) -> None:
    said = _refused(store, "init", "Ketua-LSP", "--basis", BASIS)
    assert "refused P1" in said
    assert "not a person id" in said
    assert "no personnel register yet" in " ".join(_ok(store, "list").split())


def test_a_store_without_a_register_refuses_appointing_and_says_how_to_found_it(
    store: str,
) -> None:
    said = _refused(
        store, "appoint", "lsp-admin-01", "--role", "lsp_admin", "--basis", BASIS, "--by", HEAD
    )
    assert "P1" in said
    assert "certflow staff init" in said
    said = _refused(
        store,
        "appoint",
        "lsp-admin-01",
        "--role",
        "lsp_admin",
        "--basis",
        BASIS,
        "--by",
        HEAD,
        lang="id",
    )
    assert "ditolak P1" in said
    assert "belum memiliki daftar personel" in said


# -- appoint ------------------------------------------------------------------------------------


def test_appoint_with_scope_and_validity(founded: str) -> None:
    said = _ok(
        founded,
        "appoint",
        "komite-teknis-04",
        "--role",
        "certification_committee",
        "--scheme",
        "SKM/LSP-HG/MI/2024",
        "--scheme",
        "SKM/LSP-HG/PKK/2024",
        "--from",
        "2024-01-01",
        "--until",
        "2099-12-31",
        "--basis",
        "SK 014/2024",
        "--by",
        HEAD,
    )
    assert "appointed: komite-teknis-04#1 (certification_committee)" in said
    (made,) = _show(founded, "komite-teknis-04")["appointments"]
    assert made["scheme_codes"] == ["SKM/LSP-HG/MI/2024", "SKM/LSP-HG/PKK/2024"]
    assert (made["valid_from"], made["valid_until"]) == ("2024-01-01", "2099-12-31")
    assert made["appointed_by"] == HEAD
    assert made["in_force"] is True
    assert "ditetapkan: komite-teknis-04#2" in _ok(
        founded,
        "appoint",
        "komite-teknis-04",
        "--role",
        "appeal_panel",
        "--basis",
        "SK 015/2024",
        "--by",
        HEAD,
        lang="id",
    )


def test_appoint_by_someone_who_is_not_a_head_is_refused_with_the_missing_appointment(
    founded: str,
) -> None:
    _ok(founded, "appoint", "lsp-admin-01", "--role", "lsp_admin", "--basis", BASIS, "--by", HEAD)
    said = _refused(
        founded,
        "appoint",
        "dpo-01",
        "--role",
        "data_protection_officer",
        "--basis",
        BASIS,
        "--by",
        "lsp-admin-01",
    )
    assert "refused P2: lsp-admin-01 holds no appointment as head_of_lsp" in said
    assert "certflow staff appoint" in said


def test_appoint_refusals(founded: str) -> None:
    base = ["--basis", BASIS, "--by", HEAD]
    unknown_actor = _refused(
        founded, "appoint", "dpo-01", "--role", "lsp_admin", "--basis", BASIS, "--by", "nobody"
    )
    assert "refused P1" in unknown_actor
    assert "'nobody' is not a person" in unknown_actor
    spelt = _refused(
        founded,
        "appoint",
        "dpo-01",
        "--role",
        "lsp_admin",
        "--basis",
        BASIS,
        "--by",
        "KETUA-LSP-01",
    )
    assert "refused P1" in spelt
    assert "canonical" in spelt
    odd = _refused(founded, "appoint", "DPO 01", "--role", "lsp_admin", *base)
    assert "refused P1" in odd
    assert "not a person id" in odd
    zero_width = _refused(founded, "appoint", "dpo-01\u200b", "--role", "lsp_admin", *base)
    assert "P1" in zero_width
    assessor = _refused(founded, "appoint", "dpo-01", "--role", "assessor", *base)
    assert "P2" in assessor
    assert "not a role held by appointment" in assessor
    backwards = _refused(
        founded,
        "appoint",
        "dpo-01",
        "--role",
        "lsp_admin",
        "--from",
        "2025-02-01",
        "--until",
        "2025-01-01",
        *base,
    )
    assert "valid_until is before valid_from" in backwards
    bad_date = _refused(
        founded, "appoint", "dpo-01", "--role", "lsp_admin", "--from", "1/2/25", *base
    )
    assert "'1/2/25' is not a date (YYYY-MM-DD)" in bad_date
    own = _refused(founded, "appoint", HEAD, "--role", "lsp_admin", *base)
    assert "nobody appoints themself" in own
    no_role = _run(founded, "appoint", "dpo-01", "--role", "kepala", *base)
    assert no_role.exit_code == 2  # typer's usage error: not one of the roles
    assert _show(founded, HEAD)["appointments"]
    assert len(_show(founded, HEAD)["appointments"]) == 1
    assert "dpo-01" not in _ok(founded, "list")  # nothing was recorded


# -- end ----------------------------------------------------------------------------------------


def test_end_an_appointment_and_it_moves_out_of_force(founded: str) -> None:
    _ok(founded, "appoint", "lsp-admin-01", "--role", "lsp_admin", "--basis", BASIS, "--by", HEAD)
    said = _ok(founded, "end", "lsp-admin-01#1", "--reason", "mutasi", "--by", HEAD, lang="id")
    assert "penetapan diakhiri: lsp-admin-01#1" in said
    (ended,) = _show(founded, "lsp-admin-01")["appointments"]
    assert ended["in_force"] is False
    assert (ended["ended_by"], ended["end_reason"]) == (HEAD, "mutasi")
    again = _refused(founded, "end", "lsp-admin-01#1", "--reason", "x", "--by", HEAD)
    assert "ended on" in again
    assert "already" in again
    shown = " ".join(_ok(founded, "show", "lsp-admin-01").split())
    assert "Appointments in force on" in shown
    assert "Other appointments" in shown
    assert "mutasi" in shown


def test_ending_the_last_head_is_refused_until_another_head_is_appointed(founded: str) -> None:
    said = _refused(founded, "end", f"{HEAD}#1", "--reason", "purna", "--by", HEAD)
    assert "refused P2: ketua-lsp-01#1 is the last head-of-LSP appointment in force" in said
    assert "Appoint another head of the LSP first" in said
    said_id = _refused(founded, "end", f"{HEAD}#1", "--reason", "purna", "--by", HEAD, lang="id")
    assert "ditolak P2" in said_id
    assert "ketua LSP terakhir" in said_id
    _ok(founded, "appoint", "ketua-lsp-02", "--role", "head_of_lsp", "--basis", BASIS, "--by", HEAD)
    _ok(founded, "end", f"{HEAD}#1", "--reason", "purna", "--by", "ketua-lsp-02")
    assert _show(founded, HEAD)["appointments"][0]["in_force"] is False


def test_end_refusals(founded: str) -> None:
    not_an_id = _refused(founded, "end", "lsp-admin-01", "--reason", "x", "--by", HEAD)
    assert "is not an appointment id" in not_an_id
    unknown = _refused(
        founded, "end", "nobody#1", "--reason", "x", "--by", HEAD, code=EXIT_NOT_FOUND
    )
    assert "not found person nobody; check it" in unknown
    assert "certflow staff list" in unknown
    missing = _refused(founded, "end", f"{HEAD}#7", "--reason", "x", "--by", HEAD)
    assert "has no appointment ketua-lsp-01#7" in missing
    bad_day = _refused(
        founded, "end", f"{HEAD}#1", "--reason", "x", "--on", "kemarin", "--by", HEAD
    )
    assert "'kemarin' is not a date" in bad_day


# -- declare ------------------------------------------------------------------------------------


def test_declare_for_oneself_and_for_others(founded: str) -> None:
    _ok(
        founded,
        "appoint",
        "komite-teknis-02",
        "--role",
        "certification_committee",
        "--basis",
        BASIS,
        "--by",
        HEAD,
    )
    said = _ok(
        founded,
        "declare",
        "komite-teknis-02",
        "--relation",
        "supervisor",
        "--organisation",
        "Polda Papua",
        "--since",
        "2023-05-01",
        "--by",
        "komite-teknis-02",
    )
    assert "declaration recorded: komite-teknis-02!1" in said
    subject = "6f1c1c9e-3b0f-4c39-9a55-2b1f7e0c3d10"
    assert "pernyataan dicatat: komite-teknis-02!2" in _ok(
        founded,
        "declare",
        "komite-teknis-02",
        "--relation",
        "trainer",
        "--candidate",
        subject,
        "--note",
        "pelatihan pra-asesmen",
        "--by",
        HEAD,
        lang="id",
    )
    declared = _show(founded, "komite-teknis-02")["declarations"]
    assert [(d["relation"], d["organisation"], d["subject_id"]) for d in declared] == [
        ("supervisor", "Polda Papua", None),
        ("trainer", "", subject),
    ]
    shown = " ".join(_ok(founded, "show", "komite-teknis-02", lang="id").split())
    assert "Pernyataan kepentingan" in shown
    assert "Polda Papua" in shown


def test_declare_refusals(founded: str) -> None:
    for person in ("komite-teknis-02", "komite-teknis-03"):
        _ok(
            founded,
            "appoint",
            person,
            "--role",
            "certification_committee",
            "--basis",
            BASIS,
            "--by",
            HEAD,
        )
    neither = _refused(
        founded, "declare", "komite-teknis-02", "--relation", "other", "--by", "komite-teknis-02"
    )
    assert "R11" in neither
    assert "either one candidate" in neither
    for_another = _refused(
        founded,
        "declare",
        "komite-teknis-02",
        "--relation",
        "colleague",
        "--organisation",
        "Polda Aceh",
        "--by",
        "komite-teknis-03",
    )
    assert "refused R11" in for_another
    assert "only for themself" in for_another
    not_a_subject = _refused(
        founded,
        "declare",
        "komite-teknis-02",
        "--relation",
        "relative",
        "--candidate",
        "Budi",
        "--by",
        "komite-teknis-02",
    )
    assert "'Budi' is not a subject id" in not_a_subject
    stranger = _refused(
        founded,
        "declare",
        "komite-teknis-02",
        "--relation",
        "other",
        "--organisation",
        "Polda Aceh",
        "--by",
        "orang-luar",
    )
    assert "P1" in stranger
    assert _show(founded, "komite-teknis-02")["declarations"] == []


# -- list and show ------------------------------------------------------------------------------


def test_list_in_both_languages_and_as_json(founded: str) -> None:
    _ok(
        founded,
        "appoint",
        "lsp-admin-01",
        "--role",
        "lsp_admin",
        "--scheme",
        "S-1",
        "--basis",
        BASIS,
        "--by",
        HEAD,
    )
    english = _ok(founded, "list", "--on", "2030-01-01")
    assert "LSP personnel register on 2030-01-01" in english
    assert "3 people" in english
    indonesian = _ok(founded, "list", lang="id")
    assert "Daftar personel LSP per" in indonesian
    assert "3 orang" in indonesian
    rows = json.loads(_ok(founded, "list", "--json"))
    assert [r["person_id"] for r in rows] == ["certflow-sweep", HEAD, "lsp-admin-01"]
    assert [a["role"] for a in rows[0]["appointments"]] == ["system"]
    before = json.loads(_ok(founded, "list", "--on", "2000-01-01", "--json"))
    assert all(not a["in_force"] for r in before for a in r["appointments"])
    assert "'soon' is not a date" in _refused(founded, "list", "--on", "soon")


def test_show_unknown_and_misspelt_people(founded: str) -> None:
    unknown = _refused(founded, "show", "nobody", code=EXIT_NOT_FOUND)
    assert "not found person nobody; check it" in unknown
    assert "certflow staff list" in unknown
    unknown_id = _refused(founded, "show", "nobody", code=EXIT_NOT_FOUND, lang="id")
    assert "tidak ditemukan" in unknown_id
    misspelt = _refused(founded, "show", "Ketua-LSP-01")
    assert "refused P1" in misspelt
    assert "canonical" in misspelt
    shown = _ok(founded, "show", HEAD, lang="id")
    assert "personel ketua-lsp-01" in shown
    assert "head_of_lsp" in shown
