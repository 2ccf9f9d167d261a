"""The stand-alone policy-test project passes with nothing but the shipped step vocabulary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "policy-tests"


def test_the_example_project_has_no_step_definitions_of_its_own() -> None:
    python = list(EXAMPLE.rglob("*.py"))
    assert [p.name for p in python] == ["test_policies.py"]
    code = python[0].read_text()
    for decorator in ("@given", "@when", "@then"):
        assert decorator not in code
    assert 'scenarios("features")' in code
    languages = {
        p.name: p.read_text().startswith("# language: id")
        for p in (EXAMPLE / "features").glob("*.feature")
    }
    assert set(languages.values()) == {True, False}  # one Indonesian, one English


def test_the_example_project_passes_from_its_own_folder() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b7 passed\b", done.stdout), done.stdout
