"""No module under src/certflow grows past 500 lines: past that it holds more than one concept."""

from __future__ import annotations

from pathlib import Path

import certflow

SRC = Path(certflow.__file__).parent
LIMIT = 500
GENERATED: frozenset[str] = frozenset()
"""Generated modules exempt from the limit, by path under src/certflow (none today)."""


def test_no_module_is_over_500_lines() -> None:
    too_long = {
        str(path.relative_to(SRC)): lines
        for path in sorted(SRC.rglob("*.py"))
        if str(path.relative_to(SRC)) not in GENERATED
        and (lines := len(path.read_text().splitlines())) > LIMIT
    }
    assert too_long == {}, f"split these modules (over {LIMIT} lines)"


def test_the_limit_is_checked_on_real_files() -> None:
    counted = [path for path in SRC.rglob("*.py") if path.stat().st_size]
    assert len(counted) > 50  # the whole package, not an empty glob
