"""Misconduct quarantine (R55): flag an assessor, review the decisions their records affect.

The affected certifications are found from the records (every certification the assessor was
assigned to that is still open or was decided on their recommendation), never taken from the
caller. While a certification is quarantined its certificate is not printed, and a flagged
assessor is not assigned again while their case is open (nor ever to a certification the case
set aside); both refusals name R55. A set-aside decision offers re-assessment through the
existing path: the candidate requests it after a BK decision (R54), an upheld appeal starts one
(R52); a later assessment round by another assessor releases the certification.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from certflow.application.free_text import free_text
from certflow.application.services import Services, as_enum, as_uuid
from certflow.application.trust import Gate, involvement
from certflow.application.trust_cache import register_cache
from certflow.domain import (
    Certification,
    MisconductCase,
    MisconductKind,
    QuarantineStage,
    ReviewOutcome,
    Stage,
    misconduct_case_id,
)
from certflow.domain.certification_events import AssessorAssigned
from certflow.engine import Actor, RuleViolatedError, Text, Violation

__all__ = [
    "AFFECTED_STAGES",
    "Quarantine",
    "QuarantineView",
    "assignment_refusal",
    "printing_refusal",
]

AFFECTED_STAGES = frozenset(
    {
        Stage.REGISTERED,
        Stage.PORTFOLIO_SUBMITTED,
        Stage.INTERVIEWED,
        Stage.COMPETENT,
        Stage.NOT_YET_COMPETENT,
        Stage.UNDER_APPEAL,
        Stage.CERTIFICATE_PRINTED,
        Stage.DISTRIBUTED,
        Stage.SUSPENDED,
    }
)
"""Stages of a certification an assessor's misconduct affects: the cycle is open, or its
decision (on their recommendation) still stands. Ended cycles (withdrawn, rejected, revoked,
expired, superseded) are left out."""


@dataclass(frozen=True)
class QuarantineView:
    """One assessor's misconduct case as it stands."""

    case_id: UUID
    assessor_id: UUID
    stage: QuarantineStage
    kind: MisconductKind
    grounds: str
    flagged_on: date
    complaint_id: UUID | None
    affected: tuple[UUID, ...]
    reviews: dict[UUID, ReviewOutcome]
    pending: tuple[UUID, ...]


def _view(case: MisconductCase) -> QuarantineView:
    return QuarantineView(
        case_id=case.id,
        assessor_id=case.assessor_id,
        stage=case.stage,
        kind=case.kind,
        grounds=case.grounds,
        flagged_on=case.flagged_on,
        complaint_id=case.complaint_id,
        affected=tuple(case.affected),
        reviews={UUID(k): v for k, v in case.reviews.items()},
        pending=tuple(case.pending),
    )


def _cases_of(services: Services, certification: Certification) -> list[MisconductCase]:
    found = (
        services.misconduct.find(misconduct_case_id(a)) for a in certification.state.assessor_ids
    )
    return [c for c in found if c is not None and certification.id in c.affected]


def printing_refusal(services: Services, certification: Certification) -> None:
    """Refuse (R55) to print a certificate whose records are quarantined.

    The cases are read through the register cache: this process's flags bind at once, another
    process's within ``register_lag`` seconds, like the register itself.
    """
    state = certification.state
    cache = register_cache(services)
    cache.refresh()
    found = (cache.misconduct(a) for a in state.assessor_ids)
    holding = [c for c in found if c is not None and c.holds(certification.id, state.rounds)]
    if holding:
        raise RuleViolatedError(
            [
                Violation(
                    "R55",
                    Text(
                        "this certification's assessment records are quarantined "
                        "(assessor {assessor_id} was flagged); review the decision, or "
                        "wait for a re-assessment by another assessor, before printing",
                        assessor_id=holding[0].assessor_id,
                    ),
                )
            ]
        )


def assignment_refusal(services: Services, assessor_id: UUID, certification_id: UUID) -> None:
    """Refuse (R55) a flagged assessor while their case is open, or for a case set aside."""
    cache = register_cache(services)
    cache.refresh()
    case = cache.misconduct(assessor_id)
    if case is None:
        return
    set_aside = case.reviews.get(str(certification_id)) is ReviewOutcome.SET_ASIDE
    if case.stage is QuarantineStage.QUARANTINED or set_aside:
        raise RuleViolatedError(
            [
                Violation(
                    "R55",
                    Text(
                        "assessor {assessor_id} is flagged for misconduct and their "
                        "records are quarantined; assign another assessor",
                        assessor_id=assessor_id,
                    ),
                )
            ]
        )


class Quarantine:
    """Commands and queries of misconduct quarantine (R55)."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def affected_by(self, assessor_id: UUID) -> list[UUID]:
        """Certifications the assessor's records affect (see :data:`AFFECTED_STAGES`)."""
        assigned = (
            e.originator_id
            for e in self._s.certifications.scan([AssessorAssigned.TOPIC])
            if isinstance(e, AssessorAssigned) and e.assessor_id == assessor_id
        )
        return [
            c for c in dict.fromkeys(assigned) if self._s.certification(c).stage in AFFECTED_STAGES
        ]

    def flag_misconduct(
        self,
        *,
        assessor_id: UUID,
        kind: MisconductKind | str,
        grounds: str,
        complaint_id: UUID | None = None,
        actor: Actor,
    ) -> UUID:
        """Flag an assessor for gratification or misconduct; quarantine their records (R55).

        Returns:
            The misconduct case's id (one per assessor).
        """
        chosen = as_enum(MisconductKind, kind, "kind", "R55")
        assessor = self._s.assessors.load(as_uuid(assessor_id))
        if complaint_id is not None:
            self._s.complaints.load(as_uuid(complaint_id))
        actor = self._gate.admit(actor, "flag_misconduct")
        if self._s.misconduct.exists(misconduct_case_id(assessor.id)):
            raise RuleViolatedError(
                [
                    Violation(
                        "R55",
                        Text(
                            "assessor {assessor_id} is already flagged; their case is on record",
                            assessor_id=assessor.id,
                        ),
                    )
                ]
            )
        case = MisconductCase.flag(
            assessor_id=assessor.id,
            kind=chosen,
            grounds=free_text(grounds, "grounds"),
            affected=self.affected_by(assessor.id),
            complaint_id=as_uuid(complaint_id) if complaint_id is not None else None,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(case)
        return case.id

    def review_quarantined(
        self,
        certification_id: UUID,
        *,
        outcome: ReviewOutcome | str,
        reason: str,
        actor: Actor,
    ) -> None:
        """Confirm or set aside one quarantined decision; set aside offers re-assessment (R55).

        The reviewer may not have assessed or decided the certification, nor be its candidate
        or related to them.
        """
        chosen = as_enum(ReviewOutcome, outcome, "outcome", "R55")
        certification = self._s.certification(certification_id)
        state = certification.state
        actor = self._gate.admit(actor, "review_quarantined", scheme_code=state.scheme_code)
        cases = [c for c in _cases_of(self._s, certification) if c.pending]
        if not cases:
            raise RuleViolatedError(
                [
                    Violation(
                        "R55",
                        Text(
                            "certification {certification_id} awaits no quarantine review",
                            certification_id=certification.id,
                        ),
                    )
                ]
            )
        today = self._s.now().date()
        found = involvement(
            actor.id, "review_quarantined", state, self._gate.person(actor.id), today
        )
        conflicts = [i.text for i in found]
        if actor.id in state.deciders:
            conflicts.append(Text("{actor_id} decided on this certification", actor_id=actor.id))
        case = cases[0]
        case.review_quarantined(
            certification.id,
            chosen,
            reason=free_text(reason, "reason"),
            rounds=state.rounds,
            conflicts=conflicts,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(case)

    def get_misconduct_case(self, assessor_id: UUID) -> QuarantineView:
        """The misconduct case of an assessor; :class:`~certflow.engine.NotFoundError` if none."""
        return _view(self._s.misconduct.load(misconduct_case_id(as_uuid(assessor_id))))

    def list_quarantines(self, *, open_only: bool = False) -> list[QuarantineView]:
        """Every misconduct case, oldest first (only those with pending reviews if asked)."""
        cases = (
            self._s.misconduct.load(i) for i in self._s.misconduct.ids(MisconductCase.Flagged.TOPIC)
        )
        return [_view(c) for c in cases if not open_only or c.stage is QuarantineStage.QUARANTINED]

    def is_quarantined(self, certification_id: UUID) -> bool:
        """Whether the certification's records are quarantined (its certificate is not printed)."""
        certification = self._s.certification(certification_id)
        rounds = certification.state.rounds
        return any(c.holds(certification.id, rounds) for c in _cases_of(self._s, certification))
