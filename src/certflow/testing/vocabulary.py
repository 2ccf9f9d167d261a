"""The registry of the shipped step phrases and the helpers the step modules share."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar

from pytest_bdd import given, parsers, then, when

from certflow.domain import AppealRemedy, Stage
from certflow.testing.context import PolicyContext

__all__ = [
    "REMEDIES",
    "VOCABULARY",
    "Phrase",
    "on",
    "parse_day",
    "parse_list",
    "parse_stage",
    "phrase",
    "steps_markdown",
]

F = TypeVar("F", bound=Callable[..., Any])
Kind = Literal["given", "when", "then"]


@dataclass(frozen=True)
class Phrase:
    """One step of the vocabulary, in both languages."""

    kind: Kind
    id: str
    en: str
    doc: str


VOCABULARY: list[Phrase] = []
"""Every phrase, in the order it is defined here."""

_DECORATORS = {"given": given, "when": when, "then": then}


def phrase(kind: Kind, id: str, en: str, doc: str) -> Callable[[F], F]:
    """Bind one function to an Indonesian and an English step text (``parsers.parse``).

    A command phrase (``when``) also works as a Given, stating a fact that happened: there a
    refusal fails the scenario at once instead of waiting for a Then step.
    """

    def register(func: F) -> F:
        for text in (id, en):
            _DECORATORS[kind](parsers.parse(text), stacklevel=2)(func)
            if kind == "when":
                given(parsers.parse(text), stacklevel=2)(_as_fact(func))
        VOCABULARY.append(Phrase(kind, id, en, doc))
        return func

    return register


def _as_fact(func: F) -> F:
    @functools.wraps(func)
    def fact(*args: Any, **kwargs: Any) -> None:
        func(*args, **kwargs)
        context: PolicyContext = kwargs["certflow_context"]
        if context.error is not None:
            raise AssertionError(f"this Given was refused: {context.error}")

    return fact  # type: ignore[return-value]


def parse_day(text: str) -> date:
    """A YYYY-MM-DD date from a step."""
    return date.fromisoformat(text.strip())


def parse_list(text: str) -> list[str]:
    """A comma-separated list from a step."""
    return [part.strip() for part in text.split(",") if part.strip()]


_STAGES = {s.value: s for s in Stage}
_STAGE_WORDS = {
    "terdaftar": "registered",
    "portofolio diserahkan": "portfolio_submitted",
    "diwawancarai": "interviewed",
    "kompeten": "competent",
    "belum kompeten": "not_yet_competent",
    "sertifikat dicetak": "certificate_printed",
    "sertifikat diserahkan": "distributed",
    "ditolak": "rejected",
    "mengundurkan diri": "withdrawn",
    "dalam banding": "under_appeal",
    "dibekukan": "suspended",
    "dicabut": "revoked",
    "kedaluwarsa": "expired",
    "digantikan": "superseded",
}
REMEDIES = {
    "keputusan direvisi": AppealRemedy.REVISED_DECISION,
    "revised decision": AppealRemedy.REVISED_DECISION,
    "asesmen ulang": AppealRemedy.REASSESSMENT,
    "reassessment": AppealRemedy.REASSESSMENT,
}


def parse_stage(text: str) -> Stage:
    """A stage by its code name or its Indonesian words."""
    value = _STAGE_WORDS.get(text.strip().lower(), text.strip())
    try:
        return _STAGES[value]
    except KeyError:
        raise AssertionError(f"unknown stage {text!r}; use one of {sorted(_STAGES)}") from None


def on(context: PolicyContext, name: str, command: Callable[[Any, Any], None]) -> None:
    """Run ``command(certification id, lsp)`` on ``name``'s certification, keeping a refusal."""
    context.run(name, lambda: command(context.certification(name), context.lsp))


def steps_markdown() -> str:
    """The text of ``docs/steps.md``."""
    heads = {"given": "Diketahui / Given", "when": "Ketika / When", "then": "Maka / Then"}
    lines = [
        "# The step vocabulary",
        "",
        "Generated from `certflow.testing.steps.VOCABULARY`; do not edit by hand (a test fails",
        "when this file is stale). Every phrase works in Bahasa Indonesia (`# language: id`,",
        "keywords `Diketahui`, `Ketika`, `Maka`, `Dan`) and in English. Quoted values and dates",
        "(YYYY-MM-DD) are yours; lists are comma-separated. Install with",
        "`pip install 'certflow[testing]'` and bind your features with `scenarios(\"features\")`.",
        "",
    ]
    for kind in ("given", "when", "then"):
        lines += [f"## {heads[kind]}", "", "| Bahasa Indonesia | English | what it does |"]
        lines.append("| --- | --- | --- |")
        for p in VOCABULARY:
            if p.kind == kind:
                lines.append(f"| `{p.id}` | `{p.en}` | {p.doc} |")
        lines.append("")
    return "\n".join(lines)
