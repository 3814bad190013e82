import pytest

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_residente_reads_the_grand_est_ecosystems_then_stops_sharing(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/labo/ecosysteme/")
    page.get_by_role("link", name="Écosystème du territoire").click()

    table = page.get_by_role("table")
    row = table.get_by_role("row", name="Conseil de développement durable")
    assert "Transfo Metz" in row.inner_text()
    assert "Avis et études pour éclairer la métropole" in row.inner_text()
    assert table.get_by_role("row", name="Cabinet du Maire").is_visible()
    # Metz's notes on the actor stay in Metz.
    assert "83 bénévoles" not in page.content()
    assert axe_violations(page) == []

    checkbox = page.get_by_label("Partager notre écosystème avec les autres labos de la région")
    assert checkbox.is_checked()
    checkbox.uncheck()
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Votre écosystème n'est plus partagé.").wait_for()
    assert page.get_by_role("table").count() == 0
    assert axe_violations(page) == []
