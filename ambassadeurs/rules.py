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
