"""Readers move naturally (issue 21, item 7): a Transfo's public page lists its published
cases, public posts and published labo; a méthode lists the cases that used it, and the
sessions a member may open; members find the capot ouvert from the menu and from /espace/.

The sections come from the higher apps through collectivites.links.register_sections."""

import pytest

from collectivites.choices import Role, StatutSession
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.collectivites.factories import (
    MethodeFactory,
    ParticipationFactory,
    TransfoFactory,
    UserFactory,
    session_with_programme,
)
from tests.labos.factories import PlanFactory


def _section(page, title):
    start = page.index(f">{title}</h2>")
    return page[start : page.index("</section>", start)]


def test_a_transfo_page_lists_its_published_cases_posts_and_labo(
    client, transfo, other_transfo, make_post, private_index
):
    CasPratiqueFactory(transfo=transfo, titre="Les mégotiers", publie=True)
    CasPratiqueFactory(transfo=transfo, titre="Brouillon secret")
    CasPratiqueFactory(transfo=transfo, titre="En relecture", a_relire=True)
    CasPratiqueFactory(transfo=other_transfo, titre="Cas d'ailleurs", publie=True)
    make_post("Retour de la session 3", transfo=transfo)
    make_post("Billet du capot ouvert", transfo=transfo, parent=private_index)
    make_post("Billet d'une autre Transfo", transfo=other_transfo)
    PlanFactory(transfo=transfo).publish(False)

    page = client.get(transfo.get_absolute_url()).content.decode()

    cases = _section(page, "Ses cas pratiques")
    assert "Les mégotiers" in cases and f"/cas/?transfo={transfo.slug}" in cases
    for hidden in ("Brouillon secret", "En relecture", "Cas d'ailleurs"):
        assert hidden not in page
    posts = _section(page, "Ses billets")
    assert "Retour de la session 3" in posts and f"/blog/?transfo={transfo.slug}" in posts
    assert "Billet du capot ouvert" not in page and "Billet d'une autre Transfo" not in page
    assert "Son labo" not in page  # not published


def test_a_published_labo_is_linked_from_its_transfo_page(client, transfo, ambassadeur):
    plan = PlanFactory(transfo=transfo)
    plan.publish(True)  # nothing frozen yet: nothing to show
    assert "Son labo" not in client.get(transfo.get_absolute_url()).content.decode()
    plan.freeze(user=ambassadeur)
    plan.publish(True)
    page = client.get(transfo.get_absolute_url()).content.decode()
    assert f'href="/transfos/{transfo.slug}/labo/"' in _section(page, "Son labo")


def test_a_transfo_without_anything_public_shows_no_empty_section(client, transfo):
    page = client.get(transfo.get_absolute_url()).content.decode()
    assert "Ses cas pratiques" not in page and "Ses billets" not in page


@pytest.mark.parametrize("count", [1, 12])
def test_a_transfo_page_costs_the_same_queries_for_any_number_of_cases(
    client, transfo, make_post, django_assert_max_num_queries, count
):
    for number in range(count):
        CasPratiqueFactory(transfo=transfo, titre=f"Cas {number}", publie=True)
        make_post(f"Billet {number}", transfo=transfo)
    with django_assert_max_num_queries(12):
        page = client.get(transfo.get_absolute_url()).content.decode()
    assert page.count("/cas/cas-") <= 6


def test_a_methode_lists_the_published_cases_that_used_it(client, transfo):
    methode = MethodeFactory(nom="Immersion en trinôme")
    CasPratiqueFactory(
        transfo=transfo, titre="Les bureaux volants", publie=True, methodes=[methode]
    )
    CasPratiqueFactory(transfo=transfo, titre="Pas encore publié", methodes=[methode])
    CasPratiqueFactory(transfo=transfo, titre="Sans cette méthode", publie=True)
    page = client.get(methode.get_absolute_url()).content.decode()
    cases = _section(page, "Les cas pratiques qui l&#x27;ont employée")
    assert "Les bureaux volants" in cases and f"/cas/?methode={methode.slug}" in cases
    assert "Pas encore publié" not in page and "Sans cette méthode" not in page


def test_a_member_finds_the_sessions_she_may_open_where_a_methode_was_used(
    client, transfo, other_transfo, ambassadeur
):
    methode = MethodeFactory(nom="Météo")
    mine = session_with_programme(transfo, numero=4, statut=StatutSession.PUBLIEE, titre="Idées")
    draft = session_with_programme(transfo, numero=5, titre="Brouillon de session")
    theirs = session_with_programme(
        other_transfo, numero=2, statut=StatutSession.PUBLIEE, titre="Ailleurs"
    )
    for session in (mine, draft, theirs):
        bloc = session.jours.first().blocs.first()
        bloc.methode = methode
        bloc.save()

    anonymous = client.get(methode.get_absolute_url()).content.decode()
    assert "Session n°4" not in anonymous

    client.force_login(ambassadeur)
    page = client.get(methode.get_absolute_url()).content.decode()
    assert f'href="{mine.get_absolute_url()}"' in page and "Session n°4 : Idées" in page
    assert "Brouillon de session" not in page and "Ailleurs" not in page


def test_members_find_the_capot_ouvert_from_the_menu_and_their_home(client, transfo):
    member = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user
    editor_without_transfo = UserFactory()
    assert "Capot ouvert" not in client.get("/").content.decode()

    client.force_login(editor_without_transfo)
    assert 'href="/capot-ouvert/"' not in client.get("/espace/").content.decode()

    client.force_login(member)
    assert 'href="/capot-ouvert/"' in client.get("/").content.decode()
    assert "Le capot ouvert" in client.get("/espace/").content.decode()


def test_an_other_transfo_member_sees_the_same_public_page(client, transfo):
    other = ParticipationFactory(transfo=TransfoFactory(), role=Role.RESIDENT).user
    CasPratiqueFactory(transfo=transfo, titre="Les mégotiers", publie=True)
    client.force_login(other)
    assert "Les mégotiers" in client.get(transfo.get_absolute_url()).content.decode()
