"""Every form control of the Intertransfo pages has a label, ids are unique, and headings
go down one level at a time."""

from html.parser import HTMLParser

import pytest

from labos.models import Plan
from tests.intertransfo.factories import AtelierFactory, MomentFactory, PropositionFactory

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.controls, self.labels, self.headings, self.ids = [], set(), [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "checkbox",
        }:
            self.controls.append(attrs.get("id"))
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(int(tag[1]))


PAGES = [
    ("ambassadeur", "/espace/intertransfos/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/programme/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/ateliers/1/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/restitution/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/foire/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/labos/"),
    ("ambassadeur", "/espace/intertransfos/n6-strasbourg/priorites/"),
    ("ambassadeur", "/espace/chatroulette/"),
    ("coordinateur", "/coordination/intertransfos/"),
    ("coordinateur", "/coordination/intertransfos/n6-strasbourg/"),
    ("coordinateur", "/coordination/intertransfos/nouvelle/"),
    ("coordinateur", "/coordination/chatroulette/"),
]


@pytest.mark.parametrize("who, url", PAGES)
def test_page_is_labelled_and_well_structured(
    client_for, intertransfo, register, ambassadeur, transfo, resident, who, url
):
    register(intertransfo, ambassadeur, transfo)
    MomentFactory(intertransfo=intertransfo)
    PropositionFactory(atelier=AtelierFactory(intertransfo=intertransfo, numero=1))
    plan = Plan.for_transfo(transfo)
    plan.freeze(user=resident)
    response = client_for(who).get(url)
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert [c for c in page.controls if c not in page.labels] == []
    assert len(page.ids) == len(set(page.ids))
    assert page.headings[0] == 1
    for previous, current in zip(page.headings, page.headings[1:], strict=False):
        assert current <= previous + 1
