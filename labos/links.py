"""What labos adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from collectivites.links import Link, register_actions


@register_actions("transfo", order=40)
def transfo_actions(request, transfo):
    return [Link(_("Le labo"), reverse("labos:plan", args=[transfo.slug]), primary=True)]
