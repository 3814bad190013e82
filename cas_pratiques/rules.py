"""Object permissions of cas pratiques, defined once and matched by `CasPratique.objects.for_user`."""

import rules

from cas_pratiques.choices import EtatPublication
from collectivites.choices import Role
from collectivites.models import is_coordinateur as _is_coordinateur
from collectivites.models import roles_of
from collectivites.rules import is_coordinateur


@rules.predicate
def is_member_of_cas_transfo(user, cas):
    return cas is not None and cas.transfo_id in roles_of(user)


@rules.predicate
def is_resident_of_cas_transfo(user, cas):
    return cas is not None and roles_of(user).get(cas.transfo_id) == Role.RESIDENT


@rules.predicate
def is_not_the_submitter(user, cas):
    return cas is not None and cas.soumis_par_id != user.pk


def etat_is(etat):
    @rules.predicate(name=f"etat_is({etat})")
    def predicate(user, cas):
        return cas is not None and cas.etat == etat

    return predicate


can_view_cas = is_coordinateur | is_member_of_cas_transfo
can_edit_cas = is_coordinateur | is_resident_of_cas_transfo
# Publishing goes through a review: submitted by an editor, then sent back (by anyone who
# edits, the submitter too) or published by a second reader, never by whoever submitted it.
can_submit_cas = can_edit_cas & etat_is(EtatPublication.BROUILLON)
can_review_cas = can_edit_cas & etat_is(EtatPublication.A_RELIRE)
can_publish_cas = can_review_cas & is_not_the_submitter
can_withdraw_cas = can_edit_cas & etat_is(EtatPublication.PUBLIE)

# The working material (immersions, fiches idées, placements on a tamis) is the whole
# group's: every member of the Transfo writes it, ambassadeurs included, as they placed the
# post-its themselves in seed 003. The axes of a tamis are set by the résidents.
can_work_on_cas = can_view_cas
can_edit_tamis = can_edit_cas

rules.add_perm("cas_pratiques.view_cas", can_view_cas)
rules.add_perm("cas_pratiques.edit_cas", can_edit_cas)
rules.add_perm("cas_pratiques.submit_cas", can_submit_cas)
rules.add_perm("cas_pratiques.review_cas", can_review_cas)
rules.add_perm("cas_pratiques.publish_cas", can_publish_cas)
rules.add_perm("cas_pratiques.withdraw_cas", can_withdraw_cas)
rules.add_perm("cas_pratiques.work_on_cas", can_work_on_cas)
rules.add_perm("cas_pratiques.edit_tamis", can_edit_tamis)


@rules.predicate
def can_create_cas(user, transfo):
    """Résidents of the Transfo and coordinators start new cases."""
    return _is_coordinateur(user) or roles_of(user).get(transfo.pk) == Role.RESIDENT


rules.add_perm("cas_pratiques.create_cas", can_create_cas)
