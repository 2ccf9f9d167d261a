"""Testing aids shipped with certflow: a main-path driver and a bilingual Gherkin vocabulary.

:class:`MainPath` (:mod:`.driver`) takes certifications from registration to hand-over with the
standard actors (:mod:`.actors`) on a :class:`~certflow.FixedClock`; the test suite, the
benchmarks, the demo and the Gherkin steps all use it. This package and those modules import no
pytest, so the demo runs without it.

The step vocabulary (Bahasa Indonesia and English, :mod:`.steps`) needs pytest and pytest-bdd
(``pip install 'certflow-lsp[testing]'``). certflow registers :mod:`certflow.testing.plugin` as a
pytest plugin, so a project's test module needs only::

    from pytest_bdd import scenarios

    scenarios("features")
"""

from __future__ import annotations

from certflow.testing.actors import ADMIN, COMMITTEE, COMMITTEE_MEMBERS, MANAGER
from certflow.testing.context import PolicyContext
from certflow.testing.driver import MainPath
from certflow.testing.route import CALENDAR, MILESTONES, STEPS, Route, Timetable

__all__ = [
    "ADMIN",
    "CALENDAR",
    "COMMITTEE",
    "COMMITTEE_MEMBERS",
    "MANAGER",
    "MILESTONES",
    "STEPS",
    "MainPath",
    "PolicyContext",
    "Route",
    "Timetable",
]
