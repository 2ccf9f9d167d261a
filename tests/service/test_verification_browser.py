"""The verification page in a real browser: Debian's chromium driven by Playwright.

The service runs on uvicorn on loopback over a SQLite store with printed certificates (one
valid, one revoked, one whose holder's personal data was erased) and a forged token. Each page
is opened in both languages at phone and desktop widths; what a person sees is asserted and a
screenshot kept under ``tests/artifacts/`` (ignored by git; CI keeps them as artefacts). The
offline path: the page loaded once, the browser offline, the page reloaded: the service worker
shows the kept shell, whose script checks the token's Ed25519 signature with WebCrypto.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

import certflow
from certflow import WIB, FixedClock
from certflow.engine import Text
from certflow.testing.actors import appoint_standard_staff
from tests.service.verification_support import NIKS, Printed, print_world

CHROMIUM = os.environ.get("CERTFLOW_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (the dev extra)"
    if not Path(CHROMIUM).exists():
        return f"no chromium at {CHROMIUM} (apt-get install chromium)"
    return None


_PROBLEM = _missing()
if _PROBLEM is not None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true needs the browser tests: {_PROBLEM}", pytrace=False)
    pytest.skip(_PROBLEM, allow_module_level=True)

import uvicorn  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from certflow.service import ServiceSettings, create_app  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Printed]]:
    """The service on uvicorn (a thread) over a SQLite store; its address and the tokens."""
    folder = tmp_path_factory.mktemp("verification")
    lsp = certflow.open(
        f"sqlite:///{folder / 'store.db'}", clock=FixedClock(date(2024, 10, 21), tz=WIB)
    )
    appoint_standard_staff(lsp)
    printed = print_world(lsp, folder)
    printed.world.at(date(2025, 3, 3))
    previous = os.environ.get("CERTFLOW_CONFIG")
    os.environ["CERTFLOW_CONFIG"] = str(printed.profile)
    port = _free_port()
    settings = ServiceSettings(verification_token_burst=1000, verification_lookup_burst=100)
    config = uvicorn.Config(
        create_app(settings, body=lsp), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/health/live", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        pytest.fail("the service did not start on uvicorn within 20 s")
    try:
        yield base, printed
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        lsp.close()
        if previous is None:
            os.environ.pop("CERTFLOW_CONFIG", None)
        else:
            os.environ["CERTFLOW_CONFIG"] = previous


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        opened = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield opened
        opened.close()


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"verification-{name}.png"), full_page=True)


def _said(text: str, lang: str, **values: Any) -> str:
    """What the page says for ``text`` in ``lang`` (the catalog's translation)."""
    return Text(text, **values).render(lang)


CASES = {
    "valid": ("Valid", "Kandidat 0"),
    "revoked": ("Revoked", "Kandidat 1"),
    "erased": ("Valid", None),
    "forged": ("Forged", None),
}


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_person_sees_the_status_in_words(
    served: tuple[str, Printed], browser: Browser, case: str, lang: str, width: str
) -> None:
    base, printed = served
    headline, holder = CASES[case]
    viewport = PHONE if width == "phone" else DESKTOP
    context = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        locale="id-ID" if lang == "id" else "en-GB",
        is_mobile=width == "phone",
        service_workers="block",
    )
    try:
        page = context.new_page()
        response = page.goto(f"{base}/v/{getattr(printed, case)}?lang={lang}")
        assert response is not None
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == lang
        banner = page.locator(".banner")
        assert banner.locator(".headline").inner_text() == _said(headline, lang)
        seen = page.locator("main").inner_text()
        if holder is not None:
            assert page.locator(".holder").inner_text() == holder
            assert printed.number in seen or case != "valid"
            assert "Manajemen Isu" in seen
        if case == "erased":
            note = "The holder's personal data has been erased; the name is no longer kept."
            assert page.locator(".holder").inner_text() == _said(note, lang)
            assert "Kandidat 2" not in seen
        if case == "forged":
            assert page.locator(".holder").count() == 0
            assert "Manajemen Isu" not in seen
        content = page.content()
        for nik in NIKS:
            assert nik not in content
        # Readable on a phone: nothing wider than the screen, the banner in large type.
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= viewport["width"]
        size = banner.locator(".headline").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 24
        # The language switch leads to the same page in the other language.
        other = "en" if lang == "id" else "id"
        assert page.locator(".lang a").get_attribute("href") == f"?lang={other}"
        _shot(page, f"{case}-{lang}-{width}")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_offline_the_signature_is_checked_in_the_browser(
    served: tuple[str, Printed], browser: Browser, lang: str
) -> None:
    base, printed = served
    context = browser.new_context(viewport=PHONE, locale="id-ID" if lang == "id" else "en-GB")  # type: ignore[arg-type]
    try:
        page = context.new_page()
        url = f"{base}/v/{printed.valid}?lang={lang}"
        page.goto(url)
        assert page.locator(".banner .headline").inner_text() == _said("Valid", lang)
        # The service worker has kept the page shell and the keys once it is active.
        assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)") is True
        context.set_offline(True)
        page.reload()
        valid = page.locator('[data-outcome="valid"]')
        valid.wait_for(state="visible", timeout=10_000)
        assert valid.locator(".headline").inner_text() == _said("Signature genuine", lang)
        claims = page.locator("#offline-claims")
        assert claims.locator('[data-claim="n"]').inner_text() == printed.number
        assert claims.locator('[data-claim="s"]').inner_text() == "SKM/TEST/1"
        assert "2027" in claims.locator('[data-claim="u"]').inner_text()
        note = page.locator("#offline-note")
        assert note.is_visible()
        assert note.inner_text() == _said(
            "Checked offline from the certificate's signature: number, scheme and validity "
            "only, not confirmed against the register. Connect to the internet to see whether "
            "it was suspended or revoked.",
            lang,
        )
        assert "Kandidat 0" not in page.content()  # the token holds no name
        _shot(page, f"offline-valid-{lang}")
        # A forged token is caught offline too: its signature does not match.
        page.goto(f"{base}/v/{printed.forged}?lang={lang}")
        forged = page.locator('[data-outcome="forged"]')
        forged.wait_for(state="visible", timeout=10_000)
        assert page.locator("#offline-claims").is_hidden()
        _shot(page, f"offline-forged-{lang}")
        # Online again: the register answers (the revoked certificate reads revoked).
        context.set_offline(False)
        page.goto(f"{base}/v/{printed.revoked}?lang={lang}")
        assert page.locator(".banner .headline").inner_text() == _said("Revoked", lang)
    finally:
        context.close()


def test_the_lookup_form_in_the_browser(served: tuple[str, Printed], browser: Browser) -> None:
    base, printed = served
    context = browser.new_context(viewport=PHONE, locale="en-GB", service_workers="block")
    try:
        page = context.new_page()
        page.goto(f"{base}/verify?lang=en")
        page.fill("#number", printed.number)
        page.fill("#name", "kandidat 0")
        page.click("button[type=submit]")
        assert page.locator(".banner .headline").inner_text() == "Valid"
        assert page.locator(".holder").inner_text() == "Kandidat 0"
        _shot(page, "lookup-en-phone")
        page.fill("#name", "Budi")
        page.click("button[type=submit]")
        assert page.locator(".banner .headline").inner_text() == "Not found"
        assert page.locator(".holder").count() == 0
    finally:
        context.close()
