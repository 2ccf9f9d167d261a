"""The public surface is small, sorted, typed, and the layers keep their promises."""

from __future__ import annotations

import re
from pathlib import Path

import certflow
import certflow.application
import certflow.bootstrap
import certflow.domain
import certflow.engine

SRC = Path(certflow.__file__).parent
SUBPACKAGES = {
    "engine",
    "domain",
    "application",
    "adapters",
    "bootstrap",
    "cli",
    "demo",
    "testing",
}


NOT_STARRED = {"open"}
"""Public but left out of __all__, so that `from certflow import *` keeps the builtin open()."""


def test_the_public_api_is_exported_and_sorted() -> None:
    public = {n for n in vars(certflow) if n[0] not in "_@"} - SUBPACKAGES - {"annotations"}
    assert set(certflow.__all__) - {"__version__"} == public - NOT_STARRED
    names = [n for n in certflow.__all__ if n != "__version__"]
    # isort style, as ruff's RUF022 keeps it: constants, then classes, then functions.
    assert names == sorted(names, key=lambda n: (not n.isupper(), n[0].islower(), n))


def test_a_star_import_leaves_the_builtin_open_alone() -> None:
    namespace: dict[str, object] = {}
    exec("from certflow import *", namespace)
    assert "open" not in namespace
    assert callable(certflow.open)
    assert certflow.open is certflow.bootstrap.open


def test_every_subpackage_exports_what_it_defines() -> None:
    for package in (certflow.engine, certflow.domain, certflow.application):
        for name in package.__all__:
            assert hasattr(package, name), f"{package.__name__}.{name}"


def test_the_package_is_typed() -> None:
    assert (SRC / "py.typed").exists()


def test_engine_and_domain_never_read_the_wall_clock() -> None:
    wall_clock = re.compile(r"datetime\.(now|utcnow|today)\(|date\.today\(|time\.time\(")
    for layer in ("engine", "domain"):
        for path in (SRC / layer).rglob("*.py"):
            text = path.read_text()
            if layer == "engine" and path.name == "clock.py":
                continue  # SystemClock is the one place allowed to read it
            assert not wall_clock.search(text), f"{path} reads the wall clock"


def test_the_engine_knows_no_certification_word() -> None:
    words = re.compile(r"certif|assess|scheme|candidate|bnsp|lsp\b", re.IGNORECASE)
    for path in (SRC / "engine").rglob("*.py"):
        code = "\n".join(
            line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")
        )
        assert not words.search(code), f"{path} mentions the certification domain"


def test_no_machine_is_bound_to_an_instance() -> None:
    for path in SRC.rglob("*.py"):
        assert not re.search(r"Machine\((self|model=self)", path.read_text()), path


def test_the_application_knows_no_database_or_document_library() -> None:
    # import-linter cannot forbid subpackages of an external package (eventsourcing.sqlite),
    # so this reads the imports of every application module itself.
    edge = re.compile(
        r"^\s*(from|import)\s+(eventsourcing\.(sqlite|postgres)|sqlite3|psycopg|psycopg_pool|"
        r"reportlab|qrcode|openpyxl|ijson)\b",
        re.MULTILINE,
    )
    for path in (SRC / "application").rglob("*.py"):
        found = edge.search(path.read_text())
        assert found is None, f"{path} imports {found.group(2) if found else ''}"


def test_only_the_composition_root_switches_on_the_kind_of_store() -> None:
    switch = re.compile(r"kind\s*(==|!=)\s*[\"'](memory|sqlite|postgres)[\"']")
    switching = sorted(
        str(path.relative_to(SRC)) for path in SRC.rglob("*.py") if switch.search(path.read_text())
    )
    assert switching == ["bootstrap.py"]
