"""RGAA: the public and the main private pages pass axe-core (WCAG 2.1 AA) with no serious or
critical violation, as served (Content Security Policy included) to the people who use them."""

import pytest

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/transfos/",
    "/transfos/strasbourg/",
    "/methodes/",
    "/methodes/?famille=enquete",
    "/methodes/immersion-en-trinome/",
    "/comptes/login/",
    "/comptes/password/reset/",
    "/blog/",
    "/blog/?transfo=strasbourg",
    "/blog/session-9-labo-et-cas-pratique/",
    "/retex/",
    "/retex/fiche-02/",
    "/recherche/?q=labo",
    "/confidentialite/",
    "/accessibilite/",
    "/api/docs",
]

PRIVATE_PAGES = {
    "residente@demo.test": [
        "/espace/",
        "/espace/transfos/strasbourg/",
        "/espace/transfos/strasbourg/sessions/",
        "/espace/transfos/strasbourg/sessions/nouvelle/",
        "/espace/transfos/strasbourg/sessions/9/",
        "/espace/transfos/strasbourg/sessions/9/planifier/",
        "/espace/transfos/strasbourg/sessions/9/modifier/",
    ],
    "ambassadrice@demo.test": [
        "/espace/",
        "/espace/transfos/strasbourg/sessions/",
        "/espace/transfos/strasbourg/sessions/9/",
    ],
    "pilote@demo.test": [
        "/espace/transfos/strasbourg/",
        "/espace/transfos/strasbourg/inviter/",
    ],
}


def audit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return axe_violations(page)


def test_public_pages_have_no_serious_accessibility_violation(live_server, demo, page):
    failures = {path: audit(page, live_server.url + path) for path in PUBLIC_PAGES}
    assert not {path: found for path, found in failures.items() if found}


@pytest.mark.parametrize("email", sorted(PRIVATE_PAGES))
def test_private_pages_have_no_serious_accessibility_violation(live_server, demo, page, email):
    sign_in(page, live_server.url, email)
    failures = {path: audit(page, live_server.url + path) for path in PRIVATE_PAGES[email]}
    assert not {path: found for path, found in failures.items() if found}


def test_a_form_with_errors_stays_accessible(live_server, demo, page):
    sign_in(page, live_server.url, "residente@demo.test")
    page.goto(f"{live_server.url}/espace/transfos/strasbourg/sessions/nouvelle/")
    page.get_by_role("button", name="Créer et planifier").click()
    assert page.locator(".errorlist, .form-error, [aria-invalid=true]").count() > 0
    assert axe_violations(page) == []


def test_the_audit_reports_what_it_should(page):
    """The audit itself can fail: an unlabelled field and an image without text are caught."""
    page.set_content(
        '<html lang="fr"><head><title>t</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">'
        "</main></body></html>"
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= found
