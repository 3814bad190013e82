"""Who sees and runs the Intertransfos, defined once and matched by `Intertransfo.objects.for_user`.

Coordinators manage everything; members of any Transfo see the Intertransfos, their
programme and who comes; registered participants (and coordinators) write the ateliers'
propositions and the labo reviews; a Transfo's own members record its priorities."""

import rules

from collectivites.rules import is_coordinateur, is_member, is_member_anywhere


@rules.predicate
def is_registered(user, intertransfo):
    return (
        intertransfo is not None
        and user.is_authenticated
        and intertransfo.participants.filter(user=user).exists()
    )


can_view_intertransfo = is_member_anywhere
can_manage_intertransfo = is_coordinateur
can_contribute = is_coordinateur | (is_member_anywhere & is_registered)
can_record_priorities = is_coordinateur | is_member

rules.add_perm("intertransfo.view_intertransfo", can_view_intertransfo)
rules.add_perm("intertransfo.manage_intertransfo", can_manage_intertransfo)
rules.add_perm("intertransfo.contribute", can_contribute)
rules.add_perm("intertransfo.record_priorities", can_record_priorities)
