"""API tokens and identity-provider links on their aggregates alone."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from certflow.domain import (
    MAX_TOKEN_DAYS,
    WIB,
    ApiToken,
    IdentityLink,
    LinkStatus,
    Role,
    TokenStatus,
    api_token_record_id,
)
from certflow.engine import (
    Actor,
    InvalidInputError,
    NotAuthorizedError,
    TransitionNotAllowedError,
)

ADMIN = Actor("lsp-admin-01", Role.LSP_ADMIN, mandate="lsp-admin-01#1")
HEAD = Actor("ketua-01", Role.HEAD_OF_LSP, mandate="ketua-01#1")
MANAGER = Actor("manajer-01", Role.CERTIFICATION_MANAGER, mandate="manajer-01#1")
T0 = datetime(2025, 1, 6, 9, tzinfo=WIB)
DIGEST = hashlib.sha256(b"secret").hexdigest()
ISSUER = "https://sso.lsp.example"


def _token(days: int = 30, actor: Actor = ADMIN, **given: str) -> ApiToken:
    fields = {"person_id": "manajer-01", "secret_digest": DIGEST, "label": "ci", **given}
    return ApiToken.issue("0123456789abcdef", days=days, actor=actor, at=T0, **fields)


def test_a_token_is_active_until_its_end_then_expired() -> None:
    token = _token(days=30)
    assert token.id == api_token_record_id("0123456789abcdef")
    assert token.stage is TokenStatus.ACTIVE
    assert token.expires_at == T0 + timedelta(days=30)
    assert token.status_at(T0 + timedelta(days=29, hours=23)) == "active"
    assert token.status_at(T0 + timedelta(days=30)) == "expired"


def test_a_revoked_token_stays_revoked_and_cannot_be_revoked_twice() -> None:
    token = _token()
    token.revoke(reason="lost", actor=HEAD, at=T0 + timedelta(hours=1))
    assert token.stage is TokenStatus.REVOKED
    assert (token.revoked_by, token.status_at(T0)) == (HEAD.id, "revoked")
    with pytest.raises(TransitionNotAllowedError):
        token.revoke(reason="again", actor=HEAD, at=T0 + timedelta(hours=2))


def test_only_the_head_and_the_admin_issue_and_revoke() -> None:
    with pytest.raises(NotAuthorizedError):
        _token(actor=MANAGER)
    token = _token()
    with pytest.raises(NotAuthorizedError):
        token.revoke(reason="mine", actor=MANAGER, at=T0)


@pytest.mark.parametrize(
    "given",
    [
        {"days": 0},
        {"days": MAX_TOKEN_DAYS + 1},
        {"secret_digest": "not-a-digest"},
        {"person_id": "Not Canonical"},
        {"label": "x" * 101},
        {"label": "bad\x00label"},
    ],
)
def test_malformed_tokens_are_refused(given: dict[str, object]) -> None:
    days = given.pop("days", 30)
    assert isinstance(days, int)
    with pytest.raises(InvalidInputError):
        _token(days=days, **given)  # type: ignore[arg-type]


def test_a_link_is_unlinked_and_linked_again_to_another_person() -> None:
    link = IdentityLink.link(ISSUER, DIGEST, person_id="lsp-admin-01", actor=HEAD, at=T0)
    link.unlink(reason="moved", actor=HEAD, at=T0 + timedelta(days=1))
    assert link.stage is LinkStatus.UNLINKED
    with pytest.raises(TransitionNotAllowedError):
        link.unlink(reason="again", actor=HEAD, at=T0 + timedelta(days=1))
    link.relink(person_id="manajer-01", actor=ADMIN, at=T0 + timedelta(days=2))
    assert (link.stage, link.person_id, link.linked_by) == (
        LinkStatus.LINKED,
        "manajer-01",
        ADMIN.id,
    )
    with pytest.raises(TransitionNotAllowedError):
        link.relink(person_id="manajer-01", actor=ADMIN, at=T0 + timedelta(days=3))


def test_a_link_needs_an_issuer_and_a_digest() -> None:
    with pytest.raises(InvalidInputError):
        IdentityLink.link("", DIGEST, person_id="lsp-admin-01", actor=HEAD, at=T0)
    with pytest.raises(InvalidInputError):
        IdentityLink.link(ISSUER, "user@example", person_id="lsp-admin-01", actor=HEAD, at=T0)
