"""The CLI is a thin shell: it imports certflow's packages, never a private submodule."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import certflow

SRC = Path(certflow.__file__).parent
CLI = SRC / "cli"
PUBLIC = {
    "certflow",
    "certflow.application",
    "certflow.bootstrap",
    "certflow.domain",
    "certflow.engine",
    "certflow.demo",
    "certflow.service",
}
"""The packages whose ``__init__`` is the public API the CLI may import from."""
OPTIONAL = {
    "certflow.testing.steps": "`certflow docs` writes steps.md from the shipped step vocabulary, "
    "the public pytest plugin module, imported lazily because it needs pytest-bdd",
}
"""Public modules outside those packages, each with why the CLI needs it."""


def _module_name(path: Path) -> tuple[str, bool]:
    """The dotted name of the module at ``path``, and whether it is a package."""
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), True
    return ".".join(parts), False


def _is_module(name: str) -> bool:
    relative = Path(*name.split(".")[1:])
    return (SRC / relative).with_suffix(".py").is_file() or (SRC / relative).is_dir()


def imported_modules(source: str, module: str, *, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every module ``source`` (the text of ``module``) imports, with its line.

    ``from package import name`` counts as importing ``package.name`` when that is a certflow
    module; relative imports are resolved against the importing module's package.
    """
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                is_submodule = candidate.startswith("certflow.") and _is_module(candidate)
                yield node.lineno, candidate if is_submodule else base


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    """The imports of ``module`` that reach past certflow's public packages, by line."""
    found = []
    for line, name in sorted(imported_modules(source, module, is_package=is_package)):
        if name != "certflow" and not name.startswith("certflow."):
            continue  # the standard library and third-party packages
        if name in PUBLIC or name in OPTIONAL:
            continue
        if name == "certflow.cli" or name.startswith("certflow.cli."):
            continue
        found.append(f"{module}:{line} imports {name}")
    return found


def test_every_cli_module_imports_only_certflow_packages_and_its_own_modules() -> None:
    modules = sorted(CLI.rglob("*.py"))
    assert len(modules) > 10, "the CLI's modules were not found"
    found = []
    for path in modules:
        module, is_package = _module_name(path)
        found += forbidden_imports(path.read_text("utf-8"), module, is_package=is_package)
    assert found == []


def test_the_check_flags_a_private_submodule_however_it_is_imported() -> None:
    planted = (
        "from certflow.application.body import CertificationBody\n"
        "from certflow.application import body\n"
        "import certflow.domain.rulebook\n"
        "from ...application.audit import AuditReport\n"
        "def later() -> None:\n"
        "    from certflow.engine.errors import NotFoundError\n"
        "from certflow.testing.context import PolicyContext\n"
    )
    assert forbidden_imports(planted, "certflow.cli.commands.records") == [
        "certflow.cli.commands.records:1 imports certflow.application.body",
        "certflow.cli.commands.records:2 imports certflow.application.body",
        "certflow.cli.commands.records:3 imports certflow.domain.rulebook",
        "certflow.cli.commands.records:4 imports certflow.application.audit",
        "certflow.cli.commands.records:6 imports certflow.engine.errors",
        "certflow.cli.commands.records:7 imports certflow.testing.context",
    ]


def test_the_check_lets_the_public_packages_and_the_cli_s_own_modules_through() -> None:
    allowed = (
        "import json\n"
        "import typer\n"
        "from certflow.application import DEFAULT_STORE, CertificationBody\n"
        "from certflow.domain import Stage\n"
        "from certflow.engine import Actor\n"
        "from certflow.demo import run_demo\n"
        "from certflow.cli import render\n"
        "from certflow.cli.app import refusals\n"
        "from .. import render as again\n"
    )
    assert forbidden_imports(allowed, "certflow.cli.commands.records") == []
