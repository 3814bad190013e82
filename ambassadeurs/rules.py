"""Object permissions of carnet entries, matched exactly by `EntreeCarnet.objects.visible_to`.

A carnet entry is readable by its author, and by others only as its author shared it:
- "partagé avec les résident·es": the current résident·es of the entry's Transfo;
- "partagé avec le groupe": the current members of the group of the Transfo (résident·es,
  ambassadeur·rices, relais, pilote interne).
Coordinators of La 27e Région, staff and superusers get nothing more: a coordinateur
participation does not make one a member of the group. Only the author edits, shares,
deletes and adds files.

These are rules (`rules.test_rule`), not Django permissions: `User.has_perm` would let a
superuser through, and nobody may read a private entry but its author.
"""

import rules

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import GROUP_ROLES
from collectivites.choices import Role
from collectivites.models import roles_of
from collectivites.rules import has_role, is_coordinateur, is_pilote, is_resident


@rules.predicate
def is_author(user, entree):
    return user.is_authenticated and entree.auteur_id == user.pk


@rules.predicate
def is_shared_with(user, entree):
    role = roles_of(user).get(entree.transfo_id)
    if entree.visibilite == Visibilite.GROUPE:
        return role in GROUP_ROLES
    if entree.visibilite == Visibilite.RESIDENTS:
        return role == Role.RESIDENT
    return False


can_read_entree = is_author | is_shared_with
can_change_entree = is_author

rules.add_rule("ambassadeurs.read_entree", can_read_entree)
rules.add_rule("ambassadeurs.change_entree", can_change_entree)


# The group of a Transfo (its ambassadeurs and relais), matched by
# `AmbassadeurProfile.objects.for_user`. Predicates take the Transfo.
# - everyone in the Transfo's group sees its list (names, direction, rôles, passions);
# - the pilote interne, the résident·es and coordinators also see the profiles, the N+1 and
#   the composition; the pilote and coordinators edit, record entries and exits, import and
#   export;
# - the genre of a person is shown only to that person and to the pilote interne.
is_in_cercle = has_role(Role.AMBASSADEUR, Role.RELAIS)

can_view_group = is_coordinateur | is_pilote | is_resident | is_in_cercle
can_view_group_details = is_coordinateur | is_pilote | is_resident
can_manage_group = is_coordinateur | is_pilote
can_see_genres = is_pilote

rules.add_rule("ambassadeurs.view_group", can_view_group)
rules.add_rule("ambassadeurs.view_group_details", can_view_group_details)
rules.add_rule("ambassadeurs.manage_group", can_manage_group)
rules.add_rule("ambassadeurs.see_genres", can_see_genres)
