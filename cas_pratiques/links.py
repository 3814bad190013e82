"""What cas_pratiques adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collectivites.links import Link, SessionColumn, register_actions, register_session_column


@register_actions("transfo", order=20)
def transfo_actions(request, transfo):
    return [
        Link(
            _("Les cas pratiques"),
            reverse("cas_pratiques:cas_list", args=[transfo.slug]),
            primary=True,
        )
    ]


def _cases_worked_on(session):
    # The cases are prefetched by the column ("cas_pratiques": reverse relation by name).
    return [
        Link(cas.titre, reverse("cas_pratiques:cas_detail", args=[session.transfo.slug, cas.slug]))
        for cas in session.cas_pratiques.all()
    ]


register_session_column(
    SessionColumn(gettext_lazy("Cas pratiques"), _cases_worked_on, prefetch=("cas_pratiques",))
)
