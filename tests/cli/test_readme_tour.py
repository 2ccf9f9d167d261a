"""Every shell command the README shows after the setup runs, as written, on a demo store."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import certflow
from certflow import Stage

README = Path(__file__).parents[2] / "README.md"


def _tour_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", README.read_text(), flags=re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    # The two setup commands are what CI itself runs; the rest is the tour.
    return [line.split("   #")[0].strip() for line in lines if line.startswith("certflow ")]


LATE = {"id": "8 hari terlambat", "en": "8 days late"}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_certflow_command_in_the_readme_runs(tmp_path: Path, lang: str) -> None:
    commands = _tour_commands()
    assert len(commands) >= 15, commands
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CERTFLOW_", "PYTEST"))}
    env["CERTFLOW_LANG"] = lang
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    subprocess.run(["certflow", "demo"], cwd=tmp_path, env=env, check=True, capture_output=True)

    lsp = certflow.open(f"sqlite:///{tmp_path / 'certflow.db'}")
    try:
        (row, *_) = lsp.list_certifications(stage=Stage.DISTRIBUTED)
        subject = lsp.get(row.id).subject_id
    finally:
        lsp.close()
    for line in commands:
        command = re.sub(r"<id>|\bID\b", str(row.id), line).replace("SUBJECT", str(subject))
        command = command.replace(" examples/", f" {README.parent / 'examples'}/")
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        # The demo hands one certificate over late (R41), so the audit reports one finding.
        expected = 1 if command == "certflow audit" else 0
        assert done.returncode == expected, f"{command}\n{done.stdout}\n{done.stderr}"
        if command == "certflow audit":
            assert "R41" in done.stdout
            assert LATE[lang] in done.stdout
    assert (tmp_path / "sertifikat.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "sesi.pdf").stat().st_size > (tmp_path / "sertifikat.pdf").stat().st_size
