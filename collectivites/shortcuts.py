"""The lookup every app's views start from (apps use a lower app's models and helpers, never
its views: STYLE.md)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from collectivites.models import Transfo


def get_transfo_for_user(request, slug, perm=None):
    """The Transfo whose private space the person may enter, with its collectivité, or 404
    (`Transfo.objects.for_user`: the one rule of who enters a Transfo); 403 when `perm` is
    given and the person does not hold it on that Transfo."""
    transfo = get_object_or_404(
        Transfo.objects.for_user(request.user).select_related("collectivite"), slug=slug
    )
    if perm is not None and not request.user.has_perm(perm, transfo):
        raise PermissionDenied
    return transfo
