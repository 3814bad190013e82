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


def test_people_who_joined_later_are_not_in_a_past_sessions_grid(live_server, demo, page):
    """Issue 19, item 8: three people imported with a January 2027 entry were listed in the
    grid of session 11 (October 2019), and touching any cell recorded them absent: 19/32
    became 19/35 and each had "1 absence"."""
    from datetime import date

    from collectivites.choices import Role
    from collectivites.models import Participation, Transfo
    from tests.collectivites.factories import UserFactory

    strasbourg = Transfo.objects.get(slug="strasbourg")
    newcomers = ["Nouvelle Arrivée", "Nouveau Venu", "Nouvelle Recrue"]
    for name in newcomers:
        Participation.objects.create(
            user=UserFactory(full_name=name),
            transfo=strasbourg,
            role=Role.AMBASSADEUR,
            date_entree=date(2027, 1, 4),
        )
    (before,) = [t for t in Presence.objects.rate_by_session(strasbourg) if t.numero == 11]

    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/presences/sessions/11/")
    grid = page.locator("table")
    for name in newcomers:
        expect(grid).not_to_contain_text(name)
    day1 = page.get_by_label("Sébastien Klein présent·e le jour 1")
    day1.check()
    expect(page.locator("#grille-statut")).to_have_text(
        "Enregistré : Sébastien Klein présent·e le jour 1."
    )

    page.goto(f"{base}/espace/transfos/strasbourg/presences/")
    row = page.get_by_role("row", name="n°11")
    expect(row).to_contain_text(f"{before.presents + 1} / {before.total}")
    for name in newcomers:
        expect(page.get_by_role("row", name=name)).to_contain_text("Pas encore de présence saisie.")
    assert not Presence.objects.filter(participation__user__full_name__in=newcomers).exists()
