"""The public summaries of the Intertransfos (/intertransfos/), their publication by the
coordination, and the upcoming Intertransfos on the home page."""

from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from intertransfo.choices import TypeEquipe
from intertransfo.models import Intertransfo
from tests.intertransfo.factories import (
    AtelierFactory,
    IntertransfoFactory,
    MomentFactory,
    ParticipantFactory,
    PropositionFactory,
)
from transfo.users.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

PUBLIC = "/intertransfos/n6-strasbourg/"
MANAGE = "/coordination/intertransfos/n6-strasbourg/"
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def restitution(intertransfo, transfo, ambassadeur, peer, coordinateur):
    """n°6 with its programme, a group (whose scribe is a member), a proposition written by a
    member, a guest, a member registered with their Transfo, and a video."""
    intertransfo.videos = "https://youtu.be/we-Obs2KR28"
    intertransfo.save()
    MomentFactory(intertransfo=intertransfo, titre="Labos grand-estois, unissez-vous !")
    atelier = AtelierFactory(
        intertransfo=intertransfo,
        numero=1,
        titre="Écosystème externe",
        questions="Quelle gouvernance de l'écosystème ?",
        scribe=peer,
    )
    PropositionFactory(atelier=atelier, texte="Une enquête partagée", auteur=ambassadeur)
    ParticipantFactory(
        intertransfo=intertransfo, user=ambassadeur, type_equipe=TypeEquipe.TRANSFO, transfo=transfo
    )
    ParticipantFactory(
        intertransfo=intertransfo,
        invite=True,
        nom="Invitée Canari",
        email="canari@partenaire.test",
    )
    return intertransfo


def publish(intertransfo, synthese="Une journée sur les écosystèmes."):
    intertransfo.synthese = synthese
    intertransfo.save()
    intertransfo.publier_synthese()
    return intertransfo


# The public pages -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "ambassadeur", "coordinateur"])
def test_an_unpublished_summary_is_a_404_for_everyone(client_for, restitution, who):
    assert client_for(who).get(PUBLIC).status_code == 404


def test_the_published_summary_shows_the_event_and_what_the_groups_proposed(
    client, restitution, transfo
):
    publish(restitution)
    response = client.get(PUBLIC)
    assert response.status_code == 200
    html = response.text
    for text in (
        "Intertransfo n°6",
        "Strasbourg",
        "15 mai 2026",
        "Écosystèmes de l&#x27;innovation",
        "Labos grand-estois, unissez-vous !",
        "Groupe 1 : Écosystème externe",
        "Quelle gouvernance de l&#x27;écosystème ?",
        "Une enquête partagée",
        "https://youtu.be/we-Obs2KR28",
        "Une journée sur les écosystèmes.",
    ):
        assert text in html, text
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{PUBLIC}">' in html


def test_the_published_summary_names_no_participant(client, restitution, transfo):
    restitution.transfo_hote = transfo
    publish(restitution)
    html = client.get(PUBLIC).text
    # A registered member, the guest and their email, the proposition's author, the scribe.
    for canary in (
        "Claire Muller",
        "Invitée Canari",
        "canari@partenaire.test",
        "Karim Benali",
        "Louise Marchand",
    ):
        assert canary not in html, canary
    assert "Transfo Strasbourg" in html  # the host Transfo is public, its people are not


def test_the_public_list_shows_published_summaries_only(client, restitution):
    publish(restitution)
    IntertransfoFactory(numero=7, slug="n7-brouillon", lieu="Lille", date=date(2019, 11, 1))
    response = client.get("/intertransfos/")
    assert response.status_code == 200
    assert PUBLIC in response.text
    assert "/intertransfos/n7-brouillon/" not in response.text


def test_the_sitemap_lists_published_summaries_only(client, restitution):
    publish(restitution)
    IntertransfoFactory(numero=7, slug="n7-brouillon")
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    assert f"http://127.0.0.1:8000{PUBLIC}" in locations
    assert not [url for url in locations if "n7-brouillon" in url]


@pytest.mark.parametrize("size", [1, 12])
def test_the_public_page_queries_do_not_grow_with_the_ateliers(
    client, intertransfo, django_assert_max_num_queries, size
):
    for numero in range(1, size + 1):
        atelier = AtelierFactory(intertransfo=intertransfo, numero=numero)
        for _ in range(3):
            PropositionFactory(atelier=atelier)
        MomentFactory(intertransfo=intertransfo)
    publish(intertransfo)
    # The session's user is not loaded for the anonymous reader. The Intertransfo with its host
    # (1), its programme (1), the groups and their propositions (2).
    with django_assert_max_num_queries(4):
        response = client.get(PUBLIC)
    assert response.text.count('<article class="it-groupe">') == size


@pytest.mark.parametrize("size", [1, 12])
def test_the_public_list_queries_do_not_grow(client, django_assert_max_num_queries, size):
    for number in range(size):
        publish(IntertransfoFactory(date=date(2019, 1, 1) + timedelta(days=number)))
        IntertransfoFactory(date=timezone.localdate() + timedelta(days=number + 1))
    # The published summaries with their hosts (1), the dates to come (1).
    with django_assert_max_num_queries(2):
        response = client.get("/intertransfos/")
    assert len(response.context["intertransfos"]) == size


# Publishing -------------------------------------------------------------------------------


def test_the_coordination_publishes_the_summary_and_the_publication_is_audited(
    client_for, restitution, coordinateur
):
    client = client_for("coordinateur")
    form = client.get(f"{MANAGE}synthese/publier/")
    assert form.status_code == 200
    assert "Resteront privés : les participant·es" in form.text
    assert "Une enquête partagée" in form.text  # the preview of what becomes public
    response = client.post(f"{MANAGE}synthese/publier/", {"synthese": "Ce que l'on retient."})
    assert response.status_code == 302
    assert response["Location"] == PUBLIC
    restitution.refresh_from_db()
    assert restitution.is_synthese_publiee
    assert restitution.synthese == "Ce que l'on retient."
    event = AuditEvent.objects.get(action=AuditAction.PUBLICATION)
    assert (event.actor, event.object_type, event.object_id) == (
        coordinateur,
        "intertransfo.Intertransfo",
        str(restitution.pk),
    )
    assert client_for("anonymous").get(PUBLIC).status_code == 200


def test_publishing_again_updates_the_text_and_keeps_the_first_date(client_for, restitution):
    publish(restitution)
    first = Intertransfo.objects.get(pk=restitution.pk).synthese_publiee_le
    client_for("coordinateur").post(f"{MANAGE}synthese/publier/", {"synthese": "Corrigée."})
    restitution.refresh_from_db()
    assert (restitution.synthese, restitution.synthese_publiee_le) == ("Corrigée.", first)


def test_the_coordination_unpublishes_the_summary(client_for, restitution):
    publish(restitution)
    client = client_for("coordinateur")
    assert "Retirer la synthèse publique" in client.get(MANAGE).text
    response = client.post(f"{MANAGE}synthese/retirer/")
    assert response.status_code == 302
    assert client.get(PUBLIC).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.DEPUBLICATION).count() == 1


@pytest.mark.parametrize(
    "who, status",
    [("ambassadeur", 403), ("resident", 403), ("outsider", 404), ("anonymous", 302)],
)
def test_only_the_coordination_publishes(client_for, restitution, register, transfo, who, status):
    client = client_for(who)
    assert client.get(f"{MANAGE}synthese/publier/").status_code == status
    assert client.post(f"{MANAGE}synthese/publier/", {"synthese": "Pirate"}).status_code == status
    assert client.post(f"{MANAGE}synthese/retirer/").status_code == status
    restitution.refresh_from_db()
    assert not restitution.is_synthese_publiee
    assert restitution.synthese == ""


# The home page ----------------------------------------------------------------------------


def test_the_home_shows_the_upcoming_intertransfos(client):
    today = timezone.localdate()
    IntertransfoFactory(numero=9, slug="passee", lieu="Dunkerque", date=today - timedelta(days=1))
    prochaine = IntertransfoFactory(
        numero=10, slug="prochaine", lieu="Marseille", theme="Le labo et les élus", date=today
    )
    publiee = publish(
        IntertransfoFactory(
            numero=11, slug="publiee", lieu="Lille", date=today + timedelta(days=30)
        )
    )
    response = client.get("/")
    assert [event.titre for event in response.context["upcoming_events"]] == [
        "Intertransfo n°10",
        "Intertransfo n°11",
    ]
    html = response.text
    assert "Prochains rendez-vous" in html
    assert "Marseille : Le labo et les élus" in html
    assert "Dunkerque" not in html
    # Only a published summary is linked; the coming one has no public page yet.
    assert f'href="{publiee.get_public_url()}"' in html
    assert f'href="{prochaine.get_public_url()}"' not in html
    assert 'href="/intertransfos/"' in html


@pytest.mark.parametrize("size", [1, 10])
def test_the_home_queries_do_not_grow_with_the_intertransfos(
    client, ambassadeur, django_assert_max_num_queries, size
):
    today = timezone.localdate()
    for number in range(size):
        intertransfo = IntertransfoFactory(date=today + timedelta(days=number))
        ParticipantFactory(intertransfo=intertransfo, user=ambassadeur)
    client.get("/")
    # Wagtail's serve (5), latest posts and their tags, authors, covers (4), the Transfos (1),
    # the featured cases (1), the upcoming Intertransfos (1).
    with django_assert_max_num_queries(12):
        response = client.get("/")
    assert len(response.context["upcoming_events"]) == min(size, 3)
    assert "Claire Muller" not in response.text


# The demo ---------------------------------------------------------------------------------


def test_the_demo_publishes_the_summary_of_intertransfo_6(client, reseed):
    reseed()
    response = client.get("/intertransfos/n6-strasbourg-2019/")
    assert response.status_code == 200
    assert "Labos grand-estois, unissez-vous !" in response.text
    assert "La construction de l&#x27;écosystème comme une enquête partagée" in response.text
    assert client.get("/intertransfos/dunkerque-2018/").status_code == 404
