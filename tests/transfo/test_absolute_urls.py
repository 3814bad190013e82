"""One base for every absolute address (issue 22, item 4): the sitemap, canonical links,
feeds and the API start with SITE_URL whatever host the request named; the sitemap lists
every public page type."""

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SITE = "https://la-transfo.example"


@pytest.fixture
def site(settings, demo):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["*"]
    # Wagtail's Site record: the seeded one answers for SITE_URL, as in production.
    from wagtail.models import Site

    Site.objects.filter(is_default_site=True).update(hostname="la-transfo.example", port=443)
    return Client(HTTP_HOST="autre-hote.example")


def test_the_sitemap_lists_every_public_page_type_on_one_base(site):
    content = site.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", content)
    assert locations and all(url.startswith(SITE + "/") for url in locations), [
        url for url in locations if not url.startswith(SITE)
    ][:5]
    paths = {url[len(SITE) :] for url in locations}
    for path in ("/cas/", "/cas/donnees/", "/transfos/", "/transfos/strasbourg/", "/methodes/"):
        assert path in paths, path
    assert len([p for p in paths if p.startswith("/transfos/")]) == 9  # the list and 8 pages
    assert len([p for p in paths if re.fullmatch(r"/methodes/[\w-]+/", p)]) >= 11
    assert not any(p.startswith(("/espace/", "/coordination/", "/comptes/")) for p in paths)


def test_canonical_links_feeds_and_the_api_use_the_same_base(site):
    case = site.get("/cas/").content.decode()
    first = re.search(r'href="(/cas/[\w-]+/)"', case)[1]
    detail = site.get(first).content.decode()
    assert f'<link rel="canonical" href="{SITE}{first}">' in detail
    feed = site.get("/blog/feed/").content.decode()
    assert "autre-hote.example" not in feed and SITE in feed
    api = json.loads(site.get("/api/transfos/").content)
    text = json.dumps(api)
    assert "autre-hote.example" not in text and SITE in text
    robots = site.get("/robots.txt").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
