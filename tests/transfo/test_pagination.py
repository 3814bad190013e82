"""One pagination for the site (templates/includes/pagination.html): page 2 shows the same
list as page 1, its links keep every filter (issue 23, item 4)."""

import re

import pytest

from collectivites.choices import FamilleMethode
from tests.collectivites.factories import MethodeFactory

pytestmark = pytest.mark.django_db


def links(content):
    nav = re.search(r'<nav class="pagination".*?</nav>', content, re.S).group(0)
    return [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', nav)]


def test_the_next_page_keeps_the_search_and_the_filters(client):
    for _ in range(31):
        MethodeFactory(nom="Atelier prototype", famille=FamilleMethode.PROTOTYPAGE)
    MethodeFactory(nom="Atelier idée", famille=FamilleMethode.IDEATION)
    first = client.get("/methodes/", {"q": "atelier", "famille": "prototypage"}).content.decode()
    assert "Page 1 sur 2" in first
    (next_link,) = links(first)
    assert "q=atelier" in next_link and "famille=prototypage" in next_link
    assert "page=2" in next_link
    second = client.get("/methodes/" + next_link).content.decode()
    assert "Page 2 sur 2" in second
    assert "Atelier idée" not in second
    assert all("famille=prototypage" in link for link in links(second))


def test_a_single_page_has_no_pagination(client):
    MethodeFactory()
    assert 'class="pagination"' not in client.get("/methodes/").content.decode()
