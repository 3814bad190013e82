"""robots.txt and the sitemap of public pages; members writing in the capot ouvert."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.admin.views import collection_privacy as wagtail_collection_privacy
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PagesSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from blog.forms import MemberPhotoFormSet, MemberPostForm
from blog.models import BlogPostPage, PhotoBillet, readable
from blog.search import search
from blog.sections import transfo_section
from cas_pratiques.sitemaps import CasPratiqueSitemap, VitrinePagesSitemap
from collectivites.shortcuts import get_transfo_for_user
from transfo.files import file_response
from transfo.sitemaps import absolute_url, registered_sitemaps

PRIVATE_PREFIXES = [
    "/espace/",
    "/coordination/",
    "/comptes/",
    "/calendrier/",
    "/admin/",
    "/django-admin/",
]


def coordination_only(view):
    """Wagtail's privacy forms, kept to the coordination: who may read a page or a
    collection (the capot ouvert's sections) is not an editor's decision."""

    def guarded(request, *args, **kwargs):
        if not request.user.has_perm("collectivites.access_coordination"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


page_privacy = coordination_only(
    page_viewset_registry.as_view("set_privacy", page_id_kwarg="page_id")
)
collection_privacy = coordination_only(wagtail_collection_privacy.set_privacy)


@login_not_required
@require_GET
@cache_control(max_age=60 * 60, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines.append(f"Sitemap: {absolute_url('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@login_not_required
@require_GET
def sitemap(request):
    """Wagtail's pages that are live and public (its generator applies `.live().public()`),
    the published cases of the vitrine, and the other apps' public pages (transfo.sitemaps:
    the Intertransfos' published summaries)."""
    return wagtail_sitemap(
        request,
        sitemaps={
            "pages": PagesSitemap(request),
            "vitrine": VitrinePagesSitemap(),
            "cas": CasPratiqueSitemap(),
            **registered_sitemaps(),
        },
    )


@login_not_required
@require_GET
def recherche(request):
    """/recherche/: the public blog pages, the published cases and the toolbox's méthodes,
    with highlighted words."""
    query = request.GET.get("q", "").strip()[:200]
    cases, case_count, pages, page_count, methodes, methode_count = search(query)
    return render(
        request,
        "blog/recherche.html",
        {
            "query": query,
            "cases": cases,
            "case_count": case_count,
            "pages": pages,
            "page_count": page_count,
            "methodes": methodes,
            "methode_count": methode_count,
            "total": case_count + page_count + methode_count,
        },
    )


def get_transfo_for_member(request, slug):
    """A Transfo whose private space the person may enter, or 404."""
    return get_transfo_for_user(request, slug)


def unique_slug(parent, title):
    base = slugify(title)[:60].strip("-") or "billet"
    taken = set(Page.objects.child_of(parent).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def post_write(request, slug):
    """A member writes a post in their Transfo's private section of the capot ouvert."""
    transfo = get_transfo_for_member(request, slug)
    section = transfo_section(transfo)
    form = MemberPostForm(request.POST or None)
    photos = member_photos(request)
    if request.method == "POST" and form.is_valid() and (not photos.is_bound or photos.is_valid()):
        publish = not section.moderation or request.user.has_perm("blog.moderate_section", transfo)
        post = BlogPostPage(
            title=form.cleaned_data["titre"],
            slug=unique_slug(section, form.cleaned_data["titre"]),
            chapo=form.cleaned_data["chapo"],
            transfo=transfo,
            owner=request.user,
            body=form.body(),
            live=False,
        )
        post.auteurs.set([request.user])
        with transaction.atomic():
            section.add_child(instance=post)
            save_photos(post, photos)
            revision = post.save_revision(user=request.user)
        if publish:
            # The platform's rules, not Wagtail's page permissions, say who publishes here.
            revision.publish(user=request.user, skip_permission_checks=True)
            messages.success(request, _("Votre billet est publié dans le capot ouvert."))
            return redirect(post.url)
        messages.info(
            request,
            _("Votre billet est enregistré : les résident·es le reliront avant de le publier."),
        )
        return redirect(transfo.get_espace_url())
    return render(
        request,
        "blog/member_post_form.html",
        {"transfo": transfo, "section": section, "form": form, "photos": photos},
    )


def member_photos(request):
    """The post's photos formset, bound when the form sent it (a post may come without)."""
    if request.method == "POST" and "photos-TOTAL_FORMS" in request.POST:
        return MemberPhotoFormSet(request.POST, request.FILES, prefix="photos")
    return MemberPhotoFormSet(prefix="photos")


def save_photos(post, photos):
    """The photos the member chose, in the order of the form (empty slots are skipped)."""
    if not photos.is_bound:
        return
    position = 0
    for photo in photos.cleaned_data:
        if photo.get("image"):
            PhotoBillet.objects.create(
                billet=post,
                image=photo["image"],
                alt=photo["alt"].strip(),
                legende=photo["legende"].strip(),
                position=position,
            )
            position += 1


def photo_billet(request, pk):
    """A photo of a capot ouvert post, for those who may read the post (live, and in no section
    closed to them) and, while it waits for review, for its Transfo's résidents; 404 for anyone
    else. Never stored by shared caches."""
    photo = get_object_or_404(PhotoBillet.objects.select_related("billet__transfo"), pk=pk)
    post = photo.billet
    waiting_for_review = not post.live and request.user.has_perm(
        "blog.moderate_section", post.transfo
    )
    if (
        not waiting_for_review
        and not readable(BlogPostPage.objects.filter(pk=post.pk), request).exists()
    ):
        raise Http404
    return file_response(photo.image, attachment=False)


def section_review(request, slug):
    """Résidents (and coordinators) publish or refuse the posts waiting in their section."""
    transfo = get_transfo_for_member(request, slug)
    if not request.user.has_perm("blog.moderate_section", transfo):
        raise PermissionDenied
    section = transfo_section(transfo)
    waiting = BlogPostPage.objects.child_of(section).filter(live=False)
    if request.method == "POST":
        post = get_object_or_404(waiting, pk=request.POST.get("billet"))
        if request.POST.get("action") == "publier":
            post.get_latest_revision().publish(user=request.user, skip_permission_checks=True)
            messages.success(request, _("« %(titre)s » est publié.") % {"titre": post.title})
        elif request.POST.get("action") == "refuser":
            post.delete()
            messages.info(request, _("« %(titre)s » est supprimé.") % {"titre": post.title})
        return redirect("blog:section_review", slug=transfo.slug)
    return render(
        request,
        "blog/section_review.html",
        {
            "transfo": transfo,
            "section": section,
            "waiting": waiting.select_related("owner")
            .prefetch_related("auteurs", "photos")
            .order_by("-latest_revision_created_at"),
        },
    )
