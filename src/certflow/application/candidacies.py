"""One open certification per candidate and scheme, across sessions (R3), for every way in.

The register command and bulk intake both use these, so a registration made either way is
counted in the candidate's :class:`~certflow.domain.candidacy.Candidacy`, saved in the same
transaction as the registration.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from certflow.application.services import Services
from certflow.domain.candidacy import Candidacy, candidacy_id, is_open
from certflow.engine import Actor, RuleViolatedError, Text, Violation

__all__ = ["claim_candidacy", "claim_open", "open_elsewhere", "still_open"]


def open_elsewhere(
    services: Services, subject_id: UUID, scheme_code: str, new_id: UUID
) -> Text | None:
    """Why ``subject_id`` may not start ``new_id`` on ``scheme_code`` (R3), or ``None``."""
    candidacy = services.store.find(Candidacy, candidacy_id(subject_id, scheme_code))
    return _open_in(services, candidacy, scheme_code, new_id)


def _open_in(
    services: Services, candidacy: Candidacy | None, scheme_code: str, new_id: UUID
) -> Text | None:
    """Why ``candidacy`` may not take ``new_id`` (R3): another of its certifications is open."""
    if candidacy is None:
        return None
    for other_id in candidacy.certifications:
        if other_id == new_id:
            continue
        other = services.certifications.find(other_id)
        if other is not None and is_open(other):
            return Text(
                "the candidate still has an open certification for scheme "
                "{scheme_code} ({other_id}, stage {stage_value}); finish or "
                "withdraw it first",
                scheme_code=scheme_code,
                other_id=other_id,
                stage_value=other.stage.value,
            )
    return None


def still_open(services: Services, subject_id: UUID, scheme_code: str, new_id: UUID) -> None:
    """Refuse (R3) when the candidate has another open certification for the scheme."""
    reason = open_elsewhere(services, subject_id, scheme_code, new_id)
    if reason is not None:
        raise RuleViolatedError((Violation("R3", reason),))


def claim_open(
    services: Services,
    subject_id: UUID,
    scheme_code: str,
    new_id: UUID,
    *,
    actor: Actor,
    at: datetime,
) -> Candidacy:
    """:func:`still_open`, then :func:`claim_candidacy`, reading the candidacy once.

    Refuses (R3) when the candidate has another open certification for the scheme; otherwise
    the candidacy with ``new_id`` added (opened if it is the first), to save with it.
    """
    candidacy = services.store.find(Candidacy, candidacy_id(subject_id, scheme_code))
    reason = _open_in(services, candidacy, scheme_code, new_id)
    if reason is not None:
        raise RuleViolatedError((Violation("R3", reason),))
    return _claimed(candidacy, subject_id, scheme_code, new_id, actor=actor, at=at)


def claim_candidacy(
    services: Services,
    subject_id: UUID,
    scheme_code: str,
    new_id: UUID,
    *,
    actor: Actor,
    at: datetime,
) -> Candidacy:
    """The candidacy with ``new_id`` added (opened if it is the first); to save with it."""
    candidacy = services.store.find(Candidacy, candidacy_id(subject_id, scheme_code))
    return _claimed(candidacy, subject_id, scheme_code, new_id, actor=actor, at=at)


def _claimed(
    candidacy: Candidacy | None,
    subject_id: UUID,
    scheme_code: str,
    new_id: UUID,
    *,
    actor: Actor,
    at: datetime,
) -> Candidacy:
    if candidacy is None:
        return Candidacy.open(subject_id, scheme_code, new_id, actor=actor, at=at)
    if new_id not in candidacy.certifications:
        candidacy.claim(new_id, actor=actor, at=at)
    return candidacy
