"""The registry of the shipped step phrases and the helpers the step modules share."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar

from pytest_bdd import given, parsers, then, when

from certflow.domain import AppealRemedy, Relation, Role, Stage
from certflow.testing.context import PolicyContext

__all__ = [
    "RELATIONS",
    "REMEDIES",
    "ROLE_WORDS",
    "VOCABULARY",
    "Phrase",
    "on",
    "parse_day",
    "parse_list",
    "parse_relation",
    "parse_role",
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


def phrase(kind: Kind, id: str, en: str, doc: str, *, anywhere: bool = False) -> Callable[[F], F]:
    """Bind one function to an Indonesian and an English step text (``parsers.parse``).

    A command phrase (``when``) also works as a Given, stating a fact that happened: there a
    refusal fails the scenario at once instead of waiting for a Then step. With ``anywhere``
    (the clock) the phrase works as a Given, a When and a Then alike. ``{role:Role}`` and
    ``{relation:Relation}`` fields match only the phrases of :data:`ROLE_WORDS` and
    :data:`RELATIONS`, so a mistyped role leaves the step unmatched and the scenario fails.
    """

    def register(func: F) -> F:
        for text in (id, en):
            _DECORATORS[kind](_parser(text), stacklevel=2)(func)
            if kind == "when":
                given(_parser(text), stacklevel=2)(_as_fact(func))
            elif anywhere:
                for other in ("given", "when", "then"):
                    if other != kind:
                        _DECORATORS[other](_parser(text), stacklevel=2)(func)
        VOCABULARY.append(Phrase(kind, id, en, doc))
        return func

    return register


def _parser(text: str) -> parsers.parse:
    return parsers.parse(text, extra_types={"Role": parse_role, "Relation": parse_relation})


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
    "asesmen ditunda": "assessment_deferred",
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


ROLE_WORDS: dict[str, Role] = {
    "komite sertifikasi": Role.CERTIFICATION_COMMITTEE,
    "anggota komite sertifikasi": Role.CERTIFICATION_COMMITTEE,
    "komite": Role.CERTIFICATION_COMMITTEE,
    "certification committee member": Role.CERTIFICATION_COMMITTEE,
    "certification committee": Role.CERTIFICATION_COMMITTEE,
    "manajer sertifikasi": Role.CERTIFICATION_MANAGER,
    "certification manager": Role.CERTIFICATION_MANAGER,
    "asesor": Role.ASSESSOR,
    "assessor": Role.ASSESSOR,
    "admin LSP": Role.LSP_ADMIN,
    "LSP admin": Role.LSP_ADMIN,
    "kandidat": Role.CANDIDATE,
    "asesi": Role.CANDIDATE,
    "candidate": Role.CANDIDATE,
    "anggota panel banding": Role.APPEAL_PANEL,
    "panel banding": Role.APPEAL_PANEL,
    "appeal panel member": Role.APPEAL_PANEL,
    "appeal panel": Role.APPEAL_PANEL,
    "ketua LSP": Role.HEAD_OF_LSP,
    "head of the LSP": Role.HEAD_OF_LSP,
    "head of LSP": Role.HEAD_OF_LSP,
    "admin TUK": Role.TUK_ADMIN,
    "TUK admin": Role.TUK_ADMIN,
    "petugas pelindungan data": Role.DATA_PROTECTION_OFFICER,
    "pejabat pelindungan data pribadi": Role.DATA_PROTECTION_OFFICER,
    "data protection officer": Role.DATA_PROTECTION_OFFICER,
    "sistem": Role.SYSTEM,
    "system": Role.SYSTEM,
    **{r.value: r for r in Role},
}
"""Role phrases a step may name (Indonesian, English, or the role's code name), any case."""

_ROLE_KEYS = {k.lower(): v for k, v in ROLE_WORDS.items()}


def _alternatives(words: Iterable[str]) -> str:
    texts = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(t) for t in texts)


def parse_role(text: str) -> Role:
    """A role by one of :data:`ROLE_WORDS`, optionally in double quotes.

    Raises:
        AssertionError: the phrase names no role (a step only gets here from a matching text).
    """
    key = text.strip().strip('"').strip().lower()
    try:
        return _ROLE_KEYS[key]
    except KeyError:
        raise AssertionError(f"unknown role {text!r}; use one of {sorted(ROLE_WORDS)}") from None


parse_role.pattern = f'"?(?:{_alternatives(ROLE_WORDS)})"?'  # type: ignore[attr-defined]

RELATIONS: dict[str, tuple[Relation, bool]] = {
    "berhubungan keluarga dengan kandidat": (Relation.RELATIVE, False),
    "berhubungan dengan kandidat": (Relation.OTHER, False),
    "melatih kandidat": (Relation.TRAINER, False),
    "menyupervisi kandidat": (Relation.SUPERVISOR, False),
    "adalah atasan kandidat": (Relation.SUPERVISOR, False),
    "adalah kandidat": (Relation.SELF, False),
    "bekerja pada organisasi": (Relation.EMPLOYER, True),
    "berhubungan dengan organisasi": (Relation.OTHER, True),
    "is a relative of candidate": (Relation.RELATIVE, False),
    "is related to candidate": (Relation.OTHER, False),
    "trained candidate": (Relation.TRAINER, False),
    "supervised candidate": (Relation.SUPERVISOR, False),
    "supervises candidate": (Relation.SUPERVISOR, False),
    "is candidate": (Relation.SELF, False),
    "works for organisation": (Relation.EMPLOYER, True),
    "is related to organisation": (Relation.OTHER, True),
}
"""Relation phrases of a declaration: the relation, and whether it names an organisation
(else a candidate)."""


def parse_relation(text: str) -> tuple[Relation, bool]:
    """A declared relation by one of :data:`RELATIONS`."""
    try:
        return RELATIONS[text.strip().lower()]
    except KeyError:
        raise AssertionError(f"unknown relation {text!r}; use one of {sorted(RELATIONS)}") from None


parse_relation.pattern = f"(?:{_alternatives(RELATIONS)})"  # type: ignore[attr-defined]


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
        "(YYYY-MM-DD) are yours; lists are comma-separated. Install certflow with the `testing`",
        "extra (`pip install -e '.[testing]'` in a clone of certflow) and bind your features with",
        '`scenarios("features")`.',
        "",
    ]
    for kind in ("given", "when", "then"):
        lines += [f"## {heads[kind]}", "", "| Bahasa Indonesia | English | what it does |"]
        lines.append("| --- | --- | --- |")
        for p in VOCABULARY:
            if p.kind == kind:
                lines.append(f"| `{p.id}` | `{p.en}` | {p.doc} |")
        lines.append("")
    lines += [
        "## Peran / Roles (`{role:Role}`)",
        "",
        "A `{role:Role}` is one of these phrases (any case, optionally in double quotes). Any",
        "other phrase matches no step, so a scenario with a mistyped role fails; it never",
        "passes as a refusal.",
        "",
        "| role | phrases |",
        "| --- | --- |",
    ]
    for role in Role:
        words = [f"`{w}`" for w, r in ROLE_WORDS.items() if r is role]
        lines.append(f"| `{role.value}` | {', '.join(words)} |")
    lines += [
        "",
        "## Hubungan / Relations (`{relation:Relation}`)",
        "",
        "| phrase | relation | names |",
        "| --- | --- | --- |",
    ]
    for text, (relation, organisation) in RELATIONS.items():
        named = "an organisation (unit)" if organisation else "a candidate"
        lines.append(f"| `{text}` | `{relation.value}` | {named} |")
    lines += [
        "",
        "## Orang / People",
        "",
        "A person is named in quotes: an assessor or candidate by their scenario name, the",
        "standard staff by id (`ketua-lsp-01`, `lsp-admin-01`, `manajer-sertifikasi-01`,",
        "`komite-teknis-01..03`, `panel-banding-01..03`, `admin-tuk-01`, `dpo-01`), anyone",
        'appointed in the scenario by their name (`"Dewi Lestari"` is `dewi-lestari`). A name may',
        "end with a spelling of the id to attack identities: `(nomor MET)`/`(MET number)`,",
        "`(huruf besar)`/`(upper case)`, `(spasi lebar nol)`/`(zero-width space)`.",
        "",
    ]
    return "\n".join(lines)
