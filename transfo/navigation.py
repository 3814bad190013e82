"""The main navigation: one list, each entry shown to those it concerns."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def main_navigation(request):
    """The entries for this person; the current one is the longest that the path starts with
    ("Mon carnet" under /espace/carnet/, not "Mon espace" too)."""
    user = request.user
    entries = [
        (_("Accueil"), "/"),
        (_("Les Transfos"), reverse("collectivites:transfo_list")),
        (_("Vitrine des cas"), reverse("cas_pratiques:vitrine")),
        (_("Le blog"), "/blog/"),
        (_("Boîte à outils"), reverse("collectivites:methode_list")),
        (_("Rechercher"), reverse("recherche")),
    ]
    if user.is_authenticated:
        entries.append((_("Mon espace"), reverse("collectivites:espace")))
        entries.append((_("Mon carnet"), reverse("ambassadeurs:carnet")))
        if user.has_perm("blog.read_capot_ouvert"):
            entries.append((_("Capot ouvert"), "/capot-ouvert/"))
        if user.has_perm("collectivites.access_coordination"):
            entries.append((_("Coordination"), reverse("intertransfo:dashboard")))
        if user.has_perm("wagtailadmin.access_admin"):
            entries.append((_("Administration"), reverse("wagtailadmin_home")))
    path = request.path
    matching = [
        url for _label, url in entries if path == url or (url != "/" and path.startswith(url))
    ]
    current = max(matching, key=len, default=None)
    return [NavItem(label=label, url=url, active=url == current) for label, url in entries]
