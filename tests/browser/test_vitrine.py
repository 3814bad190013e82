import contextlib
import re

import pytest

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_reader_filters_searches_and_downloads_a_livrable(live_server, demo, page, tmp_path):
    base = live_server.url
    page.goto(f"{base}/cas/")
    page.get_by_role("checkbox", name=re.compile(r"^Transfo Mulhouse")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Commande d'un décideur")).check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r".*transfo=mulhouse.*mode_saisine=commande_decideur"))
    assert page.get_by_role("heading", name="1 cas").is_visible()
    assert page.get_by_role("link", name="La carte Max").count() == 0

    page.get_by_label("Rechercher dans les cas").fill("mégots")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r".*q=m%C3%A9gots.*"))
    assert "transfo=mulhouse" in page.url  # the filters stay in the shareable URL
    page.get_by_role("link", name="Les mégotiers").click()
    page.wait_for_url(f"{base}/cas/les-megotiers/")
    assert page.get_by_role("heading", name="Les mégotiers", level=1).is_visible()
    assert page.get_by_text("Compte rendu interne des tests").count() == 0  # a private livrable

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Les mégotiers : la fiche du cas").click()
    download = download_info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert download.suggested_filename.endswith(".pdf")
    assert path.read_bytes().startswith(b"%PDF-")


PUBLIC_PAGES = [
    "/cas/",
    "/cas/?transfo=mulhouse&mode_saisine=commande_decideur&q=m%C3%A9gots",
    "/cas/?transfo=mulhouse&q=inscriptions",
    "/cas/les-megotiers/",
    "/cas/donnees/",
]
PRIVATE_PAGES = [
    "/espace/transfos/strasbourg/cas/",
    "/espace/transfos/strasbourg/cas/le-comptoir-des-services/",
    "/espace/transfos/strasbourg/cas/le-comptoir-des-services/modifier/",
    "/espace/transfos/strasbourg/cas/le-comptoir-des-services/apercu/",
    "/espace/transfos/strasbourg/cas/le-comptoir-des-services/renvoyer/",
    "/espace/transfos/strasbourg/cas/le-comptoir-des-services/livrables/ajouter/",
    "/espace/transfos/strasbourg/cas/le-comptoir-des-services/contacts/ajouter/",
]


def audit(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    return axe_violations(page)


def test_vitrine_and_case_pages_pass_the_accessibility_audit(live_server, demo, page):
    public = {path: audit(page, live_server.url + path) for path in PUBLIC_PAGES}
    assert not {path: found for path, found in public.items() if found}
    sign_in(page, live_server.url, "residente@demo.test")
    private = {path: audit(page, live_server.url + path) for path in PRIVATE_PAGES}
    assert not {path: found for path, found in private.items() if found}


def test_on_a_phone_the_results_come_first_and_the_filters_apply_as_they_change(
    live_server, demo, page
):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/cas/")
    count = page.get_by_role("heading", name=re.compile(r"^\d+ cas$"))
    total = int(count.inner_text().split()[0])
    # The results start on the first screen; the filters wait behind one button.
    assert count.bounding_box()["y"] < 844
    mulhouse = page.get_by_role("checkbox", name=re.compile(r"^Transfo Mulhouse"))
    assert not mulhouse.is_visible()
    page.locator("summary", has_text="Filtres").click()

    # A filter applies as it is checked, no "Filtrer" needed; the URL keeps it and the count
    # is said in a live region.
    mulhouse.check()
    page.wait_for_url(re.compile(r".*transfo=mulhouse"))
    status = page.get_by_role("status").filter(has_text=re.compile(r"\d+ cas"))
    assert status.inner_text() == count.inner_text()
    assert int(count.inner_text().split()[0]) < total
    assert page.get_by_role("link", name="Les inscriptions scolaires").count() == 0
    assert mulhouse.is_checked() and mulhouse.is_visible()  # the panel stays open
    page.get_by_label("Trier par").select_option(index=1)
    page.wait_for_url(re.compile(r".*tri=.*transfo=mulhouse|.*transfo=mulhouse.*tri="))

    # The back button goes back through the states, and a shared URL opens on the same one.
    page.go_back()
    page.wait_for_url(re.compile(r".*transfo=mulhouse"))
    page.go_back()
    page.wait_for_url(f"{base}/cas/")
    assert count.inner_text() == f"{total} cas"
    page.goto(f"{base}/cas/?transfo=mulhouse")
    assert page.get_by_role("link", name="Les inscriptions scolaires").count() == 0
    assert axe_violations(page) == []


def test_without_javascript_the_vitrine_filters_with_its_button(live_server, demo, browser):
    context = browser.new_context(
        locale="fr-FR", java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/cas/")
    page.locator("summary", has_text="Filtres").click()
    page.get_by_role("checkbox", name=re.compile(r"^Transfo Mulhouse")).check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r".*transfo=mulhouse"))
    assert page.get_by_role("link", name="Les inscriptions scolaires").count() == 0
    context.close()


def test_a_slow_answer_never_undoes_a_filter_ticked_after_it(live_server, demo, page):
    """Two filters ticked faster than the server answers: the late answer of the first must not
    come back over the second (the box unticked, the results and the URL of the first)."""
    held = []

    def hold_the_first(route):
        if route.request.headers.get("hx-request") and not held:
            held.append(route)  # answered only after the second request
        else:
            route.continue_()

    page.goto(f"{live_server.url}/cas/")
    page.route(re.compile(r".*/cas/\?.*"), hold_the_first)
    page.get_by_role("checkbox", name=re.compile(r"^Transfo Mulhouse")).check()
    second = page.get_by_role("checkbox", name=re.compile(r"^Commande d'un décideur"))
    second.check()
    page.wait_for_url(re.compile(r".*transfo=mulhouse.*mode_saisine=commande_decideur"))
    page.wait_for_load_state("networkidle")
    assert held, "the first request was not seen"
    with contextlib.suppress(Exception):  # aborted by the second request, as it should be
        held[0].continue_()
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")

    assert page.get_by_role("checkbox", name=re.compile(r"^Commande d'un décideur")).is_checked()
    assert "mode_saisine=commande_decideur" in page.url
    assert page.get_by_role("heading", name="1 cas").is_visible()
