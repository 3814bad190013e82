"""The permissions backend answers as Django's ModelBackend would, in one query."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from tests.collectivites.factories import UserFactory
from transfo.users.backends import PermissionsBackend


def _fresh(user):
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def editor(db):
    group = Group.objects.create(name="Éditeurs")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = UserFactory()
    user.groups.add(group)
    user.user_permissions.add(Permission.objects.get(codename="change_collectivite"))
    return user


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda editor: editor, id="group-and-own-permissions"),
        pytest.param(lambda editor: UserFactory(), id="no-permission"),
        pytest.param(lambda editor: UserFactory(is_superuser=True), id="superuser"),
        pytest.param(lambda editor: UserFactory(is_active=False, is_superuser=True), id="inactive"),
    ],
)
def test_the_same_permissions_as_the_model_backend(editor, make, django_assert_num_queries):
    user = make(editor)
    expected = ModelBackend().get_all_permissions(_fresh(user))
    fresh = _fresh(user)
    with django_assert_num_queries(1 if user.is_active else 0):
        found = PermissionsBackend().get_all_permissions(fresh)
        # Cached on the user, where ModelBackend reads them too: no further query.
        assert ModelBackend().get_all_permissions(fresh) == found
    assert found == expected


def test_a_page_asks_the_database_once_for_permissions(editor, django_assert_num_queries):
    user = _fresh(editor)
    with django_assert_num_queries(1):
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("collectivites.change_collectivite")
        assert not user.has_perm("blog.delete_blogpostpage")


def test_it_never_signs_anyone_in(editor):
    assert PermissionsBackend().authenticate(None, username=editor.email, password="x") is None
    assert not hasattr(PermissionsBackend(), "get_user")
