"""The certification rulebook: Indonesian features run with the step vocabulary certflow ships."""

from __future__ import annotations

from pytest_bdd import scenarios

scenarios("certification")
