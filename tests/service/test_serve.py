"""``certflow serve`` for real: a subprocess with two workers on a SQLite file, stopped by SIGTERM.

Also what it says, before any worker starts, for a wrong setting (exit 3) and for a store that
cannot be used (exit 6), like every other command: one message, never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from certflow.cli.app import EXIT_OK, EXIT_REFUSED, EXIT_UNAVAILABLE

STARTUP_CAP = 60.0
"""Seconds the server may take to answer ready on a busy machine (a cap, never a measure)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTFLOW_")}
    env.update(COLUMNS="200", **extra)
    return env


def _certflow(*args: str, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "certflow", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a SQLite store that ``certflow demo`` filled."""
    folder = tmp_path_factory.mktemp("served")
    made = _certflow("demo", "--store", "sqlite:///demo.db", "-q", folder=folder, env=_env())
    assert made.returncode == EXIT_OK, made.stderr
    assert (folder / "demo.db").is_file()
    return folder


def _get(url: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def served(demo_store: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "certflow", "serve", "--port", str(port), "--workers", "2"],
        cwd=demo_store,
        env=_env(CERTFLOW_STORE="sqlite:///demo.db"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=30)


def _wait_ready(process: subprocess.Popen[str], base: str) -> dict[str, object]:
    give_up = time.monotonic() + STARTUP_CAP
    while time.monotonic() < give_up:
        assert process.poll() is None, process.communicate()[1]
        try:
            status, body = _get(f"{base}/health/ready")
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return body
        time.sleep(0.2)
    pytest.fail(f"not ready within {STARTUP_CAP} s")


def test_serve_answers_on_two_workers_and_stops_cleanly_on_sigterm(
    served: tuple[subprocess.Popen[str], str],
) -> None:
    process, base = served
    ready = _wait_ready(process, base)
    assert ready["status"] == "ok"
    assert ready["store"] == "sqlite:///demo.db"
    status, problem = _get(f"{base}/problems/not-found")
    assert status == 200
    assert problem["status"] == 404
    status, document = _get(f"{base}/openapi.json")
    assert status == 200
    assert str(document["openapi"]).startswith("3.1")
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == EXIT_OK, err
    assert "Traceback" not in out + err
    logged = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    routes = {line.get("route") for line in logged if line.get("message") == "request"}
    assert "/health/ready" in routes


def test_a_wrong_setting_is_one_message_and_exit_3_before_any_worker(demo_store: Path) -> None:
    env = _env(CERTFLOW_SERVICE_PORT="0", CERTFLOW_STORE="sqlite:///demo.db")
    result = _certflow("serve", folder=demo_store, env=env)
    assert result.returncode == EXIT_REFUSED
    said = (result.stdout + result.stderr).strip()
    assert "Traceback" not in said
    assert len(said.splitlines()) == 1, said
    assert "port" in said


def test_a_missing_store_is_exit_6_like_every_other_command(demo_store: Path) -> None:
    env = _env(CERTFLOW_STORE="sqlite:///absent.db")
    result = _certflow("serve", "--port", str(_free_port()), folder=demo_store, env=env)
    assert result.returncode == EXIT_UNAVAILABLE
    said = (result.stdout + result.stderr).strip()
    assert "Traceback" not in said
    assert len(said.splitlines()) == 1, said
    assert "absent.db" in said
    assert not (demo_store / "absent.db").exists()


def test_the_load_harness_runs_with_tiny_counts() -> None:
    from benchmarks.service_load import markdown, measure

    said: list[str] = []
    rows = measure("sqlite", requests=12, clients=3, workers=1, cap=60, log=said.append)
    readiness = [row for row in rows if row.scenario == "readiness"]
    assert [row.side for row in readiness] == [
        "service, 3 clients",
        "service, 1 client",
        "library (in process)",
    ]
    for row in readiness:
        assert len(row.latencies_ms) == 12
        assert row.failed == 0
        assert not row.capped
    assert "| readiness | sqlite | service, 3 clients | 12 |" in markdown(rows)
    assert said[0].startswith("sqlite: preparing the store")
