"""Who may do what with bilans: the cast × actions × visibilities, refusals proven."""

import pytest

from ambassadeurs.choices import StatutBilan, Visibilite
from ambassadeurs.models import Bilan, BilanPersonnel, ReponseCollective
from tests.ambassadeurs.factories_bilans import (
    BilanFactory,
    BilanPersonnelFactory,
    answer_all,
    collective_answer,
)

CAST = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]
CANARY = "canari-b1la9-reponse-privee"
COLLECTIVE_CANARY = "canari-c0llectif-reponse-du-groupe"

# Besides the author (the cast's ambassadeur), who reads a handed-in bilan of each visibility.
READERS = {
    Visibilite.PRIVE: set(),
    Visibilite.RESIDENTS: {"resident"},
    Visibilite.GROUPE: {"peer", "resident", "pilote"},
}
# Who sees the campaigns of the Transfo (the group and coordinators); the others get 404.
SEES_CAMPAIGNS = {"ambassadeur", "peer", "resident", "pilote", "coordinateur"}
ANSWERS = {"ambassadeur", "peer"}
GROUP = {"ambassadeur", "peer", "resident", "pilote"}


@pytest.fixture
def bilan(transfo, resident):
    return BilanFactory(transfo=transfo, created_by=resident)


@pytest.fixture
def make_copie(bilan, ambassadeur):
    def make(visibilite=Visibilite.PRIVE, **kwargs):
        copie = BilanPersonnelFactory(
            bilan=bilan, auteur=ambassadeur, visibilite=visibilite, **kwargs
        )
        answer_all(copie, CANARY)
        return copie

    return make


def expected(name, visibilite, action):
    if name == "anonymous":
        return 302
    if action == "list":
        return 200 if name in SEES_CAMPAIGNS else 404
    if action == "answer":
        if name in ANSWERS:
            return 200
        return 403 if name in SEES_CAMPAIGNS else 404
    if name == "ambassadeur":
        return 302 if action == "change_visibility" else 200
    if name in READERS[visibilite]:
        return 200 if action == "read" else 403
    return 404


def request(client, action, copie):
    base = f"/espace/transfos/strasbourg/bilans/{copie.bilan_id}/"
    if action == "list":
        return client.get("/espace/transfos/strasbourg/bilans/")
    if action == "read":
        return client.get(f"{base}personnels/{copie.pk}/")
    if action == "answer":
        return client.get(f"{base}repondre/")
    if action == "change_visibility":
        return client.post(
            f"{base}personnels/{copie.pk}/visibilite/", {"visibilite": Visibilite.PRIVE.value}
        )
    raise AssertionError(action)


@pytest.mark.parametrize("visibilite", list(Visibilite))
@pytest.mark.parametrize("action", ["list", "read", "answer", "change_visibility"])
@pytest.mark.parametrize("name", [*CAST, "anonymous"])
def test_permission_matrix(client_for, make_copie, name, action, visibilite):
    copie = make_copie(visibilite)
    response = request(client_for(name), action, copie)
    assert response.status_code == expected(name, visibilite, action)
    if name == "anonymous":
        assert response["Location"].startswith("/comptes/login/?next=")
    if name != "ambassadeur" and name not in READERS[visibilite]:
        assert CANARY.encode() not in response.content
    # Refusals change nothing.
    if name != "ambassadeur":
        assert BilanPersonnel.objects.get(pk=copie.pk).visibilite == visibilite


@pytest.mark.parametrize("name", ["peer", "resident", "pilote"])
def test_a_draft_is_read_by_its_author_only_whatever_its_visibility(client_for, make_copie, name):
    copie = make_copie(Visibilite.GROUPE, brouillon=True)
    client = client_for(name)
    response = client.get(
        f"/espace/transfos/strasbourg/bilans/{copie.bilan_id}/personnels/{copie.pk}/"
    )
    assert response.status_code == 404
    detail = client.get(f"/espace/transfos/strasbourg/bilans/{copie.bilan_id}/")
    assert CANARY.encode() not in detail.content
    assert copie.get_absolute_url().encode() not in detail.content


@pytest.mark.parametrize("name", ["resident", "pilote", "coordinateur", "other_member"])
def test_only_ambassadeurs_post_answers(client_for, bilan, name):
    response = client_for(name).post(
        f"/espace/transfos/strasbourg/bilans/{bilan.pk}/repondre/", {"action": "brouillon"}
    )
    assert response.status_code == (404 if name == "other_member" else 403)
    autosave = client_for(name).post(f"/espace/transfos/strasbourg/bilans/{bilan.pk}/brouillon/")
    assert autosave.status_code == response.status_code
    assert not BilanPersonnel.objects.exists()


@pytest.mark.parametrize("name", [*CAST, "anonymous"])
def test_private_text_never_reaches_anyone_but_its_author(client_for, make_copie, bilan, name):
    """The canary: a private handed-in bilan, crawled through every page a person may open."""
    copie = make_copie(Visibilite.PRIVE)
    client = client_for(name)
    base = f"/espace/transfos/strasbourg/bilans/{bilan.pk}/"
    urls = [
        "/espace/",
        "/espace/carnet/",
        "/espace/carnet/partages/",
        "/espace/transfos/strasbourg/",
        "/espace/transfos/strasbourg/bilans/",
        base,
        f"{base}repondre/",
        f"{base}personnels/{copie.pk}/",
        f"{base}personnels/{copie.pk}/visibilite/",
        "/cas/",
        "/",
    ]
    author_pages = {f"{base}personnels/{copie.pk}/", f"{base}repondre/"}
    for url in urls:
        response = client.get(url, follow=True)
        seen = CANARY.encode() in response.content
        assert seen == (name == "ambassadeur" and url in author_pages), url


@pytest.fixture
def collectif(transfo, resident):
    bilan = BilanFactory(transfo=transfo, collectif=True)
    collective_answer(bilan.questions.first(), COLLECTIVE_CANARY, resident)
    return bilan


@pytest.mark.parametrize("name", [*CAST, "anonymous"])
def test_collective_bilan_is_written_and_read_by_the_group(client_for, collectif, name):
    client = client_for(name)
    question = collectif.questions.first()
    base = f"/espace/transfos/strasbourg/bilans/{collectif.pk}/"
    detail = client.get(base)
    edit = client.get(f"/espace/transfos/strasbourg/bilans/questions/{question.pk}/")
    save = client.post(
        f"/espace/transfos/strasbourg/bilans/questions/{question.pk}/",
        {f"q{question.pk}-texte": "Réécrit", f"q{question.pk}-version": "1"},
    )
    if name == "anonymous":
        assert detail.status_code == edit.status_code == save.status_code == 302
    elif name in GROUP:
        assert detail.status_code == edit.status_code == 200
        assert COLLECTIVE_CANARY.encode() in detail.content
        assert save.status_code == 302
    elif name == "coordinateur":
        # Coordinators see the campaign and its questions, not the group's writing.
        assert detail.status_code == 200
        assert "observé de votre administration".encode() in detail.content
        assert COLLECTIVE_CANARY.encode() not in detail.content
        assert edit.status_code == save.status_code == 403
    else:
        assert detail.status_code == edit.status_code == save.status_code == 404
    texte = ReponseCollective.objects.get(question=question).texte
    assert texte == ("Réécrit" if name in GROUP else COLLECTIVE_CANARY)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("resident", 200),
        ("pilote", 200),
        ("coordinateur", 200),
        ("ambassadeur", 403),
        ("peer", 403),
        ("other_member", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_opens_and_edits_campaigns(client_for, bilan, name, status):
    client = client_for(name)
    assert client.get("/espace/transfos/strasbourg/bilans/nouveau/").status_code == status
    edit = client.get(f"/espace/transfos/strasbourg/bilans/{bilan.pk}/modifier/")
    assert edit.status_code == status
    posted = client.post(
        f"/espace/transfos/strasbourg/bilans/{bilan.pk}/modifier/",
        {
            "titre": "Titre changé",
            "type": bilan.type,
            "jalon": bilan.jalon,
            "ouverture": bilan.ouverture.isoformat(),
            "questions": "Une seule question ?",
        },
    )
    bilan.refresh_from_db()
    if status == 200:
        assert posted.status_code == 302
        assert bilan.titre == "Titre changé"
    else:
        assert posted.status_code == status
        assert bilan.titre != "Titre changé"


def test_statut_values_are_the_ones_templates_test():
    # bilan_statut.html compares with these literal values.
    assert {StatutBilan.BROUILLON.value, StatutBilan.DEPOSE.value} == {"brouillon", "depose"}


def test_shared_answers_are_only_those_of_collective_bilans_of_the_transfo(
    client, peer, bilan, other_transfo
):
    """A question of a personal bilan, or of another Transfo's collective bilan, has no shared
    answer to edit here."""
    theirs = BilanFactory(transfo=other_transfo, collectif=True)
    client.force_login(peer)
    for question in (bilan.questions.first(), theirs.questions.first()):
        url = f"/espace/transfos/strasbourg/bilans/questions/{question.pk}/"
        assert client.get(url).status_code == 404
        assert (
            client.post(
                url, {f"q{question.pk}-texte": "x", f"q{question.pk}-version": "0"}
            ).status_code
            == 404
        )
    assert not ReponseCollective.objects.exists()


@pytest.mark.parametrize("statut", list(StatutBilan))
@pytest.mark.parametrize("visibilite", list(Visibilite))
def test_querysets_list_exactly_what_the_rules_allow(cast, make_copie, bilan, visibilite, statut):
    copie = make_copie(visibilite, statut=statut)
    for name, user in cast.items():
        if user is None:
            continue
        readable = BilanPersonnel.objects.visible_to(user).filter(pk=copie.pk).exists()
        assert readable == user.has_perm("ambassadeurs.read_bilan_personnel", copie), name
        visible = Bilan.objects.for_user(user).filter(pk=bilan.pk).exists()
        assert visible == user.has_perm("ambassadeurs.view_bilans", bilan.transfo), name
