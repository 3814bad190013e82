"""What intertransfo adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from collectivites.links import Link, register_actions


@register_actions("transfo", order=50)
def transfo_actions(request, transfo):
    return [
        Link(_("Les Intertransfos"), reverse("intertransfo:list")),
        Link(_("Indicateurs"), reverse("intertransfo:transfo_indicateurs", args=[transfo.slug])),
    ]
