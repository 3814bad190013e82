"""RSS and Atom feeds of a blog index's public posts, for all Transfos or one."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from transfo.sitemaps import absolute_url

FEED_LENGTH = 20
# Atom requires an author for every entry: a post no one signed is the 27e Région's.
PUBLISHER = "La 27e Région"


class PostsFeed(Feed):
    """RSS 2.0: the latest public posts of the index (never a post of a restricted section)."""

    def __init__(self, index, *, transfo=None, tag=""):
        super().__init__()
        self.index = index
        self.transfo = transfo
        self.tag = tag

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        if self.transfo is not None:
            return _("La Transfo — %(transfo)s") % {"transfo": self.transfo.nom}
        return _("La Transfo — le blog")

    # Absolute addresses from SITE_URL (Wagtail's Site root and transfo.sitemaps.absolute_url),
    # never from the host the request named.
    def link(self):
        return absolute_url(self.index.get_url(self.request))

    def feed_url(self):
        return absolute_url(self.request.path)

    def description(self):
        return self.index.intro or _("Le blog de La Transfo, documenté à capot ouvert.")

    def items(self):
        posts = self.index.posts(self.request, transfo=self.transfo, tag=self.tag)
        return posts.prefetch_related("auteurs")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.chapo

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_pubdate(self, item):
        # The post's own date (the items are ordered by it), not the day it was loaded: a
        # post imported in 2026 from 2017 is dated 2017. Atom's `updated` is that date too,
        # or readers would show the import day again. At noon in TIME_ZONE (Django makes it
        # aware), so a reader anywhere from UTC-10 to UTC+11 shows the same day.
        return datetime.combine(item.date, time(12))

    def item_author_name(self, item):
        return ", ".join(person.get_full_name() for person in item.auteurs.all()) or PUBLISHER

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class AtomPostsFeed(PostsFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
