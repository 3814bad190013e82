"""The Wagtail pages: the home page, the blog and its posts, the retex sheets, the capot
ouvert's sections; who may read a restricted page."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, IntegerField, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from blog.blocks import BodyBlock
from blog.forms import PageSlugForm
from blog.france_map import france_map
from blog.widgets import AuteursWidget
from cas_pratiques.models import CasPratique
from collectivites.choices import StatutTransfo
from collectivites.models import Transfo
from transfo.events import public_event_links, upcoming_public_events
from transfo.fields import FreeTextField
from transfo.storage import private_storage
from transfo.text import normalize

POSTS_PER_PAGE = 10
# The home page shows this many Transfos (running ones first, then the latest finished);
# the list of all of them is a link away.
HOME_TRANSFOS = 12
# The renditions of a post card's cover (templates/blog/includes/post_card.html).
CARD_RENDITIONS = ["fill-320x180", "fill-640x360", "fill-960x540"]


def readable(pages, request):
    """The live pages of `pages` the reader may open: Wagtail's view restrictions applied to
    the reader (the anonymous reader gets exactly `.live().public()`)."""
    pages = pages.live()
    refused = refused_paths(request)
    if refused:
        under_refused = Q()
        for path in refused:
            under_refused |= Q(path__startswith=path)
        pages = pages.exclude(under_refused)
    return pages


def refused_paths(request):
    """Tree paths of the restricted sections the reader may not open."""
    return _restrictions(request)[1]


def is_restricted(page, request):
    """Whether `page` lies in a restricted section (without a query of its own)."""
    return any(page.path.startswith(path) for path in _restrictions(request)[0])


def _restrictions(request):
    """(paths of every restricted section, paths of those the reader may not open): three
    queries once per request, whatever the number of sections."""
    cached = getattr(request, "_page_restrictions", None)
    if cached is None:
        user = request.user
        group_ids = (
            set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
        )
        restrictions = PageViewRestriction.objects.select_related("page")
        if user.is_authenticated:  # the anonymous reader is refused every group's section
            restrictions = restrictions.prefetch_related("groups")
        restrictions = list(restrictions)
        cached = (
            [restriction.page.path for restriction in restrictions],
            [
                restriction.page.path
                for restriction in restrictions
                if not _accepts(restriction, request, group_ids)
            ],
        )
        request._page_restrictions = cached
    return cached


def _accepts(restriction, request, group_ids):
    user = request.user
    if restriction.restriction_type == PageViewRestriction.GROUPS:
        if user.is_superuser:
            return True
        return user.is_authenticated and bool(
            group_ids & {group.pk for group in restriction.groups.all()}
        )
    return restriction.accept_request(request)


def with_cards(posts):
    """Posts with what their cards show, in a fixed number of queries."""
    renditions = get_image_model().get_rendition_model().objects
    return (
        posts.select_related("transfo", "cover")
        .prefetch_related(
            "tags",
            # Wagtail's prefetch_renditions(), through the covers joined above.
            Prefetch(
                "cover__renditions",
                queryset=renditions.filter(filter_spec__in=CARD_RENDITIONS),
                to_attr="prefetched_renditions",
            ),
        )
        .order_by("-date", "-pk")
    )


def public_posts():
    """Blog posts anyone may read: live, and in no restricted section."""
    return with_cards(BlogPostPage.objects.live().public())


def home_transfos():
    """The Transfos of the home page: those running or in preparation, then the latest
    finished ones, HOME_TRANSFOS at most (the page stays the same size however many there
    are)."""
    finished = Case(
        When(statut=StatutTransfo.TERMINEE, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return list(
        Transfo.objects.select_related("collectivite")
        .alias(finished=finished)
        .order_by("finished", "-date_debut", "nom")[:HOME_TRANSFOS]
    )


class HomePage(Page):
    """The platform's home page (`/`): what La Transfo is, the latest posts, the Transfos."""

    chapo = FreeTextField(_("chapô"), blank=True)
    body = RichTextField(_("présentation"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("chapo"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("chapo"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["transfos"] = home_transfos()
        context["france_map"] = france_map(context["transfos"])
        context["latest_posts"] = latest_posts = list(public_posts()[:3])
        # "Tout le blog": the latest post's index, whose URL is the post's without its slug
        # (Wagtail's URLs follow the tree), rather than a query for it.
        context["blog_url"] = (
            latest_posts[0].get_url(request).rsplit("/", 2)[0] + "/" if latest_posts else ""
        )
        context["featured_cases"] = (
            CasPratique.objects.publies()
            .select_related("transfo__collectivite")
            .order_by("-publie_le", "titre")[:3]
        )
        context["upcoming_events"] = upcoming_public_events(limit=3)
        context["event_links"] = public_event_links()
        return context


class BlogIndexPage(RoutablePageMixin, Page):
    """A list of posts (`/blog/`), filtered by Transfo and tag, with its RSS and Atom feeds; or
    a private section of the capot ouvert (for one Transfo's members, or for all of them)."""

    intro = FreeTextField(_("introduction"), blank=True)
    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("section privée de la Transfo"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Les membres de cette Transfo y écrivent depuis leur espace."),
    )
    moderation = models.BooleanField(
        _("billets relus par les résident·es"),
        default=False,
        help_text=_("Les billets écrits par les membres attendent la relecture des résident·es."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("transfo"), FieldPanel("moderation")]),
    ]
    parent_page_types = ["blog.HomePage", "blog.BlogIndexPage"]
    subpage_types = ["blog.BlogPostPage", "blog.BlogIndexPage"]

    class Meta:
        verbose_name = _("index du blog")

    def posts(self, request, *, transfo=None, tag=None):
        posts = with_cards(readable(BlogPostPage.objects.child_of(self), request))
        if transfo is not None:
            posts = posts.filter(transfo=transfo)
        if tag:
            posts = posts.filter(tags__slug=tag)
        return posts

    def _filters(self, request):
        slug = request.GET.get("transfo", "").strip()
        transfo = get_object_or_404(Transfo, slug=slug) if slug else None
        return transfo, request.GET.get("tag", "").strip()

    @path("")
    def index(self, request):
        transfo, tag = self._filters(request)
        paginator = Paginator(self.posts(request, transfo=transfo, tag=tag), POSTS_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get("page"))
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "posts": page_obj.object_list,
                "transfo": transfo,
                "tag": tag,
                "transfos": Transfo.objects.filter(
                    pk__in=readable(BlogPostPage.objects.child_of(self), request).values(
                        "transfo_id"
                    )
                )
                .only("pk", "slug", "nom")
                .order_by("nom"),
                "sections": readable(BlogIndexPage.objects.child_of(self), request),
                "is_private": is_restricted(self, request),
            },
        )

    @path("feed/")
    def rss_feed(self, request):
        from blog.feeds import PostsFeed

        transfo, tag = self._filters(request)
        return PostsFeed(self, transfo=transfo, tag=tag)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from blog.feeds import AtomPostsFeed

        transfo, tag = self._filters(request)
        return AtomPostsFeed(self, transfo=transfo, tag=tag)(request)


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class AccentInsensitiveSearch:
    """Pages also indexed without accents, so that "megots" finds "mégots" on every database
    (/recherche/ searches with the query's accents removed too)."""

    def searchable_texts(self):
        return [self.title]

    def text_without_accents(self):
        return normalize(" ".join(text for text in self.searchable_texts() if text))


class BlogPostPage(AccentInsensitiveSearch, Page):
    """A post of the blog: the story of a session, a case, a day of the Transfo."""

    date = models.DateField(_("date"), default=timezone.localdate)
    chapo = FreeTextField(_("chapô"), blank=True)
    auteurs = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("auteur·rices"), blank=True, related_name="+"
    )
    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo racontée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    session = models.ForeignKey(
        "collectivites.Session",
        verbose_name=_("session racontée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"est_modele": False},
    )
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image de couverture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cover_alt = models.CharField(
        _("texte alternatif de la couverture"),
        max_length=300,
        blank=True,
        help_text=_("Ce que l'image montre ; laisser vide si elle est décorative."),
    )
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True, verbose_name=_("mots-clés"))
    body = StreamField(BodyBlock(), verbose_name=_("contenu"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("chapo"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("date"), FieldPanel("transfo"), FieldPanel("session")]),
                FieldPanel("auteurs", widget=AuteursWidget),
                FieldPanel("tags"),
            ],
            heading=_("Ce que le billet raconte"),
        ),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("Couverture")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("chapo"),
        index.SearchField("body"),
        index.SearchField("text_without_accents"),
        index.FilterField("date"),
        index.FilterField("transfo"),
    ]
    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    # An abandoned new post's draft does not block the next one's slug (issue 19, item 18).
    base_form_class = PageSlugForm

    class Meta:
        verbose_name = _("billet de blog")
        verbose_name_plural = _("billets de blog")

    def searchable_texts(self):
        return [
            self.title,
            self.chapo,
            *(
                strip_tags(str(text))
                for text in self.body.stream_block.get_searchable_content(self.body)
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        if self.pk and (self.cover_id or self.transfo_id):
            # The cover and the Transfo in one query rather than one each (a preview may show
            # others than the saved row's: then each its own).
            joined = (
                BlogPostPage.objects.select_related("cover", "transfo")
                .filter(pk=self.pk, cover_id=self.cover_id, transfo_id=self.transfo_id)
                .first()
            )
            if joined is not None:
                self.cover, self.transfo = joined.cover, joined.transfo
        context = super().get_context(request, *args, **kwargs)
        context["can_see_session"] = self.session_id is not None and request.user.has_perm(
            "collectivites.view_transfo_space", self.transfo
        )
        return context


class RetexIndexPage(Page):
    """The index of the retex sheets (seed 001: seven sheets of lessons learnt)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["blog.HomePage"]
    subpage_types = ["blog.RetexSheetPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des fiches retex")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sheets"] = RetexSheetPage.objects.child_of(self).live().public().order_by("numero")
        return context


class TemoignageBlock(blocks.StructBlock):
    nom = blocks.CharBlock(label=_("nom"), max_length=200)
    role = blocks.CharBlock(label=_("rôle"), max_length=200, required=False)
    texte = blocks.TextBlock(label=_("témoignage"), required=False)
    video = blocks.URLBlock(label=_("vidéo"), required=False)

    class Meta:
        icon = "user"
        label = _("Témoignage")


class RetexSheetPage(AccentInsensitiveSearch, Page):
    """One sheet of the retex: its hypothèse, observations, enseignements, défis, témoignages."""

    base_form_class = PageSlugForm

    numero = models.PositiveSmallIntegerField(_("numéro de la fiche"))
    figure = FreeTextField(
        _("légende de la figure"),
        blank=True,
        help_text=_("Une notion par ligne, par exemple « (cr) Co-responsabilité »."),
    )
    hypothese = RichTextField(_("l'hypothèse"))
    observations = RichTextField(_("observations"), blank=True)
    enseignements = RichTextField(_("enseignements"), blank=True)
    defis = RichTextField(_("défis"), blank=True)
    temoignages = StreamField(
        [("temoignage", TemoignageBlock())], verbose_name=_("témoignages"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("numero"), FieldPanel("figure")]),
        FieldPanel("hypothese"),
        FieldPanel("observations"),
        FieldPanel("enseignements"),
        FieldPanel("defis"),
        FieldPanel("temoignages"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hypothese"),
        index.SearchField("observations"),
        index.SearchField("enseignements"),
        index.SearchField("defis"),
        index.SearchField("text_without_accents"),
    ]
    parent_page_types = ["blog.RetexIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("fiche retex")
        verbose_name_plural = _("fiches retex")
        ordering = ["numero"]

    def searchable_texts(self):
        return [
            self.title,
            *(
                strip_tags(text)
                for text in (self.hypothese, self.observations, self.enseignements, self.defis)
            ),
        ]

    @cached_property
    def siblings(self):
        """The sheets of the same index in order, in one query."""
        return list(
            RetexSheetPage.objects.sibling_of(self).live().public().order_by("numero", "pk")
        )

    @property
    def figure_items(self):
        return [line.strip() for line in self.figure.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        numbers = [sheet.pk for sheet in self.siblings]
        position = numbers.index(self.pk) if self.pk in numbers else 0
        context["position"] = position + 1
        context["total"] = len(numbers)
        context["previous_sheet"] = self.siblings[position - 1] if position > 0 else None
        context["next_sheet"] = (
            self.siblings[position + 1] if position + 1 < len(self.siblings) else None
        )
        return context


class PhotoBillet(models.Model):
    """A photo a member put in their post of the capot ouvert: a private file (no media URL),
    served by blog.views.photo_billet only to those who may read the post."""

    billet = models.ForeignKey(BlogPostPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        _("photo"), upload_to="capot-ouvert/%Y/%m/", storage=private_storage, max_length=200
    )
    alt = models.CharField(_("ce que la photo montre"), max_length=300)
    legende = models.CharField(_("légende"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo d'un billet du capot ouvert")
        verbose_name_plural = _("photos des billets du capot ouvert")
        ordering = ["billet", "position", "pk"]

    def __str__(self):
        return self.alt

    def get_absolute_url(self):
        return reverse("blog:photo_billet", args=[self.pk])
