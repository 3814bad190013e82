"""The audit log records who did what and when, and never what anyone wrote."""

import pytest

from tests.collectivites.factories import PASSWORD
from transfo.users.models import AuditAction, AuditEvent


def actions():
    return list(AuditEvent.objects.order_by("pk").values_list("action", "actor", "object_id"))


def test_a_sign_in_is_recorded(client, resident):
    client.post("/comptes/login/", {"login": resident.email, "password": PASSWORD})
    event = AuditEvent.objects.get(action=AuditAction.CONNEXION)
    assert event.actor == resident
    assert event.ip == "127.0.0.1"


def test_a_failed_sign_in_names_the_account_never_the_password(client, resident):
    client.post("/comptes/login/", {"login": resident.email, "password": "secret-essai-42"})
    event = AuditEvent.objects.get(action=AuditAction.CONNEXION_ECHOUEE)
    assert event.actor == resident
    assert "secret-essai-42" not in str(list(AuditEvent.objects.values()))


def test_a_failed_sign_in_for_an_unknown_address_keeps_no_address(client, db):
    client.post("/comptes/login/", {"login": "inconnu@exemple.test", "password": "x"})
    event = AuditEvent.objects.get(action=AuditAction.CONNEXION_ECHOUEE)
    assert event.actor is None
    assert "inconnu" not in str(list(AuditEvent.objects.values()))


def test_a_sign_out_is_recorded(client, resident):
    client.force_login(resident)
    client.post("/comptes/logout/")
    assert actions() == [(AuditAction.DECONNEXION, resident.pk, str(resident.pk))]


def test_a_refused_access_is_recorded_with_the_path(client, other_member, transfo):
    client.force_login(other_member)
    assert client.get(f"/espace/transfos/{transfo.slug}/sessions/").status_code == 404
    event = AuditEvent.objects.get(action=AuditAction.ACCES_REFUSE)
    assert event.actor == other_member
    assert event.detail == f"404 GET /espace/transfos/{transfo.slug}/sessions/"


def test_a_forbidden_action_is_recorded(client, ambassadeur, transfo):
    client.force_login(ambassadeur)
    assert client.get(f"/espace/transfos/{transfo.slug}/sessions/nouvelle/").status_code == 403
    assert AuditEvent.objects.filter(action=AuditAction.ACCES_REFUSE, actor=ambassadeur).exists()


def test_public_404s_are_not_recorded(client, db):
    assert client.get("/cas/inexistant/").status_code == 404
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_page_publication_is_recorded_with_its_author(coordinateur):
    from blog.models import BlogIndexPage, BlogPostPage

    index = BlogIndexPage.objects.get(slug="blog")
    post = BlogPostPage(title="Billet secret", slug="billet", chapo="Le chapô confidentiel")
    index.add_child(instance=post)
    post.save_revision(user=coordinateur).publish()
    event = AuditEvent.objects.get(action=AuditAction.PUBLICATION)
    assert (event.actor, event.object_type, event.object_id) == (
        coordinateur,
        "blog.BlogPostPage",
        str(post.pk),
    )
    assert "confidentiel" not in str(list(AuditEvent.objects.values()))


def test_a_visibility_change_is_recorded_without_the_text(client, ambassadeur, transfo):
    from tests.ambassadeurs.factories import EntreeCarnetFactory

    entree = EntreeCarnetFactory(
        auteur=ambassadeur, transfo=transfo, texte="Ce que je n'ose pas dire", visibilite="prive"
    )
    client.force_login(ambassadeur)
    client.post(
        f"/espace/carnet/{entree.pk}/visibilite/", {"visibilite": "groupe", "confirme": "1"}
    )
    event = AuditEvent.objects.get(action=AuditAction.VISIBILITE)
    assert (event.actor, event.object_id, event.detail) == (
        ambassadeur,
        str(entree.pk),
        "prive → groupe",
    )
    assert "n'ose pas" not in str(list(AuditEvent.objects.values()))


def test_publishing_a_session_and_exporting_the_group_are_recorded(
    client, resident, transfo, django_capture_on_commit_callbacks
):
    from tests.collectivites.factories import session_with_programme

    session = session_with_programme(transfo, numero=3)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/espace/transfos/{transfo.slug}/sessions/3/publier/")
    client.get(f"/espace/transfos/{transfo.slug}/groupe/export.csv")
    assert [
        (e.action, e.object_type, e.object_id, e.detail) for e in AuditEvent.objects.order_by("pk")
    ] == [
        (AuditAction.PUBLICATION, "collectivites.Session", str(session.pk), ""),
        (AuditAction.EXPORT, "collectivites.Transfo", str(transfo.pk), "groupe.csv"),
    ]


def test_the_labos_csv_exports_are_recorded(client, resident, transfo):
    client.force_login(resident)
    assert (
        client.get(f"/espace/transfos/{transfo.slug}/labo/ecosysteme/export.csv").status_code == 200
    )
    assert (
        client.get(f"/espace/transfos/{transfo.slug}/labo/banque-de-temps/export.csv").status_code
        == 200
    )
    assert list(
        AuditEvent.objects.filter(action=AuditAction.EXPORT)
        .order_by("pk")
        .values_list("detail", flat=True)
    ) == ["ecosysteme.csv", "banque-de-temps.csv"]
