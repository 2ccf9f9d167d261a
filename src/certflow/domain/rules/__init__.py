"""The certification rules checked when a command is decided, with domain.md's rule ids.

Every rule reads a :class:`Context` built by one command of
:class:`~certflow.domain.Certification` and returns ``None`` or a sentence, in Bahasa Indonesia
and English, saying what is wrong and what to do. Rules never run on replay: events record
their ids and the outcome. They are grouped by area in the modules of this package.
"""

from __future__ import annotations

from typing import Any

from certflow.domain.rules.application import (
    admission,
    assessor_covers_scheme,
    candidate_on_file,
    conflict_declared,
    conflict_mitigated,
    different_assessor_after_appeal,
    documents_named,
    licence_valid_on_assessment_date,
    portfolio_covers_every_unit,
    recertification_linked,
    scheme_is_current,
)
from certflow.domain.rules.assessment import (
    agreement_signed,
    appeal_process_explained,
    assessor_day_limit,
    bk_has_follow_up,
    by_assigned_assessor,
    further_evidence_before_recommendation,
    interview_in_session,
    method_agreed,
    portfolio_verified,
    recommendation_matches_units,
    vatm_checked,
)
from certflow.domain.rules.certificate import (
    grounds_from_scheme,
    number_is_given,
    reissue_has_reason,
    surveillance_recorded,
    suspension_resolvable,
    validity_ended,
)
from certflow.domain.rules.context import Context
from certflow.domain.rules.decision import (
    appeal_in_window,
    by_panel_member,
    decided_after_assessment,
    decider_did_not_assess,
    departure_justified,
    no_show_recorded,
    panel_independent,
    reassessment_allowed,
    recommendation_before_decision,
)
from certflow.domain.rules.decision_content import (
    decision_content,
    signed_by_both,
    surveillance_overdue,
)
from certflow.engine import Rule

__all__ = [
    "ALL_RULES",
    "Context",
    "admission",
    "agreement_signed",
    "appeal_in_window",
    "appeal_process_explained",
    "assessor_covers_scheme",
    "assessor_day_limit",
    "bk_has_follow_up",
    "by_assigned_assessor",
    "by_panel_member",
    "candidate_on_file",
    "conflict_declared",
    "conflict_mitigated",
    "decided_after_assessment",
    "decider_did_not_assess",
    "decision_content",
    "departure_justified",
    "different_assessor_after_appeal",
    "documents_named",
    "further_evidence_before_recommendation",
    "grounds_from_scheme",
    "interview_in_session",
    "licence_valid_on_assessment_date",
    "method_agreed",
    "no_show_recorded",
    "number_is_given",
    "panel_independent",
    "portfolio_covers_every_unit",
    "portfolio_verified",
    "reassessment_allowed",
    "recertification_linked",
    "recommendation_before_decision",
    "recommendation_matches_units",
    "reissue_has_reason",
    "scheme_is_current",
    "signed_by_both",
    "surveillance_overdue",
    "surveillance_recorded",
    "suspension_resolvable",
    "validity_ended",
    "vatm_checked",
]

ALL_RULES: tuple[Rule[Any], ...] = (
    reissue_has_reason,
    scheme_is_current,
    candidate_on_file,
    admission,
    documents_named,
    portfolio_covers_every_unit,
    licence_valid_on_assessment_date,
    assessor_covers_scheme,
    conflict_declared,
    conflict_mitigated,
    assessor_day_limit,
    by_assigned_assessor,
    agreement_signed,
    method_agreed,
    appeal_process_explained,
    portfolio_verified,
    vatm_checked,
    interview_in_session,
    recommendation_matches_units,
    bk_has_follow_up,
    further_evidence_before_recommendation,
    recommendation_before_decision,
    decider_did_not_assess,
    departure_justified,
    decided_after_assessment,
    number_is_given,
    surveillance_recorded,
    suspension_resolvable,
    grounds_from_scheme,
    validity_ended,
    recertification_linked,
    appeal_in_window,
    panel_independent,
    by_panel_member,
    different_assessor_after_appeal,
    reassessment_allowed,
    no_show_recorded,
    decision_content,
    signed_by_both,
    surveillance_overdue,
)
"""Every business rule of the certification workflow (role and stage rules are on the moves)."""
