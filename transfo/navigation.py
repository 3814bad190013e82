"""The main navigation: one list, each entry shown to those it concerns."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


def _item(request, label, url):
    path = request.path
    active = path == url if url == "/" else path.startswith(url)
    return NavItem(label=label, url=url, active=active)


def main_navigation(request):
    user = request.user
    items = [
        _item(request, _("Accueil"), "/"),
        _item(request, _("Les Transfos"), reverse("collectivites:transfo_list")),
        _item(request, _("Vitrine des cas"), reverse("cas_pratiques:vitrine")),
        _item(request, _("Le blog"), "/blog/"),
        _item(request, _("Boîte à outils"), reverse("collectivites:methode_list")),
    ]
    if user.is_authenticated:
        items.append(_item(request, _("Mon espace"), reverse("collectivites:espace")))
        if user.has_perm("wagtailadmin.access_admin"):
            items.append(_item(request, _("Administration"), reverse("wagtailadmin_home")))
    return items
