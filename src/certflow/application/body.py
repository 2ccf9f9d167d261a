"""The facade other systems import: one object with every command and query of certflow.

:class:`CertificationBody` holds no logic. Each public method is the method of the same name of
one use case (reference data, the certification path, certificate issue, maintenance and time,
records, personal data, intake, audit, verification), reached through a typed delegate, so its
signature and docstring are the use case's own. The body stores nothing itself and has no way
to store an event around a rule: it does not inherit eventsourcing's ``Application``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from certflow.application.access import AccessTokens
from certflow.application.audit import Audit
from certflow.application.certificate_issue import CertificateIssue
from certflow.application.certification_path import CertificationPath
from certflow.application.checkpointing import Checkpoints
from certflow.application.complaints import Complaints
from certflow.application.data_protection import DataProtection
from certflow.application.disclosure import Reports
from certflow.application.intake import Intake
from certflow.application.maintenance import Maintenance
from certflow.application.personal_data import PersonalDataDesk
from certflow.application.ports import SubjectStore
from certflow.application.pre_assessment import PreAssessment
from certflow.application.quarantine import Quarantine
from certflow.application.readmodels import ReadModels
from certflow.application.records import Records
from certflow.application.reference_data import ReferenceData
from certflow.application.services import Services
from certflow.application.settings import StoreSettings
from certflow.application.staff import Staff
from certflow.application.tuk import TukRegister
from certflow.application.verification import CertificateDesk
from certflow.engine import Clock, DefinitionError

__all__ = ["CertificationBody"]

P = ParamSpec("P")
R = TypeVar("R")
U = TypeVar("U")


class _Via(Generic[U, P, R]):
    """A facade method that is the use case's method of the same name (typed, documented)."""

    def __init__(self, part: str, method: Callable[Concatenate[U, P], R]) -> None:
        self._part = part
        self._method = method
        self.__doc__ = method.__doc__
        self.__wrapped__ = method

    def __set_name__(self, owner: type, name: str) -> None:
        if name != self._method.__name__:
            raise DefinitionError(f"{owner.__name__}.{name} must delegate to a method {name}")

    @overload
    def __get__(self, body: None, owner: type) -> Callable[Concatenate[U, P], R]: ...

    @overload
    def __get__(self, body: object, owner: type) -> Callable[P, R]: ...

    def __get__(self, body: object | None, owner: type) -> Any:
        if body is None:
            return self._method
        return getattr(getattr(body, self._part), self._method.__name__)


class CertificationBody:
    """An LSP (Lembaga Sertifikasi Profesi): the commands and queries of certflow.

    Commands take keyword arguments and an :class:`~certflow.engine.Actor`, decide against
    the recorded history, and either record exactly one change or raise a
    :class:`~certflow.engine.RejectedError` having recorded nothing. Queries return frozen
    views. Open one with :func:`certflow.open`.
    """

    def __init__(self, services: Services) -> None:
        self._services = services
        self._reference = ReferenceData(services)
        self._path = CertificationPath(services)
        self._pre = PreAssessment(services)
        self._issue = CertificateIssue(services)
        self._maintenance = Maintenance(services)
        self._records = Records(services)
        self._personal_data = PersonalDataDesk(services)
        self._desk = CertificateDesk(services, self._records, self._personal_data)
        self._intake = Intake(services)
        self._audit = Audit(services)
        self._checkpoints = Checkpoints(services)
        self._staff = Staff(services)
        self._tuk = TukRegister(services)
        self._protection = DataProtection(services)
        self._reports = Reports(services)
        self._complaints = Complaints(services)
        self._quarantine = Quarantine(services)
        self._access = AccessTokens(services)

    @property
    def clock(self) -> Clock:
        """The business clock every command reads its time from (settable)."""
        return self._services.clock

    @clock.setter
    def clock(self, clock: Clock) -> None:
        self._services.clock = clock

    @property
    def lsp_code(self) -> str:
        """The LSP's code, for certificate number formats (``{lsp}``; settable)."""
        return self._services.lsp_code

    @lsp_code.setter
    def lsp_code(self, code: str) -> None:
        self._services.lsp_code = code

    @property
    def store(self) -> StoreSettings:
        """Where this body's records are kept."""
        return self._services.settings

    @property
    def subjects(self) -> SubjectStore:
        """The erasable store of personal data."""
        return self._services.subjects

    @property
    def read_models(self) -> ReadModels:
        """The case board, certificate register, deadline board and assessor workload."""
        return self._services.read_models

    def close(self) -> None:
        """Release the store's connections."""
        self._services.close()

    # -- the personnel register --------------------------------------------------------------
    establish_register = _Via("_staff", Staff.establish_register)
    appoint = _Via("_staff", Staff.appoint)
    end_appointment = _Via("_staff", Staff.end_appointment)
    declare_interest = _Via("_staff", Staff.declare_interest)
    register_established = _Via("_staff", Staff.register_established)
    register_head = _Via("_staff", Staff.register_head)
    get_person = _Via("_staff", Staff.get_person)
    list_staff = _Via("_staff", Staff.list_staff)

    # -- credentials of the HTTP service: API tokens, identity-provider links ---------------
    issue_api_token = _Via("_access", AccessTokens.issue_api_token)
    revoke_api_token = _Via("_access", AccessTokens.revoke_api_token)
    get_api_token = _Via("_access", AccessTokens.get_api_token)
    list_api_tokens = _Via("_access", AccessTokens.list_api_tokens)
    authenticate_api_token = _Via("_access", AccessTokens.authenticate_api_token)
    link_identity = _Via("_access", AccessTokens.link_identity)
    unlink_identity = _Via("_access", AccessTokens.unlink_identity)
    authenticate_identity = _Via("_access", AccessTokens.authenticate_identity)
    list_identity_links = _Via("_access", AccessTokens.list_identity_links)

    # -- the TUK register (R16, R17) ---------------------------------------------------------
    propose_tuk = _Via("_tuk", TukRegister.propose_tuk)
    assign_tuk_verifier = _Via("_tuk", TukRegister.assign_tuk_verifier)
    record_tuk_verification = _Via("_tuk", TukRegister.record_tuk_verification)
    suspend_tuk = _Via("_tuk", TukRegister.suspend_tuk)
    reinstate_tuk = _Via("_tuk", TukRegister.reinstate_tuk)
    expire_tuk = _Via("_tuk", TukRegister.expire_tuk)
    get_tuk = _Via("_tuk", TukRegister.get_tuk)
    list_tuks = _Via("_tuk", TukRegister.list_tuks)

    # -- reference data ----------------------------------------------------------------------
    add_scheme = _Via("_reference", ReferenceData.add_scheme)
    retire_scheme = _Via("_reference", ReferenceData.retire_scheme)
    add_assessor = _Via("_reference", ReferenceData.add_assessor)
    renew_assessor_licence = _Via("_reference", ReferenceData.renew_assessor_licence)
    plan_session = _Via("_reference", ReferenceData.plan_session)
    add_candidate = _Via("_reference", ReferenceData.add_candidate)
    register_candidate = _Via("_reference", ReferenceData.register_candidate)
    get_scheme = _Via("_reference", ReferenceData.get_scheme)
    list_schemes = _Via("_reference", ReferenceData.list_schemes)
    get_assessor = _Via("_reference", ReferenceData.get_assessor)
    list_assessors = _Via("_reference", ReferenceData.list_assessors)
    get_session = _Via("_reference", ReferenceData.get_session)
    list_sessions = _Via("_reference", ReferenceData.list_sessions)
    get_candidate = _Via("_reference", ReferenceData.get_candidate)
    find_candidate = _Via("_reference", ReferenceData.find_candidate)

    # -- the certification path --------------------------------------------------------------
    register = _Via("_path", CertificationPath.register)
    submit_portfolio = _Via("_path", CertificationPath.submit_portfolio)
    assign_assessor = _Via("_path", CertificationPath.assign_assessor)
    request_documents = _Via("_path", CertificationPath.request_documents)
    admit = _Via("_path", CertificationPath.admit)
    reject_application = _Via("_path", CertificationPath.reject_application)
    withdraw = _Via("_path", CertificationPath.withdraw)
    sign_agreement = _Via("_path", CertificationPath.sign_agreement)
    verify_portfolio = _Via("_path", CertificationPath.verify_portfolio)
    correct_portfolio_verification = _Via("_path", CertificationPath.correct_portfolio_verification)
    record_no_show = _Via("_path", CertificationPath.record_no_show)
    record_interview = _Via("_path", CertificationPath.record_interview)
    request_further_evidence = _Via("_path", CertificationPath.request_further_evidence)
    record_further_evidence = _Via("_path", CertificationPath.record_further_evidence)
    recommend = _Via("_path", CertificationPath.recommend)
    refer_back = _Via("_path", CertificationPath.refer_back)
    decide = _Via("_path", CertificationPath.decide)
    lodge_appeal = _Via("_path", CertificationPath.lodge_appeal)
    form_appeal_panel = _Via("_path", CertificationPath.form_appeal_panel)
    uphold_appeal = _Via("_path", CertificationPath.uphold_appeal)
    reject_appeal = _Via("_path", CertificationPath.reject_appeal)
    request_reassessment = _Via("_path", CertificationPath.request_reassessment)

    # -- pre-assessment and the answer to the result -----------------------------------------
    review_self_assessment = _Via("_pre", PreAssessment.review_self_assessment)
    record_adjustment = _Via("_pre", PreAssessment.record_adjustment)
    record_assessment_mode = _Via("_pre", PreAssessment.record_assessment_mode)
    acknowledge_result = _Via("_pre", PreAssessment.acknowledge_result)
    reject_result = _Via("_pre", PreAssessment.reject_result)

    # -- certificates ------------------------------------------------------------------------
    print_certificate = _Via("_issue", CertificateIssue.print_certificate)
    distribute_certificate = _Via("_issue", CertificateIssue.distribute_certificate)
    record_registration_number = _Via("_issue", CertificateIssue.record_registration_number)
    reissue_certificate = _Via("_issue", CertificateIssue.reissue_certificate)
    certificate_token = _Via("_desk", CertificateDesk.certificate_token)
    verify_certificate = _Via("_desk", CertificateDesk.verify_certificate)
    credential = _Via("_desk", CertificateDesk.credential)

    # -- maintenance and time ----------------------------------------------------------------
    record_surveillance = _Via("_maintenance", Maintenance.record_surveillance)
    suspend = _Via("_maintenance", Maintenance.suspend)
    lift_suspension = _Via("_maintenance", Maintenance.lift_suspension)
    revoke = _Via("_maintenance", Maintenance.revoke)
    migrate_definition = _Via("_maintenance", Maintenance.migrate_definition)
    sweep = _Via("_maintenance", Maintenance.sweep)
    overdue = _Via("_maintenance", Maintenance.overdue)

    # -- complaints and misconduct quarantine (R53, R55) ----------------------------------------
    file_complaint = _Via("_complaints", Complaints.file_complaint)
    acknowledge_complaint = _Via("_complaints", Complaints.acknowledge_complaint)
    assign_investigator = _Via("_complaints", Complaints.assign_investigator)
    resolve_complaint = _Via("_complaints", Complaints.resolve_complaint)
    withdraw_complaint = _Via("_complaints", Complaints.withdraw_complaint)
    suspend_on_complaint = _Via("_complaints", Complaints.suspend_on_complaint)
    get_complaint = _Via("_complaints", Complaints.get_complaint)
    list_complaints = _Via("_complaints", Complaints.list_complaints)
    flag_misconduct = _Via("_quarantine", Quarantine.flag_misconduct)
    review_quarantined = _Via("_quarantine", Quarantine.review_quarantined)
    get_misconduct_case = _Via("_quarantine", Quarantine.get_misconduct_case)
    list_quarantines = _Via("_quarantine", Quarantine.list_quarantines)
    is_quarantined = _Via("_quarantine", Quarantine.is_quarantined)

    # -- records and their past --------------------------------------------------------------
    get = _Via("_records", Records.get)
    get_by_number = _Via("_records", Records.get_by_number)
    list_certifications = _Via("_records", Records.list_certifications)
    history = _Via("_records", Records.history)
    version_at = _Via("_records", Records.version_at)
    state_at = _Via("_records", Records.state_at)
    diff = _Via("_records", Records.diff)
    answer_of = _Via("_records", Records.answer_of)

    # -- personal data (UU PDP) --------------------------------------------------------------
    request_erasure = _Via("_personal_data", PersonalDataDesk.request_erasure)
    defer_erasure = _Via("_personal_data", PersonalDataDesk.defer_erasure)
    erase_personal_data = _Via("_personal_data", PersonalDataDesk.erase_personal_data)
    finish_erasures = _Via("_personal_data", PersonalDataDesk.finish_erasures)
    personal_data_status = _Via("_personal_data", PersonalDataDesk.personal_data_status)
    holder_name = _Via("_personal_data", PersonalDataDesk.holder_name)

    # -- data-protection duties and the reports of a session (R39, R60-R63) -----------------
    correct_personal_data = _Via("_protection", DataProtection.correct_personal_data)
    corrections = _Via("_protection", DataProtection.corrections)
    record_disclosure_basis = _Via("_protection", DataProtection.record_disclosure_basis)
    withdraw_disclosure_basis = _Via("_protection", DataProtection.withdraw_disclosure_basis)
    record_breach = _Via("_protection", DataProtection.record_breach)
    notify_breach = _Via("_protection", DataProtection.notify_breach)
    breaches = _Via("_protection", DataProtection.breaches)
    retention_schedule = _Via("_protection", DataProtection.retention_schedule)
    destroy_personal_data = _Via("_protection", DataProtection.destroy_personal_data)
    destroy_expired_personal_data = _Via(
        "_protection", DataProtection.destroy_expired_personal_data
    )
    disclosure_basis = _Via("_reports", Reports.disclosure_basis)
    bnsp_report = _Via("_reports", Reports.bnsp_report)
    sponsor_view = _Via("_reports", Reports.sponsor_view)

    # -- bulk intake and audit ---------------------------------------------------------------
    import_candidates = _Via("_intake", Intake.import_candidates)
    import_assessors = _Via("_intake", Intake.import_assessors)
    audit = _Via("_audit", Audit.audit)
    audit_replay = _Via("_audit", Audit.audit_replay)
    verify_chain = _Via("_audit", Audit.verify_chain)
    checkpoint = _Via("_checkpoints", Checkpoints.checkpoint)
    verify_checkpoints = _Via("_checkpoints", Checkpoints.verify_checkpoints)
    prove_inclusion = _Via("_checkpoints", Checkpoints.prove_inclusion)
    prove_consistency = _Via("_checkpoints", Checkpoints.prove_consistency)
    auto_checkpoint = _Via("_checkpoints", Checkpoints.auto_checkpoint)
