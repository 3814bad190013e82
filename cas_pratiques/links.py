"""What cas_pratiques adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cas_pratiques.models import CasPratique
from collectivites.links import (
    Link,
    Section,
    SessionColumn,
    register_actions,
    register_sections,
    register_session_column,
)

# How many cases a section of a Transfo's or a méthode's page lists (then "all of them").
SECTION_SIZE = 6


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


def _published_section(title, cases, more_label, query):
    cases = list(cases.order_by("-publie_le", "titre")[:SECTION_SIZE])
    more = Link(more_label, f"{reverse('cas_pratiques:vitrine')}?{query}") if cases else None
    return Section(title, [Link(cas.titre, cas.get_absolute_url()) for cas in cases], more)


@register_sections("transfo", order=10)
def transfo_cases(request, transfo):
    """A Transfo's public page: its published cases (one query)."""
    return _published_section(
        _("Ses cas pratiques"),
        CasPratique.objects.publies().filter(transfo=transfo),
        _("Tous ses cas dans la vitrine"),
        f"transfo={transfo.slug}",
    )


@register_sections("methode", order=10)
def methode_cases(request, methode):
    """A méthode's page: the published cases that used it (one query)."""
    return _published_section(
        _("Les cas pratiques qui l'ont employée"),
        CasPratique.objects.publies().filter(methodes=methode),
        _("Tous ces cas dans la vitrine"),
        f"methode={methode.slug}",
    )
