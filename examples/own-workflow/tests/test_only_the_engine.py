"""This project uses certflow's engine and nothing else of certflow."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {"certflow.engine", "certflow.engine.runtime", "certflow.engine.testing"}
THIRD_PARTY = {"pytest", "pytest_bdd"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
    return found


def test_only_the_public_engine_api_is_imported() -> None:
    for path in [*ROOT.glob("leave/*.py"), *ROOT.glob("tests/*.py")]:
        for module in _imports(path):
            top = module.split(".")[0]
            if top in sys.stdlib_module_names or top in {"leave", "tests"}:
                continue
            if top == "certflow":
                assert module in ALLOWED, f"{path.name} imports {module}"
                continue
            assert path.parent.name == "tests", f"{path.name} imports {module}"
            assert top in THIRD_PARTY, f"{path.name} imports {module}"
