"""B9's peers: the main path as a plain CRUD app and as a SpiffWorkflow process, on SQLite.

Both take the fifteen commands of certflow's main path (:data:`certflow.testing.STEPS`), by the
same people in the same roles at the same business times, with the same payloads (three units'
evidence, checks and results), and check what certflow checks for them:

- the move: which move is allowed from which stage (:data:`MOVES`, certflow's own table for
  these moves, checked against ``CERTIFICATION_WORKFLOW`` by tests/unit/test_peers.py) and the
  order inside a stage (reviewed and mode recorded before signing, both signatures before
  verification, verified before the interview, the recommendation acknowledged before the
  decision);
- the person: a staff member's appointment for the role, read from the ``appointment`` table
  and valid on the business date for the scheme; an assessor's licence (the same table), and
  for an assessor's move the assessor assigned to the case; a candidate only on their own case;
  nobody acts on their own case, and the decider is not the case's assessor;
- the payload: the portfolio, the checks and the results cover every unit of the scheme; no
  conflict declared at the assignment.

Each command is one transaction on a connection opened as eventsourcing's SQLite recorder opens
its own (autocommit mode and an explicit ``BEGIN``), with the journal mode and synchronous
setting read from certflow's store in the same run (:func:`durability`).

:class:`CrudApp` keeps one row per certification, updated in place, and appends an audit-log row
per command: what typical LSP web apps do. :class:`SpiffApp` keeps one row per certification
holding SpiffWorkflow's own JSON serialization of a BPMN process of fifteen user tasks in
sequence (:mod:`benchmarks.peer_spiff`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID, uuid5

from certflow.testing.actors import ADMIN, COMMITTEE, COMMITTEE_MEMBERS, HEAD, MANAGER, TUK_ADMIN
from certflow.testing.route import CALENDAR, STEPS, UNITS

SCHEME = "SKM/B9/1"
STAFF = (ADMIN, MANAGER, HEAD, TUK_ADMIN, *COMMITTEE_MEMBERS)
"""The standard staff, appointed for every scheme (as :func:`appoint_standard_staff` does)."""
LICENCE = (date(2020, 1, 1).isoformat(), date(2027, 12, 31).isoformat())
"""An assessor's licence: valid from, until (it covers :data:`SCHEME`)."""
_NS = UUID("6f0b0d3e-8e0a-4a8c-9d55-1b2c3d4e5f60")


class Refused(Exception):  # noqa: N818 (a refusal, as certflow's errors are)
    """The command is refused: nothing is recorded."""


@dataclass(frozen=True)
class Move:
    """Where a move may start, where it ends (``None``: it stays), and who may make it."""

    sources: tuple[str, ...]
    dest: str | None
    roles: frozenset[str]


def _m(sources: str, dest: str | None, *roles: str) -> Move:
    return Move(tuple(sources.split()), dest, frozenset(roles))


MOVES: dict[str, Move] = {
    "register": _m("", "registered", "lsp_admin", "candidate"),
    "admit": _m("registered", None, "lsp_admin"),
    "submit_portfolio": _m("registered", "portfolio_submitted", "candidate", "lsp_admin"),
    "assign_assessor": _m("portfolio_submitted", None, "certification_manager", "head_of_lsp"),
    "review_self_assessment": _m(
        "portfolio_submitted assessment_deferred", "portfolio_submitted", "assessor"
    ),
    "record_assessment_mode": _m("portfolio_submitted", None, "lsp_admin", "assessor"),
    "sign_agreement": _m("portfolio_submitted", None, "candidate", "assessor"),
    "verify_portfolio": _m("portfolio_submitted", None, "assessor"),
    "record_interview": _m("portfolio_submitted", "interviewed", "assessor"),
    "recommend": _m("interviewed", None, "assessor"),
    "acknowledge_result": _m("interviewed", None, "candidate", "assessor"),
    "decide": _m("interviewed", "competent", "certification_committee"),
    "print_certificate": _m(
        "competent", "certificate_printed", "certification_manager", "head_of_lsp"
    ),
    "distribute_certificate": _m(
        "certificate_printed", "distributed", "tuk_admin", "lsp_admin", "certification_manager"
    ),
}
"""The peers' state machine: certflow's for these moves (``decide`` on the competent branch)."""

TRIGGER = {s: s for s in STEPS} | {"candidate_signs": "sign_agreement"}
TRIGGER["assessor_signs"] = "sign_agreement"
"""The move each step of the main path makes (the agreement takes two signatures)."""


@dataclass(frozen=True)
class Command:
    """One command of the main path: the step, the case, who acts in which role, when, what."""

    step: str
    case: str
    actor: str
    role: str
    at: str
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def day(self) -> str:
        return self.at[:10]


def assessor_id(n: int) -> str:
    """The register id of the assessor of lifecycle ``n`` (one per eight, as B1)."""
    return str(uuid5(_NS, f"assessor-{n // 8}"))


def lifecycle(n: int, *, tag: str = "B9") -> list[Command]:
    """The fifteen commands of certification ``n``, as certflow's main path takes them."""
    subject = str(uuid5(_NS, f"{tag}-subject-{n}"))
    case = str(uuid5(_NS, f"{tag}-case-{n}"))
    assessor = assessor_id(n)
    evidence = {u: f"doc-{u}" for u in UNITS}
    results = dict.fromkeys(UNITS, "K")
    checks = [
        {"unit": u, "evidence": r, "valid": True, "authentic": True, "current": True}
        | {"sufficient": True}
        for u, r in evidence.items()
    ]
    agreement = {"methods": ["portfolio", "interview"], "appeal_process_explained": True}
    who = {
        "register": (ADMIN.id, "lsp_admin", {"subject_id": subject, "scheme": SCHEME}),
        "admit": (ADMIN.id, "lsp_admin", {}),
        "submit_portfolio": (
            subject,
            "candidate",
            {"entries": [{"unit": u, "evidence": [r]} for u, r in evidence.items()]},
        ),
        "assign_assessor": (
            MANAGER.id,
            "certification_manager",
            {"assessor_id": assessor, "declaration": {"has_conflict": False}},
        ),
        "review_self_assessment": (assessor, "assessor", {"proceed": True}),
        "record_assessment_mode": (assessor, "assessor", {"mode": "on_site"}),
        "candidate_signs": (subject, "candidate", agreement),
        "assessor_signs": (assessor, "assessor", agreement),
        "verify_portfolio": (assessor, "assessor", {"checks": checks}),
        "record_interview": (assessor, "assessor", {}),
        "recommend": (assessor, "assessor", {"results": results, "recommendation": "K"}),
        "acknowledge_result": (subject, "candidate", {}),
        "decide": (
            COMMITTEE.id,
            "certification_committee",
            {"outcome": "K", "unit_outcomes": results, "deciders": [COMMITTEE.id]},
        ),
        "print_certificate": (
            MANAGER.id,
            "certification_manager",
            {"manager": MANAGER.id, "head": HEAD.id},
        ),
        "distribute_certificate": (ADMIN.id, "lsp_admin", {"channel": "in_person"}),
    }
    return [
        Command(step, case, who[step][0], who[step][1], CALENDAR.at(step).isoformat(), who[step][2])
        for step in STEPS
    ]


# -- the checks both peers make ---------------------------------------------------------------


def check_person(cursor: sqlite3.Cursor, command: Command, case: dict[str, Any]) -> None:
    """The role may make the move, and this person may make it on this case (read the table)."""
    trigger = TRIGGER[command.step]
    if command.role not in MOVES[trigger].roles:
        raise Refused(f"{command.role} may not {trigger}")
    subject = case["subject_id"]
    if command.role == "candidate":
        if command.actor != subject:
            raise Refused("a candidate acts only on their own case")
        return
    row = cursor.execute(
        "SELECT scheme, since, until FROM appointment WHERE person_id = ? AND role = ?",
        (command.actor, command.role),
    ).fetchone()
    if row is None or row[0] not in ("*", case["scheme"]) or not row[1] <= command.day <= row[2]:
        raise Refused(f"{command.actor} holds no appointment as {command.role} on {command.day}")
    if command.actor == subject:
        raise Refused("nobody acts on their own case")
    if command.role == "assessor" and command.actor != case.get("assessor_id"):
        raise Refused("only the assessor assigned to the case")
    if trigger == "decide" and command.actor == case.get("assessor_id"):
        raise Refused("the case's assessor may not decide on it")


def _covers(units: list[str], given: list[str]) -> None:
    if sorted(given) != sorted(units):
        raise Refused(f"every unit, once: {sorted(units)}")


def check_and_apply(cursor: sqlite3.Cursor, command: Command, case: dict[str, Any]) -> None:
    """The step's own conditions on the case (order inside a stage, payload), then its effect."""
    step, p = command.step, command.payload
    needs = {
        "submit_portfolio": ("admitted",),
        "candidate_signs": ("reviewed", "mode"),
        "assessor_signs": ("reviewed", "mode"),
        "verify_portfolio": ("signed_candidate", "signed_assessor"),
        "record_interview": ("verified",),
        "acknowledge_result": ("recommendation",),
        "decide": ("acknowledged",),
    }
    for flag in needs.get(step, ()):
        if not case.get(flag):
            raise Refused(f"{step} needs {flag}")
    if step == "admit" and case.get("admitted"):
        raise Refused("admitted already")
    if step == "submit_portfolio":
        _covers(case["units"], [e["unit"] for e in p["entries"]])
        case["portfolio"] = p["entries"]
    elif step == "assign_assessor":
        if p["declaration"].get("has_conflict") is not False:
            raise Refused("the assessor declares no conflict, or it is mitigated")
        licence = cursor.execute(
            "SELECT scheme, since, until FROM appointment WHERE person_id = ? AND role = ?",
            (p["assessor_id"], "assessor"),
        ).fetchone()
        if licence is None or licence[0] != case["scheme"]:
            raise Refused("the assessor holds no licence for the scheme")
        if not licence[1] <= command.day <= licence[2]:
            raise Refused("the assessor's licence is not valid on the day")
        case["assessor_id"] = p["assessor_id"]
    elif step in ("candidate_signs", "assessor_signs"):
        if not p["appeal_process_explained"] or not p["methods"]:
            raise Refused("the methods agreed and the appeal process explained")
        case["signed_" + command.role] = True
    elif step == "verify_portfolio":
        _covers(case["units"], [c["unit"] for c in p["checks"]])
        case["verified"] = all(c["sufficient"] for c in p["checks"])
    elif step == "recommend":
        _covers(case["units"], list(p["results"]))
        case["recommendation"] = p["recommendation"]
    elif step == "decide":
        _covers(case["units"], list(p["unit_outcomes"]))
        case["outcome"] = p["outcome"]
    elif step == "print_certificate":
        (number,) = cursor.execute(
            "UPDATE counter SET value = value + 1 WHERE name = 'certificate' RETURNING value"
        ).fetchone()
        case["certificate"] = f"{number:07d} {case['scheme']} {command.day[:4]}"
    else:
        flag = {
            "admit": "admitted",
            "review_self_assessment": "reviewed",
            "record_assessment_mode": "mode",
            "record_interview": "interviewed",
            "acknowledge_result": "acknowledged",
            "distribute_certificate": "distributed",
        }.get(step)
        if flag:
            case[flag] = p.get("mode", True)


# -- the stores -------------------------------------------------------------------------------


def connect(path: str, settings: dict[str, str]) -> sqlite3.Connection:
    """A connection as eventsourcing's recorder makes one, with certflow's durability settings."""
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma, value in settings.items():
        db.execute(f"PRAGMA {pragma} = {value}")
    return db


_REFERENCE = """
CREATE TABLE appointment (person_id TEXT, role TEXT, scheme TEXT, since TEXT, until TEXT,
    PRIMARY KEY (person_id, role));
CREATE TABLE scheme (code TEXT PRIMARY KEY, units TEXT);
CREATE TABLE counter (name TEXT PRIMARY KEY, value INTEGER);
"""


def _reference(db: sqlite3.Connection, assessors: int) -> None:
    db.executescript(_REFERENCE)
    rows = [(a.id, str(a.role), "*", "2020-01-01", "9999-12-31") for a in STAFF]
    rows += [(assessor_id(8 * n), "assessor", SCHEME, *LICENCE) for n in range(assessors)]
    db.execute("BEGIN")
    db.executemany("INSERT INTO appointment VALUES (?, ?, ?, ?, ?)", rows)
    db.execute("INSERT INTO scheme VALUES (?, ?)", (SCHEME, json.dumps(list(UNITS))))
    db.execute("INSERT INTO counter VALUES ('certificate', 0)")
    db.execute("COMMIT")


class Store:
    """A SQLite file, one transaction per command, the time spent in ``COMMIT`` kept."""

    def __init__(self, path: str, settings: dict[str, str], lifecycles: int) -> None:
        self.db = connect(path, settings)
        self.commit_seconds = 0.0
        self.commits = 0
        _reference(self.db, lifecycles // 8 + 1)

    def run(self, command: Command) -> None:
        cursor = self.db.cursor()
        cursor.execute("BEGIN")
        try:
            self.handle(cursor, command)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        started = time.perf_counter()
        cursor.execute("COMMIT")
        self.commit_seconds += time.perf_counter() - started
        self.commits += 1

    def handle(self, cursor: sqlite3.Cursor, command: Command) -> None:
        raise NotImplementedError

    def _units(self, cursor: sqlite3.Cursor, scheme: str) -> list[str]:
        row = cursor.execute("SELECT units FROM scheme WHERE code = ?", (scheme,)).fetchone()
        if row is None:
            raise Refused(f"no scheme {scheme}")
        units: list[str] = json.loads(row[0])
        return units

    def commands(self, commands: list[Command]) -> list[Callable[[], None]]:
        return [lambda c=c: self.run(c) for c in commands]

    def close(self) -> None:
        self.db.close()


# -- CRUD -------------------------------------------------------------------------------------

_CRUD = """
CREATE TABLE certification (
    id TEXT PRIMARY KEY, subject_id TEXT NOT NULL, scheme TEXT NOT NULL, units TEXT NOT NULL,
    stage TEXT NOT NULL, admitted INTEGER, portfolio TEXT, assessor_id TEXT, reviewed INTEGER,
    mode TEXT, signed_candidate INTEGER, signed_assessor INTEGER, verified INTEGER,
    interviewed INTEGER, recommendation TEXT, acknowledged INTEGER, outcome TEXT,
    certificate TEXT, distributed INTEGER, version INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY, certification_id TEXT NOT NULL, action TEXT NOT NULL,
    actor_id TEXT NOT NULL, actor_role TEXT NOT NULL, at TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX audit_log_case ON audit_log (certification_id);
"""
_COLUMNS = (
    *("subject_id", "scheme", "units", "stage", "admitted", "portfolio", "assessor_id"),
    *("reviewed", "mode", "signed_candidate", "signed_assessor", "verified", "interviewed"),
    *("recommendation", "acknowledged", "outcome", "certificate", "distributed", "version"),
    "updated_at",
)
_JSON = ("units", "portfolio")
_UPDATE = (
    f"UPDATE certification SET {', '.join(f'{c} = ?' for c in _COLUMNS)} "
    "WHERE id = ? AND version = ?"
)
_INSERT = f"INSERT INTO certification (id, {', '.join(_COLUMNS)}) VALUES (?{', ?' * len(_COLUMNS)})"


class CrudApp(Store):
    """One row per certification, updated in place, and an audit-log row per command."""

    def __init__(self, path: str, settings: dict[str, str], lifecycles: int) -> None:
        super().__init__(path, settings, lifecycles)
        self.db.executescript(_CRUD)

    def handle(self, cursor: sqlite3.Cursor, command: Command) -> None:
        move = MOVES[TRIGGER[command.step]]
        if command.step == "register":
            if cursor.execute(
                "SELECT 1 FROM certification WHERE id = ?", (command.case,)
            ).fetchone():
                raise Refused("registered already")
            p = command.payload
            case: dict[str, Any] = dict.fromkeys(_COLUMNS)
            case |= {"subject_id": p["subject_id"], "scheme": p["scheme"], "version": 0}
            case["units"] = self._units(cursor, p["scheme"])
            check_person(cursor, command, case)
        else:
            row = cursor.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM certification WHERE id = ?", (command.case,)
            ).fetchone()
            if row is None:
                raise Refused(f"no certification {command.case}")
            case = dict(zip(_COLUMNS, row, strict=True))
            for column in _JSON:
                case[column] = json.loads(case[column]) if case[column] else None
            if case["stage"] not in move.sources:
                raise Refused(f"{TRIGGER[command.step]} is not allowed at {case['stage']}")
            check_person(cursor, command, case)
        check_and_apply(cursor, command, case)
        version = case["version"]
        stage = move.dest or case["stage"]
        if command.step == "decide" and case["outcome"] != "K":
            stage = "not_yet_competent"
        case |= {"stage": stage, "version": version + 1}
        case["updated_at"] = command.at
        values = [json.dumps(case[c]) if c in _JSON else case[c] for c in _COLUMNS]
        if command.step == "register":
            cursor.execute(_INSERT, (command.case, *values))
        elif cursor.execute(_UPDATE, (*values, command.case, version)).rowcount != 1:
            raise Refused("changed by someone else meanwhile")
        cursor.execute(
            "INSERT INTO audit_log (certification_id, action, actor_id, actor_role, at, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                command.case,
                command.step,
                command.actor,
                command.role,
                command.at,
                json.dumps(command.payload),
            ),
        )

    def stage(self, case: str) -> str | None:
        row = self.db.execute("SELECT stage FROM certification WHERE id = ?", (case,)).fetchone()
        return None if row is None else str(row[0])
