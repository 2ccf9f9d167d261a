"""The rulebook as data: every rule id the certification workflow enforces, its sentence and source.

``docs/rules.md`` and ``docs/workflow.md`` are generated from here and from the workflow
definition; a test fails when either is stale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from certflow.domain.certification_workflow import CERTIFICATION_WORKFLOW
from certflow.domain.complaint import COMPLAINT_WORKFLOW
from certflow.domain.data_protection import PROTECTION_RULES
from certflow.domain.misconduct import MISCONDUCT_WORKFLOW
from certflow.domain.rules import ALL_RULES
from certflow.domain.session import SESSION_WORKFLOW
from certflow.domain.subject import SUBJECT_WORKFLOW, erasure_answered
from certflow.domain.tuk import TUK_RULES, TUK_WORKFLOW
from certflow.engine import Move, Text

__all__ = [
    "RULEBOOK",
    "RuleEntry",
    "roles_by_move",
    "roles_markdown",
    "rules_markdown",
    "workflow_markdown",
]


@dataclass(frozen=True)
class RuleEntry:
    """One enforced rule."""

    rule_id: str
    title: Text
    """The rule in Bahasa Indonesia and English."""
    source: str
    """Where the rule comes from (domain.md's source keys, or [A] for a certflow policy)."""
    how: str
    """``rule`` (checked before a move), ``role``, ``stage``, ``store``, ``recorded``,
    ``register`` or ``design`` (holds by construction; :attr:`tests` show it)."""
    tests: tuple[str, ...] = ()
    """For a ``design`` rule, the tests that show it holds (``path::test``)."""


_SOURCES = {
    "R1": "ISO/IEC 17024 §8, §9.1",
    "R2": "FR.APL.01; LSP practice",
    "R3": "certflow policy [A]",
    "R4": "FR.APL.01 (diterima / tidak diterima)",
    "R5": "LSP practice: incomplete files are returned for completion",
    "R6": "FR.APL.02",
    "R7": "FR.APL.02 (asesmen dapat / tidak dapat dilanjutkan); LSP procedures",
    "R8": "FR.AK.07; ISO/IEC 17024 §9.1 (reasonable accommodation) [A strictness]",
    "R23": "LSP KPK (TUK sewaktu and AJJ) [A: remote only where the scheme allows it]",
    "R29": "FR.AK.02 (asesi signs); FR.AK.05 (penolakan hasil asesmen); LSP appeal practice",
    "R14": "common practice, ≤10 candidates per assessor per day [A]",
    "R16": "PBNSP 206 §4.1.1, §4.1.3, §4.2.2-4.2.4 (verifikasi TUK)",
    "R17": "PBNSP 206 §4.1.3 (asesor yang ditugaskan LSP)",
    "R18": "FR.AK.01",
    "R19": "FR.AK.01 (bukti yang akan dikumpulkan)",
    "R20": "FR.AK.04 (proses banding dijelaskan)",
    "R21": "Humas Polri 2024 method: portfolio and interview [A]",
    "R22": "FR.MAK.02 (VATM)",
    "R28": "FR.MAK.04 (asesmen lanjut)",
    "R30": "FR.AK.05; LSP procedures",
    "R43": "LSP TIFA surveillance (reminder, warning, 14 working days); escalation policy [A]",
    "R44": "LSP pembekuan/pencabutan procedures; ISO/IEC 17024 §9.5",
    "R45": "LSP pembekuan/pencabutan grounds",
    "R46": "certflow policy [A]",
    "R47": "LSP recertification (logbook; no surveillance: new applicant); ISO/IEC 17024 §9.6",
    "R48": "Pedoman BNSP 302 (duplikat sertifikat)",
    "R49": "FR.AK.04; appeal practice (30-day window analog)",
    "R50": "ISO/IEC 17024 §9.8",
    "R51": "ISO/IEC 17024 §9.8; appeal team practice",
    "R52": "LSP appeal practice",
    "R53": "Pedoman BNSP 301 (keluhan); ISO/IEC 17024 §9.9; deadlines certflow policy [A]",
    "R54": "certflow policy [A]",
    "R55": "BNSP assessor code of ethics (no gratification, KE2); mechanism certflow policy [A]",
    "R56": "certflow policy [A]",
    "R57": "certflow policy [A]",
    "R59": "UU PDP No. 27/2022 Pasal 8, 15, 43-44",
    "R39": "BNSP blank service SOP; BNSP application manual (K and BK lists)",
    "R60": "ISO/IEC 17024 §7.1; UU PDP No. 27/2022 Pasal 44 (jadwal retensi) [A defaults]",
    "R61": "UU PDP No. 27/2022 Pasal 6 (rectification) [A]",
    "R62": "FR.AK.01 (kerahasiaan); ISO/IEC 17024 §7.3 [A sponsor]",
    "R63": "UU PDP No. 27/2022 Pasal 46 (3 × 24 hours)",
    "R9": "Pedoman BNSP 303; MET registration",
    "R13": "LSP codes of conduct; ISO/IEC 17024 §5.2, §9.4",
    "P1": "ISO/IEC 17024 §6.1 (personnel records) [A]",
    "P2": "ISO/IEC 17024 §6.1, §6.2 (appointed personnel) [A]",
    "P3": "certflow policy [A]",
    "P4": "certflow policy [A]",
    "P5": "ISO/IEC 17024 §5.2 (impartiality) [A]",
    "R10": "assessor-scheme mapping (Pedoman BNSP 303)",
    "R11": "BNSP code of ethics for assessors; ISO/IEC 17024 §6.2",
    "R12": "LSP codes of conduct; ISO/IEC 17024 §5.2",
    "R15": "certflow policy [A]",
    "R24": "certflow policy [A]",
    "R25": "certflow policy [A]; ISO/IEC 17024 §7 records",
    "R26": "FR.AK.02",
    "R27": "FR.AK.02 (tindak lanjut)",
    "R31": "ISO/IEC 17024 §4.2; LSP procedures",
    "R32": "ISO/IEC 17024 §9.4",
    "R34": "certflow policy [A]",
    "R35": "certflow policy [A]",
    "R36": "BNSP blank service SOP; LSP procedures",
    "R37": "Pedoman BNSP 302 §5.5-5.6",
    "R38": "Pedoman BNSP 302 §5.7; common 3-year validity",
    "R40": "Politeknik Negeri Ujung Pandang LSP procedures (signatures); order [A]",
    "R33": "ISO/IEC 17024 §9.4.1 (decision record) [A content]",
    "R41": "Humas Polri 2024 programme: within 30 days (scheme policy)",
}

_OTHER = {
    "P1": (
        Text("Whoever acts is in the personnel register under their canonical id."),
        "register",
    ),
    "P2": (
        Text(
            "Whoever acts holds an appointment for that role, covering that scheme, on that date.",
        ),
        "register",
    ),
    "P3": (
        Text("A candidate acts only on their own case."),
        "register",
    ),
    "P4": (
        Text("The system role is reserved to certflow's own sweep."),
        "register",
    ),
    "P5": (
        Text(
            "Nobody involved in a case assesses, decides, sits on its "
            "appeal, or prints or hands over the candidate's certificate.",
        ),
        "register",
    ),
    "R13": (
        Text("Whoever trained the candidate for this scheme neither assesses nor decides them."),
        "register",
    ),
    "R3": (
        Text("One open certification per person and scheme, across sessions."),
        "store",
    ),
    "R31": (
        Text("Only the certification committee records a certification decision."),
        "role",
    ),
    "R36": (
        Text("A certificate is printed only for a competent decision."),
        "stage",
    ),
    "R38": (
        Text("Validity runs from the decision date for the scheme's validity period."),
        "recorded",
    ),
    "R41": (
        Text(
            "The hand-over records whether it met the scheme's distribution "
            "deadline, counted from the last day of the assessment session.",
        ),
        "recorded",
    ),
    "R50": (
        Text("A lodged appeal is acknowledged with a decision due date."),
        "recorded",
    ),
    "R53": (
        Text(
            "Anyone (named or anonymous) may complain about the LSP, an "
            "assessor or a certified person; the complaint is acknowledged "
            "and resolved within its deadlines by someone not involved; a "
            "substantiated complaint may suspend the certificate.",
        ),
        "rule",
    ),
    "R55": (
        Text(
            "The assessment records of an assessor flagged for gratification "
            "or misconduct are quarantined: nothing is printed until the "
            "decision is reviewed, and a decision set aside is re-assessed "
            "by another assessor.",
        ),
        "rule",
    ),
    "R57": (
        Text("A candidate may withdraw only before the certification decision."),
        "stage",
    ),
}


_DESIGN: dict[str, tuple[Text, str, tuple[str, ...]]] = {
    "R42": (
        Text(
            "A certificate shows the holder's name, certificate number, "
            "scheme and units, the LSP and the validity dates; the NIK is "
            "not printed.",
        ),
        "ISO/IEC 17024 §9.4.6 [R]; certflow layout [A]",
        (
            "tests/integration/test_certificates.py::"
            "test_the_pdf_shows_the_right_data_and_its_qr_token_verifies",
            "tests/cli/test_profile.py::test_the_pdf_prints_the_profile",
        ),
    ),
    "R58": (
        Text(
            "Event payloads hold no direct identifiers (name, NIK, phone, "
            "e-mail, address); only the subject id.",
        ),
        "UU PDP No. 27/2022 Pasal 43-44 [S:PDP-SCRIBD]; certflow design [A]",
        (
            "tests/integration/test_personal_data.py::test_no_name_nik_or_nrp_in_a_sqlite_demo_store",
            "tests/integration/test_personal_data.py::"
            "test_no_name_nik_or_nrp_in_a_postgres_demo_store",
        ),
    ),
    "R64": (
        Text(
            "Public verification answers status, scheme and validity; never "
            "the NIK or assessment details.",
        ),
        "ISO/IEC 17024 §7.2 [R]; SIKOMP pattern [S:SIKOMP]",
        (
            "tests/integration/test_certificates.py::test_a_token_verifies_and_reports_every_status",
            "tests/integration/test_certificate_tokens.py::test_each_token_mutation_gets_its_status",
        ),
    ),
}
"""Rules that hold by the way certflow is built, not by a check before a move."""


def _entries() -> tuple[RuleEntry, ...]:
    rules = {
        r.rule_id: r
        for r in reversed((*ALL_RULES, erasure_answered, *TUK_RULES, *PROTECTION_RULES))
    }
    entries = [RuleEntry(r.rule_id, r.title, _SOURCES[r.rule_id], "rule") for r in rules.values()]
    entries += [
        RuleEntry(rule_id, title, _SOURCES[rule_id], how)
        for rule_id, (title, how) in _OTHER.items()
    ]
    entries += [
        RuleEntry(rule_id, title, source, "design", tests)
        for rule_id, (title, source, tests) in _DESIGN.items()
    ]
    return tuple(sorted(entries, key=lambda e: (e.rule_id[0] != "P", int(e.rule_id[1:]))))


RULEBOOK: tuple[RuleEntry, ...] = _entries()
"""Every rule id enforced by the certification workflow, in id order."""


def rules_markdown(scenarios: Mapping[str, Sequence[str]] | None = None) -> str:
    """The text of ``docs/rules.md``; ``scenarios`` maps rule ids to the scenarios testing them."""
    scenarios = scenarios or {}
    all_moves: list[Move[Any]] = [
        *CERTIFICATION_WORKFLOW.moves,
        *SUBJECT_WORKFLOW.moves,
        *SESSION_WORKFLOW.moves,
        *TUK_WORKFLOW.moves,
        *COMPLAINT_WORKFLOW.moves,
        *MISCONDUCT_WORKFLOW.moves,
    ]
    moves = {
        rule_id: [m.trigger for m in all_moves if rule_id in m.rule_ids]
        for rule_id in (e.rule_id for e in RULEBOOK)
    }
    lines = [
        "# Rules enforced by the certification workflow",
        "",
        "Generated from `certflow.domain.rulebook`, the workflow definition and the scenarios in",
        "`features/certification/` (`certflow rules` prints the same); do not edit by hand (a",
        "test fails when this file is stale). Ids are the BNSP/ISO rulebook's (domain.md §9).",
        "How: `rule` is checked before the move and refuses it with `RuleViolatedError`; `role`",
        "refuses with `NotAuthorizedError`; `stage` with `TransitionNotAllowedError`; `store`",
        "with `AlreadyExistsError`; `recorded` is applied when the move is recorded; `register`",
        "is checked against the personnel register before any move (docs/security.md); `design`",
        "holds by the way certflow is built, shown by the tests named in the last column.",
        "",
        "| id | aturan | rule | how | moves | source | scenarios |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for entry in RULEBOOK:
        shown = [*scenarios.get(entry.rule_id, ()), *(f"`{t}`" for t in entry.tests)]
        tested = "<br>".join(shown) or "-"
        lines.append(
            f"| {entry.rule_id} | {entry.title.id} | {entry.title.en} | {entry.how} | "
            f"{', '.join(f'`{t}`' for t in moves[entry.rule_id]) or '-'} | {entry.source} | "
            f"{tested} |"
        )
    return "\n".join(lines) + "\n"


def workflow_markdown() -> str:
    """The text of ``docs/workflow.md``."""
    wf = CERTIFICATION_WORKFLOW
    lines = [
        f"# The certification workflow (`{wf.name}`, version {wf.version})",
        "",
        "Generated from `certflow.domain.CERTIFICATION_WORKFLOW`; do not edit by hand (a test",
        "fails when this file is stale). `certflow diagram` prints the same Mermaid text.",
        "",
        "```mermaid",
        wf.to_mermaid().rstrip(),
        "```",
        "",
        "| move | from | to | roles | rules |",
        "| --- | --- | --- | --- | --- |",
    ]
    for move in wf.moves:
        sources = ", ".join(s.value for s in move.sources) or "(new)"
        dests = ", ".join(s.value for s in move.destinations) or "(stays)"
        roles = ", ".join(sorted(move.roles))
        lines.append(
            f"| `{move.trigger}` | {sources} | {dests} | {roles} | {', '.join(move.rule_ids)} |"
        )
    return "\n".join(lines) + "\n"


def roles_by_move() -> dict[str, list[str]]:
    """Each role and the moves it may make, from the workflow definition itself."""
    from certflow.domain.values import Role

    table: dict[str, list[str]] = {role.value: [] for role in Role}
    moves: list[Move[Any]] = [
        *CERTIFICATION_WORKFLOW.moves,
        *COMPLAINT_WORKFLOW.moves,
        *MISCONDUCT_WORKFLOW.moves,
    ]
    for move in moves:
        for role in sorted(move.roles):
            table[role].append(move.trigger)
    table[Role.CERTIFICATION_MANAGER.value].append("migrate_definition")
    table[Role.HEAD_OF_LSP.value].append("migrate_definition")
    return table


def roles_markdown() -> str:
    """The text of ``docs/roles.md``."""
    lines = [
        "# Who may do what",
        "",
        "Generated from the certification, complaint and misconduct workflow definitions",
        "(`certflow roles` prints the same);",
        "do not edit by hand. A command by any other role is refused with `NotAuthorizedError`,",
        "which names the roles that may make it. Separation of duties beyond roles is enforced by",
        "rules: the decider did not assess the candidate (R32), only the committee decides (R31),",
        "and an appeal panel excludes the assessors and deciders (R51).",
        "",
        "| role | moves |",
        "| --- | --- |",
    ]
    for role, moves in roles_by_move().items():
        lines.append(f"| `{role}` | {', '.join(f'`{m}`' for m in moves) or '-'} |")
    return "\n".join(lines) + "\n"
