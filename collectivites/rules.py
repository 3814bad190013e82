"""Object permissions of Transfos, defined once and matched by `Transfo.objects.for_user`."""

import rules

from collectivites.choices import CERCLE_ROLES, Role
from collectivites.models import is_coordinateur as _is_coordinateur
from collectivites.models import is_member_anywhere as _is_member_anywhere
from collectivites.models import roles_of


@rules.predicate
def is_coordinateur(user):
    return _is_coordinateur(user)


@rules.predicate
def is_member_anywhere(user):
    """A member of some Transfo, whatever the role, or a coordinator."""
    return _is_member_anywhere(user)


def has_role(*roles):
    @rules.predicate(name=f"has_role({', '.join(roles)})")
    def predicate(user, transfo):
        return transfo is not None and roles_of(user).get(transfo.pk) in roles

    return predicate


is_member = has_role(*Role.values)
is_resident = has_role(Role.RESIDENT)
is_pilote = has_role(Role.PILOTE)

can_view_transfo_space = is_coordinateur | is_member
can_invite = is_coordinateur | is_pilote
can_plan_sessions = is_coordinateur | is_resident

rules.add_perm("collectivites.view_transfo_space", can_view_transfo_space)
rules.add_perm("collectivites.invite_member", can_invite)
rules.add_perm("collectivites.access_coordination", is_coordinateur)
rules.add_perm("collectivites.plan_sessions", can_plan_sessions)


@rules.predicate
def can_send_sign_in_link(user, participation):
    """A link to choose a password, for a current member who never signed in: from the
    pilote (to the roles she may invite) or a coordinator."""
    return (
        participation is not None
        and participation.active
        and participation.user.never_signed_in
        and participation.role in invitable_roles(user, participation.transfo)
    )


rules.add_perm("collectivites.send_sign_in_link", can_send_sign_in_link)


def invitable_roles(user, transfo):
    """The roles a person may invite to a Transfo: all for coordinators, the group for pilotes."""
    if _is_coordinateur(user):
        return list(Role)
    if is_pilote(user, transfo):
        return list(CERCLE_ROLES)
    return []
