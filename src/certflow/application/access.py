"""Credentials for certflow's HTTP service: API tokens and identity-provider links.

An API token reads ``cft_<token id>_<secret>``: the token id (16 hex digits) is public and
finds the record; the secret (256 random bits) is shown once when the token is issued, and only
its SHA-256 digest is recorded, compared in constant time. A token authenticates its person
until it expires (the body's clock) or is revoked. A subject of the LSP's OpenID Connect
identity provider authenticates a person only through a recorded link (issuer and the SHA-256
digest of the subject). Either way the person must still be in the register (a person id, an
assessor's register id or a candidate's subject id); which roles they act in is decided per
command from their appointments, never here.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from certflow.application.services import Services
from certflow.application.trust import Gate
from certflow.domain import (
    ApiToken,
    IdentityLink,
    LinkStatus,
    api_token_record_id,
    canonical_person_id,
    identity_link_id,
)
from certflow.engine import (
    Actor,
    AlreadyExistsError,
    InvalidInputError,
    NotAuthorizedError,
    NotFoundError,
    Text,
    WorkflowRuntime,
)

__all__ = [
    "DEFAULT_TOKEN_DAYS",
    "TOKEN_PREFIX",
    "AccessTokens",
    "ApiTokenView",
    "Authenticated",
    "IdentityLinkView",
    "IssuedToken",
    "subject_digest",
]

TOKEN_PREFIX = "cft_"
DEFAULT_TOKEN_DAYS = 90
"""How long an API token lasts unless its issuer says otherwise."""
_TOKEN = re.compile(r"^cft_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")
_TOKEN_ID = re.compile(r"^[0-9a-f]{16}$")
_MAX_SUBJECT = 255


@dataclass(frozen=True)
class IssuedToken:
    """A token just issued: the only time its secret is seen."""

    token_id: str
    token: str
    """``cft_<token id>_<secret>``: give it to its holder now; it is never shown again."""
    person_id: str
    expires_at: datetime


@dataclass(frozen=True)
class ApiTokenView:
    """An API token as recorded (never its secret or digest)."""

    token_id: str
    person_id: str
    label: str
    status: str
    """``active``, ``revoked`` or ``expired``, as of the body's clock."""
    issued_at: datetime
    issued_by: str
    expires_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None


@dataclass(frozen=True)
class IdentityLinkView:
    """A link of an identity-provider subject (by digest) to a person."""

    issuer: str
    subject_digest: str
    person_id: str
    status: str
    """``linked`` or ``unlinked``."""
    linked_at: datetime
    linked_by: str


@dataclass(frozen=True)
class Authenticated:
    """Who a valid credential stands for."""

    person_id: str
    credential: str
    """``token:<token id>`` or ``oidc:<issuer>#<first 16 hex digits of the subject digest>``."""


def subject_digest(subject: str) -> str:
    """The SHA-256 digest (hex) under which an identity-provider subject is recorded."""
    return hashlib.sha256(subject.encode("utf-8")).hexdigest()


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


class AccessTokens:
    """Issue, revoke and check API tokens; link identity-provider subjects to people."""

    def __init__(self, services: Services) -> None:
        self._s = services
        self._gate = Gate(services)
        self._tokens: WorkflowRuntime[ApiToken] = services.store.runtime(ApiToken)
        self._links: WorkflowRuntime[IdentityLink] = services.store.runtime(IdentityLink)

    # -- API tokens ------------------------------------------------------------------------

    def issue_api_token(
        self, *, person_id: str, days: int = DEFAULT_TOKEN_DAYS, label: str = "", actor: Actor
    ) -> IssuedToken:
        """Issue an API token to ``person_id`` for ``days`` days (1 to 366; default 90).

        The head of the LSP or the LSP admin issues. The person must be in the register (a
        person id or MET number, an assessor's register id, or a candidate's subject id).
        Returns the token with its secret: the only time the secret is seen; only its SHA-256
        digest is recorded.

        Raises:
            NotFoundError: nobody in the register is ``person_id``.
            InvalidInputError: ``days`` is out of range or the label too long.
            NotAuthorizedError: the actor holds no head-of-LSP or LSP-admin appointment.
        """
        person = self._known(person_id)
        admitted = self._gate.admit(actor, "issue_api_token")
        token_id = secrets.token_hex(8)
        while self._tokens.exists(api_token_record_id(token_id)):  # pragma: no cover
            token_id = secrets.token_hex(8)
        secret = secrets.token_urlsafe(32)
        now = self._s.now()
        token = ApiToken.issue(
            token_id,
            person_id=person,
            secret_digest=_digest(secret),
            days=days,
            label=label,
            actor=admitted,
            at=now,
        )
        self._s.store.save(token)
        return IssuedToken(
            token_id=token_id,
            token=f"{TOKEN_PREFIX}{token_id}_{secret}",
            person_id=person,
            expires_at=token.expires_at,
        )

    def revoke_api_token(self, token_id: str, *, reason: str, actor: Actor) -> None:
        """Revoke the API token ``token_id``; it authenticates nobody from then on.

        Raises:
            NotFoundError: no token has this id.
            TransitionNotAllowedError: it is revoked already.
        """
        token = self._token(token_id)
        admitted = self._gate.admit(actor, "revoke_api_token")
        token.revoke(reason=reason, actor=admitted, at=self._s.now())
        self._s.store.save(token)

    def get_api_token(self, token_id: str) -> ApiTokenView:
        """One API token as recorded (never its secret)."""
        return self._view(self._token(token_id))

    def list_api_tokens(self, *, person_id: str | None = None) -> list[ApiTokenView]:
        """Every API token (or ``person_id``'s), newest first."""
        found = [self._view(self._tokens.load(i)) for i in self._tokens.ids(ApiToken.Issued.TOPIC)]
        if person_id is not None:
            found = [t for t in found if t.person_id == person_id]
        return sorted(found, key=lambda t: (t.issued_at, t.token_id), reverse=True)

    def authenticate_api_token(self, token: str) -> Authenticated | None:
        """Who ``token`` stands for, or ``None`` (never saying why).

        ``None`` when the token is malformed or unknown, its secret wrong, it is revoked or
        expired, or its person is no longer in the register.
        """
        matched = _TOKEN.fullmatch(token)
        if matched is None:
            return None
        token_id, secret = matched.groups()
        record = self._tokens.find(api_token_record_id(token_id))
        if record is None:
            hmac.compare_digest(_digest(secret), "0" * 64)  # the same work as a known id
            return None
        if not hmac.compare_digest(_digest(secret), record.secret_digest):
            return None
        if record.status_at(self._s.now()) != "active" or not self._in_register(record.person_id):
            return None
        return Authenticated(person_id=record.person_id, credential=f"token:{token_id}")

    # -- the identity provider -------------------------------------------------------------

    def link_identity(self, *, issuer: str, subject: str, person_id: str, actor: Actor) -> str:
        """Link ``issuer``'s ``subject`` to ``person_id``; returns the subject's digest.

        Only the digest of the subject is recorded. A subject unlinked before is linked again.

        Raises:
            AlreadyExistsError: the subject is linked already (unlink it first).
            NotFoundError: nobody in the register is ``person_id``.
        """
        person = self._known(person_id)
        digest = subject_digest(_subject(subject))
        issuer = issuer.strip()
        admitted = self._gate.admit(actor, "link_identity")
        now = self._s.now()
        found = self._links.find(identity_link_id(issuer, digest))
        if found is None:
            link = IdentityLink.link(issuer, digest, person_id=person, actor=admitted, at=now)
        elif found.stage is LinkStatus.LINKED:
            raise AlreadyExistsError("identity link", f"{issuer}#{digest[:16]}")
        else:
            link = found
            link.relink(person_id=person, actor=admitted, at=now)
        self._s.store.save(link)
        return digest

    def unlink_identity(self, *, issuer: str, subject: str, reason: str, actor: Actor) -> None:
        """Unlink ``issuer``'s ``subject``: it authenticates nobody from then on.

        Raises:
            NotFoundError: the subject was never linked.
            TransitionNotAllowedError: it is unlinked already.
        """
        digest = subject_digest(_subject(subject))
        link = self._links.find(identity_link_id(issuer.strip(), digest))
        if link is None:
            raise NotFoundError("identity link", f"{issuer.strip()}#{digest[:16]}")
        admitted = self._gate.admit(actor, "unlink_identity")
        link.unlink(reason=reason, actor=admitted, at=self._s.now())
        self._s.store.save(link)

    def authenticate_identity(self, issuer: str, subject: str) -> Authenticated | None:
        """Who ``issuer``'s (verified) ``subject`` stands for, or ``None``.

        ``None`` when the subject is linked to nobody or its person is no longer in the register.
        """
        if not subject or len(subject) > _MAX_SUBJECT:
            return None
        digest = subject_digest(subject)
        link = self._links.find(identity_link_id(issuer, digest))
        if link is None or link.stage is not LinkStatus.LINKED:
            return None
        if not self._in_register(link.person_id):
            return None
        return Authenticated(person_id=link.person_id, credential=f"oidc:{issuer}#{digest[:16]}")

    def list_identity_links(self) -> list[IdentityLinkView]:
        """Every identity-provider link, by issuer and subject digest."""
        found = [self._links.load(i) for i in self._links.ids(IdentityLink.Linked.TOPIC)]
        return sorted(
            (
                IdentityLinkView(
                    issuer=link.issuer,
                    subject_digest=link.subject_digest,
                    person_id=link.person_id,
                    status=link.stage.value,
                    linked_at=link.linked_at,
                    linked_by=link.linked_by,
                )
                for link in found
            ),
            key=lambda v: (v.issuer, v.subject_digest),
        )

    # -- helpers ---------------------------------------------------------------------------

    def _token(self, token_id: str) -> ApiToken:
        text = token_id.strip()
        if text.startswith(TOKEN_PREFIX):  # the whole token pasted: take its public id only
            text = text[len(TOKEN_PREFIX) :].partition("_")[0]
        if not _TOKEN_ID.fullmatch(text):
            raise InvalidInputError(
                [Text("{token_id!r} is not a token id (16 hex digits)", token_id=text[:40])]
            )
        found = self._tokens.find(api_token_record_id(text))
        if found is None:
            raise NotFoundError("API token", text)
        return found

    def _known(self, person_id: str) -> str:
        """The canonical id of a person in the register, or :class:`NotFoundError`."""
        text = person_id.strip() if isinstance(person_id, str) else person_id
        if isinstance(text, str) and text.isascii() and text.upper().startswith("MET"):
            try:
                return self._gate.resolve(text)
            except NotAuthorizedError:
                raise NotFoundError("person", text) from None
        canonical = canonical_person_id(text)
        if not self._in_register(canonical):
            raise NotFoundError("person", canonical)
        return canonical

    def _in_register(self, person_id: str) -> bool:
        """Whether ``person_id`` is a person, an assessor or a candidate on file."""
        if self._gate.person(person_id) is not None or self._gate.licence(person_id):
            return True
        try:
            subject = UUID(person_id)
        except ValueError:
            return False
        return str(subject) == person_id and self._s.subjects.get(subject) is not None

    def _view(self, token: ApiToken) -> ApiTokenView:
        return ApiTokenView(
            token_id=token.token_id,
            person_id=token.person_id,
            label=token.label,
            status=token.status_at(self._s.now()),
            issued_at=token.issued_at,
            issued_by=token.issued_by,
            expires_at=token.expires_at,
            revoked_at=token.revoked_at,
            revoked_by=token.revoked_by,
        )


def _subject(subject: str) -> str:
    if not subject or len(subject) > _MAX_SUBJECT or not subject.isprintable():
        raise InvalidInputError(
            [Text("a subject is 1 to 255 printable characters, exactly as the provider sends it")]
        )
    return subject
