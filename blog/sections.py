"""The capot ouvert: private sections of the blog, one for all members of all Transfos and one
per Transfo, closed by Wagtail's view restrictions to groups that `collectivites.groups` keeps
in sync with memberships (the coordination reads them all)."""

from django.db import transaction
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, HomePage
from collectivites.groups import community_group, coordination_group, members_group

COMMUNITY_SLUG = "capot-ouvert"


def restrict_to_groups(page, groups):
    restriction = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS
    ).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
    restriction.groups.add(*groups)


@transaction.atomic
def community_section():
    """`/capot-ouvert/`, for the members of every Transfo."""
    home = HomePage.objects.get()
    section = BlogIndexPage.objects.child_of(home).filter(slug=COMMUNITY_SLUG).first()
    if section is None:
        section = BlogIndexPage(
            title="Capot ouvert",
            slug=COMMUNITY_SLUG,
            intro=(
                "L'espace privé de la communauté des Transfos : ce que l'on ne dirait pas en "
                "public, entre membres de toutes les Transfos."
            ),
        )
        home.add_child(instance=section)
        section.save_revision().publish()
    restrict_to_groups(section, [community_group(), coordination_group()])
    return section


@transaction.atomic
def transfo_section(transfo):
    """`/capot-ouvert/<transfo>/`, for the members of one Transfo only."""
    section = BlogIndexPage.objects.filter(transfo=transfo).first()
    if section is None:
        community = community_section()
        section = BlogIndexPage(
            title=f"Capot ouvert · {transfo.nom}",
            slug=transfo.slug,
            transfo=transfo,
            intro=(
                f"L'espace privé des membres de la {transfo.nom} : résident·es, "
                "ambassadeurs, pilote et coordination. Personne d'autre ne le lit."
            ),
        )
        community.add_child(instance=section)
        section.save_revision().publish()
    restrict_to_groups(section, [members_group(transfo), coordination_group()])
    return section
