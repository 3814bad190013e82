"""What labos adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from collectivites.links import Link, Section, register_actions, register_sections
from labos.models import Plan


@register_actions("transfo", order=40)
def transfo_actions(request, transfo):
    return [Link(_("Le labo"), reverse("labos:plan", args=[transfo.slug]), primary=True)]


@register_sections("transfo", order=30)
def transfo_labo(request, transfo):
    """A Transfo's public page: its plan du labo, once the Transfo published a version of it
    (one query)."""
    plan = Plan.objects.publies().filter(transfo=transfo, version_publiee__isnull=False).first()
    if plan is None:
        return None
    url = plan.get_public_url()
    return Section(_("Son labo"), [Link(_("Le plan du labo publié"), url)])
