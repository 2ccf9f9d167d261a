"""Compliance audit and replay checks over every stored history.

The compliance audit re-checks, from the recorded facts alone, what an auditor asks: who decided,
with which assessor, in which order, and whether deadlines held. The replay check asks whether
every recorded move was a legal move of the workflow definition version it was recorded under,
and whether the current definition can continue every open certification.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from certflow.application.audit_cases import complaint_rule, quarantine_rule
from certflow.application.audit_impartiality import ImpartialityReport, impartiality_audit
from certflow.application.chain import Finding, VerifyReport, verify
from certflow.application.services import Services
from certflow.domain import (
    CERTIFICATION_DEFINITIONS,
    CERTIFICATION_WORKFLOW,
    Assessor,
    Certification,
    Stage,
    Verdict,
)
from certflow.engine import InvalidInputError, Text, WorkflowEvent, replay_histories

__all__ = [
    "Audit",
    "AuditFinding",
    "AuditReport",
    "AuditRule",
    "ReplayReport",
    "compliance_audit",
    "replay_audit",
]


@dataclass(frozen=True)
class AuditFinding:
    """One certification that breaks an audited rule."""

    certification_id: UUID
    version: int | None
    detail: Text
    """What is wrong, in Bahasa Indonesia and English (``str()`` renders the chosen language)."""


@dataclass
class AuditRule:
    """One audited rule: how many histories it applied to and which broke it."""

    rule_id: str
    title: Text
    checked: int = 0
    findings: list[AuditFinding] = field(default_factory=list)


@dataclass
class AuditReport:
    """What an audit found, rule by rule."""

    rules: list[AuditRule]
    certifications: int = 0
    impartiality: ImpartialityReport = field(default_factory=ImpartialityReport)
    """Every act re-checked against the personnel register as it stood then (P1-P5, R9, R10,
    R12, R13, R32, R51), and the conflicts declared later; ``status`` is ``"no register"`` for a
    store without one."""

    @property
    def clean(self) -> bool:
        """Whether no rule was broken and every act was allowed by the register of its time."""
        return not any(r.findings for r in self.rules) and self.impartiality.clean


def _histories(services: Services) -> Iterator[tuple[UUID, list[WorkflowEvent]]]:
    for summary in services.read_models.certifications():
        yield summary.id, services.store.events(summary.id)


_TITLES = {
    "R32": Text("The decision maker was never an assessor of the candidate."),
    "R9": Text(
        "The assessor's licence was valid and covered the scheme on the assessment date.",
    ),
    "R30": Text("The recommendation and report came before the decision."),
    "R41": Text("The certificate was handed over within the scheme's deadline."),
    "R36": Text("No certificate was printed for a not-yet-competent decision."),
    "R51": Text("Appeals were decided by independent panels."),
}


def compliance_audit(services: Services, *, today: date) -> AuditReport:
    """Re-check the audited rules over every certification history, as of ``today``."""
    rules = {rule_id: AuditRule(rule_id, title) for rule_id, title in _TITLES.items()}
    report = AuditReport(rules=list(rules.values()), impartiality=impartiality_audit(services))
    assessors: dict[UUID, Assessor] = {}

    def assessor(assessor_id: UUID) -> Assessor | None:
        if assessor_id not in assessors:
            found = services.assessors.find(assessor_id)
            if found is None:
                return None
            assessors[assessor_id] = found
        return assessors[assessor_id]

    for cert_id, events in _histories(services):
        report.certifications += 1
        assessor_ids: set[str] = set()
        deciders: set[str] = set()
        recommended = False
        outcome: Verdict | None = None
        scheme_code = ""
        assessment_date: date | None = None
        due: date | None = None
        distributed = False
        for event in events:
            name = type(event).__name__
            if isinstance(event, Certification.Registered):
                scheme_code, assessment_date = event.scheme_code, event.assessment_date
                due = event.distribution_due_on
            elif isinstance(event, Certification.AssessorAssigned):
                assessor_ids.add(str(event.assessor_id))
                _check_licence(
                    rules["R9"],
                    cert_id,
                    event,
                    scheme_code,
                    assessment_date,
                    assessor(event.assessor_id),
                )
            elif isinstance(event, Certification.RecommendationRecorded):
                recommended = True
            elif name in ("ReferredBack", "ReassessmentRequested") or (
                isinstance(event, Certification.AppealUpheld)
                and event.remedy.value == "reassessment"
            ):
                recommended = False
            if isinstance(event, Certification.Decided):
                rules["R32"].checked += 1
                rules["R30"].checked += 1
                if event.actor_id in assessor_ids:
                    _find(
                        rules["R32"],
                        cert_id,
                        event,
                        Text(
                            "{event_actor_id} assessed and decided",
                            event_actor_id=event.actor_id,
                        ),
                    )
                if not recommended:
                    _find(
                        rules["R30"],
                        cert_id,
                        event,
                        Text("decided with no recommendation"),
                    )
                deciders.add(event.actor_id)
                outcome = event.outcome
            elif isinstance(event, Certification.AppealUpheld | Certification.AppealRejected):
                rules["R51"].checked += 1
                conflicted = sorted(set(event.panel) & (assessor_ids | deciders))
                if conflicted:
                    _find(
                        rules["R51"],
                        cert_id,
                        event,
                        Text("panel includes {conflicted}", conflicted=", ".join(conflicted)),
                    )
                if isinstance(event, Certification.AppealUpheld) and (
                    event.remedy.value == "revised_decision"
                ):
                    outcome = Verdict.COMPETENT
            elif isinstance(event, Certification.CertificatePrinted):
                rules["R36"].checked += 1
                if outcome is not Verdict.COMPETENT:
                    _find(
                        rules["R36"],
                        cert_id,
                        event,
                        Text("printed without a competent decision"),
                    )
            elif isinstance(event, Certification.CertificateDistributed):
                distributed = True
                rules["R41"].checked += 1
                if not event.deadline_met:
                    late = (event.distributed_on - event.due_on).days
                    _find(
                        rules["R41"],
                        cert_id,
                        event,
                        Text("handed over {late} days late", late=late),
                    )
        stage = Stage(events[-1].stage)
        if (
            not distributed
            and due is not None
            and today > due
            and stage in (Stage.COMPETENT, Stage.CERTIFICATE_PRINTED)
        ):
            rules["R41"].checked += 1
            _find(
                rules["R41"],
                cert_id,
                None,
                Text("not handed over; due {due}", due=due.isoformat()),
            )
    # Complaints (R53) and misconduct quarantine (R55), from their own records.
    for check in (complaint_rule(services, today), quarantine_rule(services)):
        found = [AuditFinding(i, v, text) for i, v, text in check.findings]
        report.rules.append(AuditRule(check.rule_id, check.title, check.checked, found))
    return report


def _check_licence(
    rule: AuditRule,
    cert_id: UUID,
    event: Any,
    scheme_code: str,
    assessment_date: date | None,
    assessor: Assessor | None,
) -> None:
    rule.checked += 1
    if assessment_date is not None and event.licence_valid_until < assessment_date:
        _find(
            rule,
            cert_id,
            event,
            Text(
                "licence ended {event_licence_valid_until}",
                event_licence_valid_until=event.licence_valid_until.isoformat(),
            ),
        )
    if assessor is None:
        _find(
            rule,
            cert_id,
            event,
            Text("the assessor is not in the register"),
        )
    elif not assessor.covers(scheme_code):
        _find(
            rule,
            cert_id,
            event,
            Text("assessor not registered for {scheme_code}", scheme_code=scheme_code),
        )


def _find(rule: AuditRule, cert_id: UUID, event: Any, detail: Text) -> None:
    version = None if event is None else event.originator_version
    rule.findings.append(AuditFinding(cert_id, version, detail))


@dataclass
class ReplayReport:
    """What the replay check found."""

    histories: int = 0
    moves: int = 0
    illegal: list[AuditFinding] = field(default_factory=list)
    """Recorded moves not legal in the definition version they were recorded under."""
    stranded: list[AuditFinding] = field(default_factory=list)
    """Open certifications the current definition cannot continue."""

    @property
    def clean(self) -> bool:
        """Whether every move was legal and every open certification can continue."""
        return not self.illegal and not self.stranded


def replay_audit(
    services: Services, *, on_progress: Callable[[int], None] | None = None
) -> ReplayReport:
    """Check every recorded move against the definition version it was recorded under.

    The generic replay audit of :mod:`certflow.engine.replay`, against the certification
    workflow's known definitions and its current one.
    """
    found = replay_histories(
        CERTIFICATION_WORKFLOW,
        CERTIFICATION_DEFINITIONS,
        _histories(services),
        on_progress=on_progress,
    )
    return ReplayReport(
        histories=found.histories,
        moves=found.moves,
        illegal=[AuditFinding(f.record_id, f.version, f.detail) for f in found.illegal],
        stranded=[AuditFinding(f.record_id, f.version, f.detail) for f in found.stranded],
    )


class Audit:
    """The compliance audit and the replay check, as a use case."""

    def __init__(self, services: Services) -> None:
        self._s = services

    def audit(self, *, today: date | None = None) -> AuditReport:
        """Re-check the audited rules over every history, as of ``today`` (default: the clock's)."""
        return compliance_audit(self._s, today=today or self._s.now().date())

    def audit_replay(self) -> ReplayReport:
        """Check every recorded move against the definition version it was recorded under."""
        return replay_audit(self._s)

    def verify_chain(
        self, *, on_progress: Callable[[int, int], None] | None = None
    ) -> VerifyReport:
        """Re-read every stored event and its hash chain; report what was changed or removed.

        Raises:
            InvalidInputError: the store is not chained (only SQLite and PostgreSQL stores
                opened by certflow are).
        """
        try:
            report = verify(self._s.store.recorder, on_progress=on_progress)
        except TypeError as error:
            raise InvalidInputError([str(error)]) from None
        ids = dict.fromkeys(self._s.store.originators([Certification.Registered.TOPIC]))
        for found in self._s.store.check_snapshots(ids):
            report.findings.append(
                Finding("snapshot", found.record_id, found.version, None, found.detail)
            )
        return report
