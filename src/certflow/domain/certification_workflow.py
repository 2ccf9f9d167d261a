"""The certification workflow definition: stages, moves, roles, rules and deadlines, as data."""

from __future__ import annotations

from datetime import date

from certflow.domain import rules as r
from certflow.domain.certification_dates import surveillance_escalation_due_on
from certflow.domain.certification_record import CertificationRecord
from certflow.domain.preassessment_moves import PRE_ASSESSMENT_MOVES, RESULT_ANSWER_MOVES
from certflow.domain.values import Role, Stage
from certflow.engine import Deadline, Move, Text, Workflow

__all__ = ["CERTIFICATION_DEFINITIONS", "CERTIFICATION_WORKFLOW"]

ADMIN = (Role.LSP_ADMIN,)
OFFICE = (Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP)
COMMITTEE = (Role.CERTIFICATION_COMMITTEE,)
OPEN_APPLICATION = (
    Stage.REGISTERED,
    Stage.PORTFOLIO_SUBMITTED,
    Stage.ASSESSMENT_DEFERRED,
    Stage.INTERVIEWED,
)
HELD = (Stage.DISTRIBUTED, Stage.SUSPENDED)


def _distribution_due(cert: CertificationRecord) -> date | None:
    pending = (*OPEN_APPLICATION, Stage.COMPETENT, Stage.CERTIFICATE_PRINTED)
    if cert.stage in pending or cert.state.distributed_on is not None:
        return cert.state.distribution_due_on
    return None


def _distributed_on(cert: CertificationRecord) -> date | None:
    return cert.state.distributed_on


def _appeal_window_due(cert: CertificationRecord) -> date | None:
    if cert.stage is Stage.NOT_YET_COMPETENT and not cert.state.appeal_window_closed:
        return cert.state.appeal_window_ends_on
    return None


def _appeal_decision_due(cert: CertificationRecord) -> date | None:
    return cert.state.appeal_decision_due_on if cert.stage is Stage.UNDER_APPEAL else None


def _resolve_by(cert: CertificationRecord) -> date | None:
    return cert.state.suspension_resolve_by if cert.stage is Stage.SUSPENDED else None


def _valid_until(cert: CertificationRecord) -> date | None:
    return cert.state.valid_until if cert.stage in HELD else None


def _surveillance_due(cert: CertificationRecord) -> date | None:
    if cert.stage is not Stage.DISTRIBUTED:
        return None
    return surveillance_escalation_due_on(cert.state)


CERTIFICATION_WORKFLOW: Workflow[Stage] = Workflow(
    "certification",
    version=2,
    stages=Stage,
    initial=Stage.REGISTERED,
    final=[Stage.REJECTED, Stage.WITHDRAWN, Stage.REVOKED, Stage.SUPERSEDED],
    moves=[
        # -- application and admission (FR.APL.01) ----------------------------------------
        Move(
            "register",
            source=None,
            dest=Stage.REGISTERED,
            roles=(Role.LSP_ADMIN, Role.CANDIDATE),
            rules=[r.scheme_is_current, r.candidate_on_file, r.recertification_linked],
            applies=["R3"],
            description="FR.APL.01: a candidate applies for one scheme in one session.",
        ),
        Move(
            "request_documents",
            source=Stage.REGISTERED,
            roles=ADMIN,
            rules=[r.documents_named],
            description="Missing documents are requested; the application stays registered.",
        ),
        Move(
            "admit",
            source=Stage.REGISTERED,
            roles=ADMIN,
            role_rule="R4",
            rules=[r.admission],
            description="The LSP admin admits the application (diterima).",
        ),
        Move(
            "reject_application",
            source=Stage.REGISTERED,
            dest=Stage.REJECTED,
            roles=ADMIN,
            role_rule="R4",
            rules=[r.admission],
            description="The LSP admin rejects the application with a reason (tidak diterima).",
        ),
        # -- portfolio, assignment, agreement, verification --------------------------------
        Move(
            "submit_portfolio",
            source=Stage.REGISTERED,
            dest=Stage.PORTFOLIO_SUBMITTED,
            roles=(Role.CANDIDATE, Role.LSP_ADMIN),
            rules=[r.admission, r.portfolio_covers_every_unit],
            description="FR.APL.02: self-assessment and portfolio evidence for every unit.",
        ),
        Move(
            "assign_assessor",
            source=Stage.PORTFOLIO_SUBMITTED,
            roles=OFFICE,
            rules=[
                r.licence_valid_on_assessment_date,
                r.assessor_covers_scheme,
                r.conflict_declared,
                r.conflict_mitigated,
                r.different_assessor_after_appeal,
            ],
            description="A licensed assessor for the scheme is assigned (surat tugas).",
        ),
        *PRE_ASSESSMENT_MOVES,
        Move(
            "sign_agreement",
            source=Stage.PORTFOLIO_SUBMITTED,
            roles=(Role.CANDIDATE, Role.ASSESSOR),
            rules=[
                r.by_assigned_assessor,
                r.apl02_reviewed,
                r.mode_recorded,
                r.agreement_signed,
                r.method_agreed,
                r.appeal_process_explained,
            ],
            description="FR.AK.01: candidate and assessor each sign the assessment agreement.",
        ),
        Move(
            "verify_portfolio",
            source=Stage.PORTFOLIO_SUBMITTED,
            roles=(Role.ASSESSOR,),
            rules=[r.by_assigned_assessor, r.agreement_signed, r.method_agreed, r.vatm_checked],
            description="FR.IA.08: the assessor checks each portfolio item against VATM.",
        ),
        Move(
            "correct_portfolio_verification",
            source=(Stage.PORTFOLIO_SUBMITTED, Stage.INTERVIEWED),
            roles=(Role.ASSESSOR,),
            source_rule="R25",
            rules=[r.by_assigned_assessor, r.evidence_correction],
            description=(
                "FR.IA.08 corrected: a new event naming the verification it corrects, with a "
                "reason; the original stays."
            ),
        ),
        Move(
            "record_no_show",
            source=Stage.PORTFOLIO_SUBMITTED,
            dest=[Stage.PORTFOLIO_SUBMITTED, Stage.WITHDRAWN],
            roles=(Role.ASSESSOR, Role.LSP_ADMIN, Role.TUK_ADMIN),
            rules=[r.by_assigned_assessor, r.no_show_recorded],
            description="The candidate missed the assessment; back to assignment, or withdrawn.",
        ),
        Move(
            "record_interview",
            source=Stage.PORTFOLIO_SUBMITTED,
            dest=Stage.INTERVIEWED,
            roles=(Role.ASSESSOR,),
            rules=[
                r.by_assigned_assessor,
                r.agreement_signed,
                r.method_agreed,
                r.portfolio_verified,
                r.interview_in_session,
                r.assessor_day_limit,
            ],
            description="FR.IA.09: the in-depth interview is held.",
        ),
        # -- recommendation and decision ------------------------------------------------------
        Move(
            "request_further_evidence",
            source=Stage.INTERVIEWED,
            roles=(Role.ASSESSOR,),
            rules=[r.by_assigned_assessor, r.further_evidence_before_recommendation],
            description="Asesmen lanjut: the assessor asks for further evidence.",
        ),
        Move(
            "record_further_evidence",
            source=Stage.INTERVIEWED,
            roles=(Role.ASSESSOR,),
            rules=[r.by_assigned_assessor, r.further_evidence_before_recommendation],
            description="The further evidence asked for is recorded.",
        ),
        Move(
            "recommend",
            source=Stage.INTERVIEWED,
            roles=(Role.ASSESSOR,),
            rules=[
                r.by_assigned_assessor,
                r.further_evidence_before_recommendation,
                r.vatm_checked,
                r.recommendation_matches_units,
                r.bk_has_follow_up,
            ],
            description="FR.AK.02 and FR.AK.05: K/BK per unit and the overall recommendation.",
        ),
        *RESULT_ANSWER_MOVES,
        Move(
            "refer_back",
            source=Stage.INTERVIEWED,
            roles=COMMITTEE,
            role_rule="R31",
            rules=[r.recommendation_before_decision, r.departure_justified],
            description="The committee refers the case back to the assessor for more evidence.",
        ),
        Move(
            "decide",
            source=Stage.INTERVIEWED,
            dest=[Stage.COMPETENT, Stage.NOT_YET_COMPETENT],
            roles=COMMITTEE,
            role_rule="R31",
            rules=[
                r.recommendation_before_decision,
                r.decider_did_not_assess,
                r.departure_justified,
                r.decided_after_assessment,
                r.decision_content,
            ],
            description="The certification committee decides competent or not yet competent.",
        ),
        Move(
            "withdraw",
            source=OPEN_APPLICATION,
            dest=Stage.WITHDRAWN,
            roles=(Role.CANDIDATE, Role.LSP_ADMIN),
            source_rule="R57",
            description="The candidate withdraws before the decision.",
        ),
        # -- appeal and re-assessment -------------------------------------------------------
        Move(
            "lodge_appeal",
            source=Stage.NOT_YET_COMPETENT,
            dest=Stage.UNDER_APPEAL,
            roles=(Role.CANDIDATE,),
            source_rule="R49",
            rules=[r.appeal_in_window],
            applies=["R50"],
            description="FR.AK.04: the candidate appeals the BK decision (banding).",
        ),
        Move(
            "form_appeal_panel",
            source=Stage.UNDER_APPEAL,
            roles=OFFICE,
            role_rule="R51",
            rules=[r.panel_independent],
            description="The certification manager forms the appeal panel, naming its members.",
        ),
        Move(
            "uphold_appeal",
            source=Stage.UNDER_APPEAL,
            dest=[Stage.COMPETENT, Stage.PORTFOLIO_SUBMITTED],
            roles=(Role.APPEAL_PANEL,),
            role_rule="R51",
            rules=[r.by_panel_member, r.different_assessor_after_appeal],
            description="The appeal panel upholds: revised decision, or re-assessment.",
        ),
        Move(
            "reject_appeal",
            source=Stage.UNDER_APPEAL,
            dest=Stage.NOT_YET_COMPETENT,
            roles=(Role.APPEAL_PANEL,),
            role_rule="R51",
            rules=[r.by_panel_member],
            description="The appeal panel rejects the appeal; the BK decision stands.",
        ),
        Move(
            "close_appeal_window",
            source=Stage.NOT_YET_COMPETENT,
            roles=(Role.SYSTEM,),
            rules=[r.appeal_in_window],
            description="Time closes the appeal window (made by the sweep).",
        ),
        Move(
            "request_reassessment",
            source=Stage.NOT_YET_COMPETENT,
            dest=Stage.PORTFOLIO_SUBMITTED,
            roles=(Role.CANDIDATE, Role.LSP_ADMIN),
            rules=[r.reassessment_allowed],
            description="Asesmen ulang with a new portfolio for the units to assess again.",
        ),
        # -- the certificate ----------------------------------------------------------------
        Move(
            "print_certificate",
            source=Stage.COMPETENT,
            dest=Stage.CERTIFICATE_PRINTED,
            roles=OFFICE,
            source_rule="R36",
            rules=[r.number_is_given, r.signed_by_both],
            applies=["R38"],
            description="A unique certificate number and validity dates; the certificate printed.",
        ),
        Move(
            "distribute_certificate",
            source=Stage.CERTIFICATE_PRINTED,
            dest=Stage.DISTRIBUTED,
            roles=(Role.LSP_ADMIN, Role.TUK_ADMIN, Role.CERTIFICATION_MANAGER),
            source_rule="R40",
            applies=["R41"],
            description="The certificate is handed over; the R41 deadline recorded as met or not.",
        ),
        Move(
            "record_registration_number",
            source=(Stage.CERTIFICATE_PRINTED, Stage.DISTRIBUTED, Stage.SUSPENDED),
            roles=(Role.LSP_ADMIN, *OFFICE),
            rules=[r.number_is_given],
            description="The BNSP registration number of the certificate is recorded, once.",
        ),
        Move(
            "reissue_certificate",
            source=Stage.DISTRIBUTED,
            roles=OFFICE,
            rules=[r.reissue_has_reason],
            applies=["R48"],
            description="A duplicate keeps number and validity and voids earlier copies.",
        ),
        # -- maintenance ----------------------------------------------------------------------
        Move(
            "record_surveillance",
            source=Stage.DISTRIBUTED,
            roles=(Role.CERTIFICATION_MANAGER, Role.LSP_ADMIN),
            rules=[r.surveillance_recorded],
            description="Surveillance (logbook, activity report) is recorded.",
        ),
        Move(
            "escalate_surveillance",
            source=Stage.DISTRIBUTED,
            dest=[Stage.DISTRIBUTED, Stage.SUSPENDED, Stage.REVOKED],
            roles=(Role.SYSTEM,),
            rules=[r.surveillance_overdue],
            description="An overdue surveillance: reminder, warning, then the scheme's sanction.",
        ),
        Move(
            "suspend",
            source=Stage.DISTRIBUTED,
            dest=Stage.SUSPENDED,
            roles=COMMITTEE,
            rules=[r.suspension_resolvable, r.grounds_from_scheme],
            description="The certificate is suspended on listed grounds until a resolve-by date.",
        ),
        Move(
            "lift_suspension",
            source=Stage.SUSPENDED,
            dest=Stage.DISTRIBUTED,
            roles=COMMITTEE,
            rules=[r.suspension_resolvable],
            description="The suspension is lifted; the certificate is valid again.",
        ),
        Move(
            "revoke",
            source=HELD,
            dest=Stage.REVOKED,
            roles=(*COMMITTEE, Role.SYSTEM),
            rules=[r.suspension_resolvable, r.grounds_from_scheme],
            description="The certificate is revoked on listed grounds (or unresolved suspension).",
        ),
        Move(
            "expire",
            source=HELD,
            dest=Stage.EXPIRED,
            roles=(Role.SYSTEM,),
            rules=[r.validity_ended],
            description="The certificate expires after its last valid day (made by the sweep).",
        ),
        Move(
            "supersede",
            source=(Stage.DISTRIBUTED, Stage.EXPIRED, Stage.SUSPENDED),
            dest=Stage.SUPERSEDED,
            roles=(Role.SYSTEM,),
            rules=[r.recertification_linked],
            description="A recertification's certificate replaces this one.",
        ),
    ],
    deadlines=[
        Deadline(
            "distribution",
            rule_id="R41",
            due=_distribution_due,
            met=_distributed_on,
            description=Text(
                "the certificate is printed and handed over within the scheme's deadline",
            ),
        ),
        Deadline(
            "appeal_window",
            rule_id="R49",
            due=_appeal_window_due,
            on_due="close_appeal_window",
            description=Text("the appeal window"),
        ),
        Deadline(
            "appeal_decision",
            rule_id="R50",
            due=_appeal_decision_due,
            description=Text("the appeal is decided"),
        ),
        Deadline(
            "suspension_resolution",
            rule_id="R44",
            due=_resolve_by,
            on_due="revoke",
            on_due_args={"grounds": "suspension_unresolved"},
            description=Text("the suspension is resolved"),
        ),
        Deadline(
            "expiry",
            rule_id="R46",
            due=_valid_until,
            on_due="expire",
            description=Text("the end of the validity"),
        ),
        Deadline(
            "surveillance",
            rule_id="R43",
            due=_surveillance_due,
            on_due="escalate_surveillance",
            description=Text("periodic surveillance"),
        ),
    ],
)


CERTIFICATION_DEFINITIONS: dict[int, Workflow[Stage]] = {
    CERTIFICATION_WORKFLOW.version: CERTIFICATION_WORKFLOW,
}
"""Every version of the certification workflow this code can decide under. Keep an old version
here (and its moves) while records still run under it; ``audit --replay`` lists them."""
