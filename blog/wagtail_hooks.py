from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
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


@hooks.register("after_create_page")
def name_the_draft_that_held_the_slug(request, page):
    """A new page whose title's slug was held by a draft never published took the next free
    one (`blog.forms.PageSlugForm`): say which draft, with a link to it, so that the editor
    can delete an abandoned one and give the address back."""
    holder = getattr(page, "_slug_held_by", None)
    if holder is None:
        return None
    messages.info(
        request,
        _(
            "L'adresse « %(slug)s » était prise par un brouillon jamais publié, « %(titre)s » : "
            "cette page a l'adresse « %(nouveau)s ». S'il s'agit d'un brouillon abandonné, "
            "supprimez-le puis reprenez l'adresse dans l'onglet Promotion."
        )
        % {"slug": holder.slug, "titre": holder.get_admin_display_title(), "nouveau": page.slug},
        buttons=[
            messages.button(
                reverse("wagtailadmin_pages:edit", args=[holder.pk]), _("Ouvrir le brouillon")
            )
        ],
    )
    return None
