"""The permissions of the ambassadeurs app: carnet entries, the group, chartes, attendance and
météo, devoirs, bilans and attestations, each matched by its queryset where there is one.

A carnet entry (`EntreeCarnet.objects.visible_to` says the same) is readable by its author,
and by others only as its author shared it (`ambassadeurs.sharing`):
- "partagé avec les résident·es": the current résident·es of the entry's Transfo;
- "partagé avec le groupe": the current members of the group of the Transfo (résident·es,
  ambassadeur·rices, relais, pilote interne).
Coordinators of La 27e Région, staff and superusers get nothing more: a coordinateur
participation does not make one a member of the group. Only the author edits, shares,
deletes and adds files.

Who reads a shared thing is `ambassadeurs.sharing`'s table. Ask with `user.has_perm(name, obj)`:
`User.has_perm` answers an object permission by these rules alone, superusers included, and
nobody may read a private entry but its author.
"""

import rules

from ambassadeurs import sharing
from ambassadeurs.choices import StatutBilan
from ambassadeurs.models.attestations import ISSUER_ROLES
from collectivites.choices import CERCLE_ROLES, FOLLOW_ROLES, GROUP_ROLES
from collectivites.models import roles_of
from collectivites.rules import has_role, is_coordinateur, is_pilote, is_resident


@rules.predicate
def is_author(user, entree):
    return user.is_authenticated and entree.auteur_id == user.pk


@rules.predicate
def is_shared_with(user, entree):
    return sharing.is_shared_with(user, entree.visibilite, entree.transfo_id)


can_read_entree = is_author | is_shared_with
can_change_entree = is_author

rules.add_perm("ambassadeurs.read_entree", can_read_entree)
rules.add_perm("ambassadeurs.change_entree", can_change_entree)


# The group of a Transfo (its ambassadeurs and relais), matched by
# `AmbassadeurProfile.objects.for_user`. Predicates take the Transfo.
# - everyone in the Transfo's group sees its list (names, direction, rôles, passions);
# - the pilote interne, the résident·es and coordinators also see the profiles, the N+1 and
#   the composition; the pilote and coordinators edit, record entries and exits, import and
#   export;
# - the genre of a person is shown only to that person and to the pilote interne.
is_in_cercle = has_role(*CERCLE_ROLES)

can_view_group = is_coordinateur | is_pilote | is_resident | is_in_cercle
can_view_group_details = is_coordinateur | is_pilote | is_resident
can_manage_group = is_coordinateur | is_pilote
can_see_genres = is_pilote

rules.add_perm("ambassadeurs.view_group", can_view_group)
rules.add_perm("ambassadeurs.view_group_details", can_view_group_details)
rules.add_perm("ambassadeurs.manage_group", can_manage_group)
rules.add_perm("ambassadeurs.see_genres", can_see_genres)


# Charters and attendance of a Transfo's group. Predicates take the Transfo, but
# `can_view_charte`, which takes a charter and is matched by `Charte.objects.for_user`.
# - the pilote interne, the résident·es and coordinators follow the group: they see every
#   charter and who has not signed, edit the charter's text, send the N+1 their link, record
#   attendance and météo and see the attendance figures;
# - the pilote or a résident·e signs (and denounces) for the labo;
# - an ambassadeur sees, signs and denounces their own charter; nobody else's.
can_follow_group = is_coordinateur | is_pilote | is_resident
can_sign_for_labo = is_pilote | is_resident


@rules.predicate
def is_charte_holder(user, charte):
    return user.is_authenticated and charte.profil.participation.user_id == user.pk


@rules.predicate
def follows_charte_group(user, charte):
    return can_follow_group(user, charte.profil.participation.transfo)


can_view_charte = is_charte_holder | follows_charte_group

rules.add_perm("ambassadeurs.follow_group", can_follow_group)
rules.add_perm("ambassadeurs.sign_for_labo", can_sign_for_labo)
rules.add_perm("ambassadeurs.view_charte", can_view_charte)
rules.add_perm("ambassadeurs.sign_as_ambassadeur", is_charte_holder)


# Devoirs: the group of the Transfo reads the assignments (coordinators too); résident·es
# post them and comment the answers; an ambassadeur or relais answers. An answer is read by
# its author and the résident·es and pilote of the Transfo only: `ReponseDevoir.objects
# .visible_to`.
is_in_group = has_role(*GROUP_ROLES)
can_view_devoirs = is_coordinateur | is_in_group
can_post_devoir = is_resident
can_answer_devoir = is_in_cercle


@rules.predicate
def is_reponse_author(user, reponse):
    return user.is_authenticated and reponse.auteur_id == user.pk


@rules.predicate
def follows_reponse_group(user, reponse):
    return roles_of(user).get(reponse.devoir.transfo_id) in FOLLOW_ROLES


can_read_reponse = is_reponse_author | follows_reponse_group

rules.add_perm("ambassadeurs.view_devoirs", can_view_devoirs)
rules.add_perm("ambassadeurs.post_devoir", can_post_devoir)
rules.add_perm("ambassadeurs.answer_devoir", can_answer_devoir)
rules.add_perm("ambassadeurs.read_reponse", can_read_reponse)
rules.add_perm("ambassadeurs.comment_reponse", is_resident)

# Each member of the group may give their own météo of a session day.
rules.add_perm("ambassadeurs.give_meteo", is_in_cercle)


# Bilans (`ambassadeurs.models.bilans`). Predicates take the Transfo, but those on a personal bilan.
# - the group of the Transfo and coordinators see the campaigns (`Bilan.objects.for_user`);
# - résident·es, the pilote and coordinators open and edit campaigns and follow who answered
#   (names and status, never a text that was not shared with them);
# - an ambassadeur or relais writes their own personal bilan; the group writes the
#   collective one;
# - a personal bilan is read by its author, and by others only once handed in and as its
#   author shared it: `BilanPersonnel.objects.visible_to`. Coordinators get nothing more.
can_view_bilans = is_coordinateur | is_in_group
can_manage_bilans = is_coordinateur | is_pilote | is_resident
can_answer_bilan = is_in_cercle
can_write_bilan_collectif = is_in_group


@rules.predicate
def is_bilan_author(user, copie):
    return user.is_authenticated and copie.auteur_id == user.pk


@rules.predicate
def is_bilan_shared_with(user, copie):
    if copie.statut != StatutBilan.DEPOSE:
        return False
    return sharing.is_shared_with(user, copie.visibilite, copie.bilan.transfo_id)


can_read_bilan_personnel = is_bilan_author | is_bilan_shared_with

rules.add_perm("ambassadeurs.view_bilans", can_view_bilans)
rules.add_perm("ambassadeurs.manage_bilans", can_manage_bilans)
rules.add_perm("ambassadeurs.answer_bilan", can_answer_bilan)
rules.add_perm("ambassadeurs.write_bilan_collectif", can_write_bilan_collectif)
rules.add_perm("ambassadeurs.read_bilan_personnel", can_read_bilan_personnel)
rules.add_perm("ambassadeurs.change_bilan_personnel", is_bilan_author)


# Attestations (`ambassadeurs.models.attestations`): who may get one, who reaches the page.
@rules.predicate
def can_get_attestation(user, participation):
    """The person themself, or the pilote / a résident·e of the participation's Transfo."""
    if not user.is_authenticated or participation.role not in CERCLE_ROLES:
        return False
    return participation.user_id == user.pk or (
        roles_of(user).get(participation.transfo_id) in ISSUER_ROLES
    )


rules.add_perm("ambassadeurs.get_attestation", can_get_attestation)
# On a Transfo: who reaches its attestations page (the list, or one's own).
rules.add_perm("ambassadeurs.view_attestations", has_role(*ISSUER_ROLES, *CERCLE_ROLES))
