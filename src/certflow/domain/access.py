"""Access to certflow's HTTP service: the API tokens it issues and the identity-provider links.

An :class:`ApiToken` is one record per token: issued to one person in the register for a
bounded time, by the head of the LSP or the LSP admin, and revocable by them. Only the SHA-256
digest of the token's secret is recorded; the secret is shown once to whoever issued it and
never stored. An :class:`IdentityLink` ties one subject of the LSP's OpenID Connect identity
provider to one person; only the issuer and the SHA-256 digest of the subject are recorded
(some providers use an e-mail address as the subject). Both are ordinary workflows, so every
issue, revocation, link and unlink is an audited fact with its actor, role and time.

The roles a caller acts in never come from here: a token or a link names a person, and the
person's appointments in force decide what they may do.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID, uuid5

from certflow.domain.personnel import canonical_person_id
from certflow.domain.values import Role
from certflow.engine import (
    Actor,
    InvalidInputError,
    Move,
    Text,
    Workflow,
    WorkflowAggregate,
    WorkflowEvent,
    WorkflowStarted,
)

__all__ = [
    "ACCESS_ROLES",
    "API_TOKEN_WORKFLOW",
    "IDENTITY_LINK_WORKFLOW",
    "MAX_TOKEN_DAYS",
    "ApiToken",
    "IdentityLink",
    "LinkStatus",
    "TokenStatus",
    "api_token_record_id",
    "identity_link_id",
]

_NAMESPACE = UUID("c3a1f0d2-8e47-4b6a-9f15-7d2e0b9c4a68")
_TOKEN_ID = re.compile(r"^[0-9a-f]{16}$")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_MAX_LABEL = 100
_MAX_ISSUER = 300

MAX_TOKEN_DAYS = 366
"""The longest an API token may last; a longer-lived credential is a standing risk."""

ACCESS_ROLES: tuple[Role, ...] = (Role.HEAD_OF_LSP, Role.LSP_ADMIN)
"""Who issues and revokes API tokens and links identity-provider subjects to people."""


def api_token_record_id(token_id: str) -> UUID:
    """The record id of the API token ``token_id`` (its public id)."""
    return uuid5(_NAMESPACE, f"api-token:{token_id}")


def identity_link_id(issuer: str, subject_digest: str) -> UUID:
    """The record id of the link of ``issuer``'s subject (by its SHA-256 digest)."""
    return uuid5(_NAMESPACE, f"oidc:{issuer}#{subject_digest}")


def _clean_text(value: str, what: Text, limit: int) -> str:
    text = " ".join(value.split())
    if len(text) > limit or any(not c.isprintable() for c in text):
        raise InvalidInputError(
            [
                Text(
                    "{what} must be at most {limit} printable characters",
                    what=what,
                    limit=limit,
                )
            ]
        )
    return text


# -- API tokens -------------------------------------------------------------------------------


class TokenStatus(Enum):
    """Where an API token stands (expiry is read from its recorded end, against the clock)."""

    ACTIVE = "active"
    REVOKED = "revoked"


API_TOKEN_WORKFLOW: Workflow[TokenStatus] = Workflow(
    "api_token",
    version=1,
    stages=TokenStatus,
    initial=TokenStatus.ACTIVE,
    moves=[
        Move(
            "issue_api_token",
            source=None,
            dest=TokenStatus.ACTIVE,
            roles=ACCESS_ROLES,
            description="An API token is issued to a person in the register, for a bounded time.",
        ),
        Move(
            "revoke_api_token",
            source=TokenStatus.ACTIVE,
            dest=TokenStatus.REVOKED,
            roles=ACCESS_ROLES,
            description="An API token is revoked; it authenticates nobody from then on.",
        ),
    ],
)


class ApiToken(WorkflowAggregate[TokenStatus]):
    """One API token: whose it is, until when, and the digest of its secret (never the secret)."""

    TOPIC = "certflow/ApiToken"
    workflow = API_TOKEN_WORKFLOW

    class Issued(WorkflowStarted):
        """An API token was issued."""

        TOPIC = "certflow/ApiToken.Issued"
        token_id: str
        person_id: str
        label: str
        secret_digest: str
        expires_at: datetime

        def record(self, aggregate: Any) -> None:
            """Keep whose token it is, until when, and the digest of its secret."""
            aggregate.token_id = self.token_id
            aggregate.person_id = self.person_id
            aggregate.label = self.label
            aggregate.secret_digest = self.secret_digest
            aggregate.expires_at = self.expires_at
            aggregate.issued_at = self.at
            aggregate.issued_by = self.actor_id
            aggregate.revoked_at = None
            aggregate.revoked_by = None

    class Revoked(WorkflowEvent):
        """An API token was revoked."""

        TOPIC = "certflow/ApiToken.Revoked"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Mark it revoked."""
            aggregate.revoked_at = self.at
            aggregate.revoked_by = self.actor_id

    if TYPE_CHECKING:
        token_id: str
        person_id: str
        label: str
        secret_digest: str
        expires_at: datetime
        issued_at: datetime
        issued_by: str
        revoked_at: datetime | None
        revoked_by: str | None

    @classmethod
    def issue(
        cls,
        token_id: str,
        *,
        person_id: str,
        secret_digest: str,
        days: int,
        label: str,
        actor: Actor,
        at: datetime,
    ) -> ApiToken:
        """Issue the token ``token_id`` to ``person_id`` for ``days`` days from ``at``.

        Raises:
            InvalidInputError: a malformed id or digest, a label too long, or ``days`` outside
                1 to :data:`MAX_TOKEN_DAYS`.
        """
        canonical_person_id(person_id)
        if not _TOKEN_ID.fullmatch(token_id) or not _DIGEST.fullmatch(secret_digest):
            raise InvalidInputError([Text("a token id or secret digest is malformed")])
        if not 1 <= days <= MAX_TOKEN_DAYS:
            raise InvalidInputError(
                [
                    Text(
                        "an API token lasts 1 to {most} days, not {days}",
                        most=MAX_TOKEN_DAYS,
                        days=days,
                    )
                ]
            )
        return cls.start_move(
            cls.Issued,
            "issue_api_token",
            id=api_token_record_id(token_id),
            actor=actor,
            at=at,
            token_id=token_id,
            person_id=person_id,
            label=_clean_text(label, Text("a token's label"), _MAX_LABEL),
            secret_digest=secret_digest,
            expires_at=at + timedelta(days=days),
        )

    def revoke(self, *, reason: str, actor: Actor, at: datetime) -> None:
        """Revoke this token from ``at``.

        Raises:
            TransitionNotAllowedError: it is revoked already.
        """
        decision = self.decide_move("revoke_api_token", actor)
        self.record_move(
            self.Revoked,
            decision,
            actor=actor,
            at=at,
            reason=_clean_text(reason, Text("the reason"), _MAX_LABEL),
        )

    def status_at(self, moment: datetime) -> str:
        """``active``, ``revoked`` or ``expired`` at ``moment``."""
        if self.stage is TokenStatus.REVOKED:
            return "revoked"
        return "active" if moment < self.expires_at else "expired"


# -- links to the identity provider -----------------------------------------------------------


class LinkStatus(Enum):
    """Whether an identity-provider subject stands for a person now."""

    LINKED = "linked"
    UNLINKED = "unlinked"


IDENTITY_LINK_WORKFLOW: Workflow[LinkStatus] = Workflow(
    "identity_link",
    version=1,
    stages=LinkStatus,
    initial=LinkStatus.LINKED,
    moves=[
        Move(
            "link_identity",
            source=None,
            dest=LinkStatus.LINKED,
            roles=ACCESS_ROLES,
            description="A subject of the LSP's identity provider is linked to a person.",
        ),
        Move(
            "relink_identity",
            source=LinkStatus.UNLINKED,
            dest=LinkStatus.LINKED,
            roles=ACCESS_ROLES,
            description="An unlinked subject is linked to a person again.",
        ),
        Move(
            "unlink_identity",
            source=LinkStatus.LINKED,
            dest=LinkStatus.UNLINKED,
            roles=ACCESS_ROLES,
            description="A subject no longer stands for anyone.",
        ),
    ],
)


class IdentityLink(WorkflowAggregate[LinkStatus]):
    """One identity-provider subject (by digest) and the person it stands for."""

    TOPIC = "certflow/IdentityLink"
    workflow = IDENTITY_LINK_WORKFLOW

    class Linked(WorkflowStarted):
        """A subject of the identity provider was linked to a person."""

        TOPIC = "certflow/IdentityLink.Linked"
        issuer: str
        subject_digest: str
        person_id: str

        def record(self, aggregate: Any) -> None:
            """Keep the issuer, the subject's digest and the person."""
            aggregate.issuer = self.issuer
            aggregate.subject_digest = self.subject_digest
            aggregate.person_id = self.person_id
            aggregate.linked_at = self.at
            aggregate.linked_by = self.actor_id

    class Relinked(WorkflowEvent):
        """An unlinked subject was linked to a person again."""

        TOPIC = "certflow/IdentityLink.Relinked"
        person_id: str

        def record(self, aggregate: Any) -> None:
            """The subject stands for this person from now."""
            aggregate.person_id = self.person_id
            aggregate.linked_at = self.at
            aggregate.linked_by = self.actor_id

    class Unlinked(WorkflowEvent):
        """A subject was unlinked: it stands for nobody."""

        TOPIC = "certflow/IdentityLink.Unlinked"
        reason: str

        def record(self, aggregate: Any) -> None:
            """Nothing to copy: the stage says it."""

    if TYPE_CHECKING:
        issuer: str
        subject_digest: str
        person_id: str
        linked_at: datetime
        linked_by: str

    @classmethod
    def link(
        cls, issuer: str, subject_digest: str, *, person_id: str, actor: Actor, at: datetime
    ) -> IdentityLink:
        """Link ``issuer``'s subject (its SHA-256 digest) to ``person_id``."""
        canonical_person_id(person_id)
        issuer = _clean_text(issuer, Text("the issuer"), _MAX_ISSUER)
        if not issuer or not _DIGEST.fullmatch(subject_digest):
            raise InvalidInputError([Text("an issuer and a subject digest are required")])
        return cls.start_move(
            cls.Linked,
            "link_identity",
            id=identity_link_id(issuer, subject_digest),
            actor=actor,
            at=at,
            issuer=issuer,
            subject_digest=subject_digest,
            person_id=person_id,
        )

    def relink(self, *, person_id: str, actor: Actor, at: datetime) -> None:
        """Link this (unlinked) subject to ``person_id``."""
        canonical_person_id(person_id)
        decision = self.decide_move("relink_identity", actor)
        self.record_move(self.Relinked, decision, actor=actor, at=at, person_id=person_id)

    def unlink(self, *, reason: str, actor: Actor, at: datetime) -> None:
        """Unlink this subject from ``at``."""
        decision = self.decide_move("unlink_identity", actor)
        self.record_move(
            self.Unlinked,
            decision,
            actor=actor,
            at=at,
            reason=_clean_text(reason, Text("the reason"), _MAX_LABEL),
        )
