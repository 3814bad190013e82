"""The coordination runs this month's chat'roulette round from its page on a phone
(issue 21, item 8)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_the_coordination_runs_the_round_from_its_page(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "coordination@demo.test", totp=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{base}/coordination/chatroulette/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Faire le tour de ce mois maintenant").click()
    expect(page.get_by_text("Tour fait :")).to_be_visible()
    expect(page.get_by_role("button", name="Faire le tour de ce mois maintenant")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    page.goto(f"{base}/espace/chatroulette/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
