"""Stores are opened, not conjured: read-only queries, replicas, locks, races and Ctrl-C.

Queries run on a read-only copy (a folder nobody, not even root, can write: see
:mod:`tests.cli.read_only`) and on PostgreSQL as a role whose transactions are read-only (a
replica's sessions are); commands that write are refused there with exit 6. The rest run real
processes: two opening a fresh file at once, a writer meeting a locked store, and Ctrl-C.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import certflow
from certflow import WIB, FixedClock
from certflow.cli import EXIT_INTERRUPTED, EXIT_UNAVAILABLE, app
from certflow.testing.actors import appoint_standard_staff
from tests.cli.read_only import read_only
from tests.support import build_world

runner = CliRunner()

QUERIES = [
    ["list", "--json"],
    ["board"],
    ["register"],
    ["deadlines", "--today", "2024-12-01"],
    ["workload"],
    ["overdue", "--today", "2024-12-01"],
    ["verify"],
    ["audit"],
    ["projections", "status"],
    ["projections", "check"],
    ["staff", "list"],
    ["breach", "list"],
    ["retention", "list"],
]
"""Commands that only read; each must work where nothing can be written."""


def _fill(url: str, *, catch_up: bool = True) -> str:
    """Two certifications handed over and one failed; returns the first one's id."""
    lsp = certflow.open(url, clock=FixedClock(date(2024, 10, 21), tz=WIB))
    try:
        appoint_standard_staff(lsp)
        world = build_world(lsp)
        first = world.through("distributed", 0)
        world.failed(1)
        world.through("distributed", 2)
        if catch_up:  # as a writing command or certflow projections run would
            lsp.read_models.catch_up()
    finally:
        lsp.close()
    return str(first)


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A closed SQLite store with a few records, and one certification id."""
    folder = tmp_path_factory.mktemp("filled")
    first = _fill(f"sqlite:///{folder / 'certflow.db'}")
    return folder / "certflow.db", first


def test_queries_run_on_a_read_only_copy_and_writers_are_refused(
    filled: tuple[Path, str], tmp_path: Path
) -> None:
    original, first = filled
    folder = tmp_path / "copy"
    folder.mkdir()
    shutil.copy(original, folder / "certflow.db")
    url = f"sqlite:///{folder / 'certflow.db'}"
    before = _digest(folder)
    with read_only(folder):
        for args in [*QUERIES, ["show", first], ["history", first, "--json"]]:
            result = runner.invoke(app, [*args, "--store", url])
            assert result.exit_code == 0, (args, result.output)
            assert "events behind" not in result.output
        listed = runner.invoke(app, ["list", "--json", "--store", url])
        assert first in listed.output
        for args in (
            ["sweep"],
            ["projections", "catch-up"],
            ["staff", "init", "x", "--basis", "b"],
        ):
            refused = runner.invoke(app, [*args, "--store", url])
            assert refused.exit_code == EXIT_UNAVAILABLE, (args, refused.output)
            assert "read-only" in " ".join(refused.output.split())
    assert _digest(folder) == before  # not a byte written, no -wal or -shm left beside it


def test_queries_say_how_far_behind_the_views_are_and_catch_up_fixes_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lag.db'}"
    _fill(url, catch_up=False)  # written by a program that does not run the projections
    lagging = runner.invoke(app, ["board", "--store", url])
    assert lagging.exit_code == 0, lagging.output
    warning = " ".join(lagging.stderr.split())
    assert "events behind the log" in warning
    assert "certflow projections catch-up" in warning
    caught = runner.invoke(app, ["projections", "catch-up", "--store", url, "--quiet"])
    assert caught.exit_code == 0, caught.output
    current = runner.invoke(app, ["board", "--store", url])
    assert current.exit_code == 0
    assert "events behind" not in current.output
    assert "distributed" in current.stdout


def test_a_writing_command_leaves_the_views_current(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'writer.db'}"
    _fill(url, catch_up=False)
    swept = runner.invoke(app, ["sweep", "--store", url])
    assert swept.exit_code == 0, swept.output
    board = runner.invoke(app, ["board", "--store", url])
    assert board.exit_code == 0
    assert "events behind" not in board.output


@pytest.fixture
def read_only_role(pg_database: str) -> Iterator[str]:
    """A login role whose every transaction is read-only, as on a replica."""
    import psycopg

    role = f"certflow_ro_{uuid.uuid4().hex[:10]}"
    admin = {"host": "127.0.0.1", "user": "postgres", "dbname": pg_database, "autocommit": True}
    with psycopg.connect(**admin) as connection:  # type: ignore[arg-type]
        connection.execute(f"CREATE ROLE {role} LOGIN")
        connection.execute(f"ALTER ROLE {role} SET default_transaction_read_only = on")
    yield role
    with psycopg.connect(**admin) as connection:  # type: ignore[arg-type]
        connection.execute(f"DROP OWNED BY {role}")
        connection.execute(f"DROP ROLE {role}")


@pytest.mark.postgres
def test_queries_run_as_a_read_only_postgres_role(pg_database: str, read_only_role: str) -> None:
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    writer = f"postgresql://postgres@127.0.0.1:5432/{pg_database}?schema={schema}"
    first = _fill(writer)
    with psycopg.connect(
        host="127.0.0.1", user="postgres", dbname=pg_database, autocommit=True
    ) as connection:
        connection.execute(f"GRANT USAGE ON SCHEMA {schema} TO {read_only_role}")
        connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {read_only_role}")
    reader = f"postgresql://{read_only_role}@127.0.0.1:5432/{pg_database}?schema={schema}"
    for args in [*QUERIES, ["show", first]]:
        result = runner.invoke(app, [*args, "--store", reader])
        assert result.exit_code == 0, (args, result.output)
    refused = runner.invoke(app, ["sweep", "--store", reader])
    assert refused.exit_code == EXIT_UNAVAILABLE, refused.output
    assert "read-only" in " ".join(refused.output.split())


def _python(code: str, *, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "CERTFLOW_LANG": "en", "PYTHONPATH": str(Path.cwd())}
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_processes_open_a_fresh_file_at_once(tmp_path: Path) -> None:
    for attempt in range(4):
        url = f"sqlite:///{tmp_path / f'fresh-{attempt}.db'}"
        go = tmp_path / f"go-{attempt}"
        code = (  # imported first, then all open the file at the same moment
            "import os, sys, time, certflow\n"
            "print('READY', file=sys.stderr, flush=True)\n"
            f"while not os.path.exists({str(go)!r}): time.sleep(0.001)\n"
            f"certflow.open({url!r}).close()\n"
        )
        processes = [_python(code, cwd=tmp_path) for _ in range(4)]
        for process in processes:
            assert process.stderr is not None
            assert "READY" in process.stderr.readline()
        go.touch()
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
    assert len(list(tmp_path.glob("fresh-*.db"))) == 4


def test_a_writer_meets_a_locked_store(filled: tuple[Path, str], tmp_path: Path) -> None:
    import sqlite3

    copy = tmp_path / "locked.db"
    shutil.copy(filled[0], copy)
    holder = sqlite3.connect(copy, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = runner.invoke(app, ["sweep", "--store", f"sqlite:///{copy}?lock_timeout=1"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == EXIT_UNAVAILABLE, result.output
    assert "locked by another process" in " ".join(result.output.split())


def test_ctrl_c_exits_130_and_says_to_run_it_again(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'interrupted.db'}"
    code = (
        "import signal, sys, time\n"
        # As at a terminal: a suite started in the background (`pytest &`) hands its children
        # SIGINT ignored, and Python then keeps ignoring it.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import certflow.cli.commands.demo as demo\n"
        "def slow(lsp, **kw):\n"
        "    print('READY', file=sys.stderr, flush=True)\n"
        "    time.sleep(60)\n"
        "demo.run_demo = slow\n"
        "from certflow.cli import main\n"
        f"sys.argv = ['certflow', 'demo', '--store', {url!r}, '--quiet']\n"
        "main()\n"
    )
    process = _python(code, cwd=tmp_path)
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while "READY" not in process.stderr.readline():
        assert time.monotonic() < deadline, "the command never started"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_INTERRUPTED, err
    assert "Traceback" not in err
    assert "run the same command again to finish" in " ".join(err.split())
    again = subprocess.run(
        [sys.executable, "-m", "certflow", "demo", "--store", url, "--quiet"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "CERTFLOW_LANG": "en"},
        check=False,
    )
    assert again.returncode == 0, again.stderr


INIT = [
    "init",
    "--name",
    "LSP Uji",
    "--code",
    "LSP-UJI",
    "--licence",
    "BNSP-LSP-0001-ID",
    "--place",
    "Jakarta",
    "--verify-url",
    "https://lsp-uji.example.id/v",
    "--manager",
    "Manajer",
    "--head",
    "Ketua",
]


def test_init_makes_the_store_first_and_nothing_when_it_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CERTFLOW_CONFIG", raising=False)
    nowhere = runner.invoke(app, [*INIT, "--store", f"sqlite:///{tmp_path / 'no' / 'x.db'}"])
    assert nowhere.exit_code == EXIT_UNAVAILABLE, nowhere.output
    assert sorted(os.listdir(tmp_path)) == []  # no profile, no keys
    made = runner.invoke(app, INIT)
    assert made.exit_code == 0, made.output
    assert (tmp_path / "certflow.db").exists()
    listed = runner.invoke(app, ["list", "--json"])  # the profile's store, made by init
    assert listed.exit_code == 0, listed.output
