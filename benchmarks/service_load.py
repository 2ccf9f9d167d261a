"""Load on the service, on loopback only, bounded in count and time.

Run: ``python -m benchmarks.service_load --store sqlite --store postgres`` (defaults: 2,000
requests per scenario from 50 concurrent clients, a 120 s cap per run, 2 workers). It prepares a
store the way an LSP would (``certflow init``, then ``certflow demo``: about 90 certifications),
starts ``certflow serve --workers 2`` on a free loopback port, and drives it with a small asyncio
client (httpx) in four ways per scenario:

* **service, N clients**: the fixed count of requests from N concurrent clients (keep-alive),
  each sending again as soon as answered: throughput, and latency when the workers are saturated
  (by Little's law about N / throughput);
* **service, N clients, T s apart**: the same clients, each waiting T seconds (``--think``,
  0.5) between requests, like people scanning QR codes: latency at a load the workers can serve;
* **service, 1 client**: requests one at a time: the latency of one request with nothing queued;
* **library**: the same work called on the facade in this process (``verify_certificate``,
  ``register``, the readiness query), one at a time: what the service adds is the difference of
  the p50s.

The scenarios: the readiness probe, the verification page ``GET /v/{token}`` (a token of every
certificate the demo printed, in turn) and the command ``register`` (``POST /v1/certifications``,
a fresh candidate each, signed in with an API token of the LSP admin). A scenario runs only when
the service has its route, so the harness grows with the API. Prints a Markdown table and
writes ``benchmarks/results/service_load.json``; asserts no timing (docs/performance.md, "The
service", says how the figures were taken).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID, uuid4

import typer

import certflow
from benchmarks.workload import pg_schema, postgres_problem

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

STARTUP_CAP = 120.0
"""Seconds ``certflow serve`` may take to answer ready (a cap, never a measure)."""


@dataclass(frozen=True)
class Request:
    """One request of a scenario."""

    method: str
    path: str
    json: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)


Call = Callable[[int], Request]
"""The i-th request of a scenario."""


@dataclass
class Figures:
    """One measured side of one scenario: every latency and what failed."""

    scenario: str
    store: str
    side: str
    latencies_ms: list[float] = field(default_factory=list)
    failed: int = 0
    seconds: float = 0.0
    capped: bool = False
    first_failure: str = ""
    """The status and the start of the body of the first request that failed."""

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else float("nan")

    @property
    def p99(self) -> float:
        if len(self.latencies_ms) < 2:
            return self.p50
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[98]

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else float("nan")

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("latencies_ms")
        data |= {
            "requests": len(self.latencies_ms),
            "p50_ms": self.p50,
            "p99_ms": self.p99,
            "per_second": self.throughput,
        }
        return data


@dataclass
class Scenario:
    """What is requested over HTTP, and the library call that does the same work."""

    name: str
    route: str
    """The route's template; the scenario runs when the OpenAPI document lists it or, for a
    page left out of the document, when its first request answers as expected."""
    call: Call
    library: Callable[[int], object]
    expected: frozenset[int] = frozenset({200})
    prepare: Callable[[int], None] | None = None
    """Records what ``n`` requests and their library twins need, when the scenario runs."""


# -- the store and the server -----------------------------------------------------------------


def _certflow(*args: str, folder: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "certflow", *args],
        cwd=folder,
        env=_env(folder),
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"certflow {args[0]} failed ({done.returncode}): {done.stderr[-500:]}")


def _env(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CERTFLOW_")}
    env["CERTFLOW_CONFIG"] = str(folder / "certflow.toml")
    return env


@contextmanager
def prepared(kind: str) -> Iterator[Path]:
    """A folder with an LSP profile, its keys and a store the demo filled (removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="certflow-load-") as name:
        folder = Path(name)
        if kind == "postgres":
            with pg_schema() as schema:
                yield _initialised(
                    folder, f"postgresql://postgres@127.0.0.1:5432/postgres?schema={schema}"
                )
        else:
            yield _initialised(folder, f"sqlite:///{folder / 'certflow.db'}")


def _initialised(folder: Path, url: str) -> Path:
    _certflow(
        "init",
        "--name",
        "LSP Uji Beban",
        "--code",
        "LSP-UJI",
        "--licence",
        "BNSP-LSP-0001",
        "--place",
        "Jakarta",
        "--verify-url",
        "https://sertifikat.lsp-uji.example/verifikasi",
        "--manager",
        "Manajer Uji",
        "--head",
        "Ketua Uji",
        "--store",
        url,
        folder=folder,
    )
    _certflow("demo", "-q", folder=folder)
    return folder


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(folder: Path, workers: int) -> Iterator[str]:
    """``certflow serve`` on the folder's profile, on loopback; stopped with SIGTERM."""
    port = _free_port()
    env = _env(folder) | {
        "CERTFLOW_SERVICE_LOG_LEVEL": "warning",
        # one loopback address stands for 50 clients: lift the per-address limit of the
        # verification routes (the bucket is still checked on every request)
        "CERTFLOW_SERVICE_VERIFICATION_TOKEN_BURST": "100000",
        "CERTFLOW_SERVICE_VERIFICATION_TOKEN_PER_MINUTE": "100000",
    }
    command = [sys.executable, "-m", "certflow", "serve", "--host", "127.0.0.1"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--workers", str(workers)],
        cwd=folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(process, base)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def _wait_ready(process: subprocess.Popen[str], base: str) -> None:
    give_up = time.monotonic() + STARTUP_CAP
    while time.monotonic() < give_up:
        if process.poll() is not None:
            raise RuntimeError(f"certflow serve stopped: {process.communicate()[1][-500:]}")
        try:
            with urllib.request.urlopen(f"{base}/health/ready", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"certflow serve not ready within {STARTUP_CAP:g} s")


# -- the scenarios ----------------------------------------------------------------------------


@dataclass
class Library:
    """The store opened in this process, as the library's user would, beside the server."""

    body: certflow.CertificationBody
    tokens: list[str]
    keys: Any


@contextmanager
def library(folder: Path) -> Iterator[Library]:
    """The folder's store and keys, opened in this process; a token for every printed copy."""
    from certflow.adapters.tokens import current_signer

    profile = certflow.load_profile(folder / "certflow.toml")
    body = certflow.open(profile.store or "", lsp_code=profile.code, create=False)
    try:
        signer = current_signer(profile.keys.dir)
        rows = body.read_models.certificate_register(today=date(2100, 1, 1))
        tokens = [body.certificate_token(row.certification_id, key=signer) for row in rows]
        yield Library(body, tokens, certflow.load_key_set(profile.keys.dir))
    finally:
        body.close()


def scenarios(lib: Library) -> list[Scenario]:
    """Every scenario the harness knows, each with its library twin."""
    body = lib.body
    tokens = lib.tokens or ["-"]

    def ready(_: int) -> object:
        body.read_models.stage_counts()
        return dict(body.read_models.behind)

    def verify(i: int) -> object:
        return body.verify_certificate(tokens[i % len(tokens)], public_key=lib.keys)

    return [
        Scenario("readiness", "/health/ready", lambda _: Request("GET", "/health/ready"), ready),
        Scenario(
            "verification page",
            "/v/{token}",
            lambda i: Request("GET", f"/v/{tokens[i % len(tokens)]}"),
            verify,
        ),
        registration(lib),
    ]


def registration(lib: Library) -> Scenario:
    """The command ``register`` (``POST /v1/certifications``) for a fresh candidate each time.

    Prepared in this process: a verified TUK and a session two months ahead for the demo's
    first scheme, a fresh candidate for every request and library call, and an API token of the
    LSP admin. Over HTTP the admin's token authenticates; the library call acts as the admin.
    """
    from certflow.testing.actors import ADMIN, HEAD
    from certflow.testing.reference import ReferenceData

    body = lib.body
    made: dict[str, Any] = {}
    fresh: deque[UUID] = deque()

    def prepare(n: int) -> None:
        scheme = body.list_schemes()[0].id
        ReferenceData(body).verify_tuk("TUK Uji Beban", [scheme], session_code="EUK-BEBAN")
        today = body.clock.now().date()
        made["scheme"] = scheme
        made["session"] = body.plan_session(
            code="EUK-BEBAN",
            title="Uji beban",
            venue="TUK Uji Beban",
            starts_on=today + timedelta(days=60),
            ends_on=today + timedelta(days=62),
            scheme_ids=[scheme],
            actor=ADMIN,
        )
        fresh.extend(body.add_candidate(name=f"Peserta Beban {k}") for k in range(n))
        issued = body.issue_api_token(person_id=ADMIN.id, label="load test", actor=HEAD)
        made["auth"] = {"Authorization": f"Bearer {issued.token}"}
        body.read_models.catch_up()  # the views are in the store: the workers find them current

    def fields() -> dict[str, Any]:
        return {"subject_id": fresh.popleft(), "scheme_id": made["scheme"]} | {
            "session_id": made["session"]
        }

    def call(_: int) -> Request:
        sent = {key: str(value) for key, value in fields().items()}
        headers = made["auth"] | {"Idempotency-Key": uuid4().hex}
        return Request("POST", "/v1/certifications", json=sent, headers=headers)

    def library_twin(_: int) -> object:
        return body.register(**fields(), actor=ADMIN)

    return Scenario(
        "command: register",
        "/v1/certifications",
        call,
        library_twin,
        expected=frozenset({201}),
        prepare=prepare,
    )


def _answers(base: str, scenario: Scenario) -> bool:
    first = scenario.call(0)
    request = urllib.request.Request(f"{base}{first.path}", method=first.method)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status in scenario.expected
    except OSError:
        return False


def _routes(base: str) -> set[str]:
    with urllib.request.urlopen(f"{base}/openapi.json", timeout=10) as answer:
        document: dict[str, Any] = json.loads(answer.read())
    return set(document.get("paths", {}))


# -- the measurements -------------------------------------------------------------------------


async def _drive(
    base: str,
    scenario: Scenario,
    figures: Figures,
    total: int,
    clients: int,
    cap: float,
    think: float,
) -> None:
    import httpx

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    issued = 0

    async def one_client(client: httpx.AsyncClient, number: int) -> None:
        nonlocal issued
        pace = random.Random(number)  # each client its own steady, reproducible rhythm
        if think:
            await asyncio.sleep(pace.uniform(0, think))  # not all at once
        while issued < total:
            i = issued
            issued += 1
            sent = scenario.call(i)
            started = time.perf_counter()
            try:
                answer = await client.request(
                    sent.method, sent.path, json=sent.json, headers=sent.headers
                )
                failure = "" if answer.status_code in scenario.expected else answer.text[:300]
                failure = failure and f"{answer.status_code}: {failure}"
            except httpx.HTTPError as error:
                failure = f"{type(error).__name__}: {error}"[:300]
            figures.latencies_ms.append((time.perf_counter() - started) * 1000)
            if failure:
                figures.failed += 1
                figures.first_failure = figures.first_failure or failure
            if think:
                await asyncio.sleep(pace.uniform(0.5 * think, 1.5 * think))

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30.0) as client:
        await client.get("/health/live")  # a connection open before the clock starts
        started = time.perf_counter()
        try:
            await asyncio.wait_for(
                asyncio.gather(*(one_client(client, n) for n in range(clients))), cap
            )
        except TimeoutError:
            figures.capped = True
        figures.seconds = time.perf_counter() - started


def over_http(
    base: str,
    scenario: Scenario,
    store: str,
    *,
    total: int,
    clients: int,
    cap: float,
    think: float = 0.0,
) -> Figures:
    """``total`` requests of ``scenario`` from ``clients`` concurrent clients, within ``cap``.

    Each client sends its next request as soon as it has the answer, or, given ``think``, after
    a pause drawn between half and one and a half times it (seeded per client).
    """
    side = f"service, {clients} client{'s' if clients > 1 else ''}"
    side += f", {think:g} s apart" if think else ""
    figures = Figures(scenario.name, store, side)
    asyncio.run(_drive(base, scenario, figures, total, clients, cap, think))
    return figures


def in_process(scenario: Scenario, store: str, *, total: int, cap: float) -> Figures:
    """``total`` calls of the scenario's library twin, one at a time, within ``cap``."""
    figures = Figures(scenario.name, store, "library (in process)")
    started = time.perf_counter()
    for i in range(total):
        began = time.perf_counter()
        scenario.library(i)
        figures.latencies_ms.append((time.perf_counter() - began) * 1000)
        if time.perf_counter() - started > cap:
            figures.capped = True
            break
    figures.seconds = time.perf_counter() - started
    return figures


def measure(
    kind: str,
    *,
    requests: int,
    clients: int,
    workers: int,
    cap: float,
    think: float = 0.0,
    log: Callable[[str], None] = print,
) -> list[Figures]:
    """Every scenario the served API has, on a fresh ``kind`` store, from every side.

    The sides: ``clients`` clients as fast as answered, the same paced ``think`` seconds apart
    (when given), one client, and the library in this process.
    """
    found: list[Figures] = []
    log(f"{kind}: preparing the store (certflow init, certflow demo)")
    with prepared(kind) as folder, library(folder) as lib, served(folder, workers) as base:
        routes = _routes(base)
        for scenario in scenarios(lib):
            if scenario.route not in routes and not _answers(base, scenario):
                log(f"{kind}: {scenario.name} skipped: the service has no {scenario.route} yet")
                continue
            alone = max(1, min(requests, 300))
            if scenario.prepare is not None:
                log(f"{kind}: {scenario.name}: preparing")
                scenario.prepare((2 if think else 1) * requests + 2 * alone)
            log(f"{kind}: {scenario.name}: {requests} requests from {clients} clients")
            many = {"total": requests, "clients": clients, "cap": cap}
            found.append(over_http(base, scenario, kind, **many))
            if think:
                found.append(over_http(base, scenario, kind, **many, think=think))
            found.append(over_http(base, scenario, kind, total=alone, clients=1, cap=cap))
            found.append(in_process(scenario, kind, total=alone, cap=cap))
    return found


def markdown(rows: list[Figures]) -> str:
    """The table docs/performance.md shows."""
    lines = [
        "| scenario | store | side | requests | failed | p50 ms | p99 ms | per second |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        capped = " (capped)" if row.capped else ""
        lines.append(
            f"| {row.scenario} | {row.store} | {row.side} | {len(row.latencies_ms)}{capped} "
            f"| {row.failed} | {row.p50:.2f} | {row.p99:.2f} | {row.throughput:,.0f} |"
        )
    added = _added(rows)
    if added:
        lines += ["", "| scenario | store | the service adds to the library's p50 (1 client) |"]
        lines += ["| --- | --- | ---: |"]
        lines += [f"| {name} | {store} | {ms:+.2f} ms |" for (name, store), ms in added.items()]
    return "\n".join(lines) + "\n"


def _added(rows: list[Figures]) -> dict[tuple[str, str], float]:
    alone = {(r.scenario, r.store): r.p50 for r in rows if r.side == "service, 1 client"}
    lib = {(r.scenario, r.store): r.p50 for r in rows if r.side.startswith("library")}
    return {key: alone[key] - lib[key] for key in alone if key in lib}


@app.command()
def main(
    store: Annotated[
        list[str] | None, typer.Option(help="sqlite or postgres; repeat for both.")
    ] = None,
    requests: Annotated[int, typer.Option(min=1, max=100_000)] = 2000,
    clients: Annotated[int, typer.Option(min=1, max=200)] = 50,
    workers: Annotated[int, typer.Option(min=1, max=8)] = 2,
    cap: Annotated[float, typer.Option(help="Seconds at most per run.", min=1)] = 120.0,
    think: Annotated[
        float, typer.Option(help="Also a paced run: seconds each client waits between requests.")
    ] = 0.5,
    out: Annotated[Path | None, typer.Option(help="Where to write the JSON.")] = None,
) -> None:
    """Drive ``certflow serve`` on loopback and print p50/p99 and throughput beside the library."""
    kinds = store or ["sqlite"]
    unknown = [kind for kind in kinds if kind not in ("sqlite", "postgres")]
    if unknown:
        raise typer.BadParameter(f"unknown store(s) {unknown}; choose sqlite or postgres")
    load_before = os.getloadavg()
    rows: list[Figures] = []
    for kind in kinds:
        problem = postgres_problem() if kind == "postgres" else None
        if problem:
            print(f"postgres skipped: {problem}", file=sys.stderr)
            continue
        rows += measure(
            kind,
            requests=requests,
            clients=clients,
            workers=workers,
            cap=cap,
            think=think,
            log=lambda text: print(text, file=sys.stderr),
        )
    load_after = os.getloadavg()
    print(markdown(rows))
    for row in rows:
        if row.first_failure:
            print(f"{row.scenario}, {row.store}, {row.side}: {row.first_failure}")
    print(f"load average (1, 5, 15 min): before {load_before}, after {load_after}")
    target = out or Path(__file__).parent / "results" / "service_load.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        json.dumps(
            {
                "settings": {
                    "requests": requests,
                    "clients": clients,
                    "workers": workers,
                    "think": think,
                    "cap": cap,
                },
                "load_average": {"before": load_before, "after": load_after},
                "cores": os.cpu_count(),
                "rows": [row.as_json() for row in rows],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    app()
