"""A file named on the command line that cannot be opened or written is a message, never a
traceback: the file, the system's reason, exit 3, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import certflow
from certflow.cli import EXIT_REFUSED, app
from certflow.demo import run_demo
from tests.support import write_profile_file

runner = CliRunner()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("files")
    url = f"sqlite:///{folder / 'store.db'}"
    lsp = certflow.open(url)
    try:
        run_demo(lsp)
    finally:
        lsp.close()
    created = runner.invoke(app, ["keys", "create", "--dir", str(folder / "keys")])
    assert created.exit_code == 0, created.output
    write_profile_file(folder, store=url)
    return url


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["checkpoint", "--key", "/nowhere/lsp-signing.key"], "/nowhere/lsp-signing.key"),
        (["verify-certificate", "anything", "--public-key", "/nowhere/keys"], "/nowhere/keys"),
        (
            ["certificate", "HG-MI/00001/2024", "--pdf", "/nowhere/dir/s.pdf", "--key-dir", "K"],
            "/nowhere/dir/s.pdf",
        ),
    ],
)
@pytest.mark.parametrize(("lang", "said"), [("en", "cannot be opened"), ("id", "tidak dapat")])
def test_a_missing_file_is_refused_with_its_name(
    store: str,
    args: list[str],
    named: str,
    lang: str,
    said: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CERTFLOW_LANG", lang)
    keys = str(Path(store.removeprefix("sqlite:///")).parent / "keys")
    args = [keys if a == "K" else a for a in args]
    config = Path(store.removeprefix("sqlite:///")).parent / "certflow.toml"
    result = runner.invoke(app, ["--config", str(config), *args, "--store", store])
    assert result.exit_code == EXIT_REFUSED, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert named in result.output
    assert said in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang", ["en", "id"])
def test_printing_before_any_key_exists_says_how_to_create_one(
    store: str, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CERTFLOW_LANG", lang)
    result = runner.invoke(
        app, ["certificate", "HG-MI/00001/2024", "--store", store, "--key-dir", str(tmp_path)]
    )
    assert result.exit_code == EXIT_REFUSED, result.output
    assert "certflow keys create" in " ".join(result.output.split())
    assert "Traceback" not in result.output
