"""The main-path driver: takes certifications from registration to hand-over, step by step.

:class:`MainPath` wraps a :class:`~certflow.CertificationBody` and the
:class:`~certflow.FixedClock` it runs on. Every step is one facade command, recorded by the
standard actors (:mod:`certflow.testing.actors`) at the time the step is given (the clock is set
first; ``at=None`` leaves it alone). The driver reads nothing on its own: what a step needs is
passed in, so a benchmark timing :meth:`MainPath.commands` times the facade commands only. Only
:meth:`MainPath.progress` and :meth:`MainPath.route_of` read the store, when asked.

The Gherkin step vocabulary, the test suite's world, the benchmarks and the demo all drive the
main path through this class. It imports no pytest.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from certflow.application import CertificationBody
from certflow.domain import Purpose, Verdict
from certflow.engine import Actor, FixedClock, NotFoundError
from certflow.testing import actors
from certflow.testing.actors import ADMIN, COMMITTEE, HEAD, MANAGER
from certflow.testing.reference import ReferenceData
from certflow.testing.route import NO_CONFLICT, Route, Timetable, steps_done, steps_to

__all__ = ["MainPath"]

_METHODS = ("portfolio", "interview")


class MainPath(ReferenceData):
    """Drives certifications along the main path on ``lsp``, setting ``clock`` before each step.

    Args:
        lsp: the certification body to record on.
        clock: the clock ``lsp`` reads; by default ``lsp.clock``, which must then be a
            :class:`~certflow.FixedClock`.

    Raises:
        TypeError: no fixed clock to set.
    """

    def __init__(self, lsp: CertificationBody, clock: FixedClock | None = None) -> None:
        super().__init__(lsp)
        chosen = clock if clock is not None else lsp.clock
        if not isinstance(chosen, FixedClock):
            raise TypeError("the main path sets the clock: open the store with a FixedClock")
        self.clock = chosen

    def at(self, when: datetime | None) -> None:
        """Set the clock to ``when`` (nothing when ``None``)."""
        if when is not None:
            self.clock.set(when)

    # -- one step at a time ----------------------------------------------------------------------

    def register(
        self,
        subject_id: UUID,
        scheme_id: UUID,
        session_id: UUID,
        *,
        purpose: Purpose | str = Purpose.CERTIFICATION,
        previous: UUID | None = None,
        logbook: Sequence[str] = (),
        at: datetime | None = None,
    ) -> UUID:
        """The LSP admin registers the candidate; returns the certification id.

        A recertification (``previous``) brings ``logbook`` evidence references (R47); when
        none are given, one named after the previous certification is used.
        """
        self.at(at)
        if previous is not None and not logbook:
            logbook = (f"logbook:{previous}",)
        return self.lsp.register(
            subject_id=subject_id,
            scheme_id=scheme_id,
            session_id=session_id,
            purpose=purpose,
            previous_certification_id=previous,
            logbook=logbook,
            actor=ADMIN,
        )

    def admit(self, certification_id: UUID, *, at: datetime | None = None) -> None:
        """The LSP admin admits the application."""
        self.at(at)
        self.lsp.admit(certification_id, actor=ADMIN)

    def submit_portfolio(
        self,
        certification_id: UUID,
        *,
        subject_id: UUID,
        evidence: Mapping[str, str],
        claim: Verdict | None = None,
        at: datetime | None = None,
    ) -> None:
        """The candidate submits FR.APL.02: one entry per unit of ``evidence`` (unit: reference)."""
        self.at(at)
        entries: list[dict[str, Any]]
        if claim is None:
            entries = [{"unit": u, "evidence": [ref]} for u, ref in evidence.items()]
        else:
            entries = [{"unit": u, "claim": claim, "evidence": [r]} for u, r in evidence.items()]
        self.lsp.submit_portfolio(
            certification_id, entries=entries, actor=actors.candidate(subject_id)
        )

    def assign_assessor(
        self,
        certification_id: UUID,
        *,
        assessor_id: UUID,
        declaration: Mapping[str, Any] | None = NO_CONFLICT,
        at: datetime | None = None,
        prepare: bool = True,
    ) -> None:
        """The certification manager assigns the assessor, who declares no conflict by default.

        With ``prepare`` (the main path) the assessor then reviews FR.APL.02 (proceed, R7) and
        records an on-site assessment (R23), both allowed again until FR.AK.01 is signed.
        """
        self.at(at)
        self.lsp.assign_assessor(
            certification_id,
            assessor_id=assessor_id,
            declaration=None if declaration is None else dict(declaration),
            actor=MANAGER,
        )
        if prepare:
            self.prepare_assessment(certification_id, assessor_id=assessor_id)

    def prepare_assessment(self, certification_id: UUID, *, assessor_id: UUID) -> None:
        """The assessor reviews FR.APL.02 (proceed, R7) and records an on-site assessment (R23).

        Each a minute after the last command, so a business time names one version.
        """
        self.review_self_assessment(certification_id, assessor_id=assessor_id, at=self._later())
        self.record_assessment_mode(certification_id, assessor_id=assessor_id, at=self._later())

    def review_self_assessment(
        self, certification_id: UUID, *, assessor_id: UUID, at: datetime | None = None
    ) -> None:
        """The assessor's FR.APL.02 review: the assessment can proceed (R7)."""
        self.at(at)
        self.lsp.review_self_assessment(
            certification_id, proceed=True, actor=actors.assessor(assessor_id)
        )

    def record_assessment_mode(
        self, certification_id: UUID, *, assessor_id: UUID, at: datetime | None = None
    ) -> None:
        """The assessor records an on-site assessment (R23)."""
        self.at(at)
        self.lsp.record_assessment_mode(
            certification_id, mode="on_site", actor=actors.assessor(assessor_id)
        )

    def acknowledge_result(
        self, certification_id: UUID, *, subject_id: UUID, at: datetime | None = None
    ) -> None:
        """The candidate signs FR.AK.02 for the recommendation (R29)."""
        self.at(at)
        self.lsp.acknowledge_result(certification_id, actor=actors.candidate(subject_id))

    def _later(self) -> datetime:
        return self.clock.now() + timedelta(minutes=1)

    def sign_agreement(
        self, certification_id: UUID, *, party: Actor, at: datetime | None = None
    ) -> None:
        """One party signs FR.AK.01 for portfolio and interview, appeals explained."""
        self.at(at)
        self.lsp.sign_agreement(
            certification_id, methods=_METHODS, appeal_process_explained=True, actor=party
        )

    def verify_portfolio(
        self,
        certification_id: UUID,
        *,
        assessor_id: UUID,
        evidence: Mapping[str, str],
        insufficient: Collection[str] = (),
        at: datetime | None = None,
    ) -> None:
        """The assessor checks each unit's evidence (unit: reference).

        Every piece is valid, authentic and current; sufficient unless its unit is in
        ``insufficient``.
        """
        self.at(at)
        checks = [
            {
                "unit": u,
                "evidence": ref,
                "valid": True,
                "authentic": True,
                "current": True,
                "sufficient": u not in insufficient,
            }
            for u, ref in evidence.items()
        ]
        actor = actors.assessor(assessor_id)
        self.lsp.verify_portfolio(certification_id, checks=checks, actor=actor)

    def record_interview(
        self, certification_id: UUID, *, assessor_id: UUID, at: datetime | None = None
    ) -> None:
        """The assessor records the interview."""
        self.at(at)
        self.lsp.record_interview(certification_id, actor=actors.assessor(assessor_id))

    def recommend(
        self,
        certification_id: UUID,
        *,
        assessor_id: UUID,
        results: Mapping[str, Verdict | str],
        follow_up: str = "more evidence needed",
        at: datetime | None = None,
        candidate: UUID | None = None,
    ) -> None:
        """The assessor recommends: competent when every unit is (no follow-up then).

        Given the ``candidate`` (the main path), they then sign for the result (FR.AK.02, R29).
        """
        self.at(at)
        competent = all(Verdict(v) is Verdict.COMPETENT for v in results.values())
        self.lsp.recommend(
            certification_id,
            results=results,
            recommendation=Verdict.COMPETENT if competent else Verdict.NOT_YET_COMPETENT,
            follow_up="" if competent else follow_up,
            actor=actors.assessor(assessor_id),
        )
        if candidate is not None:
            self.acknowledge_result(certification_id, subject_id=candidate, at=self._later())

    def decide(
        self,
        certification_id: UUID,
        *,
        outcome: Verdict | str,
        committee: Actor = COMMITTEE,
        unit_outcomes: Mapping[str, Verdict | str] | None = None,
        at: datetime | None = None,
    ) -> None:
        """A committee member decides, naming the outcome per unit and themself (R33).

        ``unit_outcomes`` defaults to the recommendation's results (carried-over units keep
        theirs).
        """
        self.at(at)
        self.lsp.decide(
            certification_id,
            outcome=outcome,
            unit_outcomes=unit_outcomes,
            deciders=[committee.id],
            actor=committee,
        )

    def print_certificate(self, certification_id: UUID, *, at: datetime | None = None) -> str:
        """The certification manager prints the certificate; returns its number.

        It is signed by the certification manager and the head of the LSP (R40).
        """
        self.at(at)
        return self.lsp.print_certificate(
            certification_id, manager=MANAGER.id, head=HEAD.id, actor=MANAGER
        )

    def distribute_certificate(
        self, certification_id: UUID, *, at: datetime | None = None, **fields: Any
    ) -> None:
        """The LSP admin hands the certificate over (``recipient``, ``channel``, ``receipt``)."""
        self.at(at)
        given = {k: v for k, v in fields.items() if v is not None}
        self.lsp.distribute_certificate(certification_id, actor=ADMIN, **given)

    # -- a whole route ---------------------------------------------------------------------------

    def commands(self, route: Route) -> list[Callable[[], object]]:
        """The route's commands (:data:`~certflow.testing.route.STEPS`), each at its time.

        Each command sets the clock to its time first. A route decided not yet competent has
        thirteen commands, ending at the decision. Everything is worked out here, once: running a
        command reads nothing beyond what its facade command reads.
        """
        cert, times, assessor = route.certification_id, route.times, route.assessor_id
        evidence, verdicts, outcome = route.references, route.verdicts, route.outcome
        insufficient = {u for u, v in verdicts.items() if v is not Verdict.COMPETENT}
        steps: list[Callable[[], object]] = [
            lambda: self.register(
                route.subject_id, route.scheme_id, route.session_id, at=times.register
            ),
            lambda: self.admit(cert, at=times.admit),
            lambda: self.submit_portfolio(
                cert,
                subject_id=route.subject_id,
                evidence=evidence,
                claim=route.claim,
                at=times.submit_portfolio,
            ),
            lambda: self.assign_assessor(
                cert,
                assessor_id=assessor,
                declaration=route.declaration,
                at=times.assign_assessor,
                prepare=False,
            ),
            lambda: self.review_self_assessment(
                cert, assessor_id=assessor, at=times.at("review_self_assessment")
            ),
            lambda: self.record_assessment_mode(
                cert, assessor_id=assessor, at=times.at("record_assessment_mode")
            ),
            lambda: self.sign_agreement(
                cert, party=actors.candidate(route.subject_id), at=times.candidate_signs
            ),
            lambda: self.sign_agreement(
                cert, party=actors.assessor(assessor), at=times.assessor_signs
            ),
            lambda: self.verify_portfolio(
                cert,
                assessor_id=assessor,
                evidence=evidence,
                insufficient=insufficient,
                at=times.verify_portfolio,
            ),
            lambda: self.record_interview(cert, assessor_id=assessor, at=times.record_interview),
            lambda: self.recommend(
                cert,
                assessor_id=assessor,
                results=verdicts,
                follow_up=route.follow_up,
                at=times.recommend,
            ),
            lambda: self.acknowledge_result(
                cert, subject_id=route.subject_id, at=times.at("acknowledge_result")
            ),
            lambda: self.decide(
                cert,
                outcome=outcome,
                committee=route.committee,
                unit_outcomes=verdicts,
                at=times.decide,
            ),
            lambda: self.print_certificate(cert, at=times.print_certificate),
            lambda: self.distribute_certificate(
                cert,
                recipient=route.recipient,
                channel=route.channel,
                receipt=route.receipt,
                at=times.distribute_certificate,
            ),
        ]
        return steps[: route.length]

    def progress(self, certification_id: UUID) -> int:
        """How many main-path commands the certification has behind it (0 if not registered)."""
        try:
            view = self.lsp.get(certification_id)
        except NotFoundError:
            return 0
        return steps_done(view)

    def reach(self, route: Route, milestone: str, *, done: int | None = None) -> UUID:
        """Take the route's certification to ``milestone``, skipping the steps behind it.

        Args:
            route: the certification's route.
            milestone: one of :data:`~certflow.testing.route.MILESTONES`, or
                ``not_yet_competent``; a route decided not yet competent stops at the decision.
            done: how many steps are behind it, when the caller knows (read from the store
                otherwise; 0 for a certification to register).

        Returns:
            The certification id.

        Raises:
            ValueError: an unknown milestone.
        """
        end = steps_to(milestone)
        start = self.progress(route.certification_id) if done is None else done
        for command in self.commands(route)[start:end]:
            command()
        return route.certification_id

    def route_of(self, certification_id: UUID, **fields: Any) -> Route:
        """The route of a registered certification, read from the store.

        Subject, scheme, session, units to assess and (when assigned) the assessor come from the
        certification; the timetable is dated by its session (:meth:`Timetable.around`, from
        today); a re-assessment (a later attempt, or only some units) takes place on the later
        of today and the session's last day. ``fields`` override any of these.
        """
        view = self.lsp.get(certification_id)
        if "times" not in fields:
            session = self.lsp.get_session(view.session_id)
            today = self.clock.now().date()
            first, last = session.starts_on, session.ends_on
            if view.attempt > 1 or len(view.units_to_assess) < len(view.units):
                first = last = max(today, last)
            fields["times"] = Timetable.around(first, last, today)
        fields.setdefault("assessor_id", view.assessor_id)
        if fields["assessor_id"] is None:
            raise ValueError("no assessor is assigned yet: name one (assessor_id=...)")
        return Route(
            subject_id=view.subject_id,
            scheme_id=view.scheme_id,
            session_id=view.session_id,
            units=tuple(view.units_to_assess),
            **fields,
        )
