"""What the blog adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from collectivites.links import Link, register_actions


@register_actions("transfo", order=10)
def transfo_actions(request, transfo):
    return [Link(_("Écrire dans le capot ouvert"), reverse("blog:post_write", args=[transfo.slug]))]
