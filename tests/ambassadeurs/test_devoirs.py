"""Devoirs between sessions: résidents post, ambassadeurs answer privately (to the résidents
and the pilote), résidents see who answered and comment; another person's answer is 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ambassadeurs.models import CommentaireDevoir, Devoir, ReponseDevoir
from tests.ambassadeurs.factories import (
    PDF_BYTES,
    DevoirFactory,
    ReponseDevoirFactory,
    read_file_response,
)

BASE = "/espace/transfos/strasbourg/devoirs/"
CAST = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]
SECRET = "canari-reponse-privee-au-devoir"


@pytest.fixture
def devoir(transfo, resident):
    return DevoirFactory(transfo=transfo, auteur=resident, titre="Devoirs de vacances")


@pytest.fixture
def reponse(devoir, ambassadeur):
    """The cast's ambassadeur's answer, with a file."""
    reponse = ReponseDevoirFactory(devoir=devoir, auteur=ambassadeur, texte=SECRET)
    reponse.fichier.save("reponse.pdf", SimpleUploadedFile("reponse.pdf", PDF_BYTES))
    reponse.nom_fichier, reponse.content_type = "reponse.pdf", "application/pdf"
    reponse.save()
    return reponse


MATRIX = {
    "list": [200, 200, 200, 200, 404, 200, 404, 302],
    "create": [403, 403, 200, 403, 404, 403, 404, 302],
    "detail": [200, 200, 200, 200, 404, 200, 404, 302],
    "answer": [302, 302, 403, 403, 404, 403, 404, 302],
    "read_answer": [200, 404, 200, 200, 404, 404, 404, 302],
    "download_answer": [200, 404, 200, 200, 404, 404, 404, 302],
    "comment": [403, 404, 302, 403, 404, 404, 404, 302],
}


def act(client, action, devoir, reponse):
    detail = f"{BASE}{devoir.pk}/"
    answer = f"{detail}reponses/{reponse.pk}/"
    if action == "list":
        return client.get(BASE)
    if action == "create":
        return client.get(f"{BASE}nouveau/")
    if action == "detail":
        return client.get(detail)
    if action == "answer":
        return client.post(detail, {"texte": "Ma réponse."})
    if action == "read_answer":
        return client.get(answer)
    if action == "download_answer":
        return read_file_response(client.get(f"{answer}fichier/"))
    if action == "comment":
        return client.post(answer, {"texte": "Bravo."})
    raise AssertionError(action)


@pytest.mark.parametrize(
    ("action", "who", "expected"),
    [
        (action, who, status)
        for action, statuses in MATRIX.items()
        for who, status in zip([*CAST, "anonymous"], statuses, strict=True)
    ],
)
def test_devoir_permission_matrix(client_for, devoir, reponse, action, who, expected):
    response = act(client_for(who), action, devoir, reponse)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/comptes/login/?next=")
    if who not in {"ambassadeur", "resident", "pilote"} and action != "download_answer":
        assert SECRET not in response.content.decode()
    if expected in {403, 404} or who == "anonymous":
        assert not CommentaireDevoir.objects.exists()
        assert list(ReponseDevoir.objects.values_list("texte", flat=True)) == [SECRET]


def test_peer_never_reads_the_answer_on_any_devoir_page(client, peer, devoir, reponse):
    client.force_login(peer)
    for url in (BASE, f"{BASE}{devoir.pk}/"):
        page = client.get(url).content.decode()
        assert SECRET not in page and "reponses/" not in page


def test_resident_sees_who_answered_and_reads_the_answers(client, resident, peer, devoir, reponse):
    client.force_login(resident)
    page = client.get(f"{BASE}{devoir.pk}/").content.decode()
    table = page.split("<table")[1]
    assert "Claire Muller" in table and "Répondu le" in table
    assert "Karim Benali" in table and "pas encore" in table
    assert f"{BASE}{devoir.pk}/reponses/{reponse.pk}/" in table
    assert "1 réponse" in client.get(BASE).content.decode()


def test_resident_comments_and_the_author_reads_it(client, resident, ambassadeur, reponse, devoir):
    url = f"{BASE}{devoir.pk}/reponses/{reponse.pk}/"
    client.force_login(resident)
    assert client.post(url, {"texte": "Très juste, on en reparle en session."}).status_code == 302
    client.force_login(ambassadeur)
    page = client.get(url).content.decode()
    assert "Très juste, on en reparle en session." in page and "Suzanne Keller" in page
    assert "<textarea" not in page  # the author does not comment


def test_ambassadeur_answers_with_a_file_then_updates_the_same_answer(client, ambassadeur, devoir):
    client.force_login(ambassadeur)
    url = f"{BASE}{devoir.pk}/"
    upload = SimpleUploadedFile("devoir.pdf", PDF_BYTES, content_type="application/pdf")
    assert client.post(url, {"texte": "Première version.", "piece": upload}).status_code == 302
    client.post(url, {"texte": "Deuxième version."})
    reponse = ReponseDevoir.objects.get()
    assert (reponse.texte, reponse.nom_fichier, reponse.auteur) == (
        "Deuxième version.",
        "devoir.pdf",
        ambassadeur,
    )
    assert "à faire" not in client.get(BASE).content.decode()


def test_an_empty_answer_is_refused(client, ambassadeur, devoir):
    client.force_login(ambassadeur)
    response = client.post(f"{BASE}{devoir.pk}/", {"texte": ""})
    assert "Écrivez une réponse ou joignez un fichier." in response.content.decode()
    assert not ReponseDevoir.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("consignes.pdf", b"<html><script>alert(1)</script></html>", "ne correspond pas à son nom"),
        ("consignes.exe", b"MZ\x90\x00", "type de fichier n&#x27;est pas accepté"),
        ("consignes.docx", PDF_BYTES, "ne correspond pas à son nom"),
    ],
)
def test_resident_attachment_is_checked(client, resident, name, content, error):
    client.force_login(resident)
    response = client.post(
        f"{BASE}nouveau/",
        {
            "titre": "Exercice",
            "consignes": "Faites-le.",
            "echeance": "2026-09-01",
            "piece": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert error in page
    assert 'value="Exercice"' in page  # nothing typed is lost
    assert not Devoir.objects.exists()


def test_resident_posts_a_devoir_the_group_downloads_its_attachment(
    client, resident, peer, other_member, transfo
):
    client.force_login(resident)
    response = client.post(
        f"{BASE}nouveau/",
        {
            "titre": "Devoirs de vacances",
            "consignes": "Racontez **à un proche** ce que vous avez appris.",
            "echeance": "2026-09-01",
            "piece": SimpleUploadedFile("consignes.pdf", PDF_BYTES),
        },
    )
    devoir = Devoir.objects.get()
    assert response["Location"] == f"{BASE}{devoir.pk}/"
    assert (devoir.transfo, devoir.auteur, devoir.content_type) == (
        transfo,
        resident,
        "application/pdf",
    )
    client.force_login(peer)
    page = client.get(f"{BASE}{devoir.pk}/").content.decode()
    assert "<strong>à un proche</strong>" in page
    download = read_file_response(client.get(f"{BASE}{devoir.pk}/fichier/"))
    assert download.status_code == 200 and download.body == PDF_BYTES
    assert download["Cache-Control"] == "private, no-store"
    client.force_login(other_member)
    assert client.get(f"{BASE}{devoir.pk}/fichier/").status_code == 404


def test_an_answer_is_not_reachable_through_another_devoir(client, ambassadeur, reponse, transfo):
    other = DevoirFactory(transfo=transfo)
    client.force_login(ambassadeur)
    assert client.get(f"{BASE}{other.pk}/reponses/{reponse.pk}/").status_code == 404


def test_answer_rule_and_queryset_agree_for_everyone(cast, reponse, peer, devoir):

    other = ReponseDevoirFactory(devoir=devoir, auteur=peer)
    for user in filter(None, cast.values()):
        visible = set(ReponseDevoir.objects.visible_to(user).values_list("pk", flat=True))
        for item in (reponse, other):
            assert user.has_perm("ambassadeurs.read_reponse", item) == (item.pk in visible), (
                user,
                item,
            )
