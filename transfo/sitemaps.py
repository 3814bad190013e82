"""Other apps' public pages in /sitemap.xml (built by blog.views.sitemap), without the blog
importing them: each app registers a Django Sitemap class from its AppConfig.ready()."""

PUBLIC_SITEMAPS = {}


def register_sitemap(name, sitemap_class):
    """`sitemap_class` lists public objects only: nothing private is ever in the sitemap."""
    PUBLIC_SITEMAPS[name] = sitemap_class
    return sitemap_class


def registered_sitemaps():
    return {name: sitemap_class() for name, sitemap_class in PUBLIC_SITEMAPS.items()}
