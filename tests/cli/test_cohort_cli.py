"""A cohort of the demo's size, from ``init`` to hand-over, driven by the command line alone.

The demo (2 schemes, 11 assessors, 62 officers, 124 certifications) is run on a memory store
first, only to learn what happened to each candidate: the units judged BK, the assessor, the
committee member, the days. The same cohort is then taken through a fresh SQLite store with
``certflow`` commands only (in-process with click's runner; ``init`` and the final listing through
the real ``certflow`` executable), each command acting ``--as`` a person in the
personnel register, and must end with the demo's counts: per scheme 55 handed over and 7 not yet
competent, one certificate handed over after its distribution deadline, the sponsor's totals
and one complaint resolved.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import pytest
import typer
import typer.testing
from typer.testing import CliRunner

import certflow
from certflow.cli import app
from certflow.demo import run_demo
from certflow.demo.seed import ASSESSORS, SCHEMES, SESSION

runner = CliRunner()
COMMAND = typer.main.get_command(app)
"""The command tree, built once: typer's runner builds it again for every call (0.4 s here)."""


@pytest.fixture(scope="module", autouse=True)
def _built_once() -> Iterator[None]:
    """Typer's runner builds the command tree for every call (0.4 s); here, once a module."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda _: COMMAND)
        yield


HEAD = "ketua-lsp-01"
ADMIN = "lsp-admin-01"
MANAGER = "manajer-sertifikasi-01"
BASIS = "SK Ketua LSP Humas Global No. 001/2024"
STAFF = (
    (ADMIN, "lsp_admin"),
    (MANAGER, "certification_manager"),
    ("komite-teknis-01", "certification_committee"),
    ("komite-teknis-02", "certification_committee"),
    ("komite-teknis-03", "certification_committee"),
    ("dpo-01", "data_protection_officer"),
)


@dataclass(frozen=True)
class Fate:
    """What the demo did with one certification, to be done again on the command line."""

    name: str
    nik: str
    nrp: str
    rank: str
    unit: str
    position: str
    scheme: str
    met: str
    entries: list[dict[str, object]]
    bk: list[str]
    decider: str
    outcome: str
    handed_over: str | None


@dataclass(frozen=True)
class DemoSummary:
    """The demo's summary: stages per scheme, late hand-overs, complaints, sponsor totals."""

    by_stage: dict[str, Counter[str]]
    breaches: int
    complaints: Counter[str]
    sponsor_total: dict[str, int]


def _demo() -> tuple[list[Fate], DemoSummary]:
    lsp = certflow.open("memory://")
    report = run_demo(lsp)
    met = {a.id: a.met_number for a in lsp.list_assessors()}
    fates = []
    for row in lsp.list_certifications():
        view = lsp.get(row.id)
        person = lsp.get_candidate(view.subject_id).data
        fates.append(
            Fate(
                name=person.name,
                nik=person.nik or "",
                nrp=person.nrp or "",
                rank=person.rank,
                unit=person.unit,
                position=person.position,
                scheme=view.scheme_code,
                met=met[view.assessor_id] if view.assessor_id else "",
                entries=[e.model_dump(mode="json") for e in view.self_assessment],
                bk=[u for u, v in view.unit_results.items() if v.value == "BK"],
                decider=view.deciders[0],
                outcome=view.outcome.value if view.outcome else "",
                handed_over=view.distributed_on.isoformat() if view.distributed_on else None,
            )
        )
    total = lsp.sponsor_view(recipient="divhumas", session_code=SESSION.code).total
    lsp.close()
    return fates, DemoSummary(
        by_stage={code: Counter(stages) for code, stages in report.by_stage.items()},
        breaches=len(report.breaches),
        complaints=report.complaints,
        sponsor_total={k: v for k, v in total.model_dump().items() if k != "group"},
    )


def _assess(
    env: dict[str, str], stem: Path, met: str, mine: list[Fate], ids: dict[int, str], on: str
) -> None:
    """One assessor's day: verify each portfolio (VATM), interview, recommend (FR.AK.02)."""
    checks = {
        ids[id(f)]: [
            {
                "unit": e["unit"],
                "evidence": ref,
                "valid": True,
                "authentic": True,
                "current": True,
                "sufficient": e["unit"] not in f.bk,
            }
            for e in f.entries
            for ref in e["evidence"]  # type: ignore[attr-defined]
        ]
        for f in mine
    }
    vatm = stem.with_suffix(".json")
    vatm.write_text(json.dumps(checks), encoding="utf-8")
    _cli(env, "case", "verify", "--file", str(vatm), "--as", met, "--at", f"{on}T08:20")
    _cli(env, "case", "interview", *[ids[id(f)] for f in mine], "--as", met, "--at", f"{on}T09:00")
    verdicts = {
        ids[id(f)]: {str(e["unit"]): "BK" if e["unit"] in f.bk else "K" for e in f.entries}
        for f in mine
    }
    fr_ak_02 = stem.with_suffix(".toml")
    fr_ak_02.write_text(
        "".join(
            f'["{case}"]\n' + "".join(f'"{u}" = "{v}"\n' for u, v in units.items())
            for case, units in verdicts.items()
        ),
        encoding="utf-8",
    )
    _cli(env, "case", "recommend", "--file", str(fr_ak_02), "--follow-up",
         "re-assess the BK units", "--as", met, "--at", f"{on}T10:00")  # fmt: skip


def _cli(env: dict[str, str], *args: str) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, (args[:3], result.output)
    return result.output


def _exe(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "certflow")
    return subprocess.run(
        [exe, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    folder = tmp_path_factory.mktemp("cohort")
    return {"CERTFLOW_CONFIG": str(folder / "certflow.toml"), "CERTFLOW_LANG": "en"}, folder


def test_a_demo_sized_cohort_runs_through_the_cli_alone(
    cohort: tuple[dict[str, str], Path],
) -> None:
    env, folder = cohort
    fates, demo = _demo()
    assert len(fates) == 124

    # -- the LSP, its first head (the real executable), its staff ------------------------------
    init = _exe(
        env,
        "init",
        *("--name", "LSP Humas Global", "--code", "LSP-HG", "--licence", "BNSP-LSP-0001-ID"),
        *("--place", "Jakarta", "--verify-url", "https://lsp-hg.example.id/verifikasi"),
        *("--manager", "Dr. Siti Wulandari", "--head", "Bambang Sutrisno"),
        *("--store", f"sqlite:///{folder / 'cohort.db'}", "--no-keys"),
        *("--head-id", HEAD, "--basis", BASIS, "--at", "2024-10-01T08:00"),
    )
    assert init.returncode == 0, init.stderr
    assert f"personnel register founded: {HEAD}" in " ".join(init.stdout.split())
    for person, role in STAFF:
        _cli(env, "staff", "appoint", person, "--role", role, "--basis", BASIS, "--by", HEAD,
             "--from", "2024-10-01")  # fmt: skip

    # -- reference data: schemes, assessors, the TUK verified for the session, the session ------
    day = "2024-10-14T09:00"
    for scheme in SCHEMES:
        units = [f"--unit={code}={title}" for code, title in scheme.units]
        _cli(env, "scheme", "add", scheme.code, "--title", scheme.title, *units,
             "--prefix", scheme.prefix, "--as", ADMIN, "--at", day)  # fmt: skip
    codes = [f"--scheme={s.code}" for s in SCHEMES]
    for met, name, valid_until in ASSESSORS:
        _cli(env, "assessor", "add", met, "--name", name, *codes,
             "--licence-until", valid_until.isoformat(), "--as", ADMIN, "--at", day)  # fmt: skip
    verifier = ASSESSORS[0][1]  # by name, as added
    _cli(env, "tuk", "propose", SESSION.venue, "--kind", "sewaktu", "--address",
         SESSION.address_ref, "--as", ADMIN, "--at", day)  # fmt: skip
    _cli(env, "tuk", "assign-verifier", SESSION.venue, "--assessor", verifier, "--as", MANAGER,
         "--at", "2024-10-14T09:05")  # fmt: skip
    _cli(env, "tuk", "verify", SESSION.venue, *codes, "--check=ruang asesmen memadai=ya",
         "--check=akses dan keselamatan terjamin=ya", "--session", SESSION.code,
         "--as", verifier, "--at", "2024-10-14T09:10")  # fmt: skip
    days_ = ("--from", SESSION.starts_on.isoformat(), "--to", SESSION.ends_on.isoformat())
    _cli(env, "session", "plan", SESSION.code, "--title", SESSION.title, "--venue",
         SESSION.venue, *days_, *codes, "--as", ADMIN, "--at", "2024-10-14T09:15")  # fmt: skip

    # -- registration (a file of 124 rows), then ids from the listing ---------------------------
    rows = folder / "asesi.csv"
    with rows.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "nik", "nrp", "rank", "unit", "position", "scheme"])
        for f in fates:
            writer.writerow([f.name, f.nik, f.nrp, f.rank, f.unit, f.position, f.scheme])
    _cli(env, "import", "candidates", str(rows), "--session", SESSION.code, "--as", ADMIN,
         "--at", "2024-10-21T09:00", "-q")  # fmt: skip
    listed = json.loads(_cli(env, "list", "--json"))
    case_of = {(r["name"], r["scheme_code"]): r["id"] for r in listed}
    subject_of = {r["name"]: r["subject_id"] for r in listed}
    ids = {id(f): case_of[(f.name, f.scheme)] for f in fates}
    every = list(ids.values())
    _cli(env, "case", "admit", *every, "--as", ADMIN, "--at", "2024-10-22T09:00")

    # -- FR.APL.02, entered by the LSP admin from the paper forms in one file -------------------
    portfolios = folder / "apl02.json"
    portfolios.write_text(json.dumps({ids[id(f)]: f.entries for f in fates}), encoding="utf-8")
    _cli(env, "case", "portfolio", "--file", str(portfolios), "--as", ADMIN,
         "--at", "2024-10-28T14:00")  # fmt: skip

    # -- each assessor: assignment, review, mode, signature, verification, interview ------------
    by_assessor: dict[str, list[Fate]] = defaultdict(list)
    for f in fates:
        by_assessor[f.met].append(f)
    for met, mine in by_assessor.items():
        cases = [ids[id(f)] for f in mine]
        _cli(env, "case", "assign", *cases, "--assessor", met, "--as", MANAGER,
             "--at", "2024-11-04T09:00")  # fmt: skip
        for move, at in (("review", "09:01"), ("mode", "09:02")):
            _cli(env, "case", move, *cases, "--as", met, "--at", f"2024-11-04T{at}")
    for name, subject in subject_of.items():  # each candidate signs FR.AK.01 for both schemes
        theirs = [ids[id(f)] for f in fates if f.name == name]
        _cli(env, "case", "sign", *theirs, "--as", subject, "--at", "2024-11-06T08:00")
    days = ("2024-11-06", "2024-11-07", "2024-11-08")  # at most 10 interviews a day (R14)
    for n, (met, mine) in enumerate(by_assessor.items()):
        _cli(env, "case", "sign", *[ids[id(f)] for f in mine], "--as", met,
             "--at", "2024-11-06T08:10")  # fmt: skip
        for d, on in enumerate(days):
            _assess(env, folder / f"{n}-{d}", met, mine[d::3], ids, on)
    for name, subject in subject_of.items():  # each candidate signs for the result (R29)
        theirs = [ids[id(f)] for f in fates if f.name == name]
        _cli(env, "case", "acknowledge", *theirs, "--as", subject, "--at", "2024-11-08T16:00")

    # -- the committee decides, the manager prints, the admin hands over ------------------------
    decisions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for f in fates:
        decisions[(f.decider, f.outcome)].append(ids[id(f)])
    for (member, outcome), cases in decisions.items():
        _cli(env, "case", "decide", *cases, "--outcome", outcome, "--as", member,
             "--at", "2024-11-14T09:00")  # fmt: skip
    competent = [ids[id(f)] for f in fates if f.outcome == "K"]
    printed = _cli(env, "case", "print", *competent, "--manager", MANAGER, "--head", HEAD,
                   "--as", MANAGER, "--at", "2024-11-25T09:00")  # fmt: skip
    assert "HG-MI/00001/2024" in printed
    assert "HG-PKK/00055/2024" in printed
    hand_over: dict[str, list[str]] = defaultdict(list)
    for f in fates:
        if f.handed_over:
            hand_over[f.handed_over].append(ids[id(f)])
    for day_, cases in sorted(hand_over.items()):
        channel = "courier" if day_ == "2024-12-16" else "in_person"
        _cli(env, "case", "distribute", *cases, "--channel", channel, "--as", ADMIN,
             "--at", f"{day_}T10:00")  # fmt: skip

    # -- the sponsor's basis (R62) and the demo's one complaint (R53) ---------------------------
    _cli(env, "disclosure", "record", "--session", SESSION.code, "--basis", "contract",
         "--reference", "PKS/07/X/2024", "--by", "dpo-01")  # fmt: skip
    filed = _cli(env, "complaint", "file", "--about", "lsp", "--summary", "ruang wawancara bising",
                 "--as", ADMIN, "--at", "2025-01-06T10:00")  # fmt: skip
    complaint = filed.split()[-1]
    _cli(env, "complaint", "acknowledge", complaint, "--as", ADMIN, "--at", "2025-01-07T09:00")
    _cli(env, "complaint", "assign", complaint, "--investigator", "komite-teknis-03",
         "--as", MANAGER, "--at", "2025-01-07T09:05")  # fmt: skip
    _cli(env, "complaint", "resolve", complaint, "--outcome", "substantiated", "--findings",
         "the room adjoined the ballroom", "--action", "book rooms away from event halls",
         "--as", "komite-teknis-03", "--at", "2025-01-20T14:00")  # fmt: skip

    # -- the same summary as the demo's, read by the real executable ----------------------------
    final = _exe(env, "list", "--json")
    assert final.returncode == 0, final.stderr
    rows_ = json.loads(final.stdout)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows_:
        counts[r["scheme_code"]][r["stage"]] += 1
    assert dict(counts) == demo.by_stage
    assert demo.by_stage[SCHEMES[0].code] == Counter(distributed=55, not_yet_competent=7)
    complaints = json.loads(_cli(env, "complaint", "list", "--json"))
    assert Counter(c["stage"] for c in complaints) == demo.complaints
    sponsor = json.loads(_cli(env, "report", "sponsor", "--session", SESSION.code, "--json"))
    assert {k: v for k, v in sponsor["total"].items() if k != "group"} == demo.sponsor_total
    late = [f for f in fates if f.handed_over == "2024-12-16"]  # couriered to Papua
    assert len(late) == demo.breaches == 1
    shown = json.loads(_cli(env, "show", ids[id(late[0])], "--json"))
    distribution = next(d for d in shown["deadlines"] if d["name"] == "distribution")
    assert distribution["status"] == "missed"
    assert UUID(shown["assessor_id"])


def test_the_role_comes_from_the_register_not_the_command_line(
    cohort: tuple[dict[str, str], Path],
) -> None:
    env, _ = cohort
    case = json.loads(_cli(env, "list", "--json", "--stage", "distributed"))[0]["id"]
    refused = runner.invoke(app, ["case", "revoke", case, "--grounds", "x", "--as", ADMIN], env=env)
    assert refused.exit_code == 3
    message = " ".join(refused.output.split())
    assert "P2" in message
    assert "certification_committee" in message
    unknown = runner.invoke(app, ["case", "admit", case, "--as", "nobody-01"], env=env)
    assert unknown.exit_code == 3
    assert "P1" in unknown.output
    future = runner.invoke(
        app, ["case", "admit", case, "--as", ADMIN, "--at", "2999-01-01"], env=env
    )
    assert future.exit_code == 3
    assert "in the future" in future.output
