"""The certification path: from registration to the decision, with appeal and re-assessment.

Each command loads the certification, runs exactly one of its commands at the clock's time and
saves what it recorded; a refused command raises before anything is saved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypeVar
from uuid import UUID

from certflow.application.candidacies import claim_open
from certflow.application.inputs import InterviewInput, parse
from certflow.application.quarantine import assignment_refusal
from certflow.application.services import Services, as_enum, as_uuid
from certflow.application.trust import Gate
from certflow.domain import (
    AppealRemedy,
    AssessmentMethod,
    AssessmentSession,
    Assessor,
    AssessorDay,
    Certification,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    Scheme,
    SelfAssessment,
    Tuk,
    Verdict,
    assessor_day_id,
    certification_id,
)
from certflow.engine import (
    Actor,
    AlreadyExistsError,
    ConcurrencyConflictError,
    InvalidInputError,
    NotFoundError,
    RuleViolatedError,
    Text,
    Violation,
)

__all__ = ["CertificationPath"]

R = TypeVar("R")


class CertificationPath:
    """Commands that move a certification from registration to the committee's decision."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)

    def register(
        self,
        *,
        subject_id: UUID,
        scheme_id: UUID,
        session_id: UUID,
        purpose: Purpose | str = Purpose.CERTIFICATION,
        previous_certification_id: UUID | None = None,
        logbook: Sequence[str] = (),
        actor: Actor,
    ) -> UUID:
        """Register a candidate for a scheme in a session (FR.APL.01; R1, R2, R3, R47).

        A recertification (``purpose="sertifikasi_ulang"``) names the previous certification,
        which must have at least one surveillance report (a holder without one registers as a
        new applicant, purpose ``sertifikasi``), and ``logbook``: references to the logbook or
        activity evidence (document ids, never their content). When the new certificate is
        handed over, the previous one is superseded.

        Returns:
            The certification's id (derived from subject, scheme and session).
        """
        chosen = as_enum(Purpose, purpose, "purpose", "R2")
        # Both read in one query when cached; refused in the same order as loaded one by one.
        found_scheme, found_session = self._s.store.find_many(
            (Scheme, scheme_id), (AssessmentSession, session_id)
        )
        scheme = _found(Scheme, scheme_id, found_scheme)
        actor = self._gate.admit(actor, "register", subject_id=subject_id, scheme_code=scheme.code)
        session = _found(AssessmentSession, session_id, found_session)
        new_id = certification_id(subject_id, scheme_id, session_id)
        previous = (
            None
            if previous_certification_id is None
            else self._s.certification(previous_certification_id)
        )
        if previous is not None and previous.state.subject_id != subject_id:
            raise InvalidInputError(
                [Text("the previous certification belongs to another candidate")],
                ("R47",),
            )
        certification = Certification.register(
            subject_id=subject_id,
            scheme=scheme,
            session=session,
            purpose=chosen,
            subject_on_file=self._s.subjects.has(subject_id),
            previous=previous,
            logbook=list(logbook),
            actor=actor,
            at=self._s.now(),
        )
        candidacy = claim_open(
            self._s, subject_id, scheme.code, new_id, actor=actor, at=self._s.now()
        )
        try:
            # The id is derived, so the store itself refuses a second registration; the
            # candidacy is saved with it, so a second open one in another session cannot slip in.
            self._s.store.save(certification, candidacy)
        except ConcurrencyConflictError:
            raise AlreadyExistsError("certification", new_id, "R3") from None
        return certification.id

    def submit_portfolio(
        self,
        certification_id: UUID,
        *,
        entries: Sequence[SelfAssessment | Mapping[str, Any]],
        actor: Actor,
    ) -> None:
        """Hand in the FR.APL.02 self-assessment with evidence for every unit (R4, R6)."""
        parsed = [parse(SelfAssessment, e, "R6") for e in entries]
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "submit_portfolio", state=certification.state)
        certification.submit_portfolio(parsed, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def assign_assessor(
        self,
        certification_id: UUID,
        *,
        assessor_id: UUID,
        declaration: ConflictDeclaration | Mapping[str, Any] | None,
        actor: Actor,
    ) -> None:
        """Assign an assessor with their conflict-of-interest declaration (R9-R12)."""
        parsed = None if declaration is None else parse(ConflictDeclaration, declaration, "R11")
        found_assessor, found = self._s.store.find_many(
            (Assessor, assessor_id), (Certification, as_uuid(certification_id))
        )
        assessor = _found(Assessor, assessor_id, found_assessor)
        certification = _found(Certification, certification_id, found)
        actor = self._gate.admit(actor, "assign_assessor", state=certification.state)
        self._gate.check_assignee(str(assessor.id), certification.state)
        assignment_refusal(self._s, assessor.id, certification.id)
        certification.assign_assessor(assessor, parsed, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def request_documents(
        self, certification_id: UUID, *, documents: Sequence[str], actor: Actor
    ) -> None:
        """Ask for missing documents; the application stays registered (R5)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "request_documents", state=certification.state)
        certification.request_documents(documents, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def admit(self, certification_id: UUID, *, actor: Actor) -> None:
        """Admit the application (FR.APL.01 diterima, R4)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "admit", state=certification.state)
        certification.admit(actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def reject_application(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Reject the application with a reason; it ends there (R4)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "reject_application", state=certification.state)
        certification.reject_application(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def withdraw(self, certification_id: UUID, *, reason: str = "", actor: Actor) -> None:
        """Withdraw the application before the decision (R57)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "withdraw", state=certification.state)
        certification.withdraw(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def sign_agreement(
        self,
        certification_id: UUID,
        *,
        methods: Sequence[AssessmentMethod | str] = ("portfolio", "interview"),
        appeal_process_explained: bool = False,
        actor: Actor,
    ) -> None:
        """Sign FR.AK.01 as the candidate or the assigned assessor (R18-R20)."""
        agreed = [as_enum(AssessmentMethod, m, "methods", "R19") for m in methods]
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "sign_agreement", state=certification.state)
        certification.sign_agreement(
            agreed,
            appeal_process_explained=appeal_process_explained,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(certification)

    def verify_portfolio(
        self,
        certification_id: UUID,
        *,
        checks: Sequence[EvidenceCheck | Mapping[str, Any]],
        actor: Actor,
    ) -> None:
        """Record the FR.IA.08 verification, VATM flags per portfolio item (R18-R22)."""
        parsed = [parse(EvidenceCheck, c, "R22") for c in checks]
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "verify_portfolio", state=certification.state)
        certification.verify_portfolio(parsed, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def correct_portfolio_verification(
        self,
        certification_id: UUID,
        *,
        corrects: int,
        checks: Sequence[EvidenceCheck | Mapping[str, Any]],
        reason: str,
        actor: Actor,
    ) -> None:
        """Correct a recorded FR.IA.08 verification by a new event that names it (R15, R25).

        ``corrects`` is the history version of the ``PortfolioVerified`` (or of an earlier
        ``EvidenceCorrected``) being corrected; it stays in the history as it was, and the
        correction's ``checks`` give the VATM outcome from now on.
        """
        parsed = [parse(EvidenceCheck, c, "R25") for c in checks]
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "correct_portfolio_verification", state=certification.state)
        certification.correct_portfolio_verification(
            parsed, corrects=corrects, reason=reason, actor=actor, at=self._s.now()
        )
        self._s.store.save(certification)

    def record_no_show(self, certification_id: UUID, *, actor: Actor) -> None:
        """Record that the candidate missed the assessment (R56)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_no_show", state=certification.state)
        certification.record_no_show(actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def record_interview(self, certification_id: UUID, *, actor: Actor) -> None:
        """Record the FR.IA.09 interview (R14, R15, R18, R19, R21, R24).

        The assessor's interviews of the day are counted in the store, in the same transaction,
        so the daily limit (R14) holds even for interviews recorded at the same time.
        """
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_interview", state=certification.state)
        now = self._s.now()
        state = certification.state
        day: AssessorDay | None = None
        if state.assessor_id is None:
            tuk = self._tuk_of(state.session_id, state.rounds)
        else:
            # The day and the session in one query when both are cached.
            day_id = assessor_day_id(state.assessor_id, now.date())
            day, session = self._s.store.find_many(
                (AssessorDay, day_id), (AssessmentSession, state.session_id)
            )
            day = day or AssessorDay.open(state.assessor_id, now.date(), actor=actor, at=now)
            tuk = self._tuk_of(state.session_id, state.rounds, session)
        count = len(day.certifications) if day is not None else 0
        certification.record_interview(interviews_that_day=count, tuk=tuk, actor=actor, at=now)
        assert day is not None  # R15 refused an interview with no assessor
        day.count(certification.id, actor=actor, at=now)
        self._s.store.save(certification, day)

    def _tuk_of(
        self, session: UUID, rounds: int, found: AssessmentSession | None = None
    ) -> Tuk | None:
        """The TUK of a session; a first assessment's is refused when none is on file (R24)."""
        planned = _found(AssessmentSession, session, found or self._s.sessions.find(session))
        tuk = self._s.tuks.find(planned.tuk_id)
        if tuk is None and rounds == 1:
            raise RuleViolatedError(
                (
                    Violation(
                        "R24",
                        Text(
                            "this session's TUK {planned_venue!r} is not on file; propose "
                            "and verify it before recording the interview",
                            planned_venue=planned.venue,
                        ),
                    ),
                )
            )
        return tuk

    def request_further_evidence(
        self, certification_id: UUID, *, request: str, actor: Actor
    ) -> None:
        """Ask for further evidence before the recommendation (asesmen lanjut, R28)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "request_further_evidence", state=certification.state)
        certification.request_further_evidence(request, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def record_further_evidence(
        self, certification_id: UUID, *, evidence: Sequence[str], actor: Actor
    ) -> None:
        """Record the further evidence that was asked for (R28)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "record_further_evidence", state=certification.state)
        certification.record_further_evidence(evidence, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def recommend(
        self,
        certification_id: UUID,
        *,
        results: Mapping[str, Verdict | str],
        recommendation: Verdict | str,
        follow_up: str = "",
        actor: Actor,
    ) -> None:
        """Record the FR.AK.02 recommendation, K/BK per unit (R15, R22, R26-R28)."""
        spec = parse(
            InterviewInput,
            {"results": results, "recommendation": recommendation, "follow_up": follow_up},
            "R26",
        )
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "recommend", state=certification.state)
        certification.recommend(
            spec.results, spec.recommendation, spec.follow_up, actor=actor, at=self._s.now()
        )
        self._s.store.save(certification)

    def refer_back(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Refer the case back to the assessor for further evidence (R31, R34)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "refer_back", state=certification.state)
        certification.refer_back(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def decide(
        self,
        certification_id: UUID,
        *,
        outcome: Verdict | str,
        justification: str = "",
        unit_outcomes: Mapping[str, Verdict | str] | None = None,
        deciders: Sequence[str] = (),
        actor: Actor,
    ) -> None:
        """Record the committee's decision and its content (R30-R35).

        Args:
            certification_id: the certification.
            outcome: ``K`` or ``BK``.
            justification: why the decision departs from the recommendation (R34).
            unit_outcomes: ``K``/``BK`` per unit (R33); a unit left out takes the
                recommendation's result (a carried-over unit its earlier one). Every unit of
                the scheme version must end with an outcome that agrees with ``outcome``.
            deciders: further committee members who took the decision, by person id; each
                must be appointed to the committee for the scheme today and uninvolved (R32,
                R33). The acting member is always recorded as a decider.
            actor: the committee member recording the decision.
        """
        verdict = as_enum(Verdict, outcome, "outcome", "R33")
        units = (
            None
            if unit_outcomes is None
            else {u: as_enum(Verdict, v, "unit_outcomes", "R33") for u, v in unit_outcomes.items()}
        )
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "decide", state=certification.state)
        named = self._gate.check_deciders(deciders, actor, certification.state)
        certification.decide(
            verdict,
            justification,
            unit_outcomes=units,
            deciders=named,
            actor=actor,
            at=self._s.now(),
        )
        self._s.store.save(certification)

    def lodge_appeal(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Appeal a BK decision within the scheme's window (FR.AK.04, R49, R50)."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "lodge_appeal", state=certification.state)
        certification.lodge_appeal(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def form_appeal_panel(
        self, certification_id: UUID, *, members: Sequence[str], actor: Actor
    ) -> list[str]:
        """Form the appeal panel of a case under appeal, naming its members (R51).

        Each member must hold an appeal-panel appointment covering the scheme today and be
        uninvolved in the case: not its candidate, assessors or deciders, and no declared
        relation to the candidate. Returns the members' canonical person ids.
        """
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "form_appeal_panel", state=certification.state)
        chosen = self._gate.check_members(members, "form_appeal_panel", certification.state)
        certification.form_appeal_panel(chosen, actor=actor, at=self._s.now())
        self._s.store.save(certification)
        return chosen

    def uphold_appeal(
        self,
        certification_id: UUID,
        *,
        remedy: AppealRemedy | str,
        reason: str,
        actor: Actor,
    ) -> None:
        """Uphold an appeal: ``revised_decision`` or ``reassessment`` (R51, R52).

        Only a member of the panel formed for this appeal (:meth:`form_appeal_panel`) may.
        """
        chosen = as_enum(AppealRemedy, remedy, "remedy", "R52")
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "uphold_appeal", state=certification.state)
        certification.uphold_appeal(chosen, reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def reject_appeal(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Reject an appeal; the BK decision stands (R51, R52). Only a panel member may."""
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "reject_appeal", state=certification.state)
        certification.reject_appeal(reason, actor=actor, at=self._s.now())
        self._s.store.save(certification)

    def request_reassessment(
        self,
        certification_id: UUID,
        *,
        entries: Sequence[SelfAssessment | Mapping[str, Any]],
        actor: Actor,
    ) -> None:
        """Request a re-assessment with a new portfolio for the units to assess again (R54)."""
        parsed = [parse(SelfAssessment, e, "R54") for e in entries]
        certification = self._s.certification(certification_id)
        actor = self._gate.admit(actor, "request_reassessment", state=certification.state)
        certification.request_reassessment(parsed, actor=actor, at=self._s.now())
        self._s.store.save(certification)


def _found(kind: type[R], record_id: UUID | str, record: R | None) -> R:
    """``record``, or :class:`NotFoundError` for the ``kind`` and id it was looked up by."""
    if record is None:
        raise NotFoundError(kind.__name__, as_uuid(record_id))
    return record
