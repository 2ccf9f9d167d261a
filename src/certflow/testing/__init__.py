"""Testing aids shipped with certflow: a bilingual Gherkin step vocabulary for policy scenarios.

The vocabulary (Bahasa Indonesia and English) and the context its steps share live here.

The steps need pytest and pytest-bdd (``pip install 'certflow[testing]'``). certflow registers
:mod:`certflow.testing.plugin` as a pytest plugin, so a project's test module needs only::

    from pytest_bdd import scenarios

    scenarios("features")
"""

from __future__ import annotations

from certflow.testing.context import MILESTONES, PolicyContext

__all__ = ["MILESTONES", "PolicyContext"]
