from django.http import Http404
from wagtail import hooks
from wagtail.models import PageViewRestriction


@hooks.register("before_serve_page", order=-10)
def refuse_other_members_with_404(page, request, serve_args, serve_kwargs):
    """A signed-in person outside a private section's groups gets a 404, as for any private
    object of another Transfo (Wagtail would send them to the sign-in page); the anonymous
    visitor is still asked to sign in by Wagtail's own check."""
    if not request.user.is_authenticated:
        return None
    for restriction in page.get_view_restrictions():
        if restriction.restriction_type == PageViewRestriction.GROUPS and not (
            restriction.accept_request(request)
        ):
            raise Http404
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_private_pages_from_the_chooser(pages, request):
    """Wagtail's page chooser browses the whole tree, whatever the editor's rights: the
    pages under a view restriction (the capot ouvert) are left out for all but the
    coordination."""
    if request.user.has_perm("collectivites.access_coordination"):
        return pages
    return pages.public()
