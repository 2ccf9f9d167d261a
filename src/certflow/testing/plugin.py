"""The pytest plugin certflow registers (entry point ``pytest11``): loads the step vocabulary.

When pytest-bdd is not installed (certflow installed without its ``testing`` extra), the plugin
does nothing, so it never breaks a test suite that does not use it.
"""

from __future__ import annotations

import importlib.util

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register :mod:`certflow.testing.steps` as a plugin when pytest-bdd is available."""
    if importlib.util.find_spec("pytest_bdd") is None:
        return
    from certflow.testing import steps

    if not config.pluginmanager.is_registered(steps):
        config.pluginmanager.register(steps, "certflow-steps")
