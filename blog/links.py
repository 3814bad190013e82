"""What the blog adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from blog.models import BlogPostPage
from collectivites.links import Link, Section, register_actions, register_sections

# How many posts a Transfo's public page lists (then "all of them").
SECTION_SIZE = 5


@register_actions("transfo", order=10)
def transfo_actions(request, transfo):
    return [Link(_("Écrire dans le capot ouvert"), reverse("blog:post_write", args=[transfo.slug]))]


@register_actions("espace", order=50)
def espace_actions(request):
    """Members of any Transfo find the capot ouvert from their home."""
    if not request.user.has_perm("blog.read_capot_ouvert"):
        return []
    return [Link(_("Le capot ouvert"), "/capot-ouvert/")]


@register_sections("transfo", order=20)
def transfo_posts(request, transfo):
    """A Transfo's public page: its latest public posts (one query), newest first."""
    posts = list(
        BlogPostPage.objects.live()
        .public()
        .filter(transfo=transfo)
        .order_by("-date", "-pk")
        .only("title", "url_path")[:SECTION_SIZE]
    )
    links = [Link(post.title, post.get_url(request)) for post in posts]
    more = Link(_("Tous ses billets"), f"/blog/?transfo={transfo.slug}") if posts else None
    return Section(_("Ses billets"), links, more)
