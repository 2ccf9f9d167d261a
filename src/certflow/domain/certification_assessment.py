"""The certification's commands from admission to the interview (FR.APL.01 to FR.IA.09).

One of the three command groups :class:`~certflow.domain.Certification` is made of (with
:mod:`~certflow.domain.certification_decision` and
:mod:`~certflow.domain.certification_certificate`). Why command groups are mixins: the
aggregate's public API is its methods (``certification.admit(...)``), and eventsourcing nests
every event class into the one aggregate class, so the commands must be methods of that class;
plain mixin classes split them along the workflow's phases without a second aggregate class.
Each method's ``self`` is a :class:`~certflow.domain.certification_record.CertificationMoves`,
so this module never imports the aggregate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from certflow.domain import certification_events as ev
from certflow.domain.assessor import Assessor
from certflow.domain.certification_dates import distribution_due_on
from certflow.domain.certification_record import CertificationMoves
from certflow.domain.tuk import Tuk
from certflow.domain.values import (
    AssessmentMethod,
    ConflictDeclaration,
    EvidenceCheck,
    SelfAssessment,
    Stage,
)
from certflow.engine import Actor

__all__ = ["AssessmentCommands", "entries_data"]


def entries_data(entries: Sequence[SelfAssessment]) -> list[dict[str, Any]]:
    """Self-assessment entries as an event records them."""
    return [{"unit": e.unit, "claim": e.claim, "evidence": list(e.evidence)} for e in entries]


class AssessmentCommands:
    """Admission, portfolio, assignment, agreement, verification, no-show and interview."""

    # -- application and admission -------------------------------------------------------

    def request_documents(
        self: CertificationMoves, documents: Sequence[str], *, actor: Actor, at: datetime
    ) -> None:
        """Ask for missing documents; the application stays registered (R5)."""
        docs = [d.strip() for d in documents if d.strip()]
        self._move(
            "request_documents",
            ev.DocumentsRequested,
            actor=actor,
            at=at,
            inputs={"documents": docs},
            documents=docs,
        )

    def admit(self: CertificationMoves, *, actor: Actor, at: datetime) -> None:
        """Admit the application (R4)."""
        self._move("admit", ev.Admitted, actor=actor, at=at)

    def reject_application(
        self: CertificationMoves, reason: str, *, actor: Actor, at: datetime
    ) -> None:
        """Reject the application with a reason; this ends it (R4)."""
        self._move(
            "reject_application",
            ev.ApplicationRejected,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
        )

    def withdraw(self: CertificationMoves, reason: str = "", *, actor: Actor, at: datetime) -> None:
        """Withdraw before the decision (R57)."""
        self._move("withdraw", ev.Withdrawn, actor=actor, at=at, reason=reason.strip())

    # -- portfolio, assignment, agreement, verification -------------------------------------

    def submit_portfolio(
        self: CertificationMoves, entries: Sequence[SelfAssessment], *, actor: Actor, at: datetime
    ) -> None:
        """Hand in the FR.APL.02 self-assessment with evidence for every unit (R4, R6)."""
        self._move(
            "submit_portfolio",
            ev.PortfolioSubmitted,
            actor=actor,
            at=at,
            inputs={"entries": entries},
            entries=entries_data(entries),
        )

    def assign_assessor(
        self: CertificationMoves,
        assessor: Assessor,
        declaration: ConflictDeclaration | None,
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Assign a licensed assessor for the scheme, with their COI declaration (R9-R12, R52)."""
        inputs = {"assessor": assessor, "declaration": declaration}
        decision = self._decide("assign_assessor", actor=actor, at=at, inputs=inputs)
        assert declaration is not None  # R11 refused a missing declaration
        previous = self.state.assessor_id or (
            self.state.assessor_ids[-1] if self.state.assessor_ids else None
        )
        replaced = previous is not None and previous != assessor.id
        self._record(
            ev.AssessorAssigned,
            decision,
            actor=actor,
            at=at,
            assessor_id=assessor.id,
            met_number=assessor.met_number,
            licence_valid_until=assessor.licence_valid_until,
            conflict_declared=declaration.has_conflict,
            conflict_details=declaration.details.strip(),
            mitigation=declaration.mitigation.strip(),
            voided=("FR.IA.08",) if replaced and self.state.portfolio_verified else (),
        )

    def sign_agreement(
        self: CertificationMoves,
        methods: Sequence[AssessmentMethod],
        *,
        appeal_process_explained: bool = False,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Sign FR.AK.01 as the candidate or as the assigned assessor (R18-R20)."""
        inputs = {"methods": list(methods), "appeal_explained": appeal_process_explained}
        self._move(
            "sign_agreement",
            ev.AgreementSigned,
            actor=actor,
            at=at,
            inputs=inputs,
            signer="candidate" if actor.role == "candidate" else "assessor",
            methods=list(methods),
            appeal_process_explained=appeal_process_explained,
        )

    def verify_portfolio(
        self: CertificationMoves, checks: Sequence[EvidenceCheck], *, actor: Actor, at: datetime
    ) -> None:
        """Record the FR.IA.08 portfolio verification with VATM flags per item (R18-R22)."""
        self._move(
            "verify_portfolio",
            ev.PortfolioVerified,
            actor=actor,
            at=at,
            inputs={"checks": checks},
            checks=[c.model_dump() for c in checks],
        )

    def correct_portfolio_verification(
        self: CertificationMoves,
        checks: Sequence[EvidenceCheck],
        *,
        corrects: int,
        reason: str,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Correct a recorded FR.IA.08 verification with a new event naming it (R15, R25).

        ``corrects`` is the version of the verification, or of an earlier correction; it stays
        in the history unchanged, and the correction's checks give the VATM outcome.
        """
        self._move(
            "correct_portfolio_verification",
            ev.EvidenceCorrected,
            actor=actor,
            at=at,
            inputs={"checks": checks, "corrects": corrects, "reason": reason},
            corrects=corrects,
            checks=[c.model_dump() for c in checks],
            reason=reason.strip(),
        )

    def record_no_show(self: CertificationMoves, *, actor: Actor, at: datetime) -> None:
        """Record that the candidate missed the assessment (R56)."""
        count = self.state.no_shows + 1
        limit = self.state.policy.max_no_shows
        dest = Stage.WITHDRAWN if count >= limit else Stage.PORTFOLIO_SUBMITTED
        self._move(
            "record_no_show", ev.AssessmentMissed, actor=actor, at=at, dest=dest, no_shows=count
        )

    def record_interview(
        self: CertificationMoves,
        *,
        interviews_that_day: int = 0,
        tuk: Tuk | None = None,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the FR.IA.09 interview (R14, R15, R18, R19, R21, R24).

        ``interviews_that_day`` is how many interviews this assessor already recorded that day
        (the facade counts them in the store). ``tuk`` is the session's TUK: it must be verified
        for the scheme that day, and it is recorded on the event (R24).
        """
        self._move(
            "record_interview",
            ev.InterviewRecorded,
            actor=actor,
            at=at,
            inputs={"interviews_that_day": interviews_that_day, "tuk": tuk},
            tuk_id=tuk.id if tuk is not None else None,
            assessor_id=self.state.assessor_id or UUID(int=0),
            interviewed_on=at.date(),
            distribution_due_on=(
                distribution_due_on(at.date(), self.state.policy) if self.state.rounds > 1 else None
            ),
        )
