"""`/espace/` answers "what now?" (issue 21, item 3): the next session, the devoirs due, the
charte to sign, the bilan to write, the shared entries not read yet; for those who follow the
group, who to remind. New devoirs and bilans are mailed to the group."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ambassadeurs.choices import PartieCharte, Visibilite
from ambassadeurs.models import Charte, SignatureCharte
from ambassadeurs.tasks import announce_bilan, announce_devoir
from collectivites.choices import StatutSession
from collectivites.models import Participation
from tests.ambassadeurs.factories import (
    AmbassadeurProfileFactory,
    DevoirFactory,
    EntreeCarnetFactory,
    ReponseDevoirFactory,
    record,
    session_days,
)
from tests.ambassadeurs.factories_bilans import BilanFactory
from transfo.dates import french_date

pytestmark = pytest.mark.django_db


def espace(client, user):
    client.force_login(user)
    response = client.get("/espace/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_published_session_comes_first_with_its_dates_and_place(
    client, transfo, ambassadeur
):
    today = timezone.localdate()
    session_days(transfo, 1, first=today - timedelta(days=40), titre="Passée")
    later = session_days(transfo, 3, first=today + timedelta(days=60), titre="Plus tard")
    nxt = session_days(transfo, 2, first=today + timedelta(days=10), titre="Labo et cas")
    nxt.lieu = "Tiers-lieu Le Shadok"
    nxt.save()
    content = espace(client, ambassadeur)
    assert "Prochaine session" in content
    assert "Session n°2 : Labo et cas" in content and nxt.get_absolute_url() in content
    assert french_date(today + timedelta(days=10), "weekday_day_month") in content
    assert "Tiers-lieu Le Shadok" in content
    assert "Passée" not in content and later.titre not in content
    # Before "Mes Transfos": the first thing read.
    assert content.index("Prochaine session") < content.index("Mes Transfos")


def test_a_draft_next_session_shows_to_the_residents_only(client, transfo, ambassadeur, resident):
    today = timezone.localdate()
    draft = session_days(transfo, 4, first=today + timedelta(days=5), titre="En préparation")
    draft.statut = StatutSession.BROUILLON
    draft.save()
    assert "En préparation" not in espace(client, ambassadeur)
    content = espace(client, resident)
    assert "En préparation" in content and "Programme pas encore publié." in content
    assert draft.get_planner_url() in content


def test_devoirs_due_and_late_are_to_do_until_answered(client, transfo, ambassadeur, peer):
    today = timezone.localdate()
    due = DevoirFactory(transfo=transfo, titre="Portrait d'usager", echeance=today + timedelta(7))
    late = DevoirFactory(transfo=transfo, titre="Carte d'empathie", echeance=today - timedelta(3))
    DevoirFactory(transfo=transfo, titre="Très ancien", echeance=today - timedelta(90))
    done = DevoirFactory(transfo=transfo, titre="Déjà rendu", echeance=today + timedelta(7))
    ReponseDevoirFactory(devoir=done, auteur=ambassadeur, texte="Fait.")
    content = espace(client, ambassadeur)
    assert "À faire" in content
    assert (
        f"Devoir « Portrait d&#x27;usager » : à rendre pour le {french_date(due.echeance)}"
        in content
    )
    assert "Carte d&#x27;empathie » : en retard" in content and late.get_absolute_url() in content
    assert "Très ancien" not in content and "Déjà rendu" not in content
    # Someone else's answer does not take it off my list.
    assert "Déjà rendu" in espace(client, peer)


def test_the_members_of_another_transfo_see_nothing_of_this_one(
    client, transfo, other_member, ambassadeur
):
    today = timezone.localdate()
    DevoirFactory(transfo=transfo, titre="Devoir de Strasbourg", echeance=today + timedelta(7))
    session_days(transfo, 2, first=today + timedelta(days=10), titre="Session de Strasbourg")
    BilanFactory(transfo=transfo, titre="Bilan de Strasbourg")
    EntreeCarnetFactory(
        auteur=ambassadeur,
        transfo=transfo,
        visibilite=Visibilite.GROUPE,
        partagee_le=timezone.now(),
    )
    content = espace(client, other_member)
    for text in ("Devoir de Strasbourg", "Session de Strasbourg", "Bilan de Strasbourg"):
        assert text not in content
    assert "À faire" not in content and "pas encore lue" not in content


def test_the_charte_to_sign_until_the_ambassadeur_signed_it(client, transfo):
    profil = AmbassadeurProfileFactory(participation__transfo=transfo)
    user = profil.participation.user
    assert "Signer ma charte d&#x27;engagement (Transfo Strasbourg)" in espace(client, user)
    Charte.of_profil(profil).sign(PartieCharte.AMBASSADEUR, nom=user.get_full_name(), user=user)
    assert "Signer ma charte" not in espace(client, user)
    # Denounced, it is to sign again.
    SignatureCharte.objects.update(denoncee_le=timezone.now())
    assert "Signer ma charte" in espace(client, user)


def test_a_bilan_to_write_until_handed_in(client, transfo, ambassadeur):
    bilan = BilanFactory(transfo=transfo, titre="Bilan de mi-parcours")
    content = espace(client, ambassadeur)
    assert (
        f"Bilan « Bilan de mi-parcours » : à écrire d&#x27;ici le {french_date(bilan.cloture)}"
        in content
    )


def test_shared_entries_are_to_read_until_opened(client, transfo, ambassadeur, peer):
    entree = EntreeCarnetFactory(
        auteur=peer, transfo=transfo, visibilite=Visibilite.GROUPE, partagee_le=timezone.now()
    )
    EntreeCarnetFactory(auteur=peer, transfo=transfo, visibilite=Visibilite.PRIVE)
    EntreeCarnetFactory(
        auteur=peer,
        transfo=transfo,
        visibilite=Visibilite.GROUPE,
        partagee_le=timezone.now() - timedelta(days=45),
    )
    assert "1 entrée de carnet partagée avec vous ces 30 derniers jours" in espace(
        client, ambassadeur
    )
    partages = client.get("/espace/carnet/partages/").content.decode()
    assert partages.count("Non lue") == 2
    client.get(entree.get_absolute_url())
    assert "pas encore lue" not in espace(client, ambassadeur)
    assert client.get("/espace/carnet/partages/").content.decode().count("Non lue") == 1
    # The author's own entries are never "to read".
    assert "pas encore lue" not in espace(client, peer)


def test_the_pilote_sees_who_to_remind(client, transfo, pilote, ambassadeur):
    membre = Participation.objects.get(user=ambassadeur)
    for numero in (1, 2):
        record(session_days(transfo, numero), membre, False, False)
    content = espace(client, pilote)
    assert "À suivre dans vos groupes" in content
    assert "Transfo Strasbourg : 1 personne à relancer" in content
    assert "/presences/#a-relancer" in content
    # An ambassadeur does not follow the group.
    assert "à relancer" not in espace(client, ambassadeur)


def test_the_presences_page_lets_the_pilote_write_to_those_to_remind(
    client, transfo, pilote, ambassadeur
):
    membre = Participation.objects.get(user=ambassadeur)
    for numero in (1, 2):
        record(session_days(transfo, numero), membre, False, False)
    client.force_login(pilote)
    content = client.get(f"/espace/transfos/{transfo.slug}/presences/").content.decode()
    assert f'href="mailto:{ambassadeur.email}"' in content
    assert "mailto:?bcc=" in content and "Écrire à cette personne" in content


@pytest.mark.parametrize("size", [1, 6])
def test_espace_costs_the_same_queries_for_any_amount_of_work(
    client, transfo, ambassadeur, peer, size, django_assert_max_num_queries
):
    today = timezone.localdate()
    for n in range(size):
        DevoirFactory(transfo=transfo, echeance=today + timedelta(days=n + 1))
        BilanFactory(transfo=transfo)
        session_days(transfo, n + 1, first=today + timedelta(days=10 * (n + 1)))
        EntreeCarnetFactory(
            auteur=peer, transfo=transfo, visibilite=Visibilite.GROUPE, partagee_le=timezone.now()
        )
    AmbassadeurProfileFactory(participation=Participation.objects.get(user=ambassadeur))
    client.force_login(ambassadeur)
    with django_assert_max_num_queries(26):
        content = client.get("/espace/").content.decode()
    assert content.count("Devoir «") == size


def test_a_new_devoir_is_mailed_to_the_cercle_once_without_its_instructions(
    client, transfo, resident, ambassadeur, peer, pilote, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/espace/transfos/{transfo.slug}/devoirs/nouveau/",
            {
                "titre": "Portrait d'usager",
                "consignes": "canari-consignes-privees",
                "echeance": "2026-12-20",
            },
        )
    assert response.status_code == 302
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([ambassadeur.email, peer.email])
    message = mail.outbox[0]
    assert (
        message.subject == "Nouveau devoir : Portrait d'usager, à rendre pour le 20 décembre 2026"
    )
    assert "canari-consignes-privees" not in message.body
    assert "/devoirs/" in message.body
    devoir_id = int(response["Location"].rstrip("/").split("/")[-1])
    assert announce_devoir(devoir_id) == 0  # a second run sends nothing
    assert len(mail.outbox) == 2


def test_a_new_bilan_is_mailed_to_the_cercle_once(transfo, ambassadeur, peer, resident):
    bilan = BilanFactory(transfo=transfo, titre="Bilan de fin de parcours")
    assert announce_bilan(bilan.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ambassadeur.email, peer.email])
    assert mail.outbox[0].subject == "Un bilan est ouvert : Bilan de fin de parcours"
    assert french_date(bilan.cloture) in mail.outbox[0].body
    assert announce_bilan(bilan.pk) == 0
