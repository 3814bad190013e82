"""Without a browser: every control of the labo pages has a label, ids are unique, headings
go down one level at a time, and nothing inline would break the Content Security Policy."""

from html.parser import HTMLParser

import pytest

from labos.choices import CleSection
from tests.labos.factories import ActeurFactory, EchangeTempsFactory, PrioriteFactory, RevueFactory


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.controls, self.labels, self.ids, self.headings = [], set(), [], []
        self.inline = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "style" in attrs or (tag == "script" and "src" not in attrs) or tag == "style":
            self.inline.append(tag)
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id"))
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in {"h1", "h2", "h3", "h4", "h5"}:
            self.headings.append(int(tag[1]))


@pytest.fixture
def urls(plan, transfo, resident):
    section = next(s for s in plan.sections_by_cle() if s.cle == CleSection.RECIT)
    section.save_text("Un récit.", version=0, user=resident)
    plan.interventions.create(nom="Immersion", jours_homme=2)
    v1 = plan.freeze(user=resident)
    plan.freeze(user=resident)
    RevueFactory(version=v1, auteur=resident)
    plan.publish(True)
    PrioriteFactory(transfo=transfo)
    acteur = ActeurFactory(transfo=transfo)
    EchangeTempsFactory(transfo=transfo)
    labo = "/espace/transfos/strasbourg/labo/"
    return [
        labo,
        f"{labo}sections/recit/",
        f"{labo}versions/1/",
        f"{labo}comparer/",
        f"{labo}priorites/",
        f"{labo}priorites/ajouter/",
        f"{labo}ecosysteme/",
        f"{labo}ecosysteme/ajouter/",
        f"{labo}ecosysteme/{acteur.pk}/",
        f"{labo}ecosysteme/{acteur.pk}/historique/",
        f"{labo}banque-de-temps/",
        f"{labo}banque-de-temps/ajouter/",
        "/transfos/strasbourg/labo/",
    ]


def test_labo_pages_are_labelled_and_well_structured(client, coordinateur, urls):
    client.force_login(coordinateur)
    for url in [*urls, "/espace/labos/spectres/", "/espace/labos/ecosystemes/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = Page(response.content.decode())
        unlabelled = [c for c in page.controls if c not in page.labels]
        assert not unlabelled, (url, unlabelled)
        duplicates = {i for i in page.ids if page.ids.count(i) > 1}
        assert not duplicates, (url, duplicates)
        assert page.headings[0] == 1, url
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (url, page.headings)
        assert not page.inline, (url, page.inline)
