from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from wagtail import views as wagtail_views

# Wagtail's front-end views enforce page privacy themselves (view restrictions) and are
# not marked `login_not_required`; every other view is private unless marked.
WAGTAIL_PUBLIC_VIEWS = {wagtail_views.serve, wagtail_views.authenticate_with_password}


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's login-required-by-default, aware of Wagtail's public page views."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func in WAGTAIL_PUBLIC_VIEWS:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
