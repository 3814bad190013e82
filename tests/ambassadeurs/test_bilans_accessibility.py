"""Every form control of the bilans pages has a label, and headings go down one level at a time."""

import pytest

from ambassadeurs.choices import Visibilite
from tests.ambassadeurs.factories_bilans import (
    BilanFactory,
    BilanPersonnelFactory,
    answer_all,
    collective_answer,
)
from tests.ambassadeurs.test_accessibility import Page


@pytest.fixture
def urls(transfo, ambassadeur, peer, resident):
    bilan = BilanFactory(transfo=transfo)
    copie = BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur, visibilite=Visibilite.GROUPE)
    answer_all(copie, "## Un titre dans une réponse")
    collectif = BilanFactory(transfo=transfo, collectif=True)
    question = collectif.questions.first()
    collective_answer(question, "Réponse du groupe", resident)
    base = "/espace/transfos/strasbourg/bilans/"
    return {
        ambassadeur: [
            "/espace/carnet/",
            base,
            f"{base}{bilan.pk}/",
            f"{base}{bilan.pk}/repondre/",
            copie.get_absolute_url(),
            f"{copie.get_absolute_url()}visibilite/",
            f"{base}{collectif.pk}/",
            f"{base}questions/{question.pk}/",
        ],
        resident: [
            base,
            f"{base}nouveau/",
            f"{base}{bilan.pk}/",
            f"{base}{bilan.pk}/modifier/",
            copie.get_absolute_url(),
        ],
    }


def test_every_control_has_a_label_and_headings_are_in_order(client, urls):
    for user, pages in urls.items():
        client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            page = Page(response.content.decode())
            assert all(control and control in page.labels for control in page.controls), url
            assert page.headings[0] == 1, url
            for previous, current in zip(page.headings, page.headings[1:], strict=False):
                assert current <= previous + 1, (url, page.headings)
