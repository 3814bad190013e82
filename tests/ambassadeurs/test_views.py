"""The life of an entry: write, edit, share and unshare, delete; the prompts of session days."""

from datetime import date

from django.core import mail

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import EntreeCarnet
from collectivites.choices import StatutSession, TypeBloc
from tests.collectivites.factories import BlocFactory, session_with_programme


def test_ambassadeur_writes_a_private_entry(client, ambassadeur, transfo):
    session = session_with_programme(transfo, numero=3, statut=StatutSession.PUBLIEE)
    client.force_login(ambassadeur)
    response = client.post(
        "/espace/carnet/nouvelle/",
        {
            "transfo": transfo.pk,
            "date": "2026-06-25",
            "session": session.pk,
            "titre": "Immersion au guichet",
            "texte": "Les parents attendent **debout**.",
            "humeur": "soleil",
        },
    )
    entree = EntreeCarnet.objects.get()
    assert response.status_code == 302
    assert response["Location"] == entree.get_absolute_url()
    assert (entree.auteur, entree.visibilite, entree.session) == (
        ambassadeur,
        Visibilite.PRIVE,
        session,
    )
    page = client.get(entree.get_absolute_url()).content.decode()
    assert "<strong>debout</strong>" in page
    assert "Vous seul·e pouvez la lire" in page


def test_entry_cannot_point_to_a_session_of_another_transfo(
    client, ambassadeur, transfo, other_transfo
):
    elsewhere = session_with_programme(other_transfo, numero=1, statut=StatutSession.PUBLIEE)
    client.force_login(ambassadeur)
    response = client.post(
        "/espace/carnet/nouvelle/",
        {"transfo": transfo.pk, "date": "2026-06-25", "session": elsewhere.pk, "titre": "Titre"},
    )
    assert response.status_code == 200
    assert not EntreeCarnet.objects.exists()


def test_entry_cannot_be_written_in_a_transfo_of_which_one_is_not_member(
    client, ambassadeur, other_transfo
):
    client.force_login(ambassadeur)
    response = client.post(
        "/espace/carnet/nouvelle/",
        {"transfo": other_transfo.pk, "date": "2026-06-25", "titre": "Titre"},
    )
    assert response.status_code == 200
    assert not EntreeCarnet.objects.exists()


def test_outsider_is_told_the_carnet_opens_with_a_transfo(client, outsider):
    client.force_login(outsider)
    response = client.get("/espace/carnet/nouvelle/", follow=True)
    assert "ouvre aux membres d" in response.content.decode()


def test_author_edits_an_entry(client, ambassadeur, entree):
    client.force_login(ambassadeur)
    data = {"transfo": entree.transfo_id, "date": "2026-06-26", "titre": "Nouveau titre"}
    response = client.post(f"/espace/carnet/{entree.pk}/modifier/", data | {"texte": "Modifié"})
    assert response.status_code == 302
    entree.refresh_from_db()
    assert (entree.titre, entree.texte, entree.date) == (
        "Nouveau titre",
        "Modifié",
        date(2026, 6, 26),
    )


def test_sharing_shows_who_will_read_then_applies_on_confirmation(
    client, ambassadeur, peer, resident, pilote, other_member, entree
):
    client.force_login(ambassadeur)
    url = f"/espace/carnet/{entree.pk}/visibilite/"
    page = client.get(url).content.decode()
    assert 'type="radio"' in page
    assert "Pas la coordination de La 27e Région" in page

    confirm = client.post(url, {"visibilite": "groupe"}).content.decode()
    for name in ("Karim Benali", "Suzanne Keller", "Isabelle Roth"):
        assert name in confirm
    assert "Thomas Schmitt" not in confirm
    entree.refresh_from_db()
    assert entree.visibilite == Visibilite.PRIVE  # nothing changed before confirming

    response = client.post(url, {"visibilite": "groupe", "confirme": "1"})
    assert response.status_code == 302
    entree.refresh_from_db()
    assert entree.visibilite == Visibilite.GROUPE
    assert entree.partagee_le is not None


def test_sharing_with_residents_lists_only_residents(client, ambassadeur, peer, resident, entree):
    client.force_login(ambassadeur)
    confirm = client.post(
        f"/espace/carnet/{entree.pk}/visibilite/", {"visibilite": "residents"}
    ).content.decode()
    assert "Suzanne Keller" in confirm
    assert "Karim Benali" not in confirm


def test_sharing_is_reversible(client, ambassadeur, peer, make_entree):
    entree = make_entree(Visibilite.GROUPE)
    client.force_login(ambassadeur)
    client.post(f"/espace/carnet/{entree.pk}/visibilite/", {"visibilite": "prive", "confirme": "1"})
    entree.refresh_from_db()
    assert (entree.visibilite, entree.partagee_le) == (Visibilite.PRIVE, None)
    client.force_login(peer)
    assert client.get(entree.get_absolute_url()).status_code == 404


def test_unknown_visibility_is_refused(client, ambassadeur, entree):
    client.force_login(ambassadeur)
    response = client.post(
        f"/espace/carnet/{entree.pk}/visibilite/", {"visibilite": "public", "confirme": "1"}
    )
    assert response.status_code == 200
    entree.refresh_from_db()
    assert entree.visibilite == Visibilite.PRIVE


def test_delete_asks_for_confirmation_then_removes_entry_and_files(
    client, ambassadeur, entree_with_photo, django_capture_on_commit_callbacks
):
    entree, piece = entree_with_photo(Visibilite.PRIVE)
    storage, name = piece.fichier.storage, piece.fichier.name
    client.force_login(ambassadeur)
    assert (
        "Supprimer définitivement"
        in client.get(f"/espace/carnet/{entree.pk}/supprimer/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/espace/carnet/{entree.pk}/supprimer/")
    assert response["Location"] == "/espace/carnet/"
    assert not EntreeCarnet.objects.filter(pk=entree.pk).exists()
    assert not storage.exists(name)


def test_my_carnet_filters_by_visibility_and_session(client, ambassadeur, transfo, make_entree):
    session = session_with_programme(transfo, numero=2, statut=StatutSession.PUBLIEE)
    make_entree(Visibilite.PRIVE, titre="Entrée privée")
    make_entree(Visibilite.GROUPE, titre="Entrée du groupe", session=session)
    client.force_login(ambassadeur)
    page = client.get("/espace/carnet/", {"visibilite": "groupe"}).content.decode()
    assert "Entrée du groupe" in page
    assert "Entrée privée" not in page
    page = client.get("/espace/carnet/", {"session": session.pk}).content.decode()
    assert "Entrée du groupe" in page
    assert "Entrée privée" not in page
    page = client.get("/espace/carnet/", {"q": "privée"}).content.decode()
    assert "Entrée privée" in page
    assert "Entrée du groupe" not in page


def test_my_carnet_paginates(client, ambassadeur, make_entree):
    for n in range(25):
        make_entree(titre=f"Entrée numéro {n:02d}")
    client.force_login(ambassadeur)
    first = client.get("/espace/carnet/").content.decode()
    second = client.get("/espace/carnet/", {"page": 2}).content.decode()
    assert "Page 1 sur 2" in first
    assert first.count('class="card entree-card"') == 20
    assert second.count('class="card entree-card"') == 5


def test_shared_with_me_is_grouped_by_transfo(client, peer, make_entree, ambassadeur):
    make_entree(Visibilite.GROUPE, titre="Partagée avec le groupe")
    client.force_login(peer)
    page = client.get("/espace/carnet/partages/").content.decode()
    assert "<h2" in page and "Transfo Strasbourg" in page
    assert "Partagée avec le groupe" in page
    assert "Claire Muller" in page


def test_prompt_offers_past_days_with_programme_titles_not_residents_notes(
    client, ambassadeur, transfo
):
    session = session_with_programme(
        transfo, numero=4, days=1, blocks=0, statut=StatutSession.PUBLIEE
    )
    day = session.jours.get()
    day.date = date(2026, 3, 12)
    day.save()
    BlocFactory(jour=day, titre="Débat mouvant", notes_residents="NOTE-SECRETE-DES-RESIDENTS")
    BlocFactory(jour=day, titre="Déjeuner", type=TypeBloc.PAUSE)
    session_with_programme(transfo, numero=5, days=1, blocks=1)  # a draft: never offered
    client.force_login(ambassadeur)

    page = client.get("/espace/carnet/").content.decode()
    assert "Écrire sur la journée du 12 mars 2026" in page
    assert "Débat mouvant" in page
    assert "NOTE-SECRETE-DES-RESIDENTS" not in page
    assert page.count("Écrire sur la journée du") == 1

    form = client.get(f"/espace/carnet/nouvelle/?jour={day.pk}").content.decode()
    assert "- Débat mouvant" in form
    assert "Déjeuner" not in form
    assert "NOTE-SECRETE-DES-RESIDENTS" not in form
    assert "Journée du 12 mars 2026" in form


def test_prompt_disappears_once_the_day_is_written_about(client, ambassadeur, transfo, make_entree):
    session = session_with_programme(transfo, numero=4, days=1, statut=StatutSession.PUBLIEE)
    day = session.jours.get()
    make_entree(session=session, date=day.date)
    client.force_login(ambassadeur)
    assert "Écrire sur la journée du" not in client.get("/espace/carnet/").content.decode()


def test_prompt_of_a_day_of_another_transfo_prefills_nothing(client, ambassadeur, other_transfo):
    session = session_with_programme(other_transfo, numero=1, days=1, statut=StatutSession.PUBLIEE)
    day = session.jours.get()
    client.force_login(ambassadeur)
    form = client.get(f"/espace/carnet/nouvelle/?jour={day.pk}").content.decode()
    assert "Bloc 1.1" not in form


def test_navigation_and_espace_link_to_the_carnet(client, ambassadeur):
    client.force_login(ambassadeur)
    page = client.get("/espace/").content.decode()
    assert 'href="/espace/carnet/"' in page
    assert "Mon carnet" in page


def test_no_mail_is_sent_when_writing_or_sharing(client, ambassadeur, peer, entree):
    client.force_login(ambassadeur)
    client.post(
        f"/espace/carnet/{entree.pk}/visibilite/", {"visibilite": "groupe", "confirme": "1"}
    )
    assert mail.outbox == []
