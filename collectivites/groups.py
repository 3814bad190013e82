"""Wagtail groups kept in sync with participations (roles give admin rights, not by hand)."""

from django.contrib.auth.models import Group, Permission

from collectivites.choices import Role
from collectivites.models import Participation, forget_roles

COORDINATION_GROUP = "Coordination 27e Région"
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
    """Coordinators belong to the coordination group; nobody else does."""
    forget_roles(user)
    group = coordination_group()
    is_coordinator = (
        Participation.objects.actives().filter(user=user, role=Role.COORDINATEUR).exists()
    )
    if is_coordinator:
        user.groups.add(group)
    else:
        user.groups.remove(group)
