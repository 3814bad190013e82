"""The écosystème shared across a région (issue 6): opted-in labos see each other's actors,
read-only and without contact persons or notes; a labo that does not share sees nothing."""

import pytest

from collectivites.choices import Role
from labos.models import Acteur, PartageEcosysteme
from tests.collectivites.factories import ParticipationFactory, TransfoFactory
from tests.labos.factories import ActeurFactory
from tests.labos.test_accessibility import Page
from transfo.users.models import AuditAction, AuditEvent

STRASBOURG = "/espace/transfos/strasbourg/labo/ecosysteme/"
TERRITOIRE = f"{STRASBOURG}territoire/"
PARTAGE = f"{STRASBOURG}partage/"


def share(transfo, actif=True):
    PartageEcosysteme.objects.update_or_create(transfo=transfo, defaults={"actif": actif})


@pytest.fixture
def mulhouse(db):
    return TransfoFactory(nom="Transfo Mulhouse", slug="mulhouse")


@pytest.fixture
def lille(db):
    return TransfoFactory(nom="Transfo Lille", slug="lille", collectivite__region="Hauts-de-France")


@pytest.fixture
def acteurs(transfo, other_transfo, mulhouse, lille):
    """One actor per labo; Metz's carries a contact person and a private note."""
    return {
        "strasbourg": ActeurFactory(transfo=transfo, nom="Groupe projet innovation"),
        "metz": ActeurFactory(
            transfo=other_transfo,
            nom="Conseil de développement durable",
            contact="Jeanne Secrète",
            notes="Note confidentielle sur le président",
            projets="Avis et études pour éclairer la métropole",
        ),
        "mulhouse": ActeurFactory(transfo=mulhouse, nom="Cabinet du Maire"),
        "lille": ActeurFactory(transfo=lille, nom="Mission WDC"),
    }


def test_opted_in_labo_sees_actors_of_other_opted_in_labos_of_its_region(
    client, ambassadeur, transfo, other_transfo, mulhouse, lille, acteurs
):
    for t in (transfo, other_transfo, lille):
        share(t)
    client.force_login(ambassadeur)
    page = client.get(TERRITOIRE).content.decode()
    assert "Conseil de développement durable" in page
    assert "Transfo Metz" in page
    assert "Avis et études pour éclairer la métropole" in page
    # Mulhouse did not opt in; Lille shares, but in another région; our own actors are ours.
    assert "Cabinet du Maire" not in page
    assert "Mission WDC" not in page
    assert "Groupe projet innovation" not in page


def test_contact_person_and_notes_are_never_shown(
    client, ambassadeur, transfo, other_transfo, acteurs
):
    share(transfo)
    share(other_transfo)
    client.force_login(ambassadeur)
    page = client.get(TERRITOIRE).content.decode()
    assert "Conseil de développement durable" in page
    assert "Jeanne Secrète" not in page
    assert "Note confidentielle" not in page
    # The search reads only the shared fields: a word of the note finds nothing.
    assert (
        "Conseil de développement"
        not in client.get(TERRITOIRE, {"q": "confidentielle"}).content.decode()
    )
    assert "Conseil de développement" in client.get(TERRITOIRE, {"q": "avis"}).content.decode()


def test_queryset_loads_only_the_shared_fields(transfo, other_transfo, acteurs):
    share(transfo)
    share(other_transfo)
    (acteur,) = Acteur.objects.partages_avec(transfo)
    assert {"contact", "notes"} <= acteur.get_deferred_fields()


def test_labo_that_does_not_share_sees_no_other_labo(
    client, ambassadeur, transfo, other_transfo, mulhouse, acteurs
):
    share(other_transfo)
    share(mulhouse)
    share(transfo, actif=False)
    assert list(Acteur.objects.partages_avec(transfo)) == []
    client.force_login(ambassadeur)
    page = client.get(TERRITOIRE).content.decode()
    assert "n'est pas partagé" in page
    assert "Conseil de développement durable" not in page
    assert "Cabinet du Maire" not in page


def test_actors_of_a_labo_that_stops_sharing_disappear(
    client, ambassadeur, transfo, other_transfo, acteurs
):
    share(transfo)
    share(other_transfo)
    share(other_transfo, actif=False)
    client.force_login(ambassadeur)
    assert "Conseil de développement durable" not in client.get(TERRITOIRE).content.decode()


def test_listed_actors_are_exactly_those_the_predicate_allows(
    ambassadeur, transfo, other_transfo, mulhouse, lille, acteurs
):
    for t in (transfo, other_transfo, lille):
        share(t)
    listed = {a.pk for a in Acteur.objects.partages_avec(transfo)}
    allowed = {
        a.pk for a in acteurs.values() if ambassadeur.has_perm("labos.view_shared_acteur", a)
    }
    assert listed == allowed == {acteurs["metz"].pk}


def test_actor_shared_with_nobody_is_refused_by_the_predicate(other_member, transfo, acteurs):
    share(transfo)
    # Metz (other_member's labo) does not share: Strasbourg's actor is not for them.
    assert not other_member.has_perm("labos.view_shared_acteur", acteurs["strasbourg"])


def test_shared_actor_marked_when_our_ecosystem_has_it_too(
    client, ambassadeur, transfo, other_transfo
):
    ActeurFactory(transfo=transfo, nom="Labos Grand Est")
    ActeurFactory(transfo=other_transfo, nom="labos grand est")
    share(transfo)
    share(other_transfo)
    client.force_login(ambassadeur)
    assert "aussi dans notre écosystème" in client.get(TERRITOIRE).content.decode()


@pytest.mark.parametrize("name", ["resident", "pilote", "coordinateur"])
def test_residents_pilote_and_coordinators_opt_in(client_for, name, transfo):
    client = client_for(name)
    response = client.post(PARTAGE, {"actif": "on"})
    assert response.status_code == 302
    assert PartageEcosysteme.objects.get(transfo=transfo).actif
    event = AuditEvent.objects.get(action=AuditAction.PUBLICATION)
    assert event.object_id == str(transfo.pk)
    response = client.post(PARTAGE, {})
    assert not PartageEcosysteme.objects.get(transfo=transfo).actif
    assert AuditEvent.objects.filter(action=AuditAction.DEPUBLICATION).count() == 1


def test_ambassadeur_cannot_opt_in_but_reads_the_page(client, ambassadeur, transfo):
    client.force_login(ambassadeur)
    assert client.post(PARTAGE, {"actif": "on"}).status_code == 403
    assert not PartageEcosysteme.objects.filter(transfo=transfo).exists()
    page = client.get(TERRITOIRE).content.decode()
    assert "décident du partage" in page
    assert 'name="actif"' not in page


@pytest.mark.parametrize("name", ["other_member", "outsider"])
def test_others_cannot_reach_the_page_nor_opt_in(client_for, name, transfo):
    client = client_for(name)
    assert client.get(TERRITOIRE).status_code == 404
    assert client.post(PARTAGE, {"actif": "on"}).status_code == 404
    assert not PartageEcosysteme.objects.filter(transfo=transfo).exists()


def test_anonymous_is_sent_to_sign_in(client, transfo):
    response = client.get(TERRITOIRE)
    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


def test_opt_in_form_says_what_is_shared(client, resident, transfo):
    client.force_login(resident)
    page = client.get(TERRITOIRE).content.decode()
    assert "Partager notre écosystème avec les autres labos de la région" in page
    assert "jamais la personne contact, les notes" in page


@pytest.mark.parametrize("count", [3, 30])
def test_territory_page_queries_do_not_grow(
    client, ambassadeur, transfo, django_assert_max_num_queries, count
):
    share(transfo)
    ActeurFactory(transfo=transfo, nom="Acteur 0")
    for n in range(count):
        other = TransfoFactory(nom=f"Transfo voisine {n}")
        share(other)
        ActeurFactory(transfo=other, nom=f"Acteur {n}", projets="Un projet\nUn autre")
        ParticipationFactory(transfo=other, role=Role.AMBASSADEUR)
    client.force_login(ambassadeur)
    # session, user, roles (3); Transfo with its collectivité (1); our sharing (1); the shared
    # actors with their labo (1); our actors' names (1); the model permissions the auth
    # backend reads for has_perm (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(11):
        response = client.get(TERRITOIRE)
    assert response.status_code == 200
    assert response.content.decode().count("Transfo voisine") >= count


@pytest.mark.parametrize("actif", [True, False])
def test_territory_page_is_labelled_and_well_structured(
    client, resident, transfo, other_transfo, acteurs, actif
):
    share(transfo, actif=actif)
    share(other_transfo)
    client.force_login(resident)
    page = Page(client.get(TERRITOIRE).content.decode())
    assert [c for c in page.controls if c not in page.labels] == []
    assert len(page.ids) == len(set(page.ids))
    assert page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1
    assert not page.inline
