"""The capot ouvert: private sections of the blog, one for all members of all Transfos and one
per Transfo, closed by Wagtail's view restrictions to groups that `collectivites.groups` keeps
in sync with memberships (the coordination reads them all)."""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
)

from blog.models import BlogIndexPage, HomePage
from collectivites.groups import (
    COORDINATION_GROUP,
    community_group,
    coordination_group,
    members_group,
)

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
    grant_to_coordination(section)
    return section


# The coordination reads, moderates and closes the capot ouvert in Wagtail's admin too
# (setting a view restriction takes the right to publish); no other group has a right there.
COORDINATION_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def grant_page_rights(group, page, codenames):
    """Wagtail's page rights `codenames` (add_page, ...) to `group` on `page` and below."""
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def grant_to_coordination(section):
    grant_page_rights(coordination_group(), section, COORDINATION_PAGE_PERMISSIONS)


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


def _reaches(node, private_paths, top_depth):
    """A right on a tree node reaches a private node when it is that node, one inside it, or
    one of its ancestors (Wagtail's rights are inherited down the tree); a right on the top
    of the tree (the root collection; the tree's root and the home page) reaches every
    private node that will ever be made there."""
    return node.depth <= top_depth or any(
        node.path.startswith(other) or other.startswith(node.path) for other in private_paths
    )


def rights_reaching_private_areas():
    """The Wagtail rights (page or collection permissions) of any group but the
    coordination's that reach a private page (a view restriction: the capot ouvert) or a
    restricted collection, or that sit at the top of the trees where they are made. There
    must be none: an editor's right on the tree's root lets
    Wagtail's admin show, edit and publish every private post, and its privacy form lift
    the restriction."""
    private_pages = list(
        Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id")).values_list(
            "path", flat=True
        )
    )
    private_collections = list(
        Collection.objects.filter(
            pk__in=CollectionViewRestriction.objects.values("collection_id")
        ).values_list("path", flat=True)
    )
    pages = GroupPagePermission.objects.exclude(group__name=COORDINATION_GROUP).select_related(
        "page", "group", "permission"
    )
    collections = GroupCollectionPermission.objects.exclude(
        group__name=COORDINATION_GROUP
    ).select_related("collection", "group", "permission")
    return [right for right in pages if _reaches(right.page, private_pages, 2)] + [
        right for right in collections if _reaches(right.collection, private_collections, 1)
    ]


def close_private_areas():
    """Take away every right that `rights_reaching_private_areas` finds."""
    for right in rights_reaching_private_areas():
        right.delete()
