"""The operator guide (docs/panduan/) runs as written.

The cohort page, docs/panduan/angkatan.md, is a script: its ``sh`` blocks, in order, take a
small cohort from ``certflow init`` to the hand-over, the BNSP request and the checks, each with
the real ``certflow`` entry point in a shell (the page sets shell variables, as an operator
does). Every file block with a title (``kandidat.csv``) is written first. Each command must exit
0 (``set -e``); the result is then read back with ``certflow list``.

Every ``certflow`` command line on every page of the guide names a command and options that
exist: a flag the guide invents fails here, not in an operator's hands.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

from certflow.cli import app as certflow_app

GUIDE = Path(__file__).parents[2] / "docs" / "panduan"
SESSION = "EUK/HUMAS-POLRI/2024-11"
_FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```\s*$", re.DOTALL | re.MULTILINE)
_TITLE = re.compile(r'title="([^"]+)"')


def _blocks(page: Path, language: str) -> list[tuple[str, str]]:
    """Each fenced block of ``language`` on the page: (its info string, its text)."""
    text = page.read_text(encoding="utf-8")
    return [(info, body) for lang, info, body in _FENCE.findall(text) if lang == language]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CERTFLOW_", "PYTEST"))}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return env


@pytest.mark.skipif(shutil.which("bash") is None, reason="the guide's shell blocks need bash")
def test_the_cohort_page_runs_a_cohort_with_certflow_commands_only(tmp_path: Path) -> None:
    page = GUIDE / "angkatan.md"
    for language in ("csv", "json", "toml"):
        for info, body in _blocks(page, language):
            if title := _TITLE.search(info):
                (tmp_path / title.group(1)).write_text(body, encoding="utf-8")
    script = "\n".join(body for _, body in _blocks(page, "sh"))
    assert "certflow init" in script
    assert "python" not in script  # the operator needs no library call
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=tmp_path, env=_env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"{done.stdout[-4000:]}\n{done.stderr[-4000:]}"

    # What the page says an operator sees: the stages, the number printed, the files, the checks.
    rows = {row["name"]: row for row in _json(tmp_path, "list")}
    budi, sari = rows["Budi Santoso"], rows["Sari Dewi"]
    assert budi["stage"] == "distributed"
    assert budi["certificate_number"] == "HG-MI/00001/2024"
    assert f"{budi['id']} HG-MI/00001/2024" in done.stdout  # case print names the number
    assert sari["stage"] == "not_yet_competent"  # BK, and her appeal was dismissed
    board = {(r["session_code"], r["stage"]): r["count"] for r in _json(tmp_path, "board")}
    assert board == {(SESSION, "distributed"): 1, (SESSION, "not_yet_competent"): 1}
    assert len(list((tmp_path / "sertifikat").glob("*.pdf"))) == 1
    assert len(list((tmp_path / "laporan").glob("permohonan-blanko-*"))) == 2
    for check in (["verify"], ["audit"], ["verify-certificate", "HG-MI/00001/2024"]):
        again = subprocess.run(
            ["certflow", *check], cwd=tmp_path, env=_env(), capture_output=True, check=False
        )
        assert again.returncode == 0, check


def _json(cwd: Path, command: str) -> list[dict[str, Any]]:
    listed = subprocess.run(
        ["certflow", command, "--format", "json"],
        cwd=cwd, env=_env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows: list[dict[str, Any]] = json.loads(listed.stdout)
    return rows


def _command_lines(page: Path) -> list[str]:
    """The ``certflow …`` invocations in a page's ``sh`` blocks, continuation lines joined."""
    found: list[str] = []
    for _, body in _blocks(page, "sh"):
        text = body.replace("\\\n", " ").replace('"$(', "$(").replace(')"', ")")
        for line in text.splitlines():
            for match in re.finditer(r"(?:^|\$\(|\s)certflow\s+([^|)>#]*)", line):
                found.append(match.group(1))
    return found


def _check(line: str, command: Any) -> None:
    """Walk ``line`` down the command tree; every ``--option`` must be one the command has.

    Typer bundles its own click, so the tree is walked by what its objects have, not by class.
    """
    tokens = shlex.split(line)
    context = command.context_class(command)
    while tokens:
        token = tokens.pop(0)
        if token == "--help":
            return
        if token.startswith("-") and token != "-":
            name = token.split("=", 1)[0]
            params = {o: p for p in command.params for o in (*p.opts, *p.secondary_opts)}
            assert name in params, f"certflow {line}: {name} is not an option of {command.name}"
            param = params[name]
            takes_value = param.param_type_name == "option" and not param.is_flag
            if takes_value and "=" not in token:
                tokens.pop(0)
        elif hasattr(command, "get_command"):
            sub = command.get_command(context, token)
            assert sub is not None, f"certflow {line}: no command {token!r}"
            command = sub
            context = command.context_class(command, parent=context)


@pytest.mark.parametrize("page", sorted(GUIDE.glob("*.md")), ids=lambda p: p.name)
def test_every_command_in_the_guide_exists_with_its_options(page: Path) -> None:
    cli = typer.main.get_command(certflow_app)
    for line in _command_lines(page):
        _check(line, cli)
