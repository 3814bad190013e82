"""The coordinator opens the dashboard with the demo's eight Transfos, sorts it by attendance,
opens a Transfo's page and downloads the dashboard's CSV; both pages pass axe-core."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def presence_rates(page):
    """The attendance rates of the dashboard's rows, in their order (None: no rate)."""
    texts = page.locator(
        "td[data-indicateur=presence] .indicateurs-table__valeur"
    ).all_inner_texts()
    return [int(text.split()[0]) if text.strip() != "—" else None for text in texts]


def none_last(rate):
    return (rate is None, rate or 0)


def test_coordinator_sorts_the_dashboard_opens_a_transfo_and_exports(
    live_server, demo, page, tmp_path
):
    base = live_server.url
    sign_in(page, base, "coordination@demo.test", totp=True)
    page.get_by_role("link", name="Coordination", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tableau de bord des Transfos")
    rows = page.locator("table.indicateurs-table tbody tr")
    expect(rows).to_have_count(8)
    assert axe_violations(page) == []
    # Dunkerque hosted the Intertransfo of 26 January 2018: it took part in it.
    dunkerque = rows.filter(has_text="Transfo Dunkerque").locator(
        "td[data-indicateur=intertransfo] .indicateurs-table__valeur"
    )
    expect(dunkerque).to_contain_text("Dunkerque, 26 janvier 2018")

    page.get_by_role("link", name="Présence (3 dernières sessions)").click()
    page.wait_for_url("**/coordination/?tri=presence")
    expect(page.locator("th[aria-sort=ascending]")).to_contain_text("Présence")
    assert presence_rates(page) == sorted(presence_rates(page), key=none_last)
    assert presence_rates(page)[0] is not None  # Strasbourg's group records its attendance
    page.get_by_role("link", name="Présence (3 dernières sessions)").click()
    page.wait_for_url("**/coordination/?tri=-presence")
    expect(page.locator("th[aria-sort=descending]")).to_contain_text("Présence")
    rates = presence_rates(page)
    known = [rate for rate in rates if rate is not None]
    assert known == sorted(known, reverse=True)
    assert rates == known + [None] * (len(rates) - len(known))  # no rate: last either way

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Exporter en CSV").click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    text = path.read_text(encoding="utf-8-sig")
    assert text.startswith("Transfo;Collectivité;Début;Fin;")
    assert len(text.splitlines()) == 9

    page.get_by_role("link", name="Transfo Strasbourg", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Transfo Strasbourg : les indicateurs"
    )
    expect(page.get_by_role("heading", name="Présence aux sessions")).to_be_visible()
    expect(page.locator("figure svg")).to_have_count(3)
    assert axe_violations(page) == []


def test_coordinator_filters_the_dashboard_on_a_phone_and_keeps_the_transfo_in_view(
    live_server, demo, page
):
    """Issue 21, item 8: filters in a shareable URL with the count, the Transfo column kept
    in view while the table scrolls in its box, nothing wider than a 320 px phone."""
    base = live_server.url
    sign_in(page, base, "coordination@demo.test", totp=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base + "/coordination/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_label("Statut").select_option(label="Terminée")
    page.get_by_label("Niveaux").select_option("orange")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**/coordination/?statut=terminee&niveau=orange*")
    rows = page.locator("table.indicateurs-table tbody tr:has(th[scope=row])")
    count = rows.count()
    assert count > 0
    expect(page.get_by_role("status").filter(has_text="répond")).to_contain_text(f"{count} ")
    for index in range(count):
        alert = rows.nth(index).locator("[data-niveau=rouge], [data-niveau=orange]")
        expect(alert.first).to_be_attached()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
    # The table scrolls in its own box; the Transfo's name stays at its left edge.
    box = page.locator(".table-wrap").first
    name = rows.first.locator("th[scope=row]")
    before = name.bounding_box()["x"]
    box.evaluate("box => { box.scrollLeft = 600; }")
    assert box.evaluate("box => box.scrollLeft") > 0
    assert abs(name.bounding_box()["x"] - before) < 1
    export = page.get_by_role("link", name="Exporter ces Transfos en CSV")
    assert "statut=terminee" in export.get_attribute("href")
    assert "niveau=orange" in export.get_attribute("href")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
