"""The audit's complaint (R53) and quarantine (R55) rows: what is late or still held.

R53 checks every complaint: a finding for each deadline missed (acknowledged or resolved late,
or still open past its date). R55 checks every certification a misconduct case quarantined: a
finding for each still awaiting its review, and for each whose certificate was printed after
the flag while it was held (a print that raced the flag).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from certflow.application.services import Services
from certflow.domain import Certification, Complaint, MisconductCase
from certflow.engine import Text

__all__ = ["CaseCheck", "complaint_rule", "quarantine_rule"]


@dataclass
class CaseCheck:
    """One audited rule over complaints or misconduct cases (the audit makes it a row)."""

    rule_id: str
    title: Text
    checked: int = 0
    findings: list[tuple[UUID, int | None, Text]] = field(default_factory=list)
    """Each finding: the record's id, its version (if one event is at fault), the sentence."""


def complaint_rule(services: Services, today: date) -> CaseCheck:
    """R53: each complaint's acknowledgement and resolution deadlines, as of ``today``."""
    rule = CaseCheck(
        "R53",
        Text("Complaints are acknowledged and resolved within their deadlines."),
    )
    runtime = services.complaints
    for complaint_id in runtime.ids(Complaint.Filed.TOPIC):
        complaint = runtime.load(complaint_id)
        rule.checked += 1
        met = {"acknowledgement": complaint.acknowledged_on, "resolution": complaint.resolved_on}
        due = {"acknowledgement": complaint.acknowledge_by, "resolution": complaint.resolve_by}
        for name, due_on in due.items():
            done = met[name]
            late = done > due_on if done is not None else complaint.is_open and today > due_on
            if late or name in complaint.escalated:
                status = "missed"
                rule.findings.append(
                    (
                        complaint.id,
                        None,
                        Text(
                            "complaint: {name} deadline {due_on} {status}",
                            name=name,
                            due_on=due_on.isoformat(),
                            status=status,
                        ),
                    )
                )
    return rule


def quarantine_rule(services: Services) -> CaseCheck:
    """R55: quarantined certifications awaiting review, or printed while held."""
    rule = CaseCheck(
        "R55",
        Text("A flagged assessor's records stay quarantined until the decisions are reviewed."),
    )
    runtime = services.misconduct
    for case_id in runtime.ids(MisconductCase.Flagged.TOPIC):
        case = runtime.load(case_id)
        history = services.store.events(case.id)
        flagged_at = history[0].at
        reviewed_at = {
            str(e.certification_id): e.at
            for e in history
            if isinstance(e, MisconductCase.DecisionReviewed)
        }
        for certification_id in case.affected:
            rule.checked += 1
            if certification_id in case.pending:
                rule.findings.append(
                    (
                        certification_id,
                        None,
                        Text(
                            "awaiting its quarantine review (assessor {case_assessor_id})",
                            case_assessor_id=case.assessor_id,
                        ),
                    )
                )
            review = reviewed_at.get(str(certification_id))
            for event in services.store.events(certification_id):
                if not isinstance(event, Certification.CertificatePrinted):
                    continue
                if event.at >= flagged_at and (review is None or event.at < review):
                    rule.findings.append(
                        (
                            certification_id,
                            event.originator_version,
                            Text("printed while quarantined"),
                        )
                    )
    return rule
