"""Business rules as named objects with stable ids, checked when deciding, never on replay."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from certflow.engine.errors import DefinitionError, RuleViolatedError, Violation
from certflow.engine.text import Text, as_text

__all__ = ["Rule", "check_all", "require", "rule"]

C = TypeVar("C", contravariant=True)

_RULE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


class Rule(Generic[C]):
    """A business rule with a stable id.

    The check receives the command's context (whatever the move declares) and returns ``None``
    when the rule is satisfied, or a sentence saying what is wrong and what to do (a
    :class:`~certflow.engine.text.Text` in both languages, or a plain string).
    """

    __slots__ = ("check", "rule_id", "title")

    def __init__(
        self, rule_id: str, title: str | Text, check: Callable[[C], str | Text | None]
    ) -> None:
        if not _RULE_ID.match(rule_id):
            raise DefinitionError(f"rule id {rule_id!r} must start with a letter (e.g. 'R32')")
        self.title = as_text(title)
        """One sentence stating the rule, in both languages."""
        if not self.title.id.strip() or not self.title.en.strip():
            raise DefinitionError(f"rule {rule_id} needs a title in both languages")
        self.rule_id = rule_id
        """Stable id, e.g. ``"R32"``; stored in events, so never reuse one for another rule."""
        self.check = check
        """The predicate: ``None`` when satisfied, else the reason it is not."""

    def evaluate(self, context: C) -> Violation | None:
        """Return the violation of this rule by ``context``, or ``None``."""
        reason = self.check(context)
        return None if reason is None else Violation(self.rule_id, as_text(reason))

    def __repr__(self) -> str:
        return f"Rule({self.rule_id!r}, {self.title.en!r})"


def rule(rule_id: str, title: str | Text) -> Callable[[Callable[[C], str | Text | None]], Rule[C]]:
    """Turn a check function into a :class:`Rule` (decorator form)."""

    def wrap(check: Callable[[C], str | Text | None]) -> Rule[C]:
        return Rule(rule_id, title, check)

    return wrap


def check_all(rules: Iterable[Rule[C]], context: C) -> tuple[Violation, ...]:
    """Evaluate every rule and return all violations, in rule order."""
    found = (r.evaluate(context) for r in rules)
    return tuple(v for v in found if v is not None)


def require(rules: Iterable[Rule[C]], context: C) -> None:
    """Raise :class:`RuleViolatedError` listing every rule that ``context`` breaks."""
    violations = check_all(rules, context)
    if violations:
        raise RuleViolatedError(violations)
