"""The driver and the standard actors load without pytest: the demo runs where it is absent."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

_PROBE = """
import json, sys
import {module}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("pytest", "_pytest", "pytest_bdd"))
print(json.dumps(loaded))
"""


@pytest.mark.parametrize(
    "module",
    [
        "certflow.testing",
        "certflow.testing.driver",
        "certflow.testing.actors",
        "certflow.testing.route",
        "certflow.testing.reference",
        "certflow.testing.context",
        "certflow.demo",
    ],
)
def test_importing_loads_no_pytest(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == []


def test_the_step_modules_do_need_pytest_bdd() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(module="certflow.testing.steps")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pytest_bdd" in json.loads(done.stdout)
