"""The certification's commands from the recommendation to the appeal and the re-assessment.

One of the three command groups :class:`~certflow.domain.Certification` is made of; why they
are mixins is said in :mod:`~certflow.domain.certification_assessment`. Each method's ``self``
is a :class:`~certflow.domain.certification_record.CertificationMoves`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from uuid import UUID

from certflow.domain import certification_events as ev
from certflow.domain.certification_assessment import entries_data
from certflow.domain.certification_dates import (
    appeal_decision_due_on,
    appeal_window_ends_on,
    units_needing_reassessment,
)
from certflow.domain.certification_record import CertificationMoves
from certflow.domain.values import AppealRemedy, SelfAssessment, Stage, Verdict
from certflow.engine import Actor

__all__ = ["DecisionCommands"]


class DecisionCommands:
    """Further evidence, recommendation, decision, appeal and re-assessment."""

    # -- recommendation and decision ---------------------------------------------------------

    def request_further_evidence(
        self: CertificationMoves, request: str, *, actor: Actor, at: datetime
    ) -> None:
        """Ask for further evidence before the recommendation (asesmen lanjut, R28)."""
        self._move(
            "request_further_evidence",
            ev.FurtherEvidenceRequested,
            actor=actor,
            at=at,
            inputs={"reason": request},
            request=request.strip(),
        )

    def record_further_evidence(
        self: CertificationMoves, evidence: Sequence[str], *, actor: Actor, at: datetime
    ) -> None:
        """Record the further evidence asked for (R28)."""
        self._move(
            "record_further_evidence",
            ev.FurtherEvidenceRecorded,
            actor=actor,
            at=at,
            evidence=[e.strip() for e in evidence if e.strip()],
        )

    def recommend(
        self: CertificationMoves,
        results: Mapping[str, Verdict],
        recommendation: Verdict,
        follow_up: str = "",
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Record the FR.AK.02 recommendation and FR.AK.05 report (R15, R22, R26-R28)."""
        inputs = {
            "results": dict(results),
            "recommendation": recommendation,
            "follow_up": follow_up,
        }
        self._move(
            "recommend",
            ev.RecommendationRecorded,
            actor=actor,
            at=at,
            inputs=inputs,
            assessor_id=self.state.assessor_id or UUID(int=0),
            unit_results={u: results[u] for u in self.state.units_to_assess if u in results},
            recommendation=recommendation,
            follow_up=follow_up.strip(),
        )

    def refer_back(self: CertificationMoves, reason: str, *, actor: Actor, at: datetime) -> None:
        """Refer the case back to the assessor for further evidence (R31, R34)."""
        self._move(
            "refer_back",
            ev.ReferredBack,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
        )

    def decide(
        self: CertificationMoves,
        outcome: Verdict,
        justification: str = "",
        *,
        actor: Actor,
        at: datetime,
        unit_outcomes: Mapping[str, Verdict] | None = None,
        deciders: Sequence[str] = (),
    ) -> None:
        """Record the committee's decision and its content (R30-R35).

        ``unit_outcomes`` gives the outcome of the units; a unit left out takes the
        recommendation's result (or, carried over, its earlier one), and R33 checks that every
        unit of the scheme version has an outcome that agrees with ``outcome``. ``deciders``
        are the committee members' canonical person ids (checked against the register by the
        application); the recording actor is always one of them. The decision records the
        position of the recommendation and report it relied on.
        """
        dest = Stage.COMPETENT if outcome is Verdict.COMPETENT else Stage.NOT_YET_COMPETENT
        policy = self.state.policy
        ends = appeal_window_ends_on(at.date(), policy) if dest is Stage.NOT_YET_COMPETENT else None
        units = {**self.state.unit_results, **(unit_outcomes or {})}
        named = list(dict.fromkeys([actor.id, *(d.strip() for d in deciders if d.strip())]))
        relied_on = self.state.recommendation_version
        inputs = {
            "outcome": outcome,
            "justification": justification,
            "unit_outcomes": units,
            "deciders": named,
        }
        self._move(
            "decide",
            ev.Decided,
            actor=actor,
            at=at,
            inputs=inputs,
            dest=dest,
            outcome=outcome,
            recommendation=self.state.recommendation or outcome,
            justification=justification.strip(),
            decided_on=at.date(),
            appeal_window_ends_on=ends,
            unit_outcomes={u: units[u] for u in self.state.unit_codes if u in units},
            deciders=named,
            recommendation_version=relied_on,
            report_version=relied_on,
        )

    # -- appeal and re-assessment -------------------------------------------------------------

    def lodge_appeal(self: CertificationMoves, reason: str, *, actor: Actor, at: datetime) -> None:
        """Appeal the BK decision within the appeal window (FR.AK.04, R49, R50)."""
        self._move(
            "lodge_appeal",
            ev.AppealLodged,
            actor=actor,
            at=at,
            inputs={"reason": reason},
            reason=reason.strip(),
            lodged_on=at.date(),
            decision_due_on=appeal_decision_due_on(at.date(), self.state.policy),
        )

    def form_appeal_panel(
        self: CertificationMoves, members: Sequence[str], *, actor: Actor, at: datetime
    ) -> None:
        """Form the appeal panel, naming its members (R51).

        The members are canonical person ids, each checked against the personnel register by
        the application before this command is decided.
        """
        chosen = list(dict.fromkeys(m.strip() for m in members if m.strip()))
        self._move(
            "form_appeal_panel",
            ev.AppealPanelFormed,
            actor=actor,
            at=at,
            inputs={"panel": chosen},
            members=chosen,
        )

    def uphold_appeal(
        self: CertificationMoves,
        remedy: AppealRemedy,
        reason: str,
        *,
        actor: Actor,
        at: datetime,
    ) -> None:
        """Uphold the appeal: revised decision, or re-assessment by another assessor (R51, R52).

        Only a member of the panel formed for this appeal may record it.
        """
        dest = (
            Stage.COMPETENT
            if remedy is AppealRemedy.REVISED_DECISION
            else Stage.PORTFOLIO_SUBMITTED
        )
        panel = list(self.state.appeal_panel)
        self._move(
            "uphold_appeal",
            ev.AppealUpheld,
            actor=actor,
            at=at,
            dest=dest,
            inputs={"panel": panel, "remedy": remedy, "reason": reason},
            panel=panel,
            remedy=remedy,
            reason=reason.strip(),
            decided_on=at.date(),
            units_to_assess=units_needing_reassessment(self.state, at.date()),
        )

    def reject_appeal(self: CertificationMoves, reason: str, *, actor: Actor, at: datetime) -> None:
        """Reject the appeal; the BK decision stands (R51, R52). Only a panel member may."""
        panel = list(self.state.appeal_panel)
        self._move(
            "reject_appeal",
            ev.AppealRejected,
            actor=actor,
            at=at,
            inputs={"panel": panel},
            panel=panel,
            reason=reason.strip(),
            decided_on=at.date(),
        )

    def close_appeal_window(self: CertificationMoves, *, actor: Actor, at: datetime) -> None:
        """Close the appeal window once it has passed (made by the sweep, R49)."""
        self._move("close_appeal_window", ev.AppealWindowClosed, actor=actor, at=at)

    def request_reassessment(
        self: CertificationMoves, entries: Sequence[SelfAssessment], *, actor: Actor, at: datetime
    ) -> None:
        """Request a re-assessment with a new portfolio for the units to assess again (R54)."""
        needed = units_needing_reassessment(self.state, at.date())
        given = [e for e in entries if e.unit in self.state.unit_codes]
        units = [u for u in self.state.unit_codes if u in needed or u in {e.unit for e in given}]
        self._move(
            "request_reassessment",
            ev.ReassessmentRequested,
            actor=actor,
            at=at,
            inputs={"entries": entries},
            entries=entries_data(given),
            units_to_assess=units,
            attempt=self.state.attempt + 1,
        )
