"""Who reads what a member shares: one table, from which the rules and the querysets of every
shared thing (a carnet entry, a personal bilan) are built, so that they cannot disagree.

A shared thing has an author, a Transfo and a visibility. Besides its author, it is read by
the current members of its Transfo who hold one of the roles `READERS` gives its visibility:
nobody for "privé"; the résident·es for "partagé avec les résident·es"; the group (résident·es,
pilote interne, ambassadeur·rices, relais) for "partagé avec le groupe". Coordinators of La 27e
Région, staff and superusers are not readers: a coordinateur participation is not one of the
group's roles.
"""

from django.db.models import Q

from ambassadeurs.choices import Visibilite
from collectivites.choices import GROUP_ROLES, Role
from collectivites.models import Participation, roles_of, transfo_ids

READERS = {
    Visibilite.PRIVE: (),
    Visibilite.RESIDENTS: (Role.RESIDENT,),
    Visibilite.GROUPE: GROUP_ROLES,
}


def shared_with_q(user, transfo="transfo_id"):
    """The condition "shared with `user`" on a queryset of shared things whose Transfo is
    the field `transfo` (the author's own things aside): the rule `is_shared_with`, in SQL."""
    condition = Q(pk__in=[])
    for visibilite, roles in READERS.items():
        if roles:
            condition |= Q(visibilite=visibilite, **{f"{transfo}__in": transfo_ids(user, roles)})
    return condition


def is_shared_with(user, visibilite, transfo_id):
    """Whether a thing of the Transfo `transfo_id` with `visibilite` is shared with `user`."""
    return roles_of(user).get(transfo_id) in READERS.get(visibilite, ())


def readers(transfo_id, visibilite, *, author_id):
    """The current members, besides the author, who read a thing of the Transfo with
    `visibilite`, by name."""
    roles = READERS.get(visibilite, ())
    if not roles:
        return []
    return [
        participation.user
        for participation in Participation.objects.actives()
        .filter(transfo_id=transfo_id, role__in=roles, user__is_active=True)
        .exclude(user_id=author_id)
        .select_related("user")
        .order_by("user__full_name")
    ]


def reader_ids(things):
    """Ids of everyone who reads some of `things` (a queryset of shared things, with
    `transfo_id` and `visibilite`), their authors included where they read others'."""
    ids = set()
    for transfo_id, visibilite in things.values_list("transfo_id", "visibilite").distinct():
        roles = READERS[visibilite]
        if roles:
            ids.update(
                Participation.objects.actives()
                .filter(transfo_id=transfo_id, role__in=roles)
                .values_list("user_id", flat=True)
            )
    return sorted(ids)
