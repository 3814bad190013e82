"""Bilans: opening a campaign, answering a personal bilan, sharing it, writing together."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ambassadeurs.choices import JalonBilan, StatutBilan, TypeBilan, Visibilite
from ambassadeurs.models import Bilan, BilanPersonnel, ReponseCollective
from tests.ambassadeurs.factories_bilans import (
    BilanFactory,
    BilanPersonnelFactory,
    answer_all,
    collective_answer,
)
from tests.cas_pratiques.factories import CasPratiqueFactory
from transfo.users.models import AuditAction, AuditEvent

BASE = "/espace/transfos/strasbourg/bilans/"


def campaign_data(**kwargs):
    return {
        "titre": "Bilan à mi-parcours",
        "type": TypeBilan.PERSONNEL,
        "jalon": JalonBilan.MI_PARCOURS,
        "ouverture": timezone.localdate().isoformat(),
        "cloture": "",
        "questions": "1. Qu'avez-vous observé ?\n\n- Qu'en retenez-vous ?\n  Quel défi pour la fin ?  ",
        **kwargs,
    }


# Opening a campaign -----------------------------------------------------------------------


def test_resident_opens_a_campaign_with_ordered_questions(client, resident, transfo):
    client.force_login(resident)
    response = client.post(f"{BASE}nouveau/", campaign_data())
    bilan = Bilan.objects.get()
    assert response["Location"] == bilan.get_absolute_url()
    assert bilan.transfo == transfo and bilan.created_by == resident
    assert [q.texte for q in bilan.questions.all()] == [
        "Qu'avez-vous observé ?",
        "Qu'en retenez-vous ?",
        "Quel défi pour la fin ?",
    ]
    assert [q.position for q in bilan.questions.all()] == [1, 2, 3]


def test_a_bilan_after_a_cas_pratique_names_a_case_of_the_transfo(
    client, resident, transfo, other_transfo
):
    mine = CasPratiqueFactory(transfo=transfo, titre="Les inscriptions scolaires")
    theirs = CasPratiqueFactory(transfo=other_transfo, titre="Les bureaux volants")
    client.force_login(resident)
    missing = client.post(f"{BASE}nouveau/", campaign_data(jalon=JalonBilan.CAS_PRATIQUE))
    assert missing.status_code == 400
    assert "Choisissez le cas pratique" in missing.content.decode()
    # What was typed is kept.
    assert "Quel défi pour la fin ?" in missing.content.decode()
    other = client.post(
        f"{BASE}nouveau/", campaign_data(jalon=JalonBilan.CAS_PRATIQUE, cas_pratique=theirs.pk)
    )
    assert other.status_code == 400
    assert not Bilan.objects.exists()
    client.post(
        f"{BASE}nouveau/", campaign_data(jalon=JalonBilan.CAS_PRATIQUE, cas_pratique=mine.pk)
    )
    assert Bilan.objects.get().cas_pratique == mine


def test_closing_before_opening_is_refused_in_french(client, resident, transfo):
    client.force_login(resident)
    today = timezone.localdate()
    response = client.post(
        f"{BASE}nouveau/",
        campaign_data(cloture=(today - timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert "La clôture ne peut pas précéder l&#x27;ouverture." in response.content.decode()
    assert not Bilan.objects.exists()


def test_too_many_questions_are_refused(client, resident, transfo):
    client.force_login(resident)
    questions = "\n".join(f"Question {n} ?" for n in range(13))
    response = client.post(f"{BASE}nouveau/", campaign_data(questions=questions))
    assert response.status_code == 400
    assert "13 questions : c&#x27;est 12 au plus." in response.content.decode()


def test_questions_are_editable_until_someone_answers(client, resident, ambassadeur, transfo):
    bilan = BilanFactory(transfo=transfo)
    client.force_login(resident)
    data = campaign_data(questions="Nouvelle question ?", type=TypeBilan.PERSONNEL)
    client.post(f"{BASE}{bilan.pk}/modifier/", data)
    assert [q.texte for q in bilan.questions.all()] == ["Nouvelle question ?"]
    answer_all(BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur, brouillon=True), "Texte")
    page = client.get(f"{BASE}{bilan.pk}/modifier/").content.decode()
    assert "ne peut plus changer" in page
    client.post(
        f"{BASE}{bilan.pk}/modifier/",
        campaign_data(questions="Autre ?", type=TypeBilan.COLLECTIF, titre="Nouveau titre"),
    )
    bilan.refresh_from_db()
    assert bilan.titre == "Nouveau titre"
    assert bilan.type == TypeBilan.PERSONNEL
    assert [q.texte for q in bilan.questions.all()] == ["Nouvelle question ?"]


# Answering a personal bilan ---------------------------------------------------------------


@pytest.fixture
def bilan(transfo, resident):
    return BilanFactory(transfo=transfo, created_by=resident)


def answers(bilan, *texts):
    return {f"question_{q.pk}": t for q, t in zip(bilan.questions.all(), texts, strict=True)}


def test_ambassadeur_saves_a_draft_then_hands_it_in(client, ambassadeur, bilan):
    client.force_login(ambassadeur)
    url = f"{BASE}{bilan.pk}/repondre/"
    response = client.post(
        url, {**answers(bilan, "Les files d'attente", ""), "action": "brouillon"}
    )
    copie = BilanPersonnel.objects.get(auteur=ambassadeur)
    assert response["Location"] == copie.get_absolute_url()
    assert copie.statut == StatutBilan.BROUILLON and copie.visibilite == Visibilite.PRIVE
    # Handing in asks for every answer; what was typed stays in the form.
    refused = client.post(url, {**answers(bilan, "Les files d'attente", " "), "action": "deposer"})
    assert refused.status_code == 400
    assert "Répondez à cette question avant de déposer" in refused.content.decode()
    assert "Les files d&#x27;attente" in refused.content.decode()
    copie.refresh_from_db()
    assert copie.statut == StatutBilan.BROUILLON
    client.post(url, {**answers(bilan, "Les files d'attente", "Écouter"), "action": "deposer"})
    copie.refresh_from_db()
    assert copie.statut == StatutBilan.DEPOSE and copie.depose_le is not None
    assert copie.visibilite == Visibilite.PRIVE
    assert sorted(copie.textes().values()) == ["Les files d'attente", "Écouter"]


def test_autosave_keeps_a_draft_while_typing(client, ambassadeur, bilan):
    client.force_login(ambassadeur)
    page = client.get(f"{BASE}{bilan.pk}/repondre/").content.decode()
    fields = " ".join(f"question_{q.pk}" for q in bilan.questions.all())
    assert f'data-carnet-fields="{fields}"' in page
    assert f'data-draft-url="{BASE}{bilan.pk}/brouillon/"' in page
    response = client.post(f"{BASE}{bilan.pk}/brouillon/", answers(bilan, "Premier jet", ""))
    assert response.status_code == 200
    assert response.json()["message"].startswith("Brouillon enregistré à")
    copie = BilanPersonnel.objects.get(auteur=ambassadeur)
    assert copie.statut == StatutBilan.BROUILLON
    assert "Premier jet" in copie.textes().values()


def test_autosave_with_an_expired_session_is_sent_to_sign_in(client, bilan):
    """carnet.js then keeps the text in the browser and restores it after signing in."""
    response = client.post(f"{BASE}{bilan.pk}/brouillon/", answers(bilan, "Perdu ?", ""))
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    assert not BilanPersonnel.objects.exists()


def test_autosave_never_changes_a_handed_in_bilan(client, ambassadeur, bilan):
    copie = BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur)
    answer_all(copie, "Déposé")
    client.force_login(ambassadeur)
    assert "data-carnet-draft" not in client.get(f"{BASE}{bilan.pk}/repondre/").content.decode()
    response = client.post(f"{BASE}{bilan.pk}/brouillon/", answers(bilan, "Autre", "Autre"))
    assert response.status_code == 409
    assert set(copie.textes().values()) == {"Déposé 1", "Déposé 2"}


def test_a_saved_bilan_tells_the_browser_to_forget_its_local_copy(client, ambassadeur, bilan):
    client.force_login(ambassadeur)
    response = client.post(
        f"{BASE}{bilan.pk}/repondre/", {**answers(bilan, "a", ""), "action": "brouillon"}
    )
    page = client.get(response["Location"]).content.decode()
    assert f'data-carnet-clear="bilan-{bilan.pk}"' in page
    # Once only.
    assert "data-carnet-clear" not in client.get(response["Location"]).content.decode()


def test_a_closed_bilan_takes_no_more_answers(client, ambassadeur, transfo):
    bilan = BilanFactory(transfo=transfo, clos=True)
    client.force_login(ambassadeur)
    response = client.post(
        f"{BASE}{bilan.pk}/repondre/",
        {**answers(bilan, "a", "b"), "action": "deposer"},
        follow=True,
    )
    assert "Ce bilan est clos" in response.content.decode()
    assert not BilanPersonnel.objects.exists()


def test_markdown_of_answers_is_sanitised(client, ambassadeur, bilan):
    copie = BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur)
    answer_all(copie, "**fort** <script>alert(1)</script>")
    client.force_login(ambassadeur)
    page = client.get(copie.get_absolute_url()).content.decode()
    assert "<strong>fort</strong>" in page
    assert "<script>alert(1)</script>" not in page


# Sharing and following --------------------------------------------------------------------


def test_sharing_with_the_group_is_explicit_recorded_and_reversible(
    client, ambassadeur, peer, resident, bilan
):
    copie = BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur)
    answer_all(copie, "Ce que je partage")
    client.force_login(ambassadeur)
    url = f"{copie.get_absolute_url()}visibilite/"
    page = client.get(url).content.decode()
    # Each choice says who exactly would read the bilan.
    assert "Karim Benali" in page and "Suzanne Keller" in page
    client.post(url, {"visibilite": Visibilite.GROUPE})
    copie.refresh_from_db()
    assert copie.visibilite == Visibilite.GROUPE and copie.partage_le is not None
    event = AuditEvent.objects.get(action=AuditAction.VISIBILITE)
    assert event.object_id == str(copie.pk) and event.detail == "prive → groupe"
    client.force_login(peer)
    assert "Ce que je partage 1" in client.get(copie.get_absolute_url()).content.decode()
    client.force_login(ambassadeur)
    client.post(url, {"visibilite": Visibilite.PRIVE})
    client.force_login(peer)
    assert client.get(copie.get_absolute_url()).status_code == 404


def test_residents_see_who_answered_without_private_texts(
    client, ambassadeur, peer, resident, bilan, transfo
):
    prive = BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur)
    answer_all(prive, "texte-prive-du-bilan")
    partage = BilanPersonnelFactory(bilan=bilan, auteur=peer, visibilite=Visibilite.RESIDENTS)
    answer_all(partage, "texte-partage")
    client.force_login(resident)
    page = client.get(f"{BASE}{bilan.pk}/").content.decode()
    assert "Qui a répondu" in page
    assert "Claire Muller" in page and "Karim Benali" in page
    assert "texte-prive-du-bilan" not in page
    assert prive.get_absolute_url() not in page
    assert partage.get_absolute_url() in page
    listing = client.get(BASE).content.decode()
    assert "2 sur 2" in listing


def test_the_carnet_lists_the_open_bilans_to_answer(client, ambassadeur, transfo, bilan):
    collectif = BilanFactory(transfo=transfo, collectif=True, titre="Bilan collectif de fin")
    BilanFactory(transfo=transfo, clos=True, titre="Bilan clos")
    BilanFactory(
        transfo=transfo,
        titre="Bilan à venir",
        ouverture=timezone.localdate() + timedelta(days=3),
        cloture=None,
    )
    client.force_login(ambassadeur)
    page = client.get("/espace/carnet/").content.decode()
    assert "Bilans à remplir" in page
    assert f"{BASE}{bilan.pk}/repondre/" in page
    assert f"{BASE}{collectif.pk}/" in page
    assert "Bilan clos" not in page and "Bilan à venir" not in page
    answer_all(BilanPersonnelFactory(bilan=bilan, auteur=ambassadeur), "fait")
    page = client.get("/espace/carnet/").content.decode()
    assert f"{BASE}{bilan.pk}/repondre/" not in page


# Writing the collective bilan -------------------------------------------------------------


@pytest.fixture
def collectif(transfo):
    return BilanFactory(transfo=transfo, collectif=True)


def test_group_writes_a_shared_answer_and_the_last_editor_is_kept(
    client, ambassadeur, peer, collectif
):
    question = collectif.questions.first()
    url = f"{BASE}questions/{question.pk}/"
    client.force_login(ambassadeur)
    response = client.post(
        url, {f"q{question.pk}-texte": "Une réponse du groupe", f"q{question.pk}-version": "0"}
    )
    assert response["Location"] == f"{BASE}{collectif.pk}/#question-{question.pk}"
    client.force_login(peer)
    client.post(url, {f"q{question.pk}-texte": "Reprise par Karim", f"q{question.pk}-version": "1"})
    reponse = ReponseCollective.objects.get(question=question)
    assert reponse.texte == "Reprise par Karim" and reponse.updated_by == peer
    page = client.get(f"{BASE}{collectif.pk}/").content.decode()
    assert "Reprise par Karim" in page and "par Karim Benali" in page


def test_a_conflicting_edit_is_refused_and_the_typed_text_kept(
    client, ambassadeur, peer, collectif
):
    question = collectif.questions.first()
    collective_answer(question, "Écrit par Claire", ambassadeur)  # version 1
    url = f"{BASE}questions/{question.pk}/"
    client.force_login(peer)
    # Karim's page showed version 0: someone saved meanwhile.
    response = client.post(
        url, {f"q{question.pk}-texte": "Écrit par Karim", f"q{question.pk}-version": "0"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Claire Muller a enregistré cette réponse pendant que vous écriviez" in page
    assert "Écrit par Claire" in page and "Écrit par Karim" in page
    assert ReponseCollective.objects.get(question=question).texte == "Écrit par Claire"
    # Saving again from that page is a conscious choice: it replaces Claire's text.
    assert f'name="q{question.pk}-version" value="1"' in page
    client.post(url, {f"q{question.pk}-texte": "Écrit par Karim", f"q{question.pk}-version": "1"})
    assert ReponseCollective.objects.get(question=question).texte == "Écrit par Karim"


def test_htmx_edits_a_shared_answer_in_place(client, peer, collectif):
    question = collectif.questions.first()
    url = f"{BASE}questions/{question.pk}/"
    client.force_login(peer)
    form = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert form.startswith("<article") and "<textarea" in form
    saved = client.post(
        url,
        {f"q{question.pk}-texte": "En place", f"q{question.pk}-version": "0"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert saved.startswith("<article") and "Réponse enregistrée." in saved and "En place" in saved
    stale = client.post(
        url,
        {f"q{question.pk}-texte": "Trop tard", f"q{question.pk}-version": "0"},
        headers={"HX-Request": "true"},
    )
    assert stale.status_code == 200
    assert "pendant que vous écriviez" in stale.content.decode()
    assert ReponseCollective.objects.get(question=question).texte == "En place"
