"""The pytest plugin certflow registers (entry point ``pytest11``): loads the step vocabulary.

When pytest-bdd is not installed (certflow installed without its ``testing`` extra), the plugin
does nothing, so it never breaks a test suite that does not use it.
"""

from __future__ import annotations

import importlib.util

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Register the step modules as plugins when pytest-bdd is available."""
    if importlib.util.find_spec("pytest_bdd") is None:
        return
    from certflow.testing.steps import MODULES

    for module in MODULES:
        if not config.pluginmanager.is_registered(module):
            config.pluginmanager.register(module, f"certflow-{module.__name__.rsplit('.', 1)[1]}")
