import datetime
from xml.etree import ElementTree

import pytest

from collectivites.models import Session
from tests.blog import test_auteurs_widget
from tests.collectivites.factories import TransfoFactory

ATOM = "{http://www.w3.org/2005/Atom}"

# The blog's editor (the demo's Editors group, two-factor authentication).
editor = test_auteurs_widget.editor


def titles_in(response):
    return [post.title for post in response.context["posts"]]


def test_the_blog_lists_published_posts_newest_first(client, make_post):
    from datetime import date

    make_post("Ancien", date=date(2018, 1, 26))
    make_post("Récent", date=date(2019, 7, 1))
    response = client.get("/blog/")
    assert response.status_code == 200
    assert titles_in(response) == ["Récent", "Ancien"]
    assert "2 billets" in response.text


def test_drafts_and_restricted_posts_are_not_listed(client, make_post, private_index):
    make_post("Visible")
    make_post("Brouillon caché", live=False)
    make_post("Dans le capot ouvert", parent=private_index)
    response = client.get("/blog/")
    assert titles_in(response) == ["Visible"]
    assert "Brouillon caché" not in response.text
    assert "Dans le capot ouvert" not in response.text


def test_filter_by_transfo_and_by_tag(client, make_post, transfo, other_transfo):
    make_post("Strasbourg labo", transfo=transfo, tags=["labo"])
    make_post("Strasbourg session", transfo=transfo, tags=["session"])
    make_post("Metz labo", transfo=other_transfo, tags=["labo"])

    assert titles_in(client.get("/blog/", {"transfo": transfo.slug})) == [
        "Strasbourg session",
        "Strasbourg labo",
    ]
    assert set(titles_in(client.get("/blog/", {"tag": "labo"}))) == {"Strasbourg labo", "Metz labo"}
    both = client.get("/blog/", {"tag": "labo", "transfo": other_transfo.slug})
    assert titles_in(both) == ["Metz labo"]


def test_an_unknown_transfo_filter_is_a_404(client, blog_index):
    assert client.get("/blog/", {"transfo": "nulle-part"}).status_code == 404


def test_an_empty_result_suggests_removing_a_filter(client, make_post):
    make_post("Un billet", tags=["labo"])
    response = client.get("/blog/", {"tag": "inconnu"})
    assert "Aucun billet ne correspond" in response.text
    assert 'href="/blog/"' in response.text


def test_the_blog_paginates_by_ten(client, make_post):
    for _ in range(12):
        make_post()
    first = client.get("/blog/")
    second = client.get("/blog/", {"page": 2})
    assert len(first.context["posts"]) == 10
    assert len(second.context["posts"]) == 2
    assert "Page 2 sur 2" in second.text


def test_rss_feed_lists_public_posts_only(client, make_post, private_index):
    make_post("Public", tags=["labo"])
    make_post("Secret du capot", parent=private_index)
    response = client.get("/blog/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    assert [item.findtext("title") for item in channel.findall("item")] == ["Public"]
    assert channel.find("item").findtext("link").endswith("/blog/billet-1/")
    assert b"Secret du capot" not in response.content


def test_atom_feed_per_transfo(client, make_post, transfo, other_transfo):
    make_post("Strasbourg", transfo=transfo)
    make_post("Metz", transfo=other_transfo)
    response = client.get("/blog/feed/atom/", {"transfo": transfo.slug})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "Strasbourg"
    ]
    assert transfo.nom in feed.findtext(f"{ATOM}title")


@pytest.mark.parametrize("url", ["/blog/feed/", "/blog/feed/atom/"])
def test_feeds_date_posts_by_their_own_date_newest_first(client, make_post, ambassadeur, url):
    import feedparser

    # Loaded in the reverse order of their dates, the way an import does.
    make_post("Récent", date=datetime.date(2019, 7, 1))
    make_post("Ancien", date=datetime.date(2017, 3, 14), auteurs=[ambassadeur])
    parsed = feedparser.parse(client.get(url).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert [
        (entry.title, datetime.date(*entry.published_parsed[:3])) for entry in parsed.entries
    ] == [("Récent", datetime.date(2019, 7, 1)), ("Ancien", datetime.date(2017, 3, 14))]
    assert [entry.author for entry in parsed.entries] == [
        "La 27e Région",
        ambassadeur.get_full_name(),
    ]


def test_every_atom_entry_has_an_author(client, make_post):
    make_post("Sans auteur")
    feed = ElementTree.fromstring(client.get("/blog/feed/atom/").content)
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "La 27e Région"


def test_a_post_links_its_session_only_for_members_of_the_transfo(
    client, make_post, transfo, ambassadeur, other_member
):
    session = Session.objects.create(transfo=transfo, numero=9, titre="Labo et cas pratique")
    post = make_post("Session #9", transfo=transfo, session=session)
    session_url = session.get_absolute_url()

    assert session_url not in client.get(post.url).text
    client.force_login(other_member)
    assert session_url not in client.get(post.url).text
    client.force_login(ambassadeur)
    assert session_url in client.get(post.url).text


def test_a_post_tells_its_story_with_days_quotes_and_open_graph(client, make_post, transfo):
    post = make_post(
        "Session #9 : Labo et cas pratique",
        transfo=transfo,
        body=[
            ("paragraph", "<p>Deux actes.</p>"),
            (
                "day",
                {
                    "title": "Jour 1 – jeudi 27 juin 2019",
                    "date": None,
                    "body": [("paragraph", "<p>Un débat mouvant.</p>")],
                },
            ),
            ("quote", {"text": "Le labo est-il un catalyseur ?", "attribution": "Le groupe"}),
        ],
    )
    response = client.get(post.url)
    assert "<h2>Jour 1 – jeudi 27 juin 2019</h2>" in response.text
    assert "Le labo est-il un catalyseur ?" in response.text
    assert '<meta property="og:type" content="article">' in response.text
    assert f'<link rel="canonical" href="{post.full_url}">' in response.text


@pytest.mark.parametrize("size", [3, 30])
def test_blog_index_queries_do_not_grow_with_posts(
    client, make_post, make_image, django_assert_max_num_queries, size
):
    transfos = [TransfoFactory() for _ in range(3)]
    for number in range(size):
        make_post(
            transfo=transfos[number % 3],
            tags=["labo", f"tag-{number % 4}"],
            cover=make_image() if number % 2 else None,
            cover_alt="Des post-it sur un mur",
        )
    client.get("/blog/")  # warm Wagtail's site cache and make the renditions, as in use
    # Wagtail's serve: the site, the page's route (3), its aliases and its view restrictions
    # (2); all view restrictions with their pages (1; their groups only for a signed-in
    # reader); the count and the posts with their Transfo and cover (2); their tags and their
    # covers' renditions (2); the Transfo menu (1); the private sections under the index (1):
    # 13, whatever the number of posts.
    with django_assert_max_num_queries(13):
        response = client.get("/blog/")
    assert len(response.context["posts"]) == min(size, 10)
    assert 'alt="Des post-it sur un mur"' in response.text
    assert " 640w" in response.text  # covers come with a srcset


@pytest.mark.parametrize("size", [2, 20])
def test_home_queries_do_not_grow_with_posts(
    client, make_post, django_assert_max_num_queries, size
):
    for _ in range(size):
        make_post(tags=["labo"])
    client.get("/")
    # The site and the home page (Wagtail's serve: 5), the three posts with their Transfo and
    # cover, their tags, their covers' renditions (3), the Transfos (1), the featured cases
    # (1), the upcoming public events (1 per source of transfo.events: the Intertransfos); the
    # blog's link costs none.
    with django_assert_max_num_queries(11):
        response = client.get("/")
    assert len(response.context["latest_posts"]) == min(size, 3)


@pytest.mark.parametrize("size", [2, 20])
def test_post_queries_do_not_grow(
    client, make_post, make_image, django_assert_max_num_queries, size
):
    transfo = TransfoFactory()
    post = make_post(
        transfo=transfo,
        tags=[f"tag-{n}" for n in range(size)],
        cover=make_image(),
        cover_alt="Des post-it sur un mur",
        body=[("paragraph", f"<p>Paragraphe {n}</p>") for n in range(size)],
    )
    client.get(post.url)  # warm Wagtail's site cache and make the renditions, as in use
    # Wagtail's serve and the breadcrumb: the site, the page's route and its parent (6), its
    # aliases and its view restrictions (2); the cover and the Transfo (1), the authors (1),
    # the photos (1), the tags (1): 12, whatever the number of blocks and tags.
    with django_assert_max_num_queries(12):
        response = client.get(post.url)
    assert "Paragraphe 1" in response.text
    assert f"tag-{size - 1}" in response.text


def test_the_home_page_maps_the_transfos_of_france(client, transfo, other_transfo):
    from collectivites.models import Collectivite

    Collectivite.objects.filter(pk=transfo.collectivite_id).update(latitude=48.57, longitude=7.75)
    Collectivite.objects.filter(pk=other_transfo.collectivite_id).update(
        latitude=None, longitude=None
    )
    response = client.get("/")
    points = response.context["france_map"]["points"]
    assert [point.transfo for point in points] == [transfo]
    strasbourg = points[0]
    # Strasbourg lies in the east of the map, in its northern half.
    assert strasbourg.x > 0.8 * response.context["france_map"]["width"]
    assert strasbourg.y < 0.4 * response.context["france_map"]["height"]
    assert f'<a href="{transfo.get_absolute_url()}" class="france-map__point">' in response.text
    assert f'cx="{strasbourg.x}"' in response.text


@pytest.mark.parametrize("url", ["/blog/feed/", "/blog/feed/atom/"])
def test_feeds_are_valid_for_feed_readers(client, make_post, transfo, url):
    import feedparser

    make_post("Session #9", transfo=transfo, tags=["labo"], chapo="Deux actes.")
    parsed = feedparser.parse(client.get(url).content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.title == "La Transfo — le blog"
    entry = parsed.entries[0]
    assert entry.title == "Session #9"
    assert entry.link == "http://127.0.0.1:8000/blog/billet-1/"
    assert entry.summary == "Deux actes."
    assert [tag.term for tag in entry.tags] == ["labo"]


def test_the_home_page_features_the_latest_published_cases(client, transfo, home):
    from datetime import timedelta

    from django.utils import timezone

    from tests.cas_pratiques.factories import CasPratiqueFactory

    now = timezone.now()
    for number in range(4):
        CasPratiqueFactory(
            transfo=transfo,
            titre=f"Publié {number}",
            publie=True,
            publie_le=now - timedelta(days=number),
        )
    CasPratiqueFactory(transfo=transfo, titre="Brouillon du cas")
    response = client.get("/")
    assert [cas.titre for cas in response.context["featured_cases"]] == [
        "Publié 0",
        "Publié 1",
        "Publié 2",
    ]
    assert "Brouillon du cas" not in response.text


def test_the_home_page_shows_running_transfos_first_and_stays_bounded(client, home):
    from blog.models import HOME_TRANSFOS
    from collectivites.choices import StatutTransfo

    finished = [
        TransfoFactory(
            nom=f"Transfo finie {year}",
            statut=StatutTransfo.TERMINEE,
            date_debut=datetime.date(year, 1, 15),
            date_fin=datetime.date(year + 1, 6, 30),
        )
        for year in range(2000, 2000 + HOME_TRANSFOS)
    ]
    running = TransfoFactory(nom="Transfo en cours", date_debut=datetime.date(2010, 1, 1))
    preparing = TransfoFactory(nom="Transfo à venir", statut=StatutTransfo.EN_PREPARATION)
    response = client.get("/")
    shown = response.context["transfos"]
    assert len(shown) == HOME_TRANSFOS
    # The running and coming ones first, then the latest finished; the oldest are a link away.
    assert set(shown[:2]) == {running, preparing}
    assert shown[2:] == finished[::-1][: HOME_TRANSFOS - 2]
    assert "Transfo finie 2000" not in response.text
    assert "Transfo finie 2011" in response.text
    assert 'href="/transfos/"' in response.text


def test_a_new_page_gets_an_ascii_slug_from_its_title(blog_index):
    from blog.models import BlogPostPage

    post = BlogPostPage(title="Intertransfo n°7 à Besançon", chapo="Deux jours.")
    blog_index.add_child(instance=post)
    assert post.slug == "intertransfo-n7-a-besancon"


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_the_editor_submits_a_post_to_a_review_named_in_french(client, editor, blog_index):
    client.force_login(editor)
    response = client.get(f"/admin/pages/add/blog/blogpostpage/{blog_index.pk}/")
    assert response.status_code == 200
    assert "Soumettre à la relecture" in response.text
    assert "approval" not in response.text
    # The admin's script slugifies titles as the server does, in ASCII (the attribute that
    # allows Unicode is left out).
    assert 'data-controller="w-slug"' in response.text
    assert "data-w-slug-allow-unicode-value" not in response.text
