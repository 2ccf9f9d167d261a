"""The rulebook joined with the Gherkin scenarios that exercise each rule."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["scenarios_by_rule"]

_RULE = re.compile(r"^\s*(?:Aturan|Rule):\s*([RP]\d+)\b")
_SCENARIO = re.compile(
    r"^\s*(?:Skenario konsep|Skenario|Scenario Outline|Scenario|Example):\s*(.+)$"
)
_FEATURE = re.compile(r"^\s*(?:Fitur|Feature):")


def scenarios_by_rule(features: Path) -> dict[str, list[str]]:
    """Map each rule id to ``"file: scenario"`` for every scenario under an ``Aturan: Rn`` block.

    A rule block is a ``Rule:``/``Aturan:`` whose title starts with the rule id; scenarios
    outside such a block are not counted.
    """
    found: dict[str, list[str]] = {}
    for path in sorted(features.rglob("*.feature")):
        current: str | None = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if _FEATURE.match(line):
                current = None
            rule = _RULE.match(line)
            if rule:
                current = rule.group(1)
                continue
            if line.strip().startswith(("Aturan:", "Rule:")):
                current = None
                continue
            scenario = _SCENARIO.match(line)
            if scenario and current:
                found.setdefault(current, []).append(f"{path.stem}: {scenario.group(1).strip()}")
    return found
