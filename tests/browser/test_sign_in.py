import pytest

pytestmark = pytest.mark.browser


def test_demo_residente_signs_in_and_reaches_her_espace(live_server, demo, page):
    page.goto(f"{live_server.url}/espace/")
    # Anonymous: sent to the sign-in page first.
    assert "/comptes/login/" in page.url
    assert page.locator("html").get_attribute("lang") == "fr"

    page.get_by_label("E-mail").fill("residente@demo.test")
    page.get_by_label("Mot de passe").fill("transfo-demo")
    page.get_by_role("button", name="Se connecter").click()

    page.wait_for_url(f"{live_server.url}/espace/")
    assert page.get_by_role("heading", level=1).inner_text() == "Bonjour Suzanne"
    card = page.locator(".transfo-card", has_text="Transfo Strasbourg")
    assert card.is_visible()
    assert "Résident·e" in card.inner_text()

    card.get_by_role("link", name="Transfo Strasbourg").click()
    page.wait_for_url(f"{live_server.url}/espace/transfos/strasbourg/")
    assert page.get_by_text("Claire Muller").is_visible()


def test_wrong_password_keeps_the_email_and_explains(live_server, demo, page):
    page.goto(f"{live_server.url}/comptes/login/")
    page.get_by_label("E-mail").fill("residente@demo.test")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_text("sont incorrects").is_visible()
    assert page.get_by_label("E-mail").input_value() == "residente@demo.test"
