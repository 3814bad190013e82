"""WCAG 1.4.10 Reflow (RGAA 10.11): every page of the URL matrix, as each role that may open
it sees it, fits a 320 px wide screen without scrolling the page sideways. Wide tables
scroll inside their own box, which does not widen the page."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import sign_in
from tests.security.conftest import demo_world  # noqa: F401 (the fixture, asked by name)
from tests.security.test_url_matrix import routes, url_for
from tests.security.url_matrix import ADMIN_PREFIXES, DEBUG_ONLY, ROLES

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}

# Each page is looked at by every role it opens for (200, HTML): the navigation and the
# page's tools differ by role, and so does the width they need.
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def html_pages(world):
    """{role: [url, ...]}: the routes of the matrix that answer the role a page of HTML."""
    clients = {"anonymous": Client()}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    pages = {role: [] for role in ROLES}
    for route, _pattern in routes():
        if route.startswith(ADMIN_PREFIXES) or route in DEBUG_ONLY:
            continue
        segments = world["segments"]
        if route.startswith(("cas/", "api/")):
            segments = {**segments, **world["public_segments"]}
        url = url_for(route, segments)
        for role in ROLES:
            response = clients[role].get(url)
            response.close()
            if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
                pages[role].append(url)
    return pages, clients


def too_wide(browser, base, session_key, urls):
    """{url: "scrollWidth > innerWidth"} of the pages wider than the phone."""
    context = browser.new_context(locale="fr-FR", viewport=PHONE)
    if session_key:
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session_key, "url": base}]
        )
    page = context.new_page()
    page.set_default_timeout(15_000)
    wide = {}
    for url in urls:
        page.goto(base + url)
        scroll_width, inner_width = page.evaluate(PAGE_WIDTH)
        if scroll_width > inner_width:
            wide[url] = f"{scroll_width} > {inner_width}"
    context.close()
    return wide


@pytest.mark.ignore_template_errors  # allauth's MFA pages read optional variables
def test_every_page_fits_a_320_px_phone_as_every_role_sees_it(live_server, browser, request):
    pages, clients = html_pages(request.getfixturevalue("demo_world"))
    assert len(pages["anonymous"]) > 20 and len(pages["coordinateur"]) > 60

    failures = {}
    for role in ROLES:
        session = clients[role].cookies.get(settings.SESSION_COOKIE_NAME)
        wide = too_wide(browser, live_server.url, session and session.value, pages[role])
        failures.update({f"{role} {url}": width for url, width in wide.items()})
    assert not failures, "pages wider than 320 px:\n" + "\n".join(
        f"  {page}: {width}" for page, width in sorted(failures.items())
    )


@pytest.mark.parametrize("width", [320, 1366])
def test_the_main_navigation_is_reachable_on_a_phone_and_a_wide_screen(
    live_server, demo, page, width
):
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server.url, "ambassadrice@demo.test")
    nav = page.get_by_role("navigation", name="Navigation principale")
    if width < 768:
        # On a phone the menu is folded behind one button, as in the DSFR and GOV.UK.
        toggle = nav.get_by_role("button", name="Menu")
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    for name in ("Mon espace", "Mon carnet"):
        link = nav.get_by_role("link", name=name)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= width, name


def test_a_full_programme_and_its_planner_fit_a_phone(live_server, demo, page):
    """The demo's session 9 (two days, long titles and method names): the planner's grid items
    overflowed 320 px by 12 px before they were allowed to shrink (issue 21, item 1)."""
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "residente@demo.test")
    for path in ("sessions/9/planifier/", "sessions/9/"):
        page.goto(f"{live_server.url}/espace/transfos/strasbourg/{path}")
        scroll_width, inner_width = page.evaluate(PAGE_WIDTH)
        assert scroll_width <= inner_width, f"{path}: {scroll_width} > {inner_width}"
        # The block's text has the phone's width, not a column beside its times.
        title = page.locator(".bloc__title").first.bounding_box()
        assert title["width"] > 200, path
