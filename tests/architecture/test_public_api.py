"""The public surface is small, sorted, typed, and the layers keep their promises."""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import certflow
import certflow.application
import certflow.domain
import certflow.engine

SRC = Path(certflow.__file__).parent
SUBPACKAGES = {"engine", "domain", "application", "bootstrap", "cli", "demo", "testing"}


def test_the_public_api_is_exported_and_sorted() -> None:
    public = {n for n in vars(certflow) if n[0] not in "_@"} - SUBPACKAGES - {"annotations"}
    # certflow.open is public but not exported under *, so it never shadows the builtin open.
    assert set(certflow.__all__) - {"__version__"} == public - {"open"}
    assert callable(certflow.open)
    names = [n for n in certflow.__all__ if n != "__version__"]
    # isort style, as ruff's RUF022 keeps it: constants, then classes, then functions.
    assert names == sorted(names, key=lambda n: (not n.isupper(), n[0].islower(), n))


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
