"""The capot ouvert: private sections of the blog for one Transfo's members, or for all."""

from datetime import date

import pytest
from django.contrib.auth.models import Group

from blog.models import BlogPostPage
from blog.sections import community_section, transfo_section
from collectivites.choices import Role
from collectivites.groups import COMMUNITY_GROUP
from tests.collectivites.factories import ParticipationFactory

CANARY = "canari-capot-7f3a9"


@pytest.fixture
def section(transfo, resident, ambassadeur, peer, pilote):
    return transfo_section(transfo)


@pytest.fixture
def secret_post(section, make_post, ambassadeur):
    return make_post(
        "Ce que je n'ose pas dire",
        parent=section,
        transfo=section.transfo,
        chapo=f"Texte privé {CANARY}",
        date=date(2019, 7, 3),
    )


def test_members_are_kept_in_their_transfos_groups(transfo, other_transfo, ambassadeur):
    names = set(ambassadeur.groups.values_list("name", flat=True))
    assert {f"Membres · {transfo.slug}", COMMUNITY_GROUP} <= names
    assert f"Membres · {other_transfo.slug}" not in names

    participation = ambassadeur.participations.get()
    participation.date_sortie = date(2020, 1, 1)
    participation.save()
    assert not ambassadeur.groups.filter(name__startswith="Membres").exists()
    assert not ambassadeur.groups.filter(name=COMMUNITY_GROUP).exists()


def test_a_new_member_can_read_the_section_at_once(client, transfo, secret_post):
    newcomer = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user
    client.force_login(newcomer)
    assert CANARY in client.get(secret_post.url).text


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ambassadeur", 200),
        ("peer", 200),
        ("resident", 200),
        ("pilote", 200),
        ("coordinateur", 200),
        ("other_member", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_only_members_and_coordination_read_a_transfo_section(client_for, secret_post, who, status):
    client = client_for(who)
    for url in (secret_post.url, secret_post.get_parent().url):
        response = client.get(url)
        assert response.status_code == status, url
        if status == 200:
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
        else:
            assert CANARY not in response.text
    if status == 302:
        assert "/comptes/login/" in response["Location"]


def test_the_community_section_is_for_members_of_any_transfo(client, cast, make_post):
    community = community_section()
    make_post("Entre Transfos", parent=community, chapo="Pour toute la communauté")
    client.force_login(cast["other_member"])
    assert "Pour toute la communauté" in client.get(community.url).text
    client.force_login(cast["outsider"])
    assert client.get(community.url).status_code == 404


def test_a_section_is_listed_only_to_those_who_read_it(client, cast, section):
    community = community_section()
    client.force_login(cast["ambassadeur"])
    assert section.title in client.get(community.url).text
    client.force_login(cast["other_member"])
    assert section.title not in client.get(community.url).text


@pytest.mark.parametrize("who", ["anonymous", "other_member", "outsider"])
def test_the_canary_of_a_private_post_is_nowhere_public(client_for, secret_post, who):
    client = client_for(who)
    community = community_section()
    for url in ("/", "/blog/", "/blog/feed/", "/blog/feed/atom/", "/sitemap.xml", community.url):
        response = client.get(url)
        assert CANARY not in response.content.decode(), url
        assert secret_post.slug not in response.content.decode(), url
    found = client.get("/recherche/", {"q": CANARY}).context
    assert found["total"] == 0


def test_a_member_writes_a_post_for_the_group(client, ambassadeur, peer, section):
    client.force_login(ambassadeur)
    response = client.post(
        f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/",
        {
            "titre": "Retour de session",
            "chapo": "",
            "texte": "Premier paragraphe.\n\n<script>alert(1)</script> second.",
        },
    )
    post = BlogPostPage.objects.child_of(section).get(title="Retour de session")
    assert response.status_code == 302
    assert response["Location"] == post.url
    assert post.live
    assert list(post.auteurs.all()) == [ambassadeur]
    client.force_login(peer)
    page = client.get(post.url).text
    assert "<p>Premier paragraphe.</p>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; second." in page
    assert "<script>alert(1)" not in page


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_a_post_typed_in_a_browser_has_paragraphs_and_opens_in_the_editor(
    client, ambassadeur, coordinateur, section
):
    # Browsers send a textarea's line breaks as CRLF.
    client.force_login(ambassadeur)
    client.post(
        f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/",
        {
            "titre": "Retour de terrain",
            "texte": "Premier paragraphe,\r\nsur deux lignes.\r\n\r\n \r\nSecond paragraphe.\r\n",
        },
    )
    post = BlogPostPage.objects.child_of(section).get(title="Retour de terrain")
    assert [block.value.source for block in post.body] == [
        "<p>Premier paragraphe,<br/>sur deux lignes.</p>",
        "<p>Second paragraphe.</p>",
    ]

    client.force_login(coordinateur)
    response = client.get(f"/admin/pages/{post.pk}/edit/")
    assert response.status_code == 200
    assert "Second paragraphe." in response.text


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_a_post_stored_before_the_fix_is_repaired_and_opens_in_the_editor(
    client, ambassadeur, coordinateur, section
):
    import importlib

    from django.apps import apps

    repair = importlib.import_module("blog.migrations.0010_repair_member_paragraphs")
    # What the member form stored from a browser's CRLF text until issue 19.
    post = BlogPostPage(
        title="Billet d'avant",
        slug="billet-davant",
        body=[("paragraph", "<p>Un,\r<br>deux.\r<br>\r<br> \r<br>Trois.</p>")],
    )
    section.add_child(instance=post)
    post.save_revision().publish()

    repair.Migration.operations[0].code(apps, None)

    post.refresh_from_db()
    expected = "<p>Un,<br/>deux.</p><p>Trois.</p>"
    assert [block.value.source for block in post.body] == [expected]
    latest = post.get_latest_revision_as_object()
    assert [block.value.source for block in latest.body] == [expected]
    client.force_login(coordinateur)
    assert client.get(f"/admin/pages/{post.pk}/edit/").status_code == 200


def test_an_invalid_post_keeps_what_was_typed(client, ambassadeur, section):
    client.force_login(ambassadeur)
    response = client.post(
        f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/",
        {"titre": "", "texte": "Tout ce que j'ai écrit."},
    )
    assert response.status_code == 200
    assert "Champ requis." in response.text
    assert "Tout ce que j&#x27;ai écrit." in response.text
    assert not BlogPostPage.objects.child_of(section).exists()


def test_in_a_moderated_section_residents_publish_what_members_write(
    client, ambassadeur, resident, section
):
    section.moderation = True
    section.save()
    client.force_login(ambassadeur)
    client.post(
        f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/",
        {"titre": "À relire", "texte": "Un texte."},
    )
    post = BlogPostPage.objects.child_of(section).get(title="À relire")
    assert not post.live
    review = f"/espace/transfos/{section.transfo.slug}/capot-ouvert/a-relire/"
    assert client.get(review).status_code == 403

    client.force_login(resident)
    assert "À relire" in client.get(review).text
    client.post(review, {"billet": post.pk, "action": "publier"})
    post.refresh_from_db()
    assert post.live


@pytest.mark.parametrize("who", ["other_member", "outsider"])
def test_others_cannot_write_in_a_transfo_section(client_for, section, who):
    client = client_for(who)
    url = f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"titre": "Intrus", "texte": "x"}).status_code == 404
    assert not BlogPostPage.objects.filter(title="Intrus").exists()


def test_groups_of_a_section_are_named_for_editors(section):
    restriction = section.view_restrictions.get()
    assert set(restriction.groups.values_list("name", flat=True)) == {
        f"Membres · {section.transfo.slug}",
        "Coordination 27e Région",
    }
    assert Group.objects.filter(name=COMMUNITY_GROUP).exists()
