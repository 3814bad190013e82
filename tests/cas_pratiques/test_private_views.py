import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cas_pratiques.models import CasPratique, Contact, Livrable
from cas_pratiques.seed import tiny_pdf, tiny_png
from tests.cas_pratiques.factories import (
    CasPratiqueFactory,
    ContactFactory,
    LivrableFactory,
    PhotoFactory,
)
from tests.collectivites.factories import MethodeFactory, SessionFactory

LOGIN = "/comptes/login/"


def url(name, cas, *args):
    return reverse(f"cas_pratiques:{name}", args=[cas.transfo.slug, cas.slug, *args])


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ambassadeur", 200),
        ("resident", 200),
        ("pilote", 200),
        ("coordinateur", 200),
        ("other_member", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
@pytest.mark.parametrize("page", ["cas_list", "cas_detail", "cas_preview"])
def test_who_reads_the_private_pages(client_for, cas, who, status, page):
    target = (
        reverse("cas_pratiques:cas_list", args=[cas.transfo.slug])
        if page == "cas_list"
        else url(page, cas)
    )
    response = client_for(who).get(target)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ambassadeur", 403),
        ("pilote", 403),
        ("resident", 200),
        ("coordinateur", 200),
        ("other_member", 404),
    ],
)
def test_only_residents_and_coordinators_edit(client_for, cas, who, status):
    assert client_for(who).get(url("cas_edit", cas)).status_code == status


@pytest.mark.parametrize(("who", "status"), [("ambassadeur", 403), ("resident", 200)])
def test_only_residents_and_coordinators_create(client_for, transfo, who, status):
    target = reverse("cas_pratiques:cas_create", args=[transfo.slug])
    assert client_for(who).get(target).status_code == status


def test_resident_creates_a_case_with_sessions_and_methodes(client_for, transfo):
    session = SessionFactory(transfo=transfo, numero=2)
    methode = MethodeFactory(nom="Immersion en trinôme")
    response = client_for("resident").post(
        reverse("cas_pratiques:cas_create", args=[transfo.slug]),
        {
            "numero": 4,
            "titre": "Le comptoir des services",
            "sujet": "Un comptoir de services pour les agents.",
            "statut": "cadrage",
            "finalites": ["nouveau_service", "connaissance_usages"],
            "modes_intervention": ["immersion"],
            "methodes": [methode.pk],
            "sessions": [session.pk],
            "engagement_porteur": "on",
        },
    )
    cas = CasPratique.objects.get(titre="Le comptoir des services")
    assert response.status_code == 302
    assert response["Location"] == cas.get_espace_url()
    assert cas.transfo == transfo and cas.etat == "brouillon" and cas.engagement_porteur
    assert cas.finalites == ["nouveau_service", "connaissance_usages"]
    assert list(cas.sessions.all()) == [session] and list(cas.methodes.all()) == [methode]


def test_edit_error_keeps_everything_typed(client_for, cas, transfo):
    CasPratiqueFactory(transfo=transfo, numero=7)
    response = client_for("resident").post(
        url("cas_edit", cas),
        {
            "numero": 7,
            "titre": "Titre retapé",
            "sujet": "Sujet retapé",
            "statut": "en_cours",
            "resultats": "Des résultats longuement écrits",
            "finalites": ["vision_partagee"],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce numéro est déjà celui d&#x27;un autre cas de la Transfo." in html
    assert "Titre retapé" in html and "Des résultats longuement écrits" in html
    assert 'value="vision_partagee" id="id_finalites_3" checked' in html
    cas.refresh_from_db()
    assert cas.titre == "Les inscriptions scolaires"


def test_sessions_offered_are_those_of_the_transfo(client_for, cas, other_transfo):
    SessionFactory(transfo=cas.transfo, numero=1, titre="Session d'ici")
    SessionFactory(transfo=other_transfo, numero=1, titre="Session d'ailleurs")
    html = client_for("resident").get(url("cas_edit", cas)).content.decode()
    assert "Session d&#x27;ici" in html and "ailleurs" not in html


def test_list_shows_sessions_and_flags_a_fifth(client_for, cas, transfo):
    cas.sessions.set([SessionFactory(transfo=transfo, numero=n) for n in range(1, 6)])
    html = (
        client_for("ambassadeur")
        .get(reverse("cas_pratiques:cas_list", args=[transfo.slug]))
        .content.decode()
    )
    assert "#5" in html
    assert "5 sessions : au-delà des 1 à 4 du protocole" in html


def test_sessions_list_shows_the_cases_worked_on(client_for, cas, transfo):
    session = SessionFactory(transfo=transfo, numero=2, publiee=True)
    cas.sessions.add(session)
    html = (
        client_for("ambassadeur")
        .get(reverse("collectivites:session_list", args=[transfo.slug]))
        .content.decode()
    )
    assert cas.get_espace_url() in html


# Publishing -------------------------------------------------------------------------------


def test_resident_submits_then_another_publishes(client_for, cas, coordinateur):
    client = client_for("resident")
    assert client.post(url("cas_submit", cas)).status_code == 302
    cas.refresh_from_db()
    assert cas.etat == "a_relire"
    client.force_login(coordinateur)
    assert client.post(url("cas_publish", cas)).status_code == 302
    cas.refresh_from_db()
    assert cas.etat == "publie" and cas.publie_par == coordinateur
    assert client.get(cas.get_absolute_url()).status_code == 200


def test_who_submitted_a_case_does_not_publish_it(client_for, cas, transfo):
    """Issue 18, item 16: a second reader publishes, another résident or the coordination."""
    from collectivites.choices import Role
    from tests.collectivites.factories import ParticipationFactory

    client = client_for("resident")
    client.post(url("cas_submit", cas))
    page = client.get(url("cas_detail", cas)).content.decode()
    assert "Publier sur la vitrine" not in page
    assert "un·e autre résident·e ou la coordination le relit" in page
    assert client.post(url("cas_publish", cas)).status_code == 403
    cas.refresh_from_db()
    assert cas.etat == "a_relire"

    second = ParticipationFactory(transfo=transfo, role=Role.RESIDENT).user
    client.force_login(second)
    assert "Publier sur la vitrine" in client.get(url("cas_detail", cas)).content.decode()
    assert client.post(url("cas_publish", cas)).status_code == 302
    cas.refresh_from_db()
    assert cas.etat == "publie" and cas.publie_par == second


def test_who_changed_a_case_under_review_does_not_publish_it(client_for, cas, transfo):
    """Found by an attacker's probe: the second reader could approve a text its submitter
    had changed since; the last writer now counts as the one who submitted it."""
    from collectivites.choices import Role
    from tests.collectivites.factories import ParticipationFactory

    client_for("resident").post(url("cas_submit", cas))
    second = ParticipationFactory(transfo=transfo, role=Role.RESIDENT).user
    client = client_for("resident")
    client.force_login(second)
    page = client.get(url("cas_edit", cas))
    data = {**page.context["form"].initial, "titre": "Titre changé pendant la relecture"}
    data = {key: value for key, value in data.items() if value is not None}
    data["sessions"] = [s.pk for s in cas.sessions.all()]
    data["methodes"] = [m.pk for m in cas.methodes.all()]
    assert client.post(url("cas_edit", cas), data).status_code == 302
    cas.refresh_from_db()
    assert cas.titre == "Titre changé pendant la relecture"
    assert cas.soumis_par == second
    assert client.post(url("cas_publish", cas)).status_code == 403


def test_publishing_needs_the_review_step(client_for, cas):
    assert client_for("resident").post(url("cas_publish", cas)).status_code == 403
    cas.refresh_from_db()
    assert cas.etat == "brouillon"


@pytest.mark.parametrize("who", ["ambassadeur", "pilote"])
def test_group_members_cannot_publish(client_for, cas_a_relire, who):
    client = client_for(who)
    assert client.post(url("cas_publish", cas_a_relire)).status_code == 403
    assert client.post(url("cas_submit", cas_a_relire)).status_code == 403
    cas_a_relire.refresh_from_db()
    assert cas_a_relire.etat == "a_relire"


def test_other_transfo_cannot_publish(client_for, cas_a_relire):
    assert client_for("other_member").post(url("cas_publish", cas_a_relire)).status_code == 404


def test_publish_is_post_only(client_for, cas_a_relire):
    assert client_for("resident").get(url("cas_publish", cas_a_relire)).status_code == 405


def test_reviewer_sends_back_with_a_comment(client_for, cas_a_relire):
    client = client_for("resident")
    response = client.post(url("cas_send_back", cas_a_relire), {"commentaire": ""})
    assert response.status_code == 200  # the comment is required
    client.post(url("cas_send_back", cas_a_relire), {"commentaire": "Précisez les suites."})
    cas_a_relire.refresh_from_db()
    assert cas_a_relire.etat == "brouillon"
    html = client.get(url("cas_detail", cas_a_relire)).content.decode()
    assert "Précisez les suites." in html


def test_withdrawn_case_leaves_the_vitrine(client_for, cas_publie):
    client = client_for("resident")
    assert client.post(url("cas_withdraw", cas_publie)).status_code == 302
    assert client.get(cas_publie.get_absolute_url()).status_code == 404


def test_preview_shows_the_public_page_only(client_for, cas):
    ContactFactory(cas=cas, nom="Accord donné", consentant=True)
    ContactFactory(cas=cas, nom="Sans accord")
    cas.notes_internes = "Note privée du groupe"
    cas.save()
    html = client_for("ambassadeur").get(url("cas_preview", cas)).content.decode()
    assert "Aperçu" in html and "Accord donné" in html
    assert "Sans accord" not in html and "Note privée du groupe" not in html


# Livrables, photos, contacts ---------------------------------------------------------------


def test_resident_uploads_a_private_livrable(client_for, cas):
    client = client_for("resident")
    content = tiny_pdf("Rapport", ["ligne"])
    response = client.post(
        url("livrable_add", cas),
        {"titre": "Rapport", "fichier": SimpleUploadedFile("rapport.pdf", content)},
    )
    assert response.status_code == 302
    livrable = Livrable.objects.get(cas=cas)
    assert (livrable.type, livrable.taille, livrable.public) == ("pdf", len(content), False)
    download = client.get(livrable.get_private_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == content


def test_wrong_file_is_refused_in_french(client_for, cas):
    response = client_for("resident").post(
        url("livrable_add", cas),
        {"titre": "Script", "fichier": SimpleUploadedFile("script.sh", b"#!/bin/sh")},
    )
    assert response.status_code == 200
    assert "Format non accepté (« .sh »)" in response.content.decode()
    assert not Livrable.objects.exists()


def test_photo_needs_its_alternative_text(client_for, cas):
    response = client_for("resident").post(
        url("photo_add", cas), {"image": SimpleUploadedFile("p.png", tiny_png("x")), "alt": ""}
    )
    assert response.status_code == 200
    assert not cas.photos.exists()


def test_ambassadeur_cannot_upload_or_delete(client_for, cas):
    livrable = LivrableFactory(cas=cas)
    client = client_for("ambassadeur")
    assert client.get(url("livrable_add", cas)).status_code == 403
    assert client.post(url("livrable_delete", cas, livrable.pk)).status_code == 403
    download = client.get(livrable.get_private_url())  # but may read it
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_private_files_are_404_to_another_transfo(client_for, cas):
    livrable = LivrableFactory(cas=cas)
    photo = PhotoFactory(cas=cas)
    client = client_for("other_member")
    assert client.get(livrable.get_private_url()).status_code == 404
    assert client.get(photo.get_private_url()).status_code == 404


def test_resident_deletes_a_photo(client_for, cas):
    photo = PhotoFactory(cas=cas)
    assert client_for("resident").post(url("photo_delete", cas, photo.pk)).status_code == 302
    assert not cas.photos.exists()


def test_consent_is_recorded_with_its_date(client_for, cas):
    client = client_for("resident")
    client.post(url("contact_add", cas), {"nom": "Joana", "role": "Cheffe de projet"})
    contact = Contact.objects.get(nom="Joana")
    assert contact.consentement_le is None
    client.post(
        url("contact_edit", cas, contact.pk),
        {"nom": "Joana", "consentement": "on", "consentement_source": "Mail du 3 juin"},
    )
    contact.refresh_from_db()
    assert contact.consentement_le is not None
    assert contact.consentement_source == "Mail du 3 juin"
    client.post(url("contact_edit", cas, contact.pk), {"nom": "Joana"})
    contact.refresh_from_db()
    assert contact.consentement_le is None


@pytest.mark.parametrize("count", [3, 30])
def test_private_list_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, count
):
    sessions = [SessionFactory(transfo=transfo, numero=n) for n in range(1, 5)]
    for n in range(count):
        CasPratiqueFactory(transfo=transfo, numero=n + 1, sessions=sessions)
    client.force_login(resident)
    target = reverse("cas_pratiques:cas_list", args=[transfo.slug])
    # Session, user, roles, Transfo, cases, their sessions (one prefetch), the navigation's
    # two permission queries, the session's save; the rest is headroom for the middleware.
    with django_assert_max_num_queries(11):
        assert client.get(target).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_private_detail_queries_do_not_grow(
    client, resident, cas, django_assert_max_num_queries, count
):
    for _ in range(count):
        LivrableFactory(cas=cas)
        ContactFactory(cas=cas)
    client.force_login(resident)
    # Session, user, roles, Transfo, case (with its counts of immersions and fiches idées);
    # méthodes, sessions, livrables, photos, contacts, tamis (one prefetch each); the
    # navigation's two permission queries, the session's save.
    with django_assert_max_num_queries(16):
        assert client.get(url("cas_detail", cas)).status_code == 200
