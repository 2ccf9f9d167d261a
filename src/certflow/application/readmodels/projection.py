"""The rows of each view, from a certification's state: one batch of the projection.

A view row is a pure function of one certification's state after an event, so a rebuild gives
exactly the same rows as the catch-up that wrote them first.
"""

from __future__ import annotations

from datetime import date

from certflow.application.view_rows import CaseRow, DeadlineRow, RegisterRow, ViewRows, WorkloadRow
from certflow.domain import Certification, Stage

__all__ = ["ViewBatch"]

_REGISTER_STATUS = {
    Stage.CERTIFICATE_PRINTED: "valid",
    Stage.DISTRIBUTED: "valid",
    Stage.SUSPENDED: "suspended",
    Stage.REVOKED: "revoked",
    Stage.EXPIRED: "expired",
    Stage.SUPERSEDED: "superseded",
}


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


class ViewBatch:
    """The rows of one batch: the last state of each certification seen in it, per view."""

    def __init__(self) -> None:
        self.case: dict[str, CaseRow] = {}
        self.register: dict[str, RegisterRow] = {}
        self.deadlines: dict[str, list[DeadlineRow]] = {}
        self.workload: dict[str, WorkloadRow] = {}

    def add(self, view: str, cert: Certification, notification_id: int) -> None:
        """Take ``cert``'s state as its row(s) in ``view`` (first seen at ``notification_id``)."""
        cid = str(cert.id)
        if view == "case_board":
            self.case[cid] = CaseRow(
                cid,
                notification_id,  # where it was first seen in the batch: the list's order
                str(cert.state.subject_id),
                cert.state.scheme_code,
                str(cert.state.session_id),
                cert.stage.value,
                cert.version,
                cert.state.certificate_number,
                cert.updated_at.isoformat(),
                cert.workflow_version,
            )
        elif view == "certificate_register":
            state = cert.state
            if state.certificate_number is not None and state.valid_from and state.valid_until:
                self.register[state.certificate_number] = RegisterRow(
                    state.certificate_number,
                    cid,
                    str(state.subject_id),
                    state.scheme_code,
                    _REGISTER_STATUS.get(cert.stage, cert.stage.value),
                    state.valid_from.isoformat(),
                    state.valid_until.isoformat(),
                    state.certificate_copy,
                    state.registration_number,
                )
        elif view == "deadline_board":
            rows = []
            if cert.workflow_version in cert.definitions:
                for deadline in cert.definition.deadlines:
                    due = deadline.due(cert)
                    if due is not None:
                        rows.append(
                            DeadlineRow(
                                cid,
                                deadline.name,
                                deadline.rule_id,
                                due.isoformat(),
                                _iso(deadline.met(cert)),
                                deadline.on_due,
                                cert.stage.value,
                                cert.state.scheme_code,
                            )
                        )
            self.deadlines[cid] = rows
        elif cert.state.assessor_id is not None:  # assessor_workload
            held = cert.state.interviewed_on is not None
            day = cert.state.interviewed_on or cert.state.assessment_date
            self.workload[cid] = WorkloadRow(
                cid,
                str(cert.state.assessor_id),
                day.isoformat(),
                int(held),
                cert.stage.value,
            )

    def rows(self) -> ViewRows:
        """Upserts, and each certification's deadline rows replaced (cleared, then inserted)."""
        return ViewRows(
            case=list(self.case.values()),
            register=list(self.register.values()),
            deadlines_replaced=list(self.deadlines),
            deadlines=[row for rows in self.deadlines.values() for row in rows],
            workload=list(self.workload.values()),
        )
