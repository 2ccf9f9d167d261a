"""The public verification page and its JSON twin, through the app (no browser)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from certflow import CertificationBody, load_key_set, revoke_key, rotate_keys
from certflow.application import CertificateStatus
from certflow.engine import InvalidInputError
from certflow.service import ServiceSettings, create_app, load_settings
from certflow.service.verification_answer import normalised_name, status_words
from certflow.service.verification_limits import (
    RateLimiter,
    VerificationLimits,
    client_address,
)
from tests.service.verification_support import HOSTILE, NIKS, Printed, print_world
from tests.support import COMMITTEE, MANAGER


@pytest.fixture
def printed(lsp: CertificationBody, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Printed:
    found = print_world(lsp, tmp_path)
    monkeypatch.setenv("CERTFLOW_CONFIG", str(found.profile))
    return found


def _client(printed: Printed, **settings: Any) -> TestClient:
    app = create_app(ServiceSettings(**settings), body=printed.world.lsp)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def client(printed: Printed) -> Iterator[TestClient]:
    with _client(printed, verification_token_burst=500, verification_lookup_burst=500) as opened:
        yield opened


def _status(client: TestClient, token: str) -> str:
    answer = client.get(f"/v1/verifications/{token}").json()
    page = client.get(f"/v/{token}")
    assert page.status_code == 200
    assert f'data-status="{answer["status"]}"' in page.text
    return str(answer["status"])


def _no_nik(text: str) -> None:
    for nik in NIKS:
        assert nik not in text


def test_each_status_reads_the_same_on_the_page_and_in_json(
    client: TestClient, printed: Printed
) -> None:
    lsp = printed.world.lsp
    assert _status(client, printed.valid) == "valid"
    assert _status(client, printed.revoked) == "revoked"
    assert _status(client, printed.erased) == "valid"
    assert _status(client, printed.forged) == "forged"
    assert _status(client, "not-a-token") == "damaged"
    assert _status(client, "a.b.c") == "damaged"  # never read as a certificate number
    assert _status(client, printed.valid[:-5]) == "damaged"
    header, payload, signature = printed.valid.split(".")
    assert _status(client, f"{header[:-2]}xx.{payload}.{signature}") == "damaged"
    cert = lsp.get_by_number(printed.number).id
    suspended = lsp.get_by_number(printed.hostile_number).id
    lsp.suspend(suspended, grounds="criminal_suspect", resolve_by=date(2025, 6, 1), actor=COMMITTEE)
    assert _status(client, printed.hostile) == "suspended"
    lsp.reissue_certificate(cert, reason="lost", actor=MANAGER)
    assert _status(client, printed.valid) == "void"
    printed.world.at(date(2027, 11, 20))
    assert _status(client, printed.revoked) == "revoked"
    new_kid = rotate_keys(printed.keys)
    assert new_kid
    old_kid = next(k for k in client.get("/.well-known/certflow-keys.json").json()["keys"])["kid"]
    revoke_key(printed.keys, old_kid)
    assert _status(client, printed.revoked) == "revoked_key"
    jwks = client.get("/.well-known/certflow-keys.json").json()
    assert [key["kid"] for key in jwks["keys"]] == [new_kid]  # the revoked key is not published
    assert set(jwks["keys"][0]) == {"kty", "crv", "x", "kid", "use"}  # public only


def test_expired_and_unknown(client: TestClient, printed: Printed) -> None:
    printed.world.at(date(2027, 11, 20))
    assert _status(client, printed.valid) == "expired"
    assert client.get("/verify", params={"number": "NO/SUCH/1", "name": "x"}).status_code == 200
    answer = client.get("/v1/verifications", params={"number": "NO/SUCH/1", "name": "Kandidat 0"})
    assert answer.json()["status"] == "unknown"


def test_every_status_has_words_in_both_languages() -> None:
    from certflow.engine import use_language

    for status in CertificateStatus:
        for lang in ("id", "en"):
            with use_language(lang):
                tone, headline, explanation = status_words(status)
            assert headline
            assert explanation
            assert tone


def test_the_valid_page_shows_what_a_person_needs_and_never_a_nik(
    client: TestClient, printed: Printed
) -> None:
    page = client.get(f"/v/{printed.valid}", params={"lang": "en"})
    text = page.text
    for expected in (
        "Valid",
        "Kandidat 0",
        printed.number,
        "Manajemen Isu",
        "SKM/TEST/1",
        "U.001",
        "14 November 2024",
        "13 November 2027",
        "LSP Humas Global",
        "BNSP-LSP-1234-ID",
        'lang="en"',
        "?lang=id",
    ):
        assert expected in text, expected
    _no_nik(text)
    headers = page.headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "no-referrer"
    assert "http://" not in text
    assert "https://" not in text
    indonesian = client.get(f"/v/{printed.valid}", headers={"Accept-Language": "id"})
    assert 'lang="id"' in indonesian.text
    assert "14 November 2024" in indonesian.text
    assert "?lang=en" in indonesian.text


def test_an_erased_holder_reads_as_erased(client: TestClient, printed: Printed) -> None:
    answer = client.get(f"/v1/verifications/{printed.erased}", params={"lang": "en"}).json()
    assert answer["holder"] is None
    assert answer["holder_erased"] is True
    assert "erased" in answer["holder_note"]
    page = client.get(f"/v/{printed.erased}", params={"lang": "en"}).text
    assert "Kandidat 2" not in page
    assert "erased" in page
    _no_nik(page)


def test_a_lookup_by_number_needs_the_holders_name(client: TestClient, printed: Printed) -> None:
    for name in ("Kandidat 0", "  kandidat   0 ", "KANDIDAT 0"):
        answer = client.get("/v1/verifications", params={"number": printed.number, "name": name})
        assert answer.json()["status"] == "valid", name
        assert answer.json()["holder"] == "Kandidat 0"
    right = client.get("/verify", params={"number": printed.number, "name": "kandidat 0"})
    assert "Kandidat 0" in right.text
    assert 'data-status="valid"' in right.text
    # A wrong name gets exactly the answer of a number that does not exist: no oracle.
    wrong = client.get("/v1/verifications", params={"number": printed.number, "name": "Budi"})
    missing = client.get("/v1/verifications", params={"number": "NO/SUCH/9", "name": "Budi"})
    assert wrong.json() == missing.json()
    assert wrong.json()["status"] == "unknown"
    assert wrong.json()["number"] is None
    wrong_page = client.get("/verify", params={"number": printed.number, "name": "Budi"})
    missing_page = client.get("/verify", params={"number": "NO/SUCH/9", "name": "Budi"})
    echoed = wrong_page.text.replace(printed.number, "NO/SUCH/9")
    echoed = echoed.replace(quote(printed.number, safe=""), quote("NO/SUCH/9", safe=""))
    assert echoed == missing_page.text  # only the number typed is echoed, in the form
    assert "Manajemen Isu" not in wrong_page.text
    # An erased holder's name cannot be matched: the number is not confirmed either.
    keys = load_key_set(printed.keys)
    erased = printed.world.lsp.verify_certificate(printed.erased, public_key=keys).number
    gone = client.get("/v1/verifications", params={"number": erased, "name": "Kandidat 2"})
    assert gone.json() == missing.json() | {"number": None}
    form = client.get("/verify", params={"lang": "en"})
    assert "<form" in form.text
    assert 'name="number"' in form.text
    half = client.get("/verify", params={"number": printed.number, "lang": "en"})
    assert "Fill in both" in half.text
    assert "Kandidat 0" not in half.text
    # A token is not a number: the look-up never opens one.
    token = client.get("/v1/verifications", params={"number": printed.valid[:120], "name": "x"})
    assert token.status_code == 200
    assert token.json()["status"] == "unknown"


def test_hostile_names_are_escaped(client: TestClient, printed: Printed) -> None:
    page = client.get(f"/v/{printed.hostile}").text
    assert "<script>alert" not in page
    assert html.escape(HOSTILE, quote=False).replace("'", "&#39;") in page or (
        "&lt;script&gt;alert" in page
    )
    looked = client.get("/verify", params={"number": "<b>x</b>", "name": HOSTILE}).text
    assert "<b>x</b>" not in looked
    assert "<script>alert" not in looked
    assert "&lt;b&gt;x&lt;/b&gt;" in looked


def test_lookups_are_rate_limited_per_client(printed: Printed) -> None:
    with _client(printed, verification_lookup_burst=2, verification_lookup_per_minute=1) as client:
        query = {"number": printed.number, "name": "Budi"}
        for _ in range(2):
            assert client.get("/v1/verifications", params=query).status_code == 200
        slowed = client.get("/v1/verifications", params=query)
        assert slowed.status_code == 429
        assert slowed.headers["content-type"].startswith("application/problem+json")
        assert 1 <= int(slowed.headers["retry-after"]) <= 60
        assert slowed.json()["type"] == "/problems/too-many-requests"
        page = client.get("/verify", params={**query, "lang": "en"})
        assert page.status_code == 429
        assert "Too many checks" in page.text
        assert page.headers["retry-after"]
        # Look-ups by token have an allowance of their own.
        assert client.get(f"/v1/verifications/{printed.valid}").status_code == 200


def _request(peer: str, forwarded: str | None = None) -> Request:
    headers = [] if forwarded is None else [(b"x-forwarded-for", forwarded.encode())]
    return Request({"type": "http", "client": (peer, 1234), "headers": headers})


def test_the_client_address_is_believed_only_from_trusted_proxies() -> None:
    trusted = VerificationLimits.from_settings(
        ServiceSettings(trusted_proxies=("127.0.0.1", "10.0.0.0/8"))
    ).trusted
    assert client_address(_request("198.51.100.7"), trusted) == "198.51.100.7"
    # An untrusted peer cannot choose its address by sending the header.
    assert client_address(_request("198.51.100.7", "203.0.113.9"), trusted) == "198.51.100.7"
    # Behind the proxies: the nearest address that is not a proxy, not the client's claim.
    chain = "1.2.3.4, 203.0.113.9, 10.1.1.1"
    assert client_address(_request("127.0.0.1", chain), trusted) == "203.0.113.9"
    assert client_address(_request("127.0.0.1"), trusted) == "127.0.0.1"


def test_the_token_bucket_refills_and_forgets_old_clients() -> None:
    now = [0.0]
    limiter = RateLimiter(burst=2, per_minute=60, clock=lambda: now[0], max_keys=3)
    assert [limiter.take("a") for _ in range(3)] == [0, 0, 1]
    now[0] = 1.0
    assert limiter.take("a") == 0
    for key in ("b", "c", "d"):
        limiter.take(key)
    assert limiter.take("a") == 0  # forgotten (least recently seen), so a full bucket again
    assert normalised_name(" Siti\u00a0NURHALIZA\u200b ") == "siti nurhaliza"


def test_without_keys_the_page_says_so(
    lsp: CertificationBody, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    printed = print_world(lsp, tmp_path)
    monkeypatch.setenv("CERTFLOW_CONFIG", str(printed.profile))
    for name in ("keyset.json", "lsp-signing.pub"):
        (printed.keys / name).unlink(missing_ok=True)
    with _client(printed) as client:
        page = client.get(f"/v/{printed.valid}", params={"lang": "en"})
        assert page.status_code == 503
        assert "public keys cannot be read" in page.text
        assert page.headers["content-type"].startswith("text/html")
        problem = client.get(f"/v1/verifications/{printed.valid}")
        assert problem.status_code == 503
        assert problem.headers["content-type"].startswith("application/problem+json")
        assert client.get("/.well-known/certflow-keys.json").status_code == 503
        # A look-up by number and name needs no keys.
        query = {"number": printed.number, "name": "Kandidat 0"}
        assert client.get("/v1/verifications", params=query).json()["status"] == "valid"


def test_the_service_is_where_the_qr_codes_point(
    printed: Printed, caplog: pytest.LogCaptureFixture
) -> None:
    from certflow.service.app import state_of

    with _client(printed) as client:
        assert isinstance(client.app, FastAPI)
        assert state_of(client.app).base_url == "https://lsp-humas.example.id/verifikasi"
    with (
        caplog.at_level("WARNING", logger="certflow.service"),
        _client(printed, base_url="https://elsewhere.example"),
    ):
        pass
    assert "differs from the profile's verification_url" in caplog.text


def test_behind_a_proxy_prefix_the_pages_links_carry_it(printed: Printed) -> None:
    app = create_app(ServiceSettings(root_path="/verifikasi"), body=printed.world.lsp)
    with TestClient(app, root_path="/verifikasi") as client:
        page = client.get(f"/v/{printed.valid}").text
        assert 'href="/verifikasi/verify/static/verify.css"' in page
        assert 'src="/verifikasi/verify/static/verify.js"' in page
        assert 'action="/verifikasi/verify"' in client.get("/verify").text
    with pytest.raises(InvalidInputError):
        load_settings(root_path="verifikasi/../x")
