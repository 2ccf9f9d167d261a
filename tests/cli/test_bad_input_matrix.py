"""Every command, against bad stores, bad files, missing keys and bad arguments: never a traceback.

The commands are read from the typer app itself, so a command added later is run here too. Each
run must end with an exit code of the one table (docs/cli.md, "Exit codes") and print no
traceback; a command that does not create stores must leave no store behind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner, Result

import certflow
from certflow import WIB, FixedClock
from certflow.cli import (
    EXIT_CODES,
    EXIT_INTERNAL,
    EXIT_REFUSED,
    EXIT_UNAVAILABLE,
    EXIT_USAGE,
    app,
)
from certflow.testing.actors import appoint_standard_staff
from tests.cli.read_only import read_only
from tests.support import build_world

runner = CliRunner()

CREATORS = {("init",), ("demo",), ("import", "candidates"), ("import", "assessors")}
"""The only commands that may create a store."""

_DUMMIES = {
    "code": "BR-1",
    "by": "ketua-lsp-01",
    "nature": "laptop hilang",
    "subjects": "1",
    "subject": "0b6c1e62-0000-4000-8000-000000000001",
    "record": "0b6c1e62-0000-4000-8000-000000000001",
    "from_version": "1",
    "to_version": "2",
    "session": "EUK-X",
    "basis": "contract",
    "reference": "PKS/1",
    "reason": "alasan",
    "actor": "lsp-admin-01",
    "kid": "k1",
    "target": "1",
    "person": "komite-teknis-09",
    "role": "lsp_admin",
    "relation": "colleague",
    "appointment": "komite-teknis-09#1",
    "head": "ketua-lsp-01",
    "token_or_number": "HG-MI/00001/2024",
}
"""A plausible value for each required parameter, by name (files: one that is not there)."""


def _commands() -> list[tuple[tuple[str, ...], list[str], bool]]:
    """Every leaf command: its path, the arguments it needs, and whether it takes --store."""
    found: list[tuple[tuple[str, ...], list[str], bool]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        subcommands = getattr(command, "commands", None)
        if subcommands is not None:
            for name, sub in sorted(subcommands.items()):
                walk(sub, (*path, name))
            return
        args: list[str] = []
        store = False
        for param in getattr(command, "params", []):
            opts = list(getattr(param, "opts", []))
            store = store or "--store" in opts
            if not param.required:
                continue
            value = _DUMMIES.get(param.name, f"missing-{param.name}.txt")
            if param.param_type_name == "argument":
                args.append(value)
            else:
                args += [opts[0], value]
        found.append((path, args, store))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = _commands()
ALL = [pytest.param(path, args, store, id=" ".join(path)) for path, args, store in COMMANDS]
WITH_STORE = [p for p in ALL if p.values[2]]


def test_the_commands_are_found() -> None:
    paths = {path for path, _, _ in COMMANDS}
    assert {("verify",), ("list",), ("staff", "appoint"), ("projections", "catch-up")} <= paths
    assert len(paths) >= 50


def _run(args: list[str]) -> Result:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{args}: {result.exception!r}"
    )
    assert result.exit_code in EXIT_CODES, (args, result.exit_code, result.output)
    assert result.exit_code != EXIT_INTERNAL, (args, result.output)
    return result


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder with no profile, no store, no keys."""
    monkeypatch.chdir(tmp_path)
    for variable in ("CERTFLOW_STORE", "CERTFLOW_CONFIG", "CERTFLOW_ACTOR", "CERTFLOW_SIGNING_KEY"):
        monkeypatch.delenv(variable, raising=False)
    return tmp_path


def _sqlite_cases(place: Path) -> dict[str, str]:
    (place / "a-folder").mkdir()
    (place / "garbage.db").write_text("not a database, just text\n" * 100)
    return {
        "a folder": f"sqlite:///{place / 'a-folder'}",
        "a missing folder": f"sqlite:///{place / 'nowhere' / 'x.db'}",
        "no file name": "sqlite:///",
        "not a database": f"sqlite:///{place / 'garbage.db'}",
        "an unknown scheme": "mysql://root@localhost/certflow",
        "a bad lock_timeout": f"sqlite:///{place / 'lock.db'}?lock_timeout=soon",
    }


@pytest.mark.parametrize(("path", "args", "store"), ALL)
def test_every_command_against_bad_sqlite_stores(
    place: Path, path: tuple[str, ...], args: list[str], store: bool
) -> None:
    if not store:
        _run([*path, *args])
        return
    for case, url in _sqlite_cases(place).items():
        result = _run([*path, *args, "--store", url])
        if path not in CREATORS:
            assert result.exit_code != 0, (case, result.output)
    missing = place / f"missing-{uuid.uuid4().hex[:8]}.db"
    result = _run([*path, *args, "--store", f"sqlite:///{missing}"])
    if path not in CREATORS:
        assert not missing.exists(), f"{path} created {missing}"
        assert result.exit_code in (EXIT_UNAVAILABLE, EXIT_REFUSED, EXIT_USAGE), result.output
    assert not (place / "nowhere").exists()


def _pg_cases(pg_database: str) -> dict[str, str]:
    base = f"postgresql://postgres@127.0.0.1:5432/{pg_database}"
    return {
        "nothing listens on the port": f"postgresql://postgres@127.0.0.1:1/{pg_database}",
        "a database that does not exist": "postgresql://postgres@127.0.0.1:5432/no_such_db_x1",
        "a user that does not exist": f"postgresql://no_such_user_x1@127.0.0.1:5432/{pg_database}",
        "a bad pool_size": f"{base}?pool_size=many",
        "a bad lock_timeout": f"{base}?lock_timeout=-1",
        "a bad connect_timeout": f"{base}?connect_timeout=0.5s",
        "an unknown parameter": f"{base}?colour=blue",
    }


@pytest.mark.postgres
@pytest.mark.parametrize(("path", "args", "store"), WITH_STORE)
def test_every_command_against_bad_postgres_stores(
    place: Path, pg_database: str, path: tuple[str, ...], args: list[str], store: bool
) -> None:
    for case, url in _pg_cases(pg_database).items():
        result = _run([*path, *args, "--store", url])
        assert result.exit_code != 0, (case, result.output)
    if path in CREATORS:  # they would make the store in the schema: that is their job
        return
    schema = f"absent_{uuid.uuid4().hex[:10]}"
    url = f"postgresql://postgres@127.0.0.1:5432/{pg_database}?schema={schema}"
    result = _run([*path, *args, "--store", url])
    assert result.exit_code != 0, result.output
    import psycopg

    with psycopg.connect(host="127.0.0.1", user="postgres", dbname=pg_database) as connection:
        row = connection.execute("SELECT to_regnamespace(%s)", (schema,)).fetchone()
    assert row is not None
    assert row[0] is None, f"{path} created the schema {schema}"


@pytest.fixture(scope="module")
def frozen_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty store in a folder that nobody, not even root, can write."""
    folder = tmp_path_factory.mktemp("frozen")
    url = f"sqlite:///{folder / 'certflow.db'}"
    certflow.open(url).close()
    with read_only(folder):
        yield url


@pytest.mark.parametrize(("path", "args", "store"), WITH_STORE)
def test_every_command_on_a_read_only_store(
    place: Path, frozen_store: str, path: tuple[str, ...], args: list[str], store: bool
) -> None:
    _run([*path, *args, "--store", frozen_store])


@contextmanager
def _bad_files(place: Path) -> Iterator[dict[str, Path]]:
    deep = place / "deep.jsonl"  # json.loads gives up with RecursionError
    deep.write_text('{"nik": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    wide = place / "wide.csv"  # over the csv module's field limit (128 KiB)
    wide.write_text("nik,name\n" + "1" * 16 + "," + "x" * 200_000 + "\n")
    latin = place / "latin.csv"
    latin.write_bytes("nik,name\n3171012345678901,Jos\xe9\n".encode("latin-1"))
    yield {"deep": deep, "wide": wide, "latin": latin, "folder": place}


def test_bad_intake_files_are_refused(place: Path) -> None:
    url = f"sqlite:///{place / 'intake.db'}"
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    appoint_standard_staff(lsp)  # so the import reaches the file
    build_world(lsp, candidates=1)
    lsp.close()
    with _bad_files(place) as files:
        for name in ("deep", "wide", "latin", "folder"):
            for kind, extra in (("candidates", ["--session", "EUK-TEST"]), ("assessors", [])):
                args = ["import", kind, str(files[name]), *extra, "--actor", "lsp-admin-01"]
                result = _run([*args, "--store", url])
                assert result.exit_code in (EXIT_REFUSED, EXIT_USAGE), (name, kind, result.output)
                if name != "folder":  # typer refuses a folder itself (usage)
                    assert result.exit_code == EXIT_REFUSED, (name, kind, result.output)


def test_missing_keys_and_bad_key_files_are_refused(place: Path) -> None:
    url = f"sqlite:///{place / 'keys.db'}"
    certflow.open(url).close()
    (place / "empty-keys").mkdir()
    (place / "junk.pub").write_text("not a key")
    for args in (
        ["verify-certificate", "HG-MI/00001/2024", "--public-key", str(place / "nope.pub")],
        ["verify-certificate", "HG-MI/00001/2024", "--public-key", str(place / "empty-keys")],
        ["verify-certificate", "HG-MI/00001/2024", "--public-key", str(place / "junk.pub")],
        [
            "verify",
            "--checkpoint",
            str(place / "nope.txt"),
            "--public-key",
            str(place / "junk.pub"),
        ],
        ["checkpoint", "--key", str(place / "nope.key")],
        ["certificate", "HG-MI/00001/2024"],
        ["certificate", "HG-MI/00001/2024", "--pdf", str(place)],
        ["credential", "HG-MI/00001/2024", "--key", str(place / "junk.pub")],
        ["keys", "revoke", "k1", "--dir", str(place / "empty-keys")],
    ):
        result = _run([*args, "--store", url] if args[0] != "keys" else args)
        assert result.exit_code != 0, (args, result.output)


def test_bad_argument_values(place: Path) -> None:
    url = f"sqlite:///{place / 'args.db'}"
    certflow.open(url).close()
    for args, code in (
        (["overdue", "--today", "2024-13-45"], EXIT_REFUSED),
        (["deadlines", "--within", "soon"], EXIT_USAGE),
        (["workload", "--day", "yesterday"], EXIT_REFUSED),
        (["staff", "appoint", "Budi", "--role", "king", "--basis", "b", "--by", "x"], EXIT_USAGE),
        (["projections", "rebuild", "no_such_view"], EXIT_REFUSED),
        (["list", "--stage", "lost"], EXIT_REFUSED),
        (["list", "--no-such-option"], EXIT_USAGE),
    ):
        result = _run([*args, "--store", url])
        assert result.exit_code == code, (args, result.output)


def test_an_unexpected_error_is_one_line_and_70_unless_debugging(
    place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{place / 'bug.db'}"
    certflow.open(url).close()

    def broken(*_: object, **__: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(certflow.CertificationBody, "list_certifications", broken)
    result = runner.invoke(app, ["list", "--store", url, "--json"])
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback" not in result.output
    assert "ZeroDivisionError: a bug" in result.output
    assert "CERTFLOW_DEBUG=1" in result.output
    monkeypatch.setenv("CERTFLOW_DEBUG", "1")
    result = runner.invoke(app, ["list", "--store", url, "--json"])
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback" in result.output


def test_a_missing_store_message_says_how_to_make_one(place: Path) -> None:
    result = _run(["verify", "--store", "sqlite:///typo.db", "--json"])
    assert result.exit_code == EXIT_UNAVAILABLE
    message = " ".join(result.output.split())
    assert "certflow init" in message
    assert "certflow demo" in message
    assert not (place / "typo.db").exists()
    assert os.listdir(place) == []
