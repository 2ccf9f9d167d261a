"""The roles a move may be made in, for a caller that knows only who acts.

The command line's ``--as`` names a person, never a role: it picks, among the roles that
person's appointments give them, one of :func:`acting_roles` for the move, and the trust gate
(:mod:`certflow.application.trust`) then checks that appointment like any other.
"""

from __future__ import annotations

from certflow.domain import (
    API_TOKEN_WORKFLOW,
    BREACH_WORKFLOW,
    CERTIFICATION_WORKFLOW,
    COMPLAINT_WORKFLOW,
    CORRECTION_WORKFLOW,
    DISCLOSURE_WORKFLOW,
    IDENTITY_LINK_WORKFLOW,
    MISCONDUCT_WORKFLOW,
    PERSONNEL_WORKFLOW,
    RETENTION_WORKFLOW,
    SUBJECT_WORKFLOW,
    TUK_WORKFLOW,
)
from certflow.domain.assessor import ASSESSOR_WORKFLOW
from certflow.domain.scheme import SCHEME_WORKFLOW
from certflow.domain.session import SESSION_WORKFLOW

__all__ = ["acting_roles"]

_ROLES: dict[str, frozenset[str]] = {
    move.trigger: frozenset(move.roles)
    for workflow in (
        CERTIFICATION_WORKFLOW,
        PERSONNEL_WORKFLOW,
        SCHEME_WORKFLOW,
        ASSESSOR_WORKFLOW,
        SESSION_WORKFLOW,
        SUBJECT_WORKFLOW,
        TUK_WORKFLOW,
        COMPLAINT_WORKFLOW,
        MISCONDUCT_WORKFLOW,
        CORRECTION_WORKFLOW,
        DISCLOSURE_WORKFLOW,
        BREACH_WORKFLOW,
        RETENTION_WORKFLOW,
        API_TOKEN_WORKFLOW,
        IDENTITY_LINK_WORKFLOW,
    )
    for move in workflow.moves
}


def acting_roles(trigger: str) -> frozenset[str]:
    """The roles the move ``trigger`` may be made in (empty for an unknown trigger)."""
    return _ROLES.get(trigger, frozenset())
