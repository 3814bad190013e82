"""The site's machine-readable entry points: robots.txt and the sitemap of public pages."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PagesSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

PRIVATE_PREFIXES = [
    "/espace/",
    "/coordination/",
    "/comptes/",
    "/calendrier/",
    "/admin/",
    "/django-admin/",
]


@login_not_required
@require_GET
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@login_not_required
@require_GET
def sitemap(request):
    """Wagtail's pages that are live and public (its generator applies `.live().public()`)."""
    return wagtail_sitemap(request, sitemaps={"pages": PagesSitemap(request)})
