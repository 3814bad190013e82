"""« Montre-moi où en est ton labo » and the end-of-day priorities, stored in the labos app."""

import pytest

from labos.choices import TypeRevue
from labos.models import Plan, Priorite, Revue

pytestmark = pytest.mark.django_db

URL = "/espace/intertransfos/n6-strasbourg/"


@pytest.fixture
def version(transfo, resident):
    plan = Plan.for_transfo(transfo)
    plan.nom = "Le labo de Strasbourg"
    plan.save()
    plan.freeze(user=resident)
    return plan.freeze(user=resident)  # v2, the one shown


def test_participant_reviews_the_last_plan_version(
    client_for, intertransfo, version, register, other_member, other_transfo
):
    register(intertransfo, other_member, other_transfo)
    client = client_for("other_member")
    response = client.post(
        f"{URL}labos/",
        {
            "version": version.pk,
            f"v{version.pk}-type": TypeRevue.INSPIRANT,
            f"v{version.pk}-texte": "Le principe des « labos éphémères »",
        },
    )
    assert response.status_code == 302
    revue = Revue.objects.get()
    assert (revue.version, revue.auteur, revue.type) == (version, other_member, TypeRevue.INSPIRANT)
    assert revue.contexte == "Intertransfo n°6, Strasbourg, 15 mai 2026"
    html = client.get(f"{URL}labos/").content.decode()
    assert "Le + inspirant" in html and "Le principe des « labos éphémères »" in html


def test_review_needs_a_registered_participant(client_for, intertransfo, version):
    response = client_for("other_member").post(
        f"{URL}labos/",
        {"version": version.pk, f"v{version.pk}-type": "risque", f"v{version.pk}-texte": "Non"},
    )
    assert response.status_code == 403
    assert not Revue.objects.exists()


def test_labo_without_frozen_version_says_so(client_for, intertransfo, transfo):
    Plan.for_transfo(transfo)
    html = client_for("ambassadeur").get(f"{URL}labos/").content.decode()
    assert "pas encore de version figée" in html


def test_reviews_read_inspirant_then_risque_then_question(
    client_for, intertransfo, version, resident, register, ambassadeur, transfo
):
    register(intertransfo, ambassadeur, transfo)
    # Written in the order the alphabet would put them in, the wrong one.
    for kind, texte in [
        (TypeRevue.QUESTION, "Qui portera le labo ?"),
        (TypeRevue.INSPIRANT, "Les labos éphémères"),
        (TypeRevue.RISQUE, "Le portage politique flottant"),
    ]:
        Revue.objects.create(
            version=version, type=kind, texte=texte, auteur=resident, contexte=intertransfo.contexte
        )
    html = client_for("ambassadeur").get(f"{URL}labos/").content.decode()
    headings = [html.index(f"<h3>{label}</h3>") for label in TypeRevue.labels]
    assert headings == sorted(headings)
    texts = ["Les labos éphémères", "Le portage politique flottant", "Qui portera le labo ?"]
    assert [html.index(t) for t in texts] == sorted(html.index(t) for t in texts)
    # The form offers them in the same order.
    options = [html.index(f'value="{kind}"') for kind in TypeRevue.values]
    assert options == sorted(options)


def test_participating_transfo_without_a_frozen_plan_is_listed(
    client_for, intertransfo, transfo, other_transfo, version
):
    # `transfo` has a frozen plan; `other_transfo` has no plan at all (as Metz and Lille).
    html = client_for("ambassadeur").get(f"{URL}labos/").content.decode()
    assert f"Le (futur) labo de la {transfo.nom}" in html
    assert f"Le (futur) labo de la {other_transfo.nom}" in html
    assert f"{other_transfo.nom} : pas encore de version figée du plan de labo" in html
    # Only those who may open that plan get the link to it.
    assert f"/espace/transfos/{other_transfo.slug}/labo/" not in html
    html = client_for("other_member").get(f"{URL}labos/").content.decode()
    assert f'href="/espace/transfos/{other_transfo.slug}/labo/"' in html


def test_member_records_their_transfos_priority(client_for, intertransfo, transfo, ambassadeur):
    response = client_for("ambassadeur").post(
        f"{URL}priorites/",
        {
            "transfo": transfo.pk,
            f"t{transfo.pk}-texte": "Poser la V1 d'une organisation du futur labo.",
            f"t{transfo.pk}-responsable_nom": "Isabelle",
        },
    )
    assert response.status_code == 302
    priorite = Priorite.objects.get()
    assert (priorite.transfo, priorite.responsable_nom) == (transfo, "Isabelle")
    assert priorite.contexte == "Intertransfo n°6, Strasbourg, 15 mai 2026"


def test_member_cannot_record_another_transfos_priority(
    client_for, intertransfo, other_transfo, ambassadeur
):
    response = client_for("ambassadeur").post(
        f"{URL}priorites/",
        {"transfo": other_transfo.pk, f"t{other_transfo.pk}-texte": "Pas la mienne"},
    )
    assert response.status_code == 403
    assert not Priorite.objects.exists()


def test_priorities_page_lists_each_transfos_priorities_of_the_day(
    client_for, intertransfo, transfo, other_transfo
):
    Priorite.objects.create(
        transfo=other_transfo,
        texte="Intégrer plus les commanditaires des cas.",
        contexte=intertransfo.contexte,
    )
    Priorite.objects.create(transfo=other_transfo, texte="Une autre journée", contexte="Session #3")
    html = client_for("ambassadeur").get(f"{URL}priorites/").content.decode()
    assert "Intégrer plus les commanditaires des cas." in html
    assert "Une autre journée" not in html
    # A form for the member's own Transfo only.
    assert f'value="{transfo.pk}"' in html and f'value="{other_transfo.pk}"' not in html


@pytest.mark.parametrize("page, field", [("labos/", "version"), ("priorites/", "transfo")])
def test_forged_ids_answer_404(client_for, intertransfo, page, field):
    response = client_for("coordinateur").post(f"{URL}{page}", {field: "1 OR 1=1"})
    assert response.status_code == 404
