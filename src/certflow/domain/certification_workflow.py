"""The certification workflow definition: stages, moves, roles and rules, as data."""

from __future__ import annotations

from certflow.domain import rules as r
from certflow.domain.values import Role, Stage
from certflow.engine import Move, Workflow

__all__ = ["CERTIFICATION_WORKFLOW"]

CERTIFICATION_WORKFLOW: Workflow[Stage] = Workflow(
    "certification",
    version=1,
    stages=Stage,
    initial=Stage.REGISTERED,
    final=[Stage.DISTRIBUTED, Stage.NOT_YET_COMPETENT],
    moves=[
        Move(
            "register",
            source=None,
            dest=Stage.REGISTERED,
            roles=(Role.LSP_ADMIN, Role.CANDIDATE),
            rules=[r.scheme_is_current, r.candidate_on_file],
            applies=["R3"],
            description="FR.APL.01: a candidate applies for one scheme in one session.",
        ),
        Move(
            "submit_portfolio",
            source=Stage.REGISTERED,
            dest=Stage.PORTFOLIO_SUBMITTED,
            roles=(Role.CANDIDATE, Role.LSP_ADMIN),
            rules=[r.portfolio_covers_every_unit],
            description="FR.APL.02: self-assessment and portfolio evidence for every unit.",
        ),
        Move(
            "assign_assessor",
            source=Stage.PORTFOLIO_SUBMITTED,
            roles=(Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP),
            rules=[
                r.licence_valid_on_assessment_date,
                r.assessor_covers_scheme,
                r.conflict_declared,
                r.conflict_mitigated,
            ],
            description="A licensed assessor for the scheme is assigned (surat tugas).",
        ),
        Move(
            "record_interview",
            source=Stage.PORTFOLIO_SUBMITTED,
            dest=Stage.INTERVIEWED,
            roles=(Role.ASSESSOR,),
            rules=[
                r.by_assigned_assessor,
                r.interview_in_session,
                r.recommendation_matches_units,
                r.bk_has_follow_up,
            ],
            description="FR.IA.09 interview and FR.AK.02 recommendation, K/BK per unit.",
        ),
        Move(
            "decide",
            source=Stage.INTERVIEWED,
            dest=[Stage.COMPETENT, Stage.NOT_YET_COMPETENT],
            roles=(Role.CERTIFICATION_COMMITTEE,),
            role_rule="R31",
            rules=[r.decider_did_not_assess, r.departure_justified, r.decided_after_assessment],
            description="The certification committee decides competent or not yet competent.",
        ),
        Move(
            "print_certificate",
            source=Stage.COMPETENT,
            dest=Stage.CERTIFICATE_PRINTED,
            roles=(Role.CERTIFICATION_MANAGER, Role.HEAD_OF_LSP),
            source_rule="R36",
            rules=[r.number_is_given],
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
    ],
)
