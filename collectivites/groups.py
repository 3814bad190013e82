"""Wagtail groups kept in sync with participations (roles give admin rights, not by hand)."""

from django.contrib.auth.models import Group, Permission

from collectivites.choices import Role
from collectivites.models import Participation, forget_roles

COORDINATION_GROUP = "Coordination 27e Région"
# Every current member of a Transfo is in its members' group and in the community group of
# all Transfos: Wagtail's view restrictions of the private sections (capot ouvert) name them.
COMMUNITY_GROUP = "Membres des Transfos"
MEMBERS_GROUP_PREFIX = "Membres · "


def members_group_name(transfo):
    return f"{MEMBERS_GROUP_PREFIX}{transfo.slug}"


def members_group(transfo):
    return Group.objects.get_or_create(name=members_group_name(transfo))[0]


def community_group():
    return Group.objects.get_or_create(name=COMMUNITY_GROUP)[0]


COORDINATION_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    *[
        ("collectivites", f"{action}_{model}")
        for model in ("collectivite", "transfo", "participation", "invitation", "methode")
        for action in ("add", "change", "delete", "view")
    ],
]


def coordination_group():
    group, _ = Group.objects.get_or_create(name=COORDINATION_GROUP)
    wanted = Permission.objects.filter(
        content_type__app_label__in={app for app, _ in COORDINATION_PERMISSIONS},
        codename__in={codename for _, codename in COORDINATION_PERMISSIONS},
    )
    group.permissions.add(*wanted)
    return group


def sync_groups(user):
    """Coordinators belong to the coordination group; members to their Transfos' groups and
    to the community group; nobody else does."""
    forget_roles(user)
    slugs = set(
        Participation.objects.actives().filter(user=user).values_list("transfo__slug", flat=True)
    )
    wanted = {f"{MEMBERS_GROUP_PREFIX}{slug}" for slug in slugs}
    current = set(
        user.groups.filter(name__startswith=MEMBERS_GROUP_PREFIX).values_list("name", flat=True)
    )
    user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in wanted - current))
    user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    if slugs:
        user.groups.add(community_group())
    else:
        user.groups.remove(*Group.objects.filter(name=COMMUNITY_GROUP))
    group = coordination_group()
    is_coordinator = (
        Participation.objects.actives().filter(user=user, role=Role.COORDINATEUR).exists()
    )
    if is_coordinator:
        user.groups.add(group)
    else:
        user.groups.remove(group)
