from django.utils.functional import SimpleLazyObject

from transfo.navigation import main_navigation


def navigation(request):
    """The main navigation adapted to the person's roles (computed only if rendered)."""
    return {"main_nav": SimpleLazyObject(lambda: main_navigation(request))}
