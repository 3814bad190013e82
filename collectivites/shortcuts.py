"""The lookup every app's views start from (apps use a lower app's models and helpers, never
its views: STYLE.md)."""

from django.shortcuts import get_object_or_404

from collectivites.models import Transfo


def get_transfo_for_user(request, slug):
    """The Transfo whose private space the person may enter, with its collectivité, or 404
    (`Transfo.objects.for_user`: the one rule of who enters a Transfo)."""
    return get_object_or_404(
        Transfo.objects.for_user(request.user).select_related("collectivite"), slug=slug
    )
