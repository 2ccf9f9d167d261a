"""The facade other systems import: commands and queries (``certflow.open`` builds it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar, cast
from uuid import UUID, uuid4

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import JSONTranscoder, RecordConflictError

from certflow.application.audit import AuditReport, ReplayReport, compliance_audit, replay_audit
from certflow.application.inputs import (
    AssessorInput,
    DistributionInput,
    InterviewInput,
    SchemeInput,
    SessionInput,
    parse,
)
from certflow.application.intake import ImportReport, import_assessors, import_candidates
from certflow.application.ports import RowReader, StoreBackend, SubjectStore
from certflow.application.readmodels import OverdueItem, ReadModels
from certflow.application.subjects import PersonalData, SubjectKind, SubjectRecord
from certflow.application.timetravel import TimeTravel, as_uuid
from certflow.application.transcodings import register_all
from certflow.application.verification import CertificateDesk
from certflow.application.views import (
    AssessorView,
    CertificationSummary,
    CertificationView,
    SchemeView,
    SessionView,
)
from certflow.domain import (
    AppealRemedy,
    AssessmentMethod,
    AssessmentSession,
    Assessor,
    AssessorDay,
    CertificateNumber,
    CertificateSeries,
    Certification,
    ConflictDeclaration,
    EvidenceCheck,
    Purpose,
    Role,
    Scheme,
    SelfAssessment,
    Stage,
    Subject,
    SubjectStatus,
    Verdict,
    assessor_day_id,
    assessor_id,
    certification_id,
    number_id,
    scheme_id,
    series_id,
    session_id,
)
from certflow.domain.scheme import format_number
from certflow.engine import (
    Actor,
    AlreadyExistsError,
    Clock,
    ConcurrencyConflictError,
    InvalidInputError,
    NotFoundError,
    SystemClock,
    Text,
    WorkflowAggregate,
    project,
)

__all__ = ["SYSTEM", "CertificationBody", "OverdueItem", "SweepReport"]

A = TypeVar("A", bound=WorkflowAggregate)

SYSTEM = Actor("certflow-sweep", Role.SYSTEM)
"""The actor of moves that time makes due."""


_SWEPT_STAGES = frozenset({Stage.NOT_YET_COMPETENT, Stage.DISTRIBUTED, Stage.SUSPENDED})


@dataclass
class SweepReport:
    """What a sweep recorded."""

    at: datetime
    moves: list[tuple[UUID, str]] = field(default_factory=list)
    """(certification id, trigger) of every move made."""
    skipped: list[UUID] = field(default_factory=list)
    """Certifications running under a definition version this code does not know."""


class CertificationBody(TimeTravel, CertificateDesk, Application[UUID]):
    """An LSP (Lembaga Sertifikasi Profesi): the commands and queries of certflow.

    Commands take keyword arguments and an :class:`~certflow.engine.Actor`, decide against
    the recorded history, and either record exactly one change or raise a
    :class:`~certflow.engine.RejectedError` having recorded nothing. Queries return frozen
    views. Open one with :func:`certflow.open`.
    """

    name = "certflow"

    def __init__(
        self,
        env: Mapping[str, str] | None = None,
        *,
        backend: StoreBackend,
        row_reader: RowReader,
        clock: Clock | None = None,
        snapshot_every: int | None = None,
        lsp_code: str = "LSP",
        cache_size: int = 1000,
    ) -> None:
        """Assemble the body from its adapters (see :mod:`certflow.bootstrap`).

        ``backend`` is the store with the subject and view stores beside it, ``row_reader``
        reads intake files; ``env`` adds eventsourcing settings to the backend's own.
        """
        settings = backend.settings
        extra = dict(env or {})
        if cache_size < 0:
            raise InvalidInputError(["cache_size must be 0 (no cache) or more"])
        if cache_size:
            # eventsourcing's repository cache: a command gets a cheap copy of the cached record,
            # brought up to date with any newer events from the store (fast-forward), instead of
            # decoding the whole history again.
            extra.setdefault("AGGREGATE_CACHE_MAXSIZE", str(cache_size))
        if snapshot_every is not None:
            if snapshot_every < 2:
                raise InvalidInputError(["snapshot_every must be 2 or more"])
            extra["IS_SNAPSHOTTING_ENABLED"] = "y"
            self.snapshotting_intervals = {Certification: snapshot_every}  # type: ignore[misc]
        with backend.setup_lock():
            super().__init__({**settings.env, **extra})
            subjects = backend.subject_store(self.recorder)
            views = backend.view_store(self.recorder)
        self.store = settings
        """Where this body's records are kept."""
        self.lsp_code = lsp_code
        """The LSP's code, for certificate number formats (``{lsp}``)."""
        self.clock: Clock = clock or SystemClock()
        """The business clock every command reads its time from."""
        self.subjects: SubjectStore = subjects
        """The erasable store of personal data."""
        self.row_reader: RowReader = row_reader
        """Reads the rows of intake files."""
        self.read_models = ReadModels(self, views, subscribes=backend.subscribes)
        """The case board, certificate register, deadline board and assessor workload."""

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        """Register eventsourcing's and certflow's transcodings."""
        super().register_transcodings(transcoder)
        register_all(transcoder)

    # -- plumbing ------------------------------------------------------------------------------

    def _load(self, kind: type[A], record_id: UUID, version: int | None = None) -> A:
        found = self._find(kind, record_id, version)
        if found is None:
            raise NotFoundError(kind.__name__, record_id)
        return found

    def _find(self, kind: type[A], record_id: UUID, version: int | None = None) -> A | None:
        """The record, or ``None`` when there is none of that kind (one read of the store)."""
        try:
            found: object = self.repository.get(record_id, version=version, projector_func=project)
        except AggregateNotFoundError:
            return None
        return found if isinstance(found, kind) else None

    def _save(self, *aggregates: WorkflowAggregate) -> None:
        try:
            self.save(*aggregates)
        except RecordConflictError as error:
            raise ConcurrencyConflictError(str(error).splitlines()[0][:200]) from None

    def _exists(self, record_id: UUID) -> bool:
        """Whether any event of the record is stored (reads one row, decodes nothing)."""
        return bool(self.recorder.select_events(record_id, limit=1))

    def _certification(self, certification_id: UUID | str) -> Certification:
        return self._load(Certification, _as_uuid(certification_id))

    def close(self) -> None:
        """Release the store's connections."""
        self.read_models.close()
        super().close()

    # -- reference data ------------------------------------------------------------------------

    def add_scheme(self, *, actor: Actor, **fields: Any) -> UUID:
        """Add a scheme version; see :class:`~certflow.application.inputs.SchemeInput`.

        Raises:
            AlreadyExistsError: this code and version are on file already.
        """
        spec = parse(SchemeInput, fields)
        new_id = scheme_id(spec.code, spec.version)
        if self._exists(new_id):
            raise AlreadyExistsError("scheme", f"{spec.code} v{spec.version}")
        scheme = Scheme.add(
            code=spec.code,
            title=spec.title,
            version=spec.version,
            units=list(spec.units),
            methods=list(spec.methods),
            policy=spec.policy,
            authority=spec.authority,
            description=spec.description,
            certificate_prefix=spec.certificate_prefix or spec.code,
            number_format=spec.number_format,
            actor=actor,
            at=self.clock.now(),
        )
        self._save(scheme)
        return scheme.id

    def retire_scheme(self, scheme_id: UUID, *, actor: Actor) -> None:
        """Retire a scheme version: registrations may no longer name it (R1)."""
        scheme = self._load(Scheme, scheme_id)
        scheme.retire(actor=actor, at=self.clock.now())
        self._save(scheme)

    def add_assessor(self, *, actor: Actor, **fields: Any) -> UUID:
        """Add a licensed assessor; see :class:`~certflow.application.inputs.AssessorInput`.

        The name goes to the subject store; the register keeps MET number, schemes, licence.
        """
        spec = parse(AssessorInput, fields)
        new_id = assessor_id(spec.met_number)
        if self._exists(new_id):
            raise AlreadyExistsError("assessor", spec.met_number)
        assessor = Assessor.add(
            met_number=spec.met_number,
            scheme_codes=list(spec.scheme_codes),
            licence_valid_until=spec.licence_valid_until,
            actor=actor,
            at=self.clock.now(),
        )
        if self.subjects.get(new_id) is None:
            self.subjects.put(
                SubjectRecord(
                    subject_id=new_id,
                    kind=SubjectKind.ASSESSOR,
                    data=PersonalData(name=spec.name),
                )
            )
        self._save(assessor)
        return assessor.id

    def renew_assessor_licence(self, assessor_id: UUID, *, valid_until: date, actor: Actor) -> None:
        """Record an assessor's renewed licence."""
        assessor = self._load(Assessor, assessor_id)
        assessor.renew_licence(valid_until, actor=actor, at=self.clock.now())
        self._save(assessor)

    def plan_session(self, *, actor: Actor, **fields: Any) -> UUID:
        """Plan an assessment session; see :class:`~certflow.application.inputs.SessionInput`."""
        spec = parse(SessionInput, fields)
        new_id = session_id(spec.code)
        if self._exists(new_id):
            raise AlreadyExistsError("session", spec.code)
        for sid in spec.scheme_ids:
            self._load(Scheme, sid)
        session = AssessmentSession.plan(
            code=spec.code,
            title=spec.title,
            venue=spec.venue,
            tuk_kind=spec.tuk_kind,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            scheme_ids=list(spec.scheme_ids),
            actor=actor,
            at=self.clock.now(),
        )
        self._save(session)
        return session.id

    def add_candidate(self, **fields: Any) -> UUID:
        """Put a candidate's personal data in the subject store; return their subject id.

        The subject id is random, so it reveals nothing about the person. Fields are those of
        :class:`~certflow.application.subjects.PersonalData` (``name`` required).
        """
        data = parse(PersonalData, fields)
        subject_id = uuid4()
        self.subjects.put(
            SubjectRecord(subject_id=subject_id, kind=SubjectKind.CANDIDATE, data=data)
        )
        return subject_id

    # -- the certification path ----------------------------------------------------------------

    def register(
        self,
        *,
        subject_id: UUID,
        scheme_id: UUID,
        session_id: UUID,
        purpose: Purpose | str = Purpose.CERTIFICATION,
        previous_certification_id: UUID | None = None,
        actor: Actor,
    ) -> UUID:
        """Register a candidate for a scheme in a session (FR.APL.01; R1, R2, R3, R47).

        A recertification (``purpose="sertifikasi_ulang"``) names the previous certification;
        when the new certificate is handed over, the previous one is superseded.

        Returns:
            The certification's id (derived from subject, scheme and session).
        """
        purpose = _enum(Purpose, purpose, "purpose", "R2")
        scheme = self._load(Scheme, scheme_id)
        session = self._load(AssessmentSession, session_id)
        new_id = certification_id(subject_id, scheme_id, session_id)
        previous = (
            None
            if previous_certification_id is None
            else self._certification(previous_certification_id)
        )
        if previous is not None and previous.subject_id != subject_id:
            raise InvalidInputError(
                ["the previous certification belongs to another candidate"], ("R47",)
            )
        certification = Certification.register(
            subject_id=subject_id,
            scheme=scheme,
            session=session,
            purpose=purpose,
            subject_on_file=self.subjects.has(subject_id),
            previous=previous,
            actor=actor,
            at=self.clock.now(),
        )
        try:
            # The id is derived, so the store itself refuses a second registration (no
            # check-then-write, and one read less).
            self._save(certification)
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
        self._on(certification_id, lambda c, at: c.submit_portfolio(parsed, actor=actor, at=at))

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
        assessor = self._load(Assessor, assessor_id)
        self._on(
            certification_id,
            lambda c, at: c.assign_assessor(assessor, parsed, actor=actor, at=at),
        )

    def request_documents(
        self, certification_id: UUID, *, documents: Sequence[str], actor: Actor
    ) -> None:
        """Ask for missing documents; the application stays registered (R5)."""
        self._on(certification_id, lambda c, at: c.request_documents(documents, actor=actor, at=at))

    def admit(self, certification_id: UUID, *, actor: Actor) -> None:
        """Admit the application (FR.APL.01 diterima, R4)."""
        self._on(certification_id, lambda c, at: c.admit(actor=actor, at=at))

    def reject_application(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Reject the application with a reason; it ends there (R4)."""
        self._on(certification_id, lambda c, at: c.reject_application(reason, actor=actor, at=at))

    def withdraw(self, certification_id: UUID, *, reason: str = "", actor: Actor) -> None:
        """Withdraw the application before the decision (R57)."""
        self._on(certification_id, lambda c, at: c.withdraw(reason, actor=actor, at=at))

    def sign_agreement(
        self,
        certification_id: UUID,
        *,
        methods: Sequence[AssessmentMethod | str] = ("portfolio", "interview"),
        appeal_process_explained: bool = False,
        actor: Actor,
    ) -> None:
        """Sign FR.AK.01 as the candidate or the assigned assessor (R18-R20)."""
        agreed = [_enum(AssessmentMethod, m, "methods", "R19") for m in methods]
        self._on(
            certification_id,
            lambda c, at: c.sign_agreement(
                agreed, appeal_process_explained=appeal_process_explained, actor=actor, at=at
            ),
        )

    def verify_portfolio(
        self,
        certification_id: UUID,
        *,
        checks: Sequence[EvidenceCheck | Mapping[str, Any]],
        actor: Actor,
    ) -> None:
        """Record the FR.IA.08 verification, VATM flags per portfolio item (R18-R22)."""
        parsed = [parse(EvidenceCheck, c, "R22") for c in checks]
        self._on(certification_id, lambda c, at: c.verify_portfolio(parsed, actor=actor, at=at))

    def record_no_show(self, certification_id: UUID, *, actor: Actor) -> None:
        """Record that the candidate missed the assessment (R56)."""
        self._on(certification_id, lambda c, at: c.record_no_show(actor=actor, at=at))

    def record_interview(self, certification_id: UUID, *, actor: Actor) -> None:
        """Record the FR.IA.09 interview (R14, R15, R18, R19, R21, R24).

        The assessor's interviews of the day are counted in the store, in the same transaction,
        so the daily limit (R14) holds even for interviews recorded at the same time.
        """
        certification = self._certification(certification_id)
        now = self.clock.now()
        day: AssessorDay | None = None
        if certification.assessor_id is not None:
            day_id = assessor_day_id(certification.assessor_id, now.date())
            day = self._find(AssessorDay, day_id) or AssessorDay.open(
                certification.assessor_id, now.date(), actor=actor, at=now
            )
        count = len(day.certifications) if day is not None else 0
        certification.record_interview(interviews_that_day=count, actor=actor, at=now)
        assert day is not None  # R15 refused an interview with no assessor
        day.count(certification.id, actor=actor, at=now)
        self._save(certification, day)

    def request_further_evidence(
        self, certification_id: UUID, *, request: str, actor: Actor
    ) -> None:
        """Ask for further evidence before the recommendation (asesmen lanjut, R28)."""
        self._on(
            certification_id,
            lambda c, at: c.request_further_evidence(request, actor=actor, at=at),
        )

    def record_further_evidence(
        self, certification_id: UUID, *, evidence: Sequence[str], actor: Actor
    ) -> None:
        """Record the further evidence that was asked for (R28)."""
        self._on(
            certification_id,
            lambda c, at: c.record_further_evidence(evidence, actor=actor, at=at),
        )

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
        self._on(
            certification_id,
            lambda c, at: c.recommend(
                spec.results, spec.recommendation, spec.follow_up, actor=actor, at=at
            ),
        )

    def refer_back(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Refer the case back to the assessor for further evidence (R31, R34)."""
        self._on(certification_id, lambda c, at: c.refer_back(reason, actor=actor, at=at))

    def decide(
        self,
        certification_id: UUID,
        *,
        outcome: Verdict | str,
        justification: str = "",
        actor: Actor,
    ) -> None:
        """Record the committee's decision (R30, R31, R32, R34, R35)."""
        verdict = _enum(Verdict, outcome, "outcome", "R33")
        self._on(
            certification_id,
            lambda c, at: c.decide(verdict, justification, actor=actor, at=at),
        )

    def lodge_appeal(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Appeal a BK decision within the scheme's window (FR.AK.04, R49, R50)."""
        self._on(certification_id, lambda c, at: c.lodge_appeal(reason, actor=actor, at=at))

    def uphold_appeal(
        self,
        certification_id: UUID,
        *,
        remedy: AppealRemedy | str,
        reason: str,
        panel: Sequence[str],
        actor: Actor,
    ) -> None:
        """Uphold an appeal: ``revised_decision`` or ``reassessment`` (R51, R52)."""
        chosen = _enum(AppealRemedy, remedy, "remedy", "R52")
        self._on(
            certification_id,
            lambda c, at: c.uphold_appeal(chosen, reason, panel=panel, actor=actor, at=at),
        )

    def reject_appeal(
        self, certification_id: UUID, *, reason: str, panel: Sequence[str], actor: Actor
    ) -> None:
        """Reject an appeal; the BK decision stands (R51, R52)."""
        self._on(
            certification_id,
            lambda c, at: c.reject_appeal(reason, panel=panel, actor=actor, at=at),
        )

    def request_reassessment(
        self,
        certification_id: UUID,
        *,
        entries: Sequence[SelfAssessment | Mapping[str, Any]],
        actor: Actor,
    ) -> None:
        """Request a re-assessment with a new portfolio for the units to assess again (R54)."""
        parsed = [parse(SelfAssessment, e, "R54") for e in entries]
        self._on(
            certification_id,
            lambda c, at: c.request_reassessment(parsed, actor=actor, at=at),
        )

    def print_certificate(self, certification_id: UUID, *, actor: Actor) -> str:
        """Allocate the next certificate number and record the certificate printed (R36-R38).

        The number series, the claim on the number and the certification are saved in one
        transaction, so a concurrent printer gets :class:`ConcurrencyConflictError`, never a
        duplicate number.

        Returns:
            The certificate number.
        """
        certification = self._certification(certification_id)
        now = self.clock.now()
        scheme = self._load(Scheme, certification.scheme_id)
        prefix, year = scheme.certificate_prefix, now.year
        sid = series_id(prefix, year)
        series = self._find(CertificateSeries, sid) or CertificateSeries.open(
            prefix, year, actor=actor, at=now
        )
        # A refusal below raises before anything is saved, so the series is not advanced.
        number = series.allocate(
            lambda seq: format_number(
                scheme.number_format,
                lsp=self.lsp_code,
                prefix=prefix,
                scheme=scheme.code,
                year=year,
                seq=seq,
            ),
            actor=actor,
            at=now,
        )
        certification.print_certificate(number, actor=actor, at=now)
        claim = CertificateNumber.claim(number, certification.id, actor=actor, at=now)
        self._save(certification, series, claim)
        return number

    def distribute_certificate(
        self,
        certification_id: UUID,
        *,
        actor: Actor,
        **fields: Any,
    ) -> None:
        """Record the hand-over; whether it met the distribution deadline is recorded (R41).

        Fields: ``recipient`` (``holder`` or ``representative``), ``channel``
        (``in_person``, ``courier``, ``post``, ``unit_liaison``) and ``receipt`` (the reference of
        the signed receipt, tanda terima).
        """
        spec = parse(DistributionInput, fields, "R41")
        certification = self._certification(certification_id)
        now = self.clock.now()
        certification.distribute_certificate(
            spec.recipient, spec.channel, spec.receipt, actor=actor, at=now
        )
        changed: list[WorkflowAggregate] = [certification]
        if certification.previous_certification_id is not None:
            previous = self._certification(certification.previous_certification_id)
            if previous.stage is not Stage.SUPERSEDED:
                previous.supersede(certification, actor=SYSTEM, at=now)
                changed.append(previous)
        self._save(*changed)

    def record_registration_number(
        self, certification_id: UUID, *, number: str, actor: Actor
    ) -> None:
        """Record the certificate's BNSP registration number; unique and never changed (R37)."""
        certification = self._certification(certification_id)
        now = self.clock.now()
        certification.record_registration_number(number, actor=actor, at=now)
        if self._exists(number_id(number, "registration")):
            raise AlreadyExistsError("registration number", number.strip(), "R37")
        claim = CertificateNumber.claim(
            number, certification.id, actor=actor, at=now, kind="registration"
        )
        self._save(certification, claim)

    def reissue_certificate(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Record a duplicate: same number and validity, earlier copies void (R48)."""
        self._on(certification_id, lambda c, at: c.reissue_certificate(reason, actor=actor, at=at))

    # -- maintenance ---------------------------------------------------------------------------

    def record_surveillance(
        self,
        certification_id: UUID,
        *,
        summary: str,
        satisfactory: bool = True,
        actor: Actor,
    ) -> None:
        """Record a surveillance of the holder (logbook, activity report; R43)."""
        self._on(
            certification_id,
            lambda c, at: c.record_surveillance(
                summary, satisfactory=satisfactory, actor=actor, at=at
            ),
        )

    def suspend(
        self,
        certification_id: UUID,
        *,
        grounds: str,
        resolve_by: date,
        reason: str = "",
        actor: Actor,
    ) -> None:
        """Suspend the certificate on a listed ground until ``resolve_by`` (R44, R45)."""
        self._on(
            certification_id,
            lambda c, at: c.suspend(
                grounds, resolve_by=resolve_by, reason=reason, actor=actor, at=at
            ),
        )

    def lift_suspension(self, certification_id: UUID, *, reason: str, actor: Actor) -> None:
        """Lift a suspension (R44)."""
        self._on(certification_id, lambda c, at: c.lift_suspension(reason, actor=actor, at=at))

    def revoke(
        self, certification_id: UUID, *, grounds: str, reason: str = "", actor: Actor
    ) -> None:
        """Revoke the certificate on one of the scheme's grounds (R44, R45)."""
        self._on(certification_id, lambda c, at: c.revoke(grounds, reason, actor=actor, at=at))

    def migrate_definition(
        self, certification_id: UUID, *, to_version: int, reason: str, actor: Actor
    ) -> None:
        """Move a running certification to another workflow definition version (recorded)."""
        self._on(
            certification_id,
            lambda c, at: c.migrate_definition(to_version, reason, actor=actor, at=at),
        )

    def audit(self, *, today: date | None = None) -> AuditReport:
        """Re-check the audited rules over every history (see :mod:`.audit`)."""
        return compliance_audit(self, today=today or self.clock.now().date())

    def audit_replay(self) -> ReplayReport:
        """Check every recorded move against the definition version it was recorded under."""
        return replay_audit(self)

    # -- time ----------------------------------------------------------------------------------

    def sweep(self, *, at: datetime | None = None) -> SweepReport:
        """Record every move that time has made due, as of ``at`` (default: the clock's now).

        Closes appeal windows (R49), revokes suspensions unresolved by their date (R44) and
        expires certificates after their last valid day (R46). No thread, no sleep: call it
        from a scheduler. Idempotent: a second sweep at the same time records nothing.
        """
        now = at or self.clock.now()
        report = SweepReport(at=now)
        # Only what the deadline board shows as due is loaded, not every record in a stage.
        due, report.skipped = self.read_models.sweep_candidates(
            today=now.date(), stages=_SWEPT_STAGES, known_versions=Certification.definitions
        )
        for record_id in due:
            certification = self._certification(record_id)
            if certification.workflow_version not in certification.definitions:
                if record_id not in report.skipped:  # its rows predate a definition's removal
                    report.skipped.append(record_id)
                continue
            made = certification.sweep(actor=SYSTEM, at=now)
            if made:
                self._save(certification)
                report.moves.extend((certification.id, trigger) for trigger in made)
        return report

    def overdue(self, *, today: date | None = None) -> list[OverdueItem]:
        """Every deadline not met and past its due date, as of ``today`` (default: the clock's).

        Read from the deadline board (caught up first); certifications that have ended are left
        out.
        """
        return self.read_models.overdue(today=today or self.clock.now().date())

    def _on(
        self, certification_id: UUID, command: Callable[[Certification, datetime], None]
    ) -> None:
        """Load a certification, run one command on it at the clock's time, save it."""
        certification = self._certification(certification_id)
        command(certification, self.clock.now())
        self._save(certification)

    # -- queries -------------------------------------------------------------------------------

    def get(self, certification_id: UUID | str) -> CertificationView:
        """The certification as it stands now, with deadlines as of the clock's today."""
        return CertificationView.of(self._certification(certification_id), self.clock.now().date())

    def get_by_number(self, number: str) -> CertificationView:
        """The certification that holds certificate ``number``."""
        try:
            claim = self._load(CertificateNumber, number_id(number))
        except NotFoundError:
            raise NotFoundError("certificate number", number) from None
        return self.get(claim.certification_id)

    def list_certifications(
        self,
        *,
        stage: Stage | str | None = None,
        scheme_code: str | None = None,
        session_id: UUID | None = None,
    ) -> list[CertificationSummary]:
        """Certifications, optionally filtered, in registration order.

        Read from the case board (caught up first, so the caller reads its own writes).
        """
        wanted = None if stage is None else _enum(Stage, stage, "stage")
        return self.read_models.certifications(
            stage=wanted, scheme_code=scheme_code, session_id=session_id
        )

    def get_scheme(self, scheme_id: UUID) -> SchemeView:
        """A scheme version."""
        return SchemeView.of(self._load(Scheme, scheme_id))

    def list_schemes(self) -> list[SchemeView]:
        """Every scheme version on file."""
        ids = dict.fromkeys(e.originator_id for e in self._scan([Scheme.Added.TOPIC]))
        return [self.get_scheme(i) for i in ids]

    def get_assessor(self, assessor_id: UUID) -> AssessorView:
        """An assessor, with the name from the subject store."""
        record = self.subjects.get(assessor_id)
        return AssessorView.of(
            self._load(Assessor, assessor_id), record.data.name if record else None
        )

    def list_assessors(self) -> list[AssessorView]:
        """Every assessor on file."""
        ids = dict.fromkeys(e.originator_id for e in self._scan([Assessor.Added.TOPIC]))
        return [self.get_assessor(i) for i in ids]

    def get_session(self, session_id: UUID) -> SessionView:
        """An assessment session."""
        return SessionView.of(self._load(AssessmentSession, session_id))

    def get_candidate(self, subject_id: UUID) -> SubjectRecord:
        """The personal data kept for a subject (from the subject store, never the log)."""
        record = self.subjects.get(subject_id)
        if record is None:
            raise NotFoundError("subject", subject_id)
        return record

    # -- personal data (UU PDP) ---------------------------------------------------------------

    def request_erasure(self, subject_id: UUID, *, reason: str, actor: Actor) -> None:
        """Record a data subject's request to erase their personal data."""
        if self._exists(subject_id):
            raise AlreadyExistsError("erasure request of subject", subject_id, "R59")
        self._save(Subject.request_erasure(subject_id, reason, actor=actor, at=self.clock.now()))

    def defer_erasure(
        self, subject_id: UUID, *, legal_basis: str, retain_until: date, actor: Actor
    ) -> None:
        """Defer a requested erasure on a legal basis until ``retain_until`` (R59)."""
        subject = self._load(Subject, subject_id)
        subject.defer(legal_basis, retain_until, actor=actor, at=self.clock.now())
        self._save(subject)

    def erase_personal_data(self, subject_id: UUID, *, reason: str, actor: Actor) -> None:
        """Erase a subject's personal data from the subject store, recorded as events (R59).

        The request (when none was recorded) and the erasure are saved first, then the data is
        deleted; calling again after an interruption finishes the deletion and records nothing
        more. Histories, certificate numbers and the hash chain are untouched: events never held
        the data.
        """
        now = self.clock.now()
        found = self._find(Subject, subject_id)
        if found is not None:
            subject = found
        else:
            if self.subjects.get(subject_id) is None:
                raise NotFoundError("subject", subject_id)
            subject = Subject.request_erasure(subject_id, reason, actor=actor, at=now)
        if subject.status is not SubjectStatus.ERASED:
            subject.erase(actor=actor, at=now)
            self._save(subject)
        self.subjects.erase(subject_id)

    def personal_data_status(self, subject_id: UUID) -> SubjectStatus | None:
        """Whether an erasure was requested, deferred or done for the subject (None: never)."""
        subject = self._find(Subject, subject_id)
        return None if subject is None else subject.status

    def holder_name(self, subject_id: UUID) -> str:
        """The name to show for a subject: theirs, or a marker once it is erased."""
        record = self.subjects.get(subject_id)
        if record is not None:
            return record.data.name
        if self.personal_data_status(subject_id) is SubjectStatus.ERASED:
            return Text("[data pribadi dihapus]", "[personal data erased]").render()
        return Text("[tidak tercatat]", "[not on file]").render()

    # -- bulk intake ---------------------------------------------------------------------------

    def import_candidates(
        self,
        path: Path | str,
        *,
        session: str,
        scheme: str | None = None,
        actor: Actor,
        skip_invalid: bool = False,
        batch_size: int = 500,
        on_progress: Callable[[str, int], None] | None = None,
    ) -> ImportReport:
        """Register a file of candidates in the session with code ``session`` (FR.APL.01).

        Every row is checked before anything is written; with a bad row nothing is imported
        (``report.imported`` is false and ``report.bad`` lists row numbers and reasons) unless
        ``skip_invalid``. People are found by NIK and certification ids are deterministic, so the
        same file twice creates nothing new. ``scheme`` is the scheme code for rows without one.
        ``on_progress(phase, rows)`` is called with ``"checked"`` then ``"written"``.
        """
        return import_candidates(
            self,
            Path(path),
            session=session,
            scheme=scheme,
            actor=actor,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        )

    def import_assessors(
        self,
        path: Path | str,
        *,
        actor: Actor,
        skip_invalid: bool = False,
        batch_size: int = 500,
        on_progress: Callable[[str, int], None] | None = None,
    ) -> ImportReport:
        """Add a file of assessors to the register, found again by MET number (idempotent)."""
        return import_assessors(
            self,
            Path(path),
            actor=actor,
            skip_invalid=skip_invalid,
            batch_size=batch_size,
            on_progress=on_progress,
        )

    def find_candidate(self, *, nik: str) -> UUID | None:
        """The subject id of the person with this NIK, if on file."""
        record = self.subjects.find_by_nik(nik)
        return None if record is None else record.subject_id

    def _scan(self, topics: Sequence[str]) -> Iterator[DomainEventProtocol[UUID]]:
        start = 1
        while True:
            batch = self.recorder.select_notifications(start=start, limit=500, topics=topics)
            if not batch:
                return
            for notification in batch:
                yield self.mapper.to_domain_event(notification)
            start = batch[-1].id + 1


E = TypeVar("E")


def _enum(kind: type[E], value: object, field: str, rule_id: str | None = None) -> E:
    if isinstance(value, kind):
        return value
    try:
        return cast(Any, kind)(value)  # type: ignore[no-any-return]
    except ValueError:
        options = ", ".join(str(m.value) for m in cast(Any, kind))
        raise InvalidInputError(
            [f"{field} {value!r} is not one of: {options}"], (rule_id,) if rule_id else ()
        ) from None


_as_uuid = as_uuid
