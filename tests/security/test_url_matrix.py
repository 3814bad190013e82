"""Every URL of the project, requested as every role, against the demo's real objects.

The expected answers are in `url_matrix.py` beside this file, one row per route: a route
missing from the table (a new view nobody thought about) fails, and so does a row whose
route no longer exists. The Wagtail and Django admins are checked as a family: none of
their routes opens for anyone who is not an editor, a coordinator or staff.

To review the table after adding routes: `URL_MATRIX_WRITE=1 pytest tests/security/test_url_matrix.py`
rewrites it from what the platform answers; read the diff row by row before committing it,
the invariants below still have to hold.
"""

import os
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.security import url_matrix
from tests.security.url_matrix import ADMIN_PREFIXES, EXPECTED, ROLES


def routes(patterns=None, prefix=""):
    """(route, pattern) for every URL pattern of the project, included ones too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


# Routes whose parameters are not objects of the demo: what to request instead.
FIXED_URLS = {
    # Wagtail's page tree: the private section of Strasbourg's capot ouvert.
    "^((?:[\\w\\-]+/)*)$": "/capot-ouvert/strasbourg/",
    "^media/(?P<path>.*)$": "/media/absent.jpg",
}


def url_for(route, segments):
    """The route with its parameters filled from the demo's objects (by preceding segment)."""
    if route in FIXED_URLS:
        return FIXED_URLS[route]
    # Wagtail's password forms of the demo's real restrictions (none is a password one).
    if route == "documents/authenticate_with_password/<int:restriction_id>/":
        return f"/documents/authenticate_with_password/{segments['restriction_document']}/"
    if route == "charte-n1/<int:pk>/<str:token>/":  # the N+1's link, with a forged token
        return f"/charte-n1/{segments['charte-n1']}/jeton-invente/"
    if route.startswith("_util/authenticate_with_password/"):
        return f"/_util/authenticate_with_password/{segments['restriction_page']}/"
    if route.startswith("comptes/^"):  # allauth's keyed links: a key nobody holds
        return "/comptes/" + (
            "confirm-email/cle-inconnue/"
            if "confirm-email" in route
            else "password/reset/key/1-cle-inconnue/"
        )
    # Wagtail's document view, and the same pattern protected by transfo.files (first).
    if route in ("documents/^(\\d+)/(.*)$", "^documents/(\\d+)/(.*)$"):
        return f"/documents/{segments['documents']}"
    parts = route.replace(".ics", "/.ics").split("/")
    url = []
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part.strip("<>").split(":")[-1]
            previous = parts[index - 1] if index else ""
            if name == "cas_slug":
                previous = "cas"
            if previous not in segments:
                raise LookupError(f"{route}: no demo object for a parameter after {previous!r}")
            url.append(str(segments[previous]))
        else:
            url.append(part)
    return "/" + "/".join(url).replace("/.ics", ".ics")


def admin_url(route):
    """An admin route with placeholder parameters: only its gate is checked."""
    parts = []
    for part in route.split("/"):
        if part.startswith("<"):
            parts.append("1" if part.startswith(("<int:", "<pk")) else "x")
        else:
            parts.append(part)
    url = "/" + "/".join(parts)
    if "^" in url or "(?P" in url or "$" in url:
        return None  # regular-expression routes of the Django admin: covered by their family
    return url


def answer(client, url):
    """Status and redirect target of a GET; file responses are closed, not leaked."""
    response = client.get(url)
    response.close()
    return response.status_code, response.get("Location", "")


def observe(world):
    """What each role gets on every route (a GET, following no redirect)."""
    clients = {"anonymous": Client()}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    observed, admin_observed = {}, {}
    for route, _pattern in routes():
        if route.startswith(ADMIN_PREFIXES):
            url = admin_url(route)
            if url is None:
                continue
            for role in ("anonymous", "amb_a", "amb_other", "pilote"):
                admin_observed[(route, role)] = answer(clients[role], url)
            continue
        try:
            segments = world["segments"]
            if route.startswith(("cas/", "api/")):
                segments = {**segments, **world["public_segments"]}
            url = url_for(route, segments)
        except LookupError as error:
            observed[route] = str(error)
            continue
        observed[route] = " ".join(str(answer(clients[role], url)[0]) for role in ROLES)
    return observed, admin_observed


# allauth's MFA pages and the admins read optional variables; the platform's own templates
# are held to --fail-on-template-vars by their own tests.
@pytest.mark.ignore_template_errors
def test_every_route_answers_every_role_as_the_table_says(demo_world):
    observed, admin_observed = observe(demo_world)

    if os.environ.get("URL_MATRIX_WRITE"):
        path = Path(url_matrix.__file__)
        head = path.read_text().split("# fmt: off")[0]
        rows = "".join(
            f"    {route!r}: {answer!r},\n" for route, answer in sorted(observed.items())
        )
        path.write_text(f"{head}# fmt: off\nEXPECTED = {{\n{rows}}}\n# fmt: on\n")
        pytest.skip("url_matrix.py rewritten: review its diff")

    missing = sorted(set(observed) - set(EXPECTED) - set(url_matrix.DEBUG_ONLY))
    stale = sorted(set(EXPECTED) - set(observed) - set(url_matrix.DEBUG_ONLY))
    wrong = {
        route: f"expected {EXPECTED[route]!r}, got {answer!r}"
        for route, answer in observed.items()
        if route in EXPECTED and EXPECTED[route] != answer
    }
    assert missing == [], "routes missing from tests/security/url_matrix.py"
    assert stale == [], "rows of url_matrix.py whose route no longer exists"
    assert wrong == {}

    # The admins open for no one but editors, coordinators and staff.
    opened = {
        key: (status, location)
        for key, (status, location) in admin_observed.items()
        if (status == 200 and key[0] not in url_matrix.ADMIN_ASSETS)
        or (key[1] == "anonymous" and not location.startswith(url_matrix.SIGN_IN_URLS))
    }
    assert opened == {}, sorted(opened)


def test_the_table_keeps_the_invariants_of_privacy():
    """Read without the platform: the table itself never grants what must be refused."""
    column = {role: index for index, role in enumerate(ROLES)}
    for route, answers in EXPECTED.items():
        codes = answers.split()
        assert len(codes) == len(ROLES), route
        if route.startswith("espace/"):
            # Private space: anonymous is sent to sign in.
            assert codes[column["anonymous"]] == "302", route
        if route.startswith("espace/transfos/"):
            # Strasbourg's space: Metz and the editor (no Transfo) never see it.
            assert codes[column["amb_other"]] in {"404", "405"}, route
            assert codes[column["editor"]] in {"404", "405"}, route
        if route.startswith("espace/carnet/<int:pk>"):
            # A private entry: its author only, not her peer, not even staff.
            for role in ROLES:
                if role != "amb_a":
                    assert codes[column[role]] in {"302", "404", "405"}, (route, role)
        if route.startswith("coordination/"):
            for role in ("anonymous", "amb_a", "amb_b", "amb_other", "resident", "pilote"):
                assert codes[column[role]] != "200", (route, role)
