from collectivites.models.methodes import Methode, MethodeDocument, MethodeRole
from collectivites.models.sessions import (
    Bloc,
    Jour,
    Session,
    facilitators_by_role,
    facilitators_of,
)
from collectivites.models.transfos import (
    Collectivite,
    Invitation,
    Participation,
    Transfo,
    _default_expiry,
    forget_roles,
    invitation_accepted,
    is_coordinateur,
    is_member_anywhere,
    roles_of,
    transfo_ids,
)

__all__ = [
    "Bloc",
    "Collectivite",
    "Invitation",
    "Jour",
    "Methode",
    "MethodeDocument",
    "MethodeRole",
    "Participation",
    "Session",
    "Transfo",
    "_default_expiry",
    "facilitators_by_role",
    "facilitators_of",
    "forget_roles",
    "invitation_accepted",
    "is_coordinateur",
    "is_member_anywhere",
    "roles_of",
    "transfo_ids",
]
