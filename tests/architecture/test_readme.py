"""The README's library example runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).parents[2] / "README.md"


def test_the_library_example_in_the_readme_runs(capsys: pytest.CaptureFixture[str]) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
    assert len(blocks) == 1
    exec(compile(blocks[0], str(README), "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split()[:3] == ["1", "2024-10-21", "Registered"]
    assert printed[-1].split()[2:4] == ["CertificateDistributed", "lsp_admin"]


def test_the_readme_gives_the_two_setup_commands_ci_runs() -> None:
    text = README.read_text()
    assert "pip install -e '.[all,dev]' && certflow demo" in text
    assert ". .venv/bin/activate && python -m pytest" in text
    ci = (README.parent / ".ci" / "run").read_text()
    assert "python -m pytest" in ci
    assert "pip install --quiet -e '.[all,dev]'" in ci


def test_the_policy_scenario_in_the_readme_runs(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    (block,) = re.findall(r"```gherkin\n(.*?)```", README.read_text(), flags=re.DOTALL)
    (tmp_path / "features").mkdir()
    (tmp_path / "features" / "readme.feature").write_text(block)
    (tmp_path / "test_readme_policy.py").write_text(
        'from pytest_bdd import scenarios\n\nscenarios("features")\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir", tmp_path],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed" in done.stdout
