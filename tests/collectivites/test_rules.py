import pytest
from django.contrib.auth.models import AnonymousUser

from collectivites.choices import Role
from collectivites.models import Participation, Transfo
from collectivites.rules import invitable_roles
from tests.collectivites.factories import ParticipationFactory, TransfoFactory

ROLES = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]

# role -> (may enter the Transfo's space, may invite to it)
EXPECTED = {
    "ambassadeur": (True, False),
    "peer": (True, False),
    "resident": (True, False),
    "pilote": (True, True),
    "other_member": (False, False),
    "coordinateur": (True, True),
    "outsider": (False, False),
}


@pytest.mark.parametrize("name", ROLES)
def test_transfo_space_permission_matches_for_user_queryset(cast, transfo, name):
    user = cast[name]
    may_view, _ = EXPECTED[name]
    assert user.has_perm("collectivites.view_transfo_space", transfo) is may_view
    assert (transfo in Transfo.objects.for_user(user)) is may_view


@pytest.mark.parametrize("name", ROLES)
def test_invite_permission_by_role(cast, transfo, name):
    _, may_invite = EXPECTED[name]
    assert cast[name].has_perm("collectivites.invite_member", transfo) is may_invite


def test_anonymous_sees_no_transfo_and_has_no_permission(transfo):
    anonymous = AnonymousUser()
    assert not Transfo.objects.for_user(anonymous).exists()
    assert not anonymous.has_perm("collectivites.view_transfo_space", transfo)
    assert not anonymous.has_perm("collectivites.access_coordination")


def test_coordinateur_sees_every_transfo(coordinateur, transfo, other_transfo):
    TransfoFactory.create_batch(3)
    assert Transfo.objects.for_user(coordinateur).count() == Transfo.objects.count() == 5
    assert coordinateur.has_perm("collectivites.access_coordination")


def test_member_sees_only_own_transfo(ambassadeur, transfo, other_transfo):
    assert list(Transfo.objects.for_user(ambassadeur)) == [transfo]
    assert not ambassadeur.has_perm("collectivites.access_coordination")


def test_participation_for_user_lists_only_visible_transfos(cast, transfo, other_transfo):
    visible = Participation.objects.for_user(cast["ambassadeur"])
    assert {p.transfo for p in visible} == {transfo}
    assert visible.count() == 4  # ambassadeur, peer, résident, pilote of Strasbourg


def test_member_who_left_loses_access(transfo):
    former = ParticipationFactory(transfo=transfo, sortie=True).user
    assert not former.has_perm("collectivites.view_transfo_space", transfo)
    assert not Transfo.objects.for_user(former).exists()


def test_superuser_counts_as_coordinateur(django_user_model, transfo):
    admin = django_user_model.objects.create_superuser(email="admin@exemple.test", password="x")
    assert transfo in Transfo.objects.for_user(admin)


def test_pilote_invites_the_group_only_and_coordinateur_any_role(pilote, coordinateur, transfo):
    assert invitable_roles(pilote, transfo) == [Role.AMBASSADEUR, Role.RELAIS]
    assert invitable_roles(coordinateur, transfo) == list(Role)


def test_resident_and_ambassadeur_invite_nobody(resident, ambassadeur, transfo):
    assert invitable_roles(resident, transfo) == []
    assert invitable_roles(ambassadeur, transfo) == []


def test_coordinateur_participation_puts_person_in_admin_group(transfo):
    coordinator = ParticipationFactory(transfo=transfo, role=Role.COORDINATEUR)
    assert coordinator.user.groups.filter(name="Coordination 27e Région").exists()
    assert coordinator.user.has_perm("wagtailadmin.access_admin")
    coordinator.delete()
    assert not coordinator.user.groups.filter(name="Coordination 27e Région").exists()
