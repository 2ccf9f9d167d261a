"""One language at a time: help, refusals, not-found messages and ``show`` in id or in en."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from certflow.cli import app

ENGLISH = re.compile(r"\b(the|The|refused|not found|exists|was|and|with|is)\b")
"""Words an Indonesian screen never shows."""
INDONESIAN = re.compile(r"\b(ditolak|tidak|yang|dan|untuk|dengan|sudah|bukan|atau)\b")
"""Words an English screen never shows."""
TELLTALE = {"id": ENGLISH, "en": INDONESIAN}

runner = CliRunner()


def _run(lang: str, *args: str) -> str:
    result = runner.invoke(app, ["--lang", lang, *args], env={"COLUMNS": "200"})
    return result.output


def _other_language(lang: str, output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if TELLTALE[lang].search(line)]


def _command_paths() -> list[list[str]]:
    paths: list[list[str]] = [[]]

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    store = f"sqlite:///{tmp_path_factory.mktemp('languages') / 'certflow.db'}"
    assert runner.invoke(app, ["demo", "--store", store]).exit_code == 0
    return store


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_help_of_every_command_is_in_one_language(lang: str) -> None:
    paths = _command_paths()
    assert len(paths) > 40
    mixed = {}
    for path in paths:
        output = _run(lang, *path, "--help")
        assert "Usage:" not in output if lang == "id" else "Pemakaian:" not in output
        assert "<bool>" not in output, path
        if found := _other_language(lang, output):
            mixed[" ".join(path) or "certflow"] = found
    assert not mixed


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_refusal_is_in_one_language(lang: str, tmp_path: Path) -> None:
    keys = str(tmp_path / "keys")
    assert (
        runner.invoke(app, ["keys", "create", "--dir", keys, "--lsp-name", "LSP X"]).exit_code == 0
    )
    output = _run(lang, "keys", "create", "--dir", keys, "--lsp-name", "LSP X")
    assert ("ditolak" if lang == "id" else "refused") in output
    assert not _other_language(lang, output), output


@pytest.mark.parametrize("lang", ["id", "en"])
def test_not_found_and_invalid_input_are_in_one_language(lang: str, demo_store: str) -> None:
    missing = _run(lang, "show", "NOPE-1", "--store", demo_store)
    assert ("nomor sertifikat" if lang == "id" else "certificate number") in missing
    invalid = _run(lang, "show", "HG-MI/00001/2024", "--store", demo_store, "--at", "yesterday")
    assert ("bukan waktu" if lang == "id" else "is not a time") in invalid
    for output in (missing, invalid):
        assert not _other_language(lang, output), output


@pytest.mark.parametrize("lang", ["id", "en"])
def test_show_is_in_one_language(lang: str, demo_store: str) -> None:
    output = _run(lang, "show", "HG-MI/00001/2024", "--store", demo_store)
    assert ("kandidat" if lang == "id" else "candidate") in output
    assert ("tenggat distribusi" if lang == "id" else "deadline distribution") in output
    assert not _other_language(lang, output), output


def test_the_language_comes_from_the_environment_then_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CERTFLOW_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Usage:" in runner.invoke(app, ["--help"]).output
    monkeypatch.setenv("LC_ALL", "id_ID.UTF-8")
    assert "Pemakaian:" in runner.invoke(app, ["--help"]).output
    monkeypatch.setenv("CERTFLOW_LANG", "en")
    assert "Usage:" in runner.invoke(app, ["--help"]).output
    assert "Pemakaian:" in runner.invoke(app, ["--lang", "id", "--help"]).output
    monkeypatch.delenv("LC_ALL")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("CERTFLOW_LANG")
    assert "Pemakaian:" in runner.invoke(app, ["--help"]).output  # default: Bahasa Indonesia


def test_an_unknown_language_is_a_usage_error() -> None:
    result = runner.invoke(app, ["--lang", "fr", "list"])
    assert result.exit_code == 2
    assert "choose id or en" in result.output  # in CERTFLOW_LANG (en): --lang was refused
