"""Demo content of the Wagtail pages: the home page (vade-mecum, seed 004) and the editors."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Locale, Page, Site

from blog.models import HomePage

EDITORS_GROUP = "Editors"
EDITOR_EMAILS = ["editeur@demo.test"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]

CHAPO = (
    "La Transfo est un programme de La 27e Région : pendant 16 à 18 mois, trois résident·es "
    "accompagnent une vingtaine d'agents volontaires d'une collectivité, les ambassadeurs, "
    "sur des cas pratiques réels, pour co-construire son futur labo d'innovation publique."
)
BODY = (
    "<p>La Transfo est avant tout <b>une démarche de formation-action</b> et d'empowerment "
    "d'un groupe d'agents au service de la construction d'un labo. Le travail sur les cas "
    "pratiques n'est qu'un moyen au service de cette démarche ; la dynamique collective est "
    "centrale.</p>"
    "<p>Le protocole : 35 jours d'intervention répartis sur 18 mois maximum, soit une session "
    "de 2 à 3 jours par mois ; 3 à 6 cas pratiques ; un travail sur le futur labo dès les "
    "sessions 4 à 6 ; et tous les 3 à 6 mois, une Intertransfo qui réunit toutes les équipes.</p>"
    "<p>La Transfo se documente « à capot ouvert » : une vitrine publique de ses cas et de son "
    "blog, et des espaces privés où chacun écrit ce qu'il ne pourrait pas écrire en public.</p>"
)


def run(*, scale, log):
    home = home_page()
    if home.title != "La Transfo" or home.chapo != CHAPO or home.body != BODY:
        home.title = "La Transfo"
        home.chapo = CHAPO
        home.body = BODY
        home.save_revision().publish()
    editors = editors_group(home)
    editors.user_set.add(*get_user_model().objects.filter(email__in=EDITOR_EMAILS))
    log("  page d'accueil et éditeurs")


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


def editors_group(home):
    """Wagtail's editors: admin access and the right to write and publish pages."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    root = home.get_parent()
    for codename in EDITOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=root,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    return group
