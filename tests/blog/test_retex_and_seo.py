from datetime import date

from django.core.management import call_command

from blog.models import BlogPostPage, RetexSheetPage


def test_the_seven_retex_sheets_read_in_order(client, demo):
    index = client.get("/retex/")
    titles = [sheet.title for sheet in index.context["sheets"]]
    assert titles == [
        "Poser un cadre expérimental",
        "Passer en mode pluridisciplinaire",
        "Rythmer le programme",
        "Impliquer et former les agents",
        "Travailler à partir de cas concrets",
        "S'appuyer sur l'écosystème",
        "Se projeter dans le futur",
    ]
    sheet = client.get("/retex/fiche-03/")
    assert "Fiche 03 sur 07" in sheet.text
    for heading in ("L'hypothèse", "Observations", "Enseignements", "Défis"):
        assert f">{heading}</h2>" in sheet.text
    assert sheet.context["previous_sheet"].title == "Passer en mode pluridisciplinaire"
    assert sheet.context["next_sheet"].title == "Impliquer et former les agents"
    assert "<li>(pa) Principe d&#x27;acupuncture</li>" in sheet.text


def test_first_and_last_sheets_have_one_neighbour(client, demo):
    assert client.get("/retex/fiche-01/").context["previous_sheet"] is None
    assert client.get("/retex/fiche-07/").context["next_sheet"] is None


def test_the_demo_blog_tells_session_9_of_strasbourg(client, demo):
    post = BlogPostPage.objects.get(slug="session-9-labo-et-cas-pratique")
    assert post.transfo.slug == "strasbourg"
    assert post.session.numero == 9
    response = client.get(post.url)
    assert "Jour 2 – vendredi 28 juin 2019" in response.text
    assert "tamis" in response.text


def test_seed_demo_twice_keeps_one_copy_of_each_page(reseed):
    counts = (BlogPostPage.objects.count(), RetexSheetPage.objects.count())
    reseed()
    # 4 public posts, 2 in the capot ouvert; 7 sheets.
    assert (BlogPostPage.objects.count(), RetexSheetPage.objects.count()) == counts == (6, 7)


def test_sitemap_lists_public_pages_and_nothing_restricted_or_draft(
    client, make_post, private_index
):
    public = make_post("Public")
    draft = make_post("Brouillon", live=False)
    secret = make_post("Secret", parent=private_index)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert public.url in response.text
    assert "/blog/" in response.text
    assert draft.url_path.split("/")[-2] not in response.text
    assert "capot-ouvert" not in response.text
    assert secret.slug not in response.text


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_areas(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Disallow: /espace/" in lines
    assert "Disallow: /comptes/" in lines
    assert lines[-1] == "Sitemap: http://127.0.0.1:8000/sitemap.xml"


def test_a_restricted_section_asks_anonymous_readers_to_sign_in(client, make_post, private_index):
    secret = make_post("Secret", parent=private_index, date=date(2019, 1, 1))
    response = client.get(secret.url)
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]
    assert client.get("/capot-ouvert/feed/").status_code == 302


def test_sitemap_lists_published_cases_of_the_vitrine_only(client, demo):
    from cas_pratiques.models import CasPratique

    response = client.get("/sitemap.xml")
    published = CasPratique.objects.publies()
    assert published.exists()
    for cas in published:
        assert f"http://127.0.0.1:8000{cas.get_absolute_url()}" in response.text
    for cas in CasPratique.objects.exclude(pk__in=published):
        assert cas.get_absolute_url() not in response.text


def test_seed_demo_rebuilds_wagtail_roots_of_an_emptied_database(db, settings):
    from wagtail.images import get_image_model
    from wagtail.models import Collection, Page

    Page.objects.all().delete()
    Collection.objects.all().delete()
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert Collection.get_first_root_node() is not None
    assert get_image_model()._meta.get_field("collection").get_default() is not None
    assert BlogPostPage.objects.filter(slug="session-9-labo-et-cas-pratique").exists()
