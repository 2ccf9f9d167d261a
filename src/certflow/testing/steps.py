"""The step vocabulary certflow ships for policy scenarios, in Bahasa Indonesia and English.

Every phrase has an Indonesian and an English form bound to the same function, so a feature
file may be written in either language (``# language: id`` or none). A project needs only
``pip install 'certflow-lsp[testing]'`` and a test module with ``scenarios("features")``; the
pytest plugin registered by certflow makes these steps available. ``docs/steps.md`` lists them
(generated from :data:`VOCABULARY`). The steps live in :mod:`.steps_given`, :mod:`.steps_when`,
:mod:`.steps_when_after`, :mod:`.steps_staff`, :mod:`.steps_people`, :mod:`.steps_privacy`,
:mod:`.steps_then`, :mod:`.steps_tuk`, :mod:`.steps_cases`, :mod:`.steps_preassessment`,
:mod:`.steps_decision_content` and :mod:`.steps_corrections`.
"""

from __future__ import annotations

from certflow.testing import (
    steps_cases,
    steps_corrections,
    steps_decision_content,
    steps_given,
    steps_people,
    steps_preassessment,
    steps_privacy,
    steps_staff,
    steps_then,
    steps_tuk,
    steps_when,
    steps_when_after,
)
from certflow.testing.vocabulary import VOCABULARY, Phrase, steps_markdown

__all__ = ["MODULES", "VOCABULARY", "Phrase", "steps_markdown"]

MODULES = (
    steps_given,
    steps_when,
    steps_when_after,
    steps_staff,
    steps_people,
    steps_privacy,
    steps_then,
    steps_tuk,
    steps_cases,
    steps_preassessment,
    steps_decision_content,
    steps_corrections,
)
"""The modules whose step definitions the pytest plugin registers."""
