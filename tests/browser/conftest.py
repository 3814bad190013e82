"""Browser journeys in Debian's headless Chromium, driven by Playwright (no downloaded browser)."""

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import load_demo

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_path():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}: install Debian's `chromium` package"
        if os.environ.get("CI"):
            pytest.fail(f"{message} (browser journeys must run in CI).")
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # alongside it are plain synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
# RGAA follows WCAG 2.1 AA; axe's "best-practice" rules are advice, not the standard.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def page(browser):
    """A fresh browser tab that fails its test if the page breaks the Content Security Policy."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp_violations = []
    page.on(
        "console",
        lambda message: (
            csp_violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert not csp_violations, f"Content Security Policy violations: {csp_violations}"


DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def sign_in(page, base, email, password="transfo-demo", *, totp=False):
    """Sign in through the real form as a demo account (with the demo TOTP code for the
    accounts that have two-factor authentication); lands on /espace/."""
    page.goto(f"{base}/comptes/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    if totp:
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        page.wait_for_url(f"{base}/comptes/2fa/authenticate/")
        # A code is valid in its 30 s window only (no tolerance): near a window's end, wait
        # for the next one, or a loaded machine submits it after it expired.
        if time.time() % 30 > 24:
            time.sleep(30 - time.time() % 30 + 0.5)
        counter = int(time.time()) // 30
        page.get_by_label("Code").fill(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
        page.locator("main button[type=submit]").first.click()
    page.wait_for_url(f"{base}/espace/")


def axe_violations(page, impacts=("serious", "critical")):
    """axe-core's WCAG 2.1 AA violations of the current page at the given impacts.

    axe is evaluated through the DevTools protocol, which the page's CSP does not govern,
    so the page is audited exactly as the platform serves it.
    """
    page.evaluate(AXE_SOURCE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in result["violations"]
        if violation["impact"] in impacts
    ]


@pytest.fixture
def demo(transactional_db, demo_snapshot, settings):
    """The demo data of seed_demo (seeded once for the session), committed in a database
    the live server shares."""
    load_demo(demo_snapshot, settings)
