"""Other apps' public pages in /sitemap.xml (built by blog.views.sitemap), without the blog
importing them: each app registers a Django Sitemap class from its AppConfig.ready().

Every absolute address the platform gives (sitemap, canonical links, feeds, mails, calendar,
API) starts with `settings.SITE_URL`, never with the host a request happened to name:
`absolute_url(path)`, and `PublicSitemap` for the sitemaps.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

PUBLIC_SITEMAPS = {}


def absolute_url(path):
    """The address of a path of the platform, from `settings.SITE_URL`."""
    return settings.SITE_URL + path


class PublicSitemap(Sitemap):
    """A sitemap whose addresses start with `settings.SITE_URL`, like Wagtail's pages
    (WAGTAILADMIN_BASE_URL and the Site record) and every other absolute address."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class PublicPagesSitemap(PublicSitemap):
    """Public pages that are not objects (lists, documentation): `url_names` to reverse."""

    url_names = ()
    changefreq = "weekly"

    def items(self):
        return list(self.url_names)

    def location(self, name):
        return reverse(name)


def register_sitemap(name, sitemap_class):
    """`sitemap_class` lists public objects only: nothing private is ever in the sitemap."""
    PUBLIC_SITEMAPS[name] = sitemap_class
    return sitemap_class


def registered_sitemaps():
    return {name: sitemap_class() for name, sitemap_class in PUBLIC_SITEMAPS.items()}
