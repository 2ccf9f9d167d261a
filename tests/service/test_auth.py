"""Authentication: certflow's API tokens and the identity provider's access tokens, /v1/me."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI
from fastapi.testclient import TestClient

from certflow.domain import Role
from certflow.service import ServiceSettings, create_app
from certflow.service.settings import OidcSettings
from certflow.testing.actors import ADMIN, HEAD, MANAGER
from tests.support import World

ISSUER = "https://sso.lsp.example/realms/lsp"
AUDIENCE = "certflow-api"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Accept-Language": "en"}


def assert_unauthenticated(answer: Any, error: str | None = "invalid_token") -> None:
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["type"] == "/problems/unauthenticated"
    expected = f'Bearer error="{error}"' if error else "Bearer"
    assert answer.headers["www-authenticate"] == expected


# -- API tokens ---------------------------------------------------------------------------------


def test_a_token_authenticates_its_person_until_it_is_revoked(
    client: TestClient, world: World
) -> None:
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, label="e-office", actor=ADMIN)
    assert issued.token.startswith(f"cft_{issued.token_id}_")
    me = client.get("/v1/me", headers=bearer(issued.token))
    assert me.status_code == 200, me.text
    found = me.json()
    assert found["person"] == MANAGER.id
    assert found["kind"] == "staff"
    assert found["credential"] == f"token:{issued.token_id}"
    assert [r["role"] for r in found["roles"]] == ["certification_manager"]
    assert issued.token not in me.text

    world.lsp.revoke_api_token(issued.token_id, reason="laptop lost", actor=HEAD)
    assert_unauthenticated(client.get("/v1/me", headers=bearer(issued.token)))
    view = world.lsp.get_api_token(issued.token_id)
    assert (view.status, view.revoked_by, view.issued_by) == ("revoked", HEAD.id, ADMIN.id)


def test_only_the_digest_of_the_secret_is_recorded(world: World) -> None:
    from certflow.bootstrap import services_of
    from certflow.domain import api_token_record_id

    issued = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN)
    secret = issued.token.split("_", 2)[2]
    events = list(services_of(world.lsp).store.events(api_token_record_id(issued.token_id)))
    assert all(secret not in repr(e) for e in events)
    assert events[0].actor_role == "lsp_admin"
    assert events[0].actor_mandate  # the admin's appointment, checked by the gate


def test_a_token_expires_by_the_body_clock(client: TestClient, world: World) -> None:
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, days=7, actor=ADMIN)
    day = world.lsp.clock.now().date()
    world.at(day + timedelta(days=6))
    assert client.get("/v1/me", headers=bearer(issued.token)).status_code == 200
    world.at(day + timedelta(days=8))
    assert_unauthenticated(client.get("/v1/me", headers=bearer(issued.token)))
    assert world.lsp.get_api_token(issued.token_id).status == "expired"


def test_a_wrong_secret_with_a_right_id_is_refused(client: TestClient, world: World) -> None:
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN)
    assert world.lsp.authenticate_api_token(issued.token + "\n") is None
    secret = issued.token.split("_", 2)[2]
    forged = f"cft_{issued.token_id}_{'A' if secret[0] != 'A' else 'B'}{secret[1:]}"
    assert_unauthenticated(client.get("/v1/me", headers=bearer(forged)))
    unknown = f"cft_{'0' * 16}_{secret}"
    assert_unauthenticated(client.get("/v1/me", headers=bearer(unknown)))


def test_assessors_and_candidates_hold_tokens_too(client: TestClient, world: World) -> None:
    assessor = world.lsp.issue_api_token(person_id=str(world.assessor), actor=ADMIN)
    found = client.get("/v1/me", headers=bearer(assessor.token)).json()
    assert found["kind"] == "assessor"
    assert [r["role"] for r in found["roles"]] == ["assessor"]
    candidate = world.lsp.issue_api_token(person_id=str(world.candidates[0]), actor=ADMIN)
    found = client.get("/v1/me", headers=bearer(candidate.token)).json()
    assert (found["kind"], found["roles"][0]["mandate"]) == ("candidate", "own-case")


def test_a_token_of_someone_whose_appointments_ended_still_authenticates(
    client: TestClient, world: World
) -> None:
    made = world.appoint("komite-teknis-77", Role.CERTIFICATION_COMMITTEE)
    issued = world.lsp.issue_api_token(person_id="komite-teknis-77", actor=ADMIN)
    world.lsp.end_appointment("komite-teknis-77", appointment_id=made, reason="term", actor=HEAD)
    found = client.get("/v1/me", headers=bearer(issued.token)).json()
    assert (found["person"], found["roles"]) == ("komite-teknis-77", [])


def test_who_may_issue_and_for_whom(world: World) -> None:
    from certflow.engine import InvalidInputError, NotAuthorizedError, NotFoundError

    with pytest.raises(NotAuthorizedError):
        world.lsp.issue_api_token(person_id=ADMIN.id, actor=MANAGER)
    with pytest.raises(NotFoundError):
        world.lsp.issue_api_token(person_id="nobody-here", actor=ADMIN)
    with pytest.raises(InvalidInputError):
        world.lsp.issue_api_token(person_id=MANAGER.id, days=400, actor=ADMIN)
    assert world.lsp.list_api_tokens() == []


@pytest.mark.parametrize(
    "header",
    [
        "cft_0123456789abcdef_x",  # no scheme
        "Basic dXNlcjpwYXNz",
        "Bearer  cft_0123456789abcdef_x",  # two spaces
        "Bearer",
        "Bearer a b",
        "Bearer " + "a" * 10 * 1024,  # 10 KB
        "Bearer cft_01234567\x0189abcdef",  # a control character
        "Bearer cft_0123456789abcdef\t",
    ],
)
def test_malformed_headers_are_refused(client: TestClient, header: str) -> None:
    answer = client.get("/v1/me", headers={"Authorization": header})
    assert_unauthenticated(answer, "invalid_request")


def test_two_authorization_headers_are_refused(client: TestClient, world: World) -> None:
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN)
    headers = [("Authorization", f"Bearer {issued.token}")] * 2
    assert_unauthenticated(client.get("/v1/me", headers=headers), "invalid_request")


def test_no_credential_is_a_401_problem_in_the_asked_language(client: TestClient) -> None:
    for lang in ("id", "en"):
        answer = client.get("/v1/me", headers={"Accept-Language": lang})
        assert_unauthenticated(answer, error=None)
        assert answer.json()["lang"] == lang
    answer = client.get("/v1/me", headers=bearer("not-a-certflow-token"))
    assert_unauthenticated(answer)


def test_the_log_names_the_credential_never_the_secret(
    client: TestClient, world: World, caplog: pytest.LogCaptureFixture
) -> None:
    issued = world.lsp.issue_api_token(person_id=MANAGER.id, actor=ADMIN)
    with caplog.at_level(logging.INFO, logger="certflow.service.requests"):
        client.get("/v1/me", headers=bearer(issued.token))
    lines = [r for r in caplog.records if r.name == "certflow.service.requests"]
    assert lines[-1].fields["credential"] == f"token:{issued.token_id}"  # type: ignore[attr-defined]
    assert all(issued.token not in json.dumps(r.fields) for r in lines)  # type: ignore[attr-defined]


# -- the identity provider ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url(signing_key: rsa.RSAPrivateKey) -> Iterator[str]:
    public = jwt.algorithms.RSAAlgorithm.to_jwk(signing_key.public_key(), as_dict=True)
    body = json.dumps({"keys": [{**public, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Jwks(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = HTTPServer(("127.0.0.1", 0), Jwks)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture
def oidc_client(world: World, jwks_url: str) -> Iterator[TestClient]:
    settings = ServiceSettings(
        oidc=OidcSettings(issuer=ISSUER, audience=AUDIENCE, jwks_url=jwks_url)
    )
    app: FastAPI = create_app(settings, body=world.lsp)
    with TestClient(app, raise_server_exceptions=False) as opened:
        yield opened


def access_token(key: Any, *, alg: str = "RS256", kid: str | None = "k1", **claims: Any) -> str:
    now = datetime.now(UTC)
    payload = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "user-7f3a",
        "iat": now,
        "exp": now + timedelta(minutes=5),
        **claims,
    }
    headers = {"kid": kid} if kid else {}
    return jwt.encode(payload, key, algorithm=alg, headers=headers)


def test_a_linked_subject_authenticates_as_its_person(
    oidc_client: TestClient, world: World, signing_key: rsa.RSAPrivateKey
) -> None:
    token = access_token(signing_key)
    refused = oidc_client.get("/v1/me", headers=bearer(token))
    assert refused.status_code == 403
    assert "link" in refused.json()["detail"]
    world.lsp.link_identity(issuer=ISSUER, subject="user-7f3a", person_id=ADMIN.id, actor=HEAD)
    me = oidc_client.get("/v1/me", headers=bearer(token))
    assert me.status_code == 200, me.text
    assert me.json()["person"] == ADMIN.id
    assert me.json()["credential"].startswith(f"oidc:{ISSUER}#")
    assert "user-7f3a" not in me.text
    world.lsp.unlink_identity(issuer=ISSUER, subject="user-7f3a", reason="left", actor=HEAD)
    assert oidc_client.get("/v1/me", headers=bearer(token)).status_code == 403
    world.lsp.link_identity(issuer=ISSUER, subject="user-7f3a", person_id=MANAGER.id, actor=HEAD)
    assert oidc_client.get("/v1/me", headers=bearer(token)).json()["person"] == MANAGER.id


def test_forged_and_foreign_access_tokens_are_refused(
    oidc_client: TestClient, world: World, signing_key: rsa.RSAPrivateKey
) -> None:
    world.lsp.link_identity(issuer=ISSUER, subject="user-7f3a", person_id=ADMIN.id, actor=HEAD)
    assert oidc_client.get("/v1/me", headers=bearer(access_token(signing_key))).status_code == 200
    public_pem = signing_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    past = datetime.now(UTC) - timedelta(hours=1)
    unsigned = jwt.encode(
        {"iss": ISSUER, "aud": AUDIENCE, "sub": "user-7f3a", "exp": past + timedelta(days=1)},
        None,
        algorithm="none",
        headers={"kid": "k1"},
    )
    forged = [
        access_token(signing_key, iss="https://evil.example"),
        access_token(signing_key, aud="another-api"),
        access_token(signing_key, exp=past),
        access_token(signing_key, kid="k9"),  # a key id the JWKS does not hold
        access_token(signing_key, kid=None),
        access_token(other),  # signed by another key under the right key id
        _hs256_with_public_key(public_pem),
        unsigned,
    ]
    for token in forged:
        assert_unauthenticated(oidc_client.get("/v1/me", headers=bearer(token)))


def _hs256_with_public_key(public_pem: bytes) -> str:
    """The algorithm-confusion attack: HMAC keyed with the provider's public key."""
    import base64
    import hashlib
    import hmac

    def part(data: dict[str, Any]) -> str:
        raw = json.dumps(data, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    exp = int((datetime.now(UTC) + timedelta(minutes=5)).timestamp())
    signing = (
        part({"alg": "HS256", "typ": "JWT", "kid": "k1"})
        + "."
        + part({"iss": ISSUER, "aud": AUDIENCE, "sub": "user-7f3a", "exp": exp})
    )
    mac = hmac.new(public_pem, signing.encode(), hashlib.sha256).digest()
    return signing + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def test_an_unreachable_provider_is_a_503_problem(world: World) -> None:
    settings = ServiceSettings(
        oidc=OidcSettings(issuer=ISSUER, audience=AUDIENCE, jwks_url="http://127.0.0.1:9/jwks.json")
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with TestClient(create_app(settings, body=world.lsp), raise_server_exceptions=False) as c:
        answer = c.get("/v1/me", headers=bearer(access_token(key)))
    assert answer.status_code == 503
    assert answer.json()["type"] == "/problems/identity-provider-unavailable"


def test_a_token_signed_with_another_kind_of_key_is_refused(world: World, jwks_url: str) -> None:
    from cryptography.hazmat.primitives.asymmetric import ec

    settings = ServiceSettings(
        oidc=OidcSettings(
            issuer=ISSUER, audience=AUDIENCE, jwks_url=jwks_url, algorithms=("RS256", "ES256")
        )
    )
    world.lsp.link_identity(issuer=ISSUER, subject="user-7f3a", person_id=ADMIN.id, actor=HEAD)
    curve = ec.generate_private_key(ec.SECP256R1())
    token = access_token(curve, alg="ES256")  # under the RSA key's id
    with TestClient(create_app(settings, body=world.lsp), raise_server_exceptions=False) as c:
        assert_unauthenticated(c.get("/v1/me", headers=bearer(token)))


def test_the_openapi_document_declares_the_bearer_scheme(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    assert document["paths"]["/v1/me"]["get"]["security"] == [{"bearer": []}]
