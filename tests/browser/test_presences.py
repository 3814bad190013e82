"""The demo résidente records attendance for a session day in the grid, with the keyboard
only (Tab and Space), reloads the page and finds it saved."""

import pytest
from playwright.sync_api import expect

from ambassadeurs.models import Presence
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_residente_records_attendance_with_the_keyboard(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/")
    page.get_by_role("link", name="Présences et météo").click()
    page.wait_for_url(f"{base}/espace/transfos/strasbourg/presences/")
    expect(page.locator("#a-relancer + p + ul")).to_contain_text("Sébastien Klein")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Session n°11 : Le plan du labo").click()
    page.wait_for_url(f"{base}/espace/transfos/strasbourg/presences/sessions/11/")
    assert axe_violations(page) == []
    day1 = page.get_by_label("Sébastien Klein présent·e le jour 1")
    day2 = page.get_by_label("Sébastien Klein présent·e le jour 2")
    expect(day1).not_to_be_checked()
    expect(day2).not_to_be_checked()

    day1.focus()
    page.keyboard.press("Space")
    expect(page.locator("#grille-statut")).to_have_text(
        "Enregistré : Sébastien Klein présent·e le jour 1."
    )
    page.keyboard.press("Tab")
    expect(day2).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("#grille-statut")).to_have_text(
        "Enregistré : Sébastien Klein présent·e le jour 2."
    )

    page.reload()
    expect(page.get_by_label("Sébastien Klein présent·e le jour 1")).to_be_checked()
    expect(page.get_by_label("Sébastien Klein présent·e le jour 2")).to_be_checked()
    assert (
        Presence.objects.filter(
            jour__session__numero=11,
            jour__session__transfo__slug="strasbourg",
            participation__user__email="sebastien.klein@demo.test",
            present=True,
        ).count()
        == 2
    )
