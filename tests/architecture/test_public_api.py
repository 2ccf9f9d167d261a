"""The public surface is small, sorted, typed, and the layers keep their promises."""

from __future__ import annotations

import ast
import inspect
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

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
    "locale",  # the gettext catalogs and their Babel extractor (decision 0018)
    "service",  # the HTTP service (extra service), imported only when used (decision 0019)
}


NOT_STARRED = {"open"}
"""Public but left out of __all__, so that `from certflow import *` keeps the builtin open()."""


def test_the_public_api_is_exported_and_sorted() -> None:
    public = {n for n in vars(certflow) if n[0] not in "_@"} - SUBPACKAGES - {"annotations"}
    assert set(certflow.__all__) - {"__version__"} == public - NOT_STARRED
    assert callable(certflow.open)
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
        tree = ast.parse(path.read_text())
        assert not _product_mentions(tree), f"{path} names the product or its CLI"
        assert not _environment_reads(tree), f"{path} reads the environment"
        assert not _time_zone_defaults(tree), f"{path} has a time zone of its own"


def _product_mentions(tree: ast.AST) -> list[str]:
    """Strings (messages, docstrings) that name a certflow command, setting or release."""
    product = re.compile(r"\bcertflow\s+[a-z]|CERTFLOW_", re.IGNORECASE)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and product.search(node.value)
    ]


def _environment_reads(tree: ast.AST) -> list[str]:
    """Imports of ``os`` and reads of ``environ`` / ``getenv``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "os"]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "os":
            found.append(f"from {node.module}")
        elif isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            found.append(node.attr)
        elif isinstance(node, ast.Name) and node.id in ("environ", "getenv"):
            found.append(node.id)
    return found


def _time_zone_defaults(tree: ast.AST) -> list[str]:
    """Zone constants (``UTC``, ``timezone(...)``, ``ZoneInfo(...)``) and ``tz`` parameters
    that default to anything but ``None``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in ("UTC", "WIB", "WITA", "WIT", "ZoneInfo"):
            found.append(node.id)
        elif isinstance(node, ast.Attribute) and node.attr in ("utc", "UTC", "ZoneInfo"):
            found.append(node.attr)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "timezone":
            found.append("timezone(...)")
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = node.args
            positional = [*args.posonlyargs, *args.args]
            with_defaults = positional[len(positional) - len(args.defaults) :]
            pairs = [
                *zip(with_defaults, args.defaults, strict=True),
                *zip(args.kwonlyargs, args.kw_defaults, strict=True),
            ]
            found += [
                f"{node.name}({arg.arg}=...)"
                for arg, default in pairs
                if arg.arg.startswith("tz")
                and default is not None
                and not (isinstance(default, ast.Constant) and default.value is None)
            ]
    return found


def test_the_engine_checks_catch_what_they_look_for() -> None:
    planted = ast.parse(
        "import os\n"
        "from datetime import UTC\n"
        "def now(tz=UTC): return os.environ['X']\n"
        "raise ValueError('see certflow list')\n"
    )
    assert _product_mentions(planted) == ["see certflow list"]
    assert "os" in _environment_reads(planted)
    assert "environ" in _environment_reads(planted)
    assert "now(tz=...)" in _time_zone_defaults(planted)
    clean = ast.parse("def now(tz=None): return tz\n")
    assert _time_zone_defaults(clean) == []


def test_no_machine_is_bound_to_an_instance() -> None:
    for path in SRC.rglob("*.py"):
        assert not re.search(r"Machine\((self|model=self)", path.read_text()), path


def _certflow_types(hint: object) -> Iterator[type]:
    origin = typing.get_origin(hint)
    if origin is not None:
        for arg in typing.get_args(hint):
            yield from _certflow_types(arg)
        if isinstance(origin, type):
            yield from _certflow_types(origin)
    elif isinstance(hint, list):
        for arg in hint:
            yield from _certflow_types(arg)
    elif isinstance(hint, type) and hint.__module__.startswith("certflow"):
        yield hint


def test_every_type_in_the_facades_signatures_is_exported() -> None:
    from certflow.application import CertificationBody

    missing: dict[str, set[str]] = {}
    for name, attribute in vars(CertificationBody).items():
        if name.startswith("_"):
            continue
        function = (
            attribute.fget if isinstance(attribute, property) else getattr(CertificationBody, name)
        )
        for hint in typing.get_type_hints(function).values():
            for kind in _certflow_types(hint):
                if getattr(certflow, kind.__name__, None) is not kind:
                    missing.setdefault(kind.__name__, set()).add(name)
    assert missing == {}, "types in public signatures that certflow does not export"


def test_every_facade_method_delegates_to_a_typed_use_case_method() -> None:
    from certflow.application import CertificationBody

    for name, attribute in vars(CertificationBody).items():
        if name.startswith("_") or isinstance(attribute, property) or name == "close":
            continue
        method = getattr(CertificationBody, name)
        assert method.__name__ == name, name
        hints = typing.get_type_hints(method)
        parameters = inspect.signature(method).parameters
        for parameter in list(parameters)[1:]:
            assert parameter in hints, f"{name}({parameter}) has no type"
            kind = parameters[parameter].kind
            assert kind is not inspect.Parameter.VAR_KEYWORD, f"{name} takes **{parameter}"
        assert "return" in hints, name


def test_star_import_does_not_shadow_a_builtin() -> None:
    import builtins

    assert not set(certflow.__all__) & set(dir(builtins))


def test_the_application_chooses_the_language_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CERTFLOW_LANG", "en")
    assert certflow.engine.language() == "en"
    assert str(certflow.NotFoundError("record", 7)) == "record 7 was not found; check the id"
    monkeypatch.setenv("CERTFLOW_LANG", "id")
    assert certflow.engine.language() == "id"
    monkeypatch.delenv("CERTFLOW_LANG")
    assert certflow.engine.language() == "id"
    with certflow.engine.use_language("en"):
        assert certflow.engine.language() == "en"


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


def test_the_engine_and_domain_know_no_persistence_backend() -> None:
    # The runtime stands on eventsourcing's application layer; which backend stores the events
    # is eventsourcing's PERSISTENCE_MODULE setting, chosen by the composition root.
    backend = re.compile(
        r"^\s*(from|import)\s+(eventsourcing\.(popo|sqlite|postgres))\b", re.MULTILINE
    )
    for layer in ("engine", "domain"):
        for path in (SRC / layer).rglob("*.py"):
            found = backend.search(path.read_text())
            assert found is None, f"{path} imports {found.group(2) if found else ''}"


def test_only_the_composition_root_switches_on_the_kind_of_store() -> None:
    switch = re.compile(r"kind\s*(==|!=)\s*[\"'](memory|sqlite|postgres)[\"']")
    switching = sorted(
        str(path.relative_to(SRC)) for path in SRC.rglob("*.py") if switch.search(path.read_text())
    )
    assert switching == ["bootstrap.py"]
