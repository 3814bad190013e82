"""The charte d'engagement tripartite: who sees and signs what, its versioned text, and the
N+1's one-time link (valid once, expiring, tamper-proof, for one charter only)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ambassadeurs.choices import ActionLienN1, PartieCharte
from ambassadeurs.models import (
    DEFAULT_CHARTE_TEXT,
    Charte,
    LienN1,
    SignatureCharte,
    TexteCharte,
)
from tests.ambassadeurs.factories import AmbassadeurProfileFactory
from transfo.models import TacheEnAttente

BASE = "/espace/transfos/strasbourg/chartes/"
CAST = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]
N1_EMAIL = "helene.roos@exemple.test"
LINK = re.compile(r"http://[^/\s]+(/charte-n1/(\d+)/([^/\s]+)/)")


@pytest.fixture
def profil(ambassadeur):
    """The profile of the cast's ambassadeur, whose N+1 is Hélène Roos."""
    return AmbassadeurProfileFactory(
        participation=ambassadeur.participations.get(),
        direction="Direction de l'éducation secrète",
        n1_nom="Hélène Roos",
        n1_email=N1_EMAIL,
    )


@pytest.fixture
def charte(profil):
    return Charte.of_profil(profil)


def detail(profil):
    return f"{BASE}{profil.participation_id}/"


def sign(client, profil, partie):
    return client.post(f"{detail(profil)}signer/", {"partie": partie, "accepte": "on"})


# The expected answers, in the order of CAST then anonymous (302: to the sign-in page, or
# back to the charter after the action).
MATRIX = {
    "list": [403, 403, 200, 200, 404, 200, 404, 302],
    "text": [403, 403, 200, 200, 404, 200, 404, 302],
    "detail": [200, 404, 200, 200, 404, 200, 404, 302],
    "sign_ambassadeur": [302, 404, 403, 403, 404, 403, 404, 302],
    "sign_labo": [403, 404, 302, 302, 404, 403, 404, 302],
    "sign_n1": [403, 404, 403, 403, 404, 403, 404, 302],
    "denounce_ambassadeur": [302, 404, 403, 403, 404, 403, 404, 302],
    "send_n1_link": [302, 404, 302, 302, 404, 302, 404, 302],
}


def act(client, action, profil):
    if action == "list":
        return client.get(BASE)
    if action == "text":
        return client.get(f"{BASE}texte/")
    if action == "detail":
        return client.get(detail(profil))
    if action.startswith("sign_"):
        return sign(client, profil, action.removeprefix("sign_"))
    if action == "denounce_ambassadeur":
        return client.post(
            f"{detail(profil)}denoncer/", {"partie": "ambassadeur", "motif": "x", "confirme": "on"}
        )
    if action == "send_n1_link":
        return client.post(f"{detail(profil)}lien-n1/")
    raise AssertionError(action)


@pytest.mark.parametrize(
    ("action", "who", "expected"),
    [
        (action, who, status)
        for action, statuses in MATRIX.items()
        for who, status in zip([*CAST, "anonymous"], statuses, strict=True)
    ],
)
def test_charte_permission_matrix(
    client_for, charte, action, who, expected, django_capture_on_commit_callbacks
):
    if action == "denounce_ambassadeur":
        charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller")
    before = list(SignatureCharte.objects.values_list("partie", "denoncee_le"))
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client_for(who), action, charte.profil)
    assert response.status_code == expected
    after = list(SignatureCharte.objects.values_list("partie", "denoncee_le"))
    if who == "anonymous":
        assert response["Location"].startswith("/comptes/login/?next=")
    if expected != 302 or who == "anonymous":
        # Refusals change nothing, and say nothing of the charter.
        assert after == before
        assert len(mail.outbox) == 0
        if expected in {403, 404}:
            assert "Hélène Roos" not in response.content.decode()


def test_ambassadeur_signs_own_charter_with_the_version_in_force(client, ambassadeur, charte):
    client.force_login(ambassadeur)
    response = sign(client, charte.profil, "ambassadeur")
    assert response.status_code == 302
    signature = SignatureCharte.objects.get(charte=charte, partie=PartieCharte.AMBASSADEUR)
    assert signature.signataire == ambassadeur
    assert signature.nom == "Claire Muller"
    assert signature.texte.version == 1
    assert signature.signee_le is not None
    page = client.get(detail(charte.profil)).content.decode()
    assert "signée le" in page


def test_signing_requires_the_checkbox(client, ambassadeur, charte):
    client.force_login(ambassadeur)
    client.post(f"{detail(charte.profil)}signer/", {"partie": "ambassadeur"})
    assert not SignatureCharte.objects.exists()


def test_pilote_signs_for_the_labo_and_a_party_cannot_sign_twice(client, pilote, charte):
    client.force_login(pilote)
    sign(client, charte.profil, "labo")
    sign(client, charte.profil, "labo")
    signature = SignatureCharte.objects.get()
    assert (signature.partie, signature.nom) == ("labo", "Isabelle Roth")


def test_denouncing_keeps_the_history_and_allows_signing_again(client, ambassadeur, charte):
    client.force_login(ambassadeur)
    sign(client, charte.profil, "ambassadeur")
    client.post(
        f"{detail(charte.profil)}denoncer/",
        {"partie": "ambassadeur", "motif": "Surcharge.", "confirme": "on"},
    )
    denounced = SignatureCharte.objects.get()
    assert denounced.denoncee_le is not None
    assert denounced.motif_denonciation == "Surcharge."
    assert denounced.denoncee_par == ambassadeur
    page = client.get(detail(charte.profil)).content.decode()
    assert "dénoncée le" in page and "Surcharge." in page
    sign(client, charte.profil, "ambassadeur")
    assert SignatureCharte.objects.count() == 2
    assert charte.active_signature(PartieCharte.AMBASSADEUR) is not None


def test_list_shows_who_has_not_signed(client, pilote, charte, peer, transfo):
    other = Charte.of_profil(AmbassadeurProfileFactory(participation=peer.participations.get()))
    for partie in PartieCharte:
        other.sign(partie, nom="x")
    charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller")
    client.force_login(pilote)
    page = client.get(BASE).content.decode()
    assert "1 charte n'est pas signée par toutes les parties." in page
    assert page.count("non signée") == 2  # Claire's N+1 and labo
    assert "Claire Muller" in page and "Karim Benali" in page


def test_ambassadeur_reaches_own_charter_through_la_mienne(client, ambassadeur, profil):
    client.force_login(ambassadeur)
    response = client.get(f"{BASE}la-mienne/")
    assert response.status_code == 302
    assert response["Location"] == detail(profil)


def test_peer_without_profile_is_told_the_charter_comes_with_the_profile(client, peer, profil):
    client.force_login(peer)
    response = client.get(f"{BASE}la-mienne/", follow=True)
    assert response.redirect_chain == [("/espace/transfos/strasbourg/", 302)]
    assert "quand le pilote interne aura complété" in response.content.decode()


def test_la_mienne_of_another_transfo_is_404(client, other_member, profil):
    client.force_login(other_member)
    assert client.get(f"{BASE}la-mienne/").status_code == 404


def test_transfo_space_links_to_charters_and_attendance_by_role(client_for, profil):
    page = client_for("pilote").get("/espace/transfos/strasbourg/").content.decode()
    assert "/espace/transfos/strasbourg/presences/" in page and BASE in page
    assert f"{BASE}la-mienne/" not in page
    page = client_for("ambassadeur").get("/espace/transfos/strasbourg/").content.decode()
    assert f"{BASE}la-mienne/" in page
    assert "/espace/transfos/strasbourg/presences/" not in page


# The versioned text ---------------------------------------------------------------------


def test_first_version_is_the_default_text(transfo):
    texte = TexteCharte.current(transfo)
    assert (texte.version, texte.texte) == (1, DEFAULT_CHARTE_TEXT)
    assert TexteCharte.current(transfo) == texte


def test_each_edit_is_a_new_version_and_an_unchanged_text_is_not(transfo, pilote):
    TexteCharte.current(transfo)
    v2, created = TexteCharte.revise(transfo, "Nouveau texte.", pilote)
    assert (v2.version, created, v2.auteur) == (2, True, pilote)
    same, created = TexteCharte.revise(transfo, "Nouveau texte.  ", pilote)
    assert (same, created) == (v2, False)
    assert list(TexteCharte.objects.of_transfo(transfo).values_list("version", flat=True)) == [
        2,
        1,
    ]
    assert TexteCharte.current(transfo).texte == "Nouveau texte."


def test_versions_are_per_transfo(transfo, other_transfo, pilote):
    TexteCharte.revise(transfo, "Texte de Strasbourg.", pilote)
    assert TexteCharte.current(other_transfo).version == 1


def test_signature_keeps_the_version_it_signed(client, resident, charte, transfo):
    signature = charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller")
    client.force_login(resident)
    response = client.post(f"{BASE}texte/", {"texte": "## Charte révisée\n\nNouvel article."})
    assert response.status_code == 302
    assert TexteCharte.current(transfo).version == 2
    signature.refresh_from_db()
    assert signature.texte.version == 1
    page = client.get(detail(charte.profil)).content.decode()
    assert "Nouvel article." in page
    assert "Le texte a changé depuis." in page
    labo = charte.sign(PartieCharte.LABO, nom="Suzanne Keller")
    assert labo.texte.version == 2


def test_text_page_lists_the_versions(client, pilote, transfo, resident):
    TexteCharte.current(transfo)
    TexteCharte.revise(transfo, "Deuxième.", resident)
    client.force_login(pilote)
    page = client.get(f"{BASE}texte/").content.decode()
    assert "Version 2" in page and "Version 1" in page and "Suzanne Keller" in page


# The N+1's one-time link ----------------------------------------------------------------


def send_link(client, profil, capture):
    with capture(execute=True):
        response = client.post(f"{detail(profil)}lien-n1/")
    assert response.status_code == 302
    return LINK.search(mail.outbox[-1].body)


@pytest.fixture
def link(client, ambassadeur, charte, django_capture_on_commit_callbacks):
    """The path of the link mailed to the N+1 after the ambassadeur asked for it."""
    client.force_login(ambassadeur)
    found = send_link(client, charte.profil, django_capture_on_commit_callbacks)
    client.logout()
    return found


def test_the_link_is_mailed_to_the_n1_after_commit(
    client, ambassadeur, charte, django_capture_on_commit_callbacks
):
    client.force_login(ambassadeur)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(f"{detail(charte.profil)}lien-n1/")
    assert len(mail.outbox) == 0 and len(callbacks) == 1
    callbacks[0]()
    message = mail.outbox[0]
    assert message.to == [N1_EMAIL]
    assert "Claire Muller" in message.subject
    assert "Bonjour Hélène Roos" in message.body
    assert LINK.search(message.body)
    # Only the token's hash is stored.
    token = LINK.search(message.body).group(3)
    stored = LienN1.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    assert stored.action == ActionLienN1.SIGNER


def test_n1_page_shows_only_the_text_the_name_and_the_parties(client, link, charte, pilote):
    charte.sign(PartieCharte.LABO, nom="Isabelle Roth", user=pilote)
    response = client.get(link.group(1))
    assert response.status_code == 200
    page = response.content.decode()
    assert "La charte de Claire Muller" in page
    assert "engagement tripartite" in page
    assert "signée le" in page and "non signée" in page
    for secret in (N1_EMAIL, "éducation secrète", "Isabelle Roth", "Strasbourg"):
        assert secret not in page
    # Never `no-referrer`: Chromium would post the form with `Origin: null` (CSRF 403).
    assert response["Referrer-Policy"] == "same-origin"


def test_n1_signs_once_through_the_link(client, link, charte):
    path = link.group(1)
    response = client.post(path, {"accepte": "on"})
    assert response.status_code == 200
    assert "vous avez signé la charte" in response.content.decode()
    signature = charte.active_signature(PartieCharte.N1)
    assert (signature.nom, signature.signataire, signature.texte.version) == (
        "Hélène Roos",
        None,
        1,
    )
    # Valid once: neither the page nor a second signature.
    assert client.get(path).status_code == 404
    assert client.post(path, {"accepte": "on"}).status_code == 404
    assert SignatureCharte.objects.count() == 1


def test_n1_must_tick_the_box(client, link, charte):
    response = client.post(link.group(1), {})
    assert response.status_code == 200
    assert "Cochez la case pour signer la charte." in response.content.decode()
    assert not SignatureCharte.objects.exists()
    assert LienN1.objects.get().used_at is None


def test_expired_link_is_refused(client, link):
    LienN1.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(link.group(1)).status_code == 404
    assert client.post(link.group(1), {"accepte": "on"}).status_code == 404
    assert not SignatureCharte.objects.exists()


@pytest.mark.parametrize("tamper", [lambda t: t + "x", lambda t: t[:-1], lambda t: "A" * len(t)])
def test_tampered_link_is_refused(client, link, tamper):
    path = f"/charte-n1/{link.group(2)}/{tamper(link.group(3))}/"
    assert client.get(path).status_code == 404
    assert client.post(path, {"accepte": "on"}).status_code == 404
    assert not SignatureCharte.objects.exists()


def test_link_does_not_open_another_charter(client, link, peer):
    other = Charte.of_profil(AmbassadeurProfileFactory(participation=peer.participations.get()))
    path = f"/charte-n1/{other.pk}/{link.group(3)}/"
    assert client.get(path).status_code == 404
    assert client.post(path, {"accepte": "on"}).status_code == 404
    assert not SignatureCharte.objects.exists()


def test_link_dies_when_the_n1_changes(client, link, profil):
    profil.n1_email = "nouveau.chef@exemple.test"
    profil.save()
    assert client.get(link.group(1)).status_code == 404


def test_a_new_link_revokes_the_older_one(
    client, link, ambassadeur, charte, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    cache.delete(f"charte-n1-link:{charte.pk}")  # ten minutes later: another mail may leave
    client.force_login(ambassadeur)
    newer = send_link(client, charte.profil, django_capture_on_commit_callbacks)
    client.logout()
    assert client.get(link.group(1)).status_code == 404
    assert client.get(newer.group(1)).status_code == 200


def test_n1_denounces_through_a_denunciation_link(
    client, pilote, charte, django_capture_on_commit_callbacks
):
    charte.sign(PartieCharte.N1, nom="Hélène Roos")
    client.force_login(pilote)
    found = send_link(client, charte.profil, django_capture_on_commit_callbacks)
    assert "Dénoncer" in mail.outbox[-1].subject
    client.logout()
    response = client.post(
        found.group(1), {"motif": "Réorganisation du service.", "confirme": "on"}
    )
    assert response.status_code == 200
    signature = SignatureCharte.objects.get(partie=PartieCharte.N1)
    assert signature.denoncee_le is not None
    assert signature.motif_denonciation == "Réorganisation du service."
    assert client.post(found.group(1), {"motif": "encore", "confirme": "on"}).status_code == 404


def test_no_link_without_an_n1_address(
    client, ambassadeur, profil, django_capture_on_commit_callbacks
):
    profil.n1_email = ""
    profil.save()
    client.force_login(ambassadeur)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{detail(profil)}lien-n1/", follow=True)
    assert "adresse e-mail du N+1 manque au profil" in response.content.decode()
    assert len(mail.outbox) == 0


def test_charter_rule_and_queryset_agree_for_everyone(cast, charte, other_member):

    other = Charte.of_profil(
        AmbassadeurProfileFactory(participation=other_member.participations.get())
    )
    for user in filter(None, cast.values()):
        visible = set(Charte.objects.for_user(user).values_list("pk", flat=True))
        for item in (charte, other):
            assert user.has_perm("ambassadeurs.view_charte", item) == (item.pk in visible), (
                user,
                item,
            )


@pytest.mark.parametrize("signatures", [1, 12])
def test_charter_page_queries_do_not_grow(
    client, pilote, charte, django_assert_max_num_queries, signatures
):
    for n in range(signatures):
        signature = charte.sign(PartieCharte(list(PartieCharte)[n % 3]), nom="x")
        if n < signatures - 3:
            charte.denounce(signature.partie)
    client.force_login(pilote)
    # session, user, roles (1 each); the Transfo, the profile (2); the charter with its
    # signatures and their versions (2); the text in force (1); navigation permissions (1);
    # session refresh, the first since force_login (3)
    with django_assert_max_num_queries(12):
        assert client.get(detail(charte.profil)).status_code == 200


def test_the_n1_link_is_not_mailed_again_within_ten_minutes(
    client, ambassadeur, charte, django_capture_on_commit_callbacks
):
    """Issue 18, item 13: five clicks, one mail to someone outside the platform."""
    client.force_login(ambassadeur)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            response = client.post(f"{detail(charte.profil)}lien-n1/", follow=True)
    assert len(mail.outbox) == 1
    assert "moins de dix minutes" in response.content.decode()
    assert LienN1.objects.count() == 1


# Denouncing: confirmed first, then the two other parties are told (issue 19, item 2) -----


def denounce(client, profil, partie, **data):
    return client.post(f"{detail(profil)}denoncer/", {"partie": partie, **data})


def test_denouncing_asks_for_a_confirmation_and_keeps_the_motif(client, ambassadeur, charte):
    charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller", user=ambassadeur)
    client.force_login(ambassadeur)
    page = client.get(detail(charte.profil)).content.decode()
    assert 'name="confirme" required' in page
    response = denounce(client, charte.profil, "ambassadeur", motif="Trop de dossiers.")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Cochez la case pour confirmer la dénonciation." in page
    assert "Trop de dossiers.</textarea>" in page
    assert charte.active_signature(PartieCharte.AMBASSADEUR) is not None
    assert not TacheEnAttente.objects.exists()


def test_the_ambassadeur_denounces_and_the_labo_and_the_n1_are_told(
    client, ambassadeur, pilote, charte, django_capture_on_commit_callbacks
):
    charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller", user=ambassadeur)
    charte.sign(PartieCharte.LABO, nom="Isabelle Roth", user=pilote)
    client.force_login(ambassadeur)
    with django_capture_on_commit_callbacks(execute=True):
        response = denounce(
            client, charte.profil, "ambassadeur", motif="Trop de dossiers.", confirme="on"
        )
    assert response.status_code == 302
    page = client.get(detail(charte.profil)).content.decode()
    assert "Les autres parties en sont informées par e-mail." in page
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted([pilote.email, N1_EMAIL])
    for message in mail.outbox:
        assert message.subject == "La charte d'engagement de Claire Muller a été dénoncée"
        assert "Claire Muller a dénoncé sa charte d'engagement tripartite" in message.body
        assert "Motif : Trop de dossiers." in message.body
    assert "Bonjour Isabelle Roth," in by_address[pilote.email].body
    assert detail(charte.profil) in by_address[pilote.email].body
    # The N+1 has no account: the news, no link into the platform.
    assert "Bonjour Hélène Roos," in by_address[N1_EMAIL].body
    assert "/espace/" not in by_address[N1_EMAIL].body


def test_the_n1_denounces_and_the_ambassadeur_and_the_labo_are_told(
    client, ambassadeur, resident, charte, django_capture_on_commit_callbacks
):
    charte.sign(PartieCharte.LABO, nom="Suzanne Keller", user=resident)
    charte.sign(PartieCharte.N1, nom="Hélène Roos")
    client.force_login(ambassadeur)
    found = send_link(client, charte.profil, django_capture_on_commit_callbacks)
    client.logout()
    mail.outbox.clear()
    page = client.get(found.group(1)).content.decode()
    assert 'name="confirme"' in page
    response = client.post(found.group(1), {"motif": "Réorganisation."})
    assert "Cochez la case pour confirmer la dénonciation." in response.content.decode()
    assert charte.active_signature(PartieCharte.N1) is not None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(found.group(1), {"motif": "Réorganisation.", "confirme": "on"})
    assert "les deux autres parties en sont informées par e-mail" in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([ambassadeur.email, resident.email])
    assert "le ou la N+1 de Claire Muller a dénoncé" in mail.outbox[0].body


def test_without_a_labo_signature_the_pilote_is_told(
    ambassadeur, pilote, charte, django_capture_on_commit_callbacks
):
    charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller", user=ambassadeur)
    with django_capture_on_commit_callbacks(execute=True):
        assert charte.denounce(PartieCharte.AMBASSADEUR, user=ambassadeur)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([pilote.email, N1_EMAIL])
    assert "Aucun motif n'a été donné." in mail.outbox[0].body


def test_the_parties_are_told_once_even_if_the_task_runs_again(
    ambassadeur, pilote, charte, django_capture_on_commit_callbacks
):
    from ambassadeurs.tasks import send_charte_denonciation

    signature = charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller", user=ambassadeur)
    with django_capture_on_commit_callbacks(execute=True):
        charte.denounce(PartieCharte.AMBASSADEUR, user=ambassadeur)
    assert len(mail.outbox) == 2
    assert send_charte_denonciation(signature.pk) == 0
    assert len(mail.outbox) == 2
