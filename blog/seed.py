"""Demo content of the Wagtail pages: the home page (vade-mecum, seed 004), the editors, the
blog (session #9 of the Transfo Strasbourg, seed 003; the Intertransfos of Dunkerque, seed
002, and Strasbourg, seed 000) and the seven retex sheets (seed 001).

The texts of seeds 001 and 003 are kept in `blog/data/*.json` as the seeds give them; the
pages and posts are in blog/data/: pages.toml, billets.toml, capot_ouvert.toml."""

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.utils import timezone
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    Locale,
    Page,
    Site,
)
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update

from blog.models import BlogIndexPage, BlogPostPage, HomePage, RetexIndexPage, RetexSheetPage
from blog.sections import (
    close_private_areas,
    community_section,
    grant_page_rights,
    transfo_section,
)
from collectivites.models import Session, Transfo
from transfo import seeddata
from transfo.seeddata import REQUIRED, records

DATA = Path(__file__).resolve().parent / "data"

EDITORS_GROUP = "Editors"
EDITOR_EMAILS = ["editeur@demo.test"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}

PAGES = seeddata.load(
    "blog",
    "pages",
    {
        "accueil": {"title": REQUIRED, "chapo": REQUIRED, "body": REQUIRED},
        "blog": {"slug": REQUIRED, "title": REQUIRED, "intro": REQUIRED},
        "retex": {"slug": REQUIRED, "title": REQUIRED, "intro": REQUIRED},
    },
)
BODY_BLOCKS = records({"type": REQUIRED, "value": REQUIRED})
BILLETS = seeddata.load(
    "blog",
    "billets",
    {
        "billets": records(
            {
                "slug": REQUIRED,
                "title": REQUIRED,
                "date": REQUIRED,
                "chapo": REQUIRED,
                "transfo": None,
                "session": None,
                "recit": "",
                "dates_des_jours": [],
                "body": BODY_BLOCKS,
                "tags": [],
                "auteurs": [],
            }
        )
    },
)["billets"]
CAPOT_OUVERT = seeddata.load(
    "blog",
    "capot_ouvert",
    {
        "billets": records(
            {
                "transfo": None,
                "slug": REQUIRED,
                "title": REQUIRED,
                "date": REQUIRED,
                "chapo": REQUIRED,
                "body": BODY_BLOCKS,
                "auteurs": [],
            }
        )
    },
)["billets"]


def run(*, scale, log):
    root_collection()
    home = home_page()
    default_site_at_site_url(home)
    accueil = PAGES["accueil"]
    if (home.title, home.chapo, home.body) != (accueil["title"], accueil["chapo"], accueil["body"]):
        home.title = accueil["title"]
        home.chapo = accueil["chapo"]
        home.body = accueil["body"]
        home.save_revision().publish()
    log("  page d'accueil")
    blog = child_page(home, BlogIndexPage, **PAGES["blog"])
    for spec in blog_posts():
        child_page(blog, BlogPostPage, **spec)
    log(f"  blog : {BlogPostPage.objects.child_of(blog).count()} billets")
    community = community_section()
    # The synthetic Transfos of --scale and seed_search_bench get theirs in seed_synthetic.
    sections = {
        transfo.slug: transfo_section(transfo)
        for transfo in Transfo.objects.exclude(slug__startswith=SYNTHETIC_PREFIXES[0]).exclude(
            slug__startswith=SYNTHETIC_PREFIXES[1]
        )
    }
    for transfo_slug, spec in private_posts():
        child_page(sections[transfo_slug] if transfo_slug else community, BlogPostPage, **spec)
    log(f"  capot ouvert : {len(sections)} sections privées")
    retex = child_page(home, RetexIndexPage, **PAGES["retex"])
    for sheet in json.loads((DATA / "retex_sheets.json").read_text(encoding="utf-8")):
        child_page(
            retex,
            RetexSheetPage,
            slug=f"fiche-{sheet['numero']:02d}",
            title=sheet["titre"],
            numero=sheet["numero"],
            figure="\n".join(sheet["figure"]),
            hypothese=sheet["hypothese"],
            observations=sheet["observations"],
            enseignements=sheet["enseignements"],
            defis=sheet["defis"],
            temoignages=[("temoignage", item) for item in sheet["temoignages"]],
        )
    log("  retex : 7 fiches")
    # Wagtail's own Editors and Moderators groups come with rights on the tree's root and the
    # root collection, which reach the capot ouvert: taken away, then the editors get the
    # public sections and their collection only.
    close_private_areas()
    editors = editors_group()
    editors.user_set.add(*get_user_model().objects.filter(email__in=EDITOR_EMAILS))
    log("  éditeurs : le blog et le retex, pas le capot ouvert")
    if scale:
        seed_synthetic(blog, scale, log)


SYNTHETIC_PREFIXES = ("synthetique-", "recherche-synthetique-")
SYNTHETIC_POSTS_PER_SCALE = 10
# Creating a private section is slow (a published page, its groups, its restriction): the
# first synthetic Transfos get theirs here, the others when a member first writes there
# (blog.views.post_write creates it).
SYNTHETIC_SECTIONS = 10


def seed_synthetic(blog, scale, log):
    """10×N posts in the blog, each about a synthetic Transfo's session (idempotent).

    Created live without revisions, with the search index filled in bulk at the end and no
    reference index: publishing them one by one took most of the seed's time for nothing
    the pages show."""
    for transfo in Transfo.objects.filter(slug__startswith="synthetique-").order_by("pk")[
        :SYNTHETIC_SECTIONS
    ]:
        transfo_section(transfo)
    with (
        override_settings(
            WAGTAILSEARCH_BACKENDS={
                name: {**config, "AUTO_UPDATE": False}
                for name, config in settings.WAGTAILSEARCH_BACKENDS.items()
            }
        ),
        disable_reference_index_auto_update(),
    ):
        pages = add_synthetic_posts(blog, scale)
    for backend in get_search_backends():
        backend.add_bulk(BlogPostPage, pages)
    log(f"  volume synthétique : {len(pages)} billets de blog ajoutés")


def add_synthetic_posts(blog, scale):
    existing = set(
        BlogPostPage.objects.child_of(blog)
        .filter(slug__startswith="billet-synthetique-")
        .values_list("slug", flat=True)
    )
    transfos = list(
        Transfo.objects.filter(slug__startswith="synthetique-")
        .order_by("pk")
        .values_list("pk", "nom")
    )
    sessions = dict(
        Session.objects.filter(transfo__slug__startswith="synthetique-", numero=1).values_list(
            "transfo_id", "pk"
        )
    )
    now = timezone.now()
    added = []
    for index in range(scale * SYNTHETIC_POSTS_PER_SCALE):
        slug = f"billet-synthetique-{index}"
        if slug in existing:
            continue
        transfo_id, transfo_nom = transfos[index % len(transfos)] if transfos else (None, "")
        day = date(2019 + index % 6, 1 + index % 12, 1 + index % 28)
        page = BlogPostPage(
            slug=slug,
            title=f"Billet synthétique n°{index}",
            date=day,
            chapo=(
                f"Une session de la {transfo_nom or 'Transfo'} racontée par ses résident·es : "
                "immersion, fiches idées et travail sur le labo."
            ),
            body=[
                ("paragraph", f"<p>{text}</p>")
                for text in (
                    "Le matin, la météo du groupe puis une immersion en trinôme auprès des "
                    "usagers : journaliste, observateur, photographe.",
                    "L'après-midi, les ambassadeurs ont trié leurs fiches idées avec un tamis "
                    "de critères, avant un temps de travail sur le futur labo.",
                )
            ],
            transfo_id=transfo_id,
            session_id=sessions.get(transfo_id),
            first_published_at=now,
            last_published_at=now,
        )
        blog.add_child(instance=page)
        added.append(page)
    return added


def child_page(parent, model, *, slug, tags=(), auteurs=(), **fields):
    """The page `slug` under `parent`, created and published if missing; an existing page
    keeps what editors wrote and only gets the fields it leaves empty."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is not None:
        empty = {name: value for name, value in fields.items() if value and not getattr(page, name)}
        if empty:
            for name, value in empty.items():
                setattr(page, name, value)
            page.save_revision().publish()
        return page
    page = model(slug=slug, **fields)
    if tags:
        page.tags.add(*tags)
    if auteurs:
        page.auteurs.set(auteurs)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def demo_users():
    return {
        user.email: user for user in get_user_model().objects.filter(email__endswith="@demo.test")
    }


def stream(blocks):
    return [(block["type"], block["value"]) for block in blocks]


def body_of(spec):
    """A post's StreamField: its blocks, or the intro and days of its récit (blog/data/)."""
    if not spec["recit"]:
        return stream(spec["body"])
    post = json.loads((DATA / f"{spec['recit']}.json").read_text(encoding="utf-8"))
    days = [
        (
            "day",
            {
                "title": day["title"] + (f" : {day['subtitle']}" if day["subtitle"] else ""),
                "date": day_date,
                "body": [("paragraph", day["body"])],
            },
        )
        for day, day_date in zip(post["days"], spec["dates_des_jours"], strict=True)
    ]
    return [("paragraph", post["intro"]), *days]


def blog_posts():
    """The demo posts, drawn from the seeds."""
    users = demo_users()
    posts = []
    for spec in BILLETS:
        transfo = Transfo.objects.filter(slug=spec["transfo"]).first() if spec["transfo"] else None
        session = (
            Session.objects.programmes().filter(transfo=transfo, numero=spec["session"]).first()
            if spec["session"]
            else None
        )
        posts.append(
            {
                "slug": spec["slug"],
                "title": spec["title"],
                "date": spec["date"],
                "chapo": spec["chapo"],
                "transfo": transfo,
                "session": session,
                "body": body_of(spec),
                "tags": spec["tags"],
                "auteurs": [users[email] for email in spec["auteurs"] if email in users],
            }
        )
    return posts


def private_posts():
    """Posts of the capot ouvert: written by members, for members."""
    users = demo_users()
    return [
        (
            spec["transfo"],
            {
                "slug": spec["slug"],
                "title": spec["title"],
                "date": spec["date"],
                "chapo": spec["chapo"],
                "body": stream(spec["body"]),
                "auteurs": [users[email] for email in spec["auteurs"] if email in users],
            },
        )
        for spec in CAPOT_OUVERT
    ]


def root_collection():
    """Wagtail's root collection (images and documents), rebuilt if the database was emptied."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def home_page():
    """The home page, rebuilt with Wagtail's tree root if the database was emptied."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    language = settings.LANGUAGE_CODE.split("-")[0]
    locale, _ = Locale.objects.get_or_create(language_code=language)
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locale)
    home = root.add_child(instance=HomePage(title="La Transfo", slug="accueil", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "La Transfo",
        },
    )
    return home


def default_site_at_site_url(home):
    """The default Wagtail site answers at SITE_URL, so canonical URLs, the sitemap and the
    feeds give the platform's real address."""
    address = urlsplit(settings.SITE_URL)
    port = address.port or (443 if address.scheme == "https" else 80)
    Site.objects.filter(is_default_site=True).exclude(hostname=address.hostname, port=port).update(
        hostname=address.hostname, port=port
    )


PUBLICATIONS_COLLECTION = "Publications"


def publications_collection():
    """The collection of the blog's public images and documents, the one editors work in."""
    root = root_collection()
    existing = root.get_children().filter(name=PUBLICATIONS_COLLECTION).first()
    return existing or root.add_child(name=PUBLICATIONS_COLLECTION)


def public_sections():
    """The sections of the site that editors write: the blog and the retex."""
    return [
        *BlogIndexPage.objects.filter(slug="blog", transfo__isnull=True),
        *RetexIndexPage.objects.all(),
    ]


def editors_group():
    """Wagtail's editors: admin access, the right to write and publish the pages of the
    public sections (not the home page, not the capot ouvert), and to add and choose images
    and documents in the publications' collection."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for section in public_sections():
        grant_page_rights(group, section, EDITOR_PAGE_PERMISSIONS)
    collection = publications_collection()
    for app_label, codenames in EDITOR_COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group
