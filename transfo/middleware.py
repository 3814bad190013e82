from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
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


ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

# Wagtail's and Django's admins still carry inline scripts and styles, and Wagtail's preview
# frames its own pages; the public and private pages of the platform get none of this.
ADMIN_POLICY_RELAXATIONS = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
    "frame-src": [SELF],
}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy everywhere (settings.CONTENT_SECURITY_POLICY), relaxed for the admins."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PATH_PREFIXES) and parts.replace is None:
            parts.replace = ADMIN_POLICY_RELAXATIONS
        return parts
