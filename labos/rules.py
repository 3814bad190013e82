"""Object permissions of the labos, defined once and matched by the `for_user` querysets.

Every member of a Transfo, whatever their role, reads and writes their own labo (the plan is
written together by résidents and ambassadeurs); coordinators read and write every labo.
Anyone signed in as a member of some Transfo may review a published plan, as at an
Intertransfo, where the other Transfos say what inspires them.
A labo that shares its écosystème shows the other sharing labos of its région its actors'
shared fields (never contact persons nor notes); it sees theirs only while it shares too.
"""

import rules

from collectivites.models import roles_of
from collectivites.rules import (
    is_coordinateur,
    is_member,
    is_member_anywhere,
    is_pilote,
    is_resident,
)
from labos.models import PartageEcosysteme


@rules.predicate
def is_member_of_plan_transfo(user, plan):
    return plan is not None and plan.transfo_id in roles_of(user)


@rules.predicate
def plan_is_published(user, plan):
    return plan is not None and plan.publie


@rules.predicate
def acteur_is_shared_with_user(user, acteur):
    """The actor's labo shares its écosystème, and so does a labo of the person's in the same
    région (the queryset twin: `Acteur.objects.partages_avec`)."""
    if acteur is None:
        return False
    region = acteur.transfo.collectivite.region
    if not region or acteur.transfo_id in roles_of(user):
        return False
    sharing = set(
        PartageEcosysteme.objects.filter(
            actif=True, transfo__collectivite__region=region
        ).values_list("transfo_id", flat=True)
    )
    return acteur.transfo_id in sharing and bool(sharing & set(roles_of(user)))


can_view_labo = is_coordinateur | is_member
can_edit_labo = can_view_labo
can_review_plan = (
    is_coordinateur | is_member_of_plan_transfo | (is_member_anywhere & plan_is_published)
)

rules.add_perm("labos.view_labo", can_view_labo)
rules.add_perm("labos.edit_labo", can_edit_labo)
rules.add_perm("labos.review_plan", can_review_plan)
rules.add_perm("labos.compare_labos", is_coordinateur)
# Sharing the écosystème with other labos, and making the plan public, are the labo's
# decisions: résidents, pilote, coordinators (every member writes and names the labo, and
# every change is kept in its versions).
rules.add_perm("labos.share_ecosysteme", is_coordinateur | is_resident | is_pilote)
rules.add_perm("labos.publish_labo", is_coordinateur | is_resident | is_pilote)
rules.add_perm("labos.view_shared_acteur", is_coordinateur | acteur_is_shared_with_user)
