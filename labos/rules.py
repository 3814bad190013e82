"""Object permissions of the labos, defined once and matched by the `for_user` querysets.

Every member of a Transfo, whatever their role, reads and writes their own labo (the plan is
written together by résidents and ambassadeurs); coordinators read and write every labo.
Anyone signed in as a member of some Transfo may review a published plan, as at an
Intertransfo, where the other Transfos say what inspires them.
"""

import rules

from collectivites.models import roles_of
from collectivites.rules import is_coordinateur, is_member


@rules.predicate
def is_member_of_any_transfo(user):
    return bool(roles_of(user))


@rules.predicate
def is_member_of_plan_transfo(user, plan):
    return plan is not None and plan.transfo_id in roles_of(user)


@rules.predicate
def plan_is_published(user, plan):
    return plan is not None and plan.publie


can_view_labo = is_coordinateur | is_member
can_edit_labo = can_view_labo
can_review_plan = (
    is_coordinateur | is_member_of_plan_transfo | (is_member_of_any_transfo & plan_is_published)
)

rules.add_perm("labos.view_labo", can_view_labo)
rules.add_perm("labos.edit_labo", can_edit_labo)
rules.add_perm("labos.review_plan", can_review_plan)
rules.add_perm("labos.compare_labos", is_coordinateur)
