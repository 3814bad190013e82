from allauth.mfa.utils import is_mfa_enabled
from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
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


# What a person who must use a second factor may open before setting it up: the setup
# itself (allauth's /comptes/2fa/, with the reauthentication it asks for), signing out, and
# what no data is in. Every other page waits for the second factor.
MFA_SETUP_PATH_PREFIXES = (
    "/comptes/2fa/",
    "/comptes/reauthenticate/",
    "/comptes/logout/",
    "/static/",
    "/sante/",
    "/robots.txt",
)


def must_use_mfa(user):
    """Coordinators, editors and staff hold everyone's data: they sign in with a second factor
    (the permissions that make someone one: settings.MFA_REQUIRED_PERMISSIONS)."""
    return user.is_authenticated and (
        user.is_staff
        or user.is_superuser
        or any(user.has_perm(name) for name in settings.MFA_REQUIRED_PERMISSIONS)
    )


class MfaRequiredMiddleware:
    """Sends coordinators, editors and staff without TOTP to set it up before any page but
    the setup itself (their exports alone name every ambassadeur). Once TOTP is on, allauth
    asks for the code at every sign-in, and the admins' own login forms are routed to
    allauth's (transfo.urls), so no session of theirs opens a page without the second
    factor; nor can they remove their last one (transfo.users.adapter.MFAAdapter)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not request.path_info.startswith(MFA_SETUP_PATH_PREFIXES)
            and must_use_mfa(request.user)
            and not is_mfa_enabled(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Votre rôle donne accès aux données de toutes les Transfos : activez la "
                    "double authentification pour continuer."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


# Inside the private parts, a 404 for a signed-in person is mostly an object of someone else.
AUDITED_NOT_FOUND_PREFIXES = ("/espace/", "/coordination/", "/admin/", "/django-admin/")


class AuditRefusalsMiddleware:
    """Refused accesses go to the audit log: every 403, and the 404s of signed-in people in
    the private parts (a 404 is how the platform refuses what one may not know exists)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        refused = response.status_code == 403 or (
            response.status_code == 404
            and request.user.is_authenticated
            and request.path_info.startswith(AUDITED_NOT_FOUND_PREFIXES)
        )
        if refused:
            from transfo.audit import AuditAction, record

            record(
                request,
                AuditAction.ACCES_REFUSE,
                detail=f"{response.status_code} {request.method} {request.path_info}",
            )
        return response


class PrivateResponsesMiddleware:
    """Sends the Permissions-Policy with every response. A response to a signed-in person is
    theirs: `Cache-Control: private, no-store`, so no shared cache keeps it and no browser
    writes it to disk (a shared computer in a tiers-lieu), unless its view said deliberately
    that it is public (a public file, robots.txt)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        cache = response.get("Cache-Control", "")
        if user is not None and user.is_authenticated and "public" not in cache:
            patch_cache_control(response, private=True, no_store=True)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
