"""Authentication backends of the platform."""

from django.contrib.auth.models import Permission
from django.db.models import Q


class PermissionsBackend:
    """A person's model permissions (their own and their groups') in one query instead of
    ModelBackend's two, cached on the user object under the name ModelBackend and allauth's
    backend (listed after this one) read. The navigation asks for one on every page.

    Authenticates no one and restores no session (no `get_user`, so that Django's test
    client and `login()` never pick it): signing in stays with ModelBackend and allauth's."""

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                )
                .order_by()
                .distinct()
            }
        return user_obj._perm_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj=obj)
