"""Cas pratiques: the Transfo's private pages and the public vitrine with its open data."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Max, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cas_pratiques import exports
from cas_pratiques.choices import EtatPublication
from cas_pratiques.filters import CasPratiqueFilterSet
from cas_pratiques.forms import (
    CasPratiqueForm,
    ContactForm,
    LivrableForm,
    PhotoForm,
    SendBackForm,
)
from cas_pratiques.models import SESSIONS_MAX_PROTOCOLE, CasPratique, Contact, Livrable, Photo
from cas_pratiques.rules import can_create_cas
from collectivites.choices import StatutSession
from collectivites.models import Session
from collectivites.shortcuts import get_transfo_for_user
from transfo import audit
from transfo.audit import AuditAction
from transfo.files import file_response
from transfo.public_cache import public_page

PAGE_SIZE = 20


# Private pages -------------------------------------------------------------------------


def get_cas_for_user(request, slug, cas_slug, *, queryset=None):
    """A case of a Transfo the person belongs to (coordinators: any), or 404."""
    transfo = get_transfo_for_user(request, slug)
    cases = (
        (CasPratique.objects if queryset is None else queryset)
        .for_user(request.user)
        .filter(transfo=transfo)
    )
    cas = get_object_or_404(cases, slug=cas_slug)
    cas.transfo = transfo
    return cas


def get_cas_for_editor(request, slug, cas_slug, *, queryset=None, perm="cas_pratiques.edit_cas"):
    """A case the person may act on: visible (else 404) and allowed by `perm` (else 403)."""
    cas = get_cas_for_user(request, slug, cas_slug, queryset=queryset)
    if not request.user.has_perm(perm, cas):
        raise PermissionDenied
    return cas


def cas_list(request, slug):
    transfo = get_transfo_for_user(request, slug)
    cases = list(
        CasPratique.objects.for_user(request.user)
        .filter(transfo=transfo)
        .prefetch_related(
            Prefetch(
                "sessions", queryset=Session.objects.select_related("transfo").order_by("numero")
            )
        )
        .order_by("numero")
    )
    for cas in cases:
        cas.transfo = transfo
    return render(
        request,
        "cas_pratiques/cas_list.html",
        {
            "transfo": transfo,
            "cases": cases,
            "can_create": can_create_cas(request.user, transfo),
            "sessions_max": SESSIONS_MAX_PROTOCOLE,
            "trop_peu": len(cases) < transfo.cas_min,
            "trop": len(cases) > transfo.cas_max,
        },
    )


def cas_create(request, slug):
    transfo = get_transfo_for_user(request, slug)
    if not can_create_cas(request.user, transfo):
        raise PermissionDenied
    numero = (transfo.cas_pratiques.aggregate(n=Max("numero"))["n"] or 0) + 1
    form = CasPratiqueForm(request.POST or None, transfo=transfo, initial={"numero": numero})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            cas = form.save(commit=False)
            cas.transfo = transfo
            cas.created_by = request.user
            cas.save()
            form.save_m2m()
        messages.success(request, _("Cas pratique créé."))
        return redirect(cas.get_espace_url())
    return render(
        request, "cas_pratiques/cas_form.html", {"transfo": transfo, "form": form, "creating": True}
    )


def cas_detail(request, slug, cas_slug):
    cas = get_cas_for_user(
        request,
        slug,
        cas_slug,
        queryset=CasPratique.objects.prefetch_related(
            "methodes",
            Prefetch(
                "sessions", queryset=Session.objects.select_related("transfo").order_by("numero")
            ),
            "livrables",
            "photos",
            "contacts",
            "tamis",
        ).annotate(
            nb_immersions=Count("immersions", distinct=True),
            nb_fiches=Count("fiches_idees", distinct=True),
        ),
    )
    user = request.user
    return render(
        request,
        "cas_pratiques/cas_detail.html",
        {
            "transfo": cas.transfo,
            "cas": cas,
            "can_edit": user.has_perm("cas_pratiques.edit_cas", cas),
            "can_submit": user.has_perm("cas_pratiques.submit_cas", cas),
            "can_review": user.has_perm("cas_pratiques.review_cas", cas),
            "can_publish": user.has_perm("cas_pratiques.publish_cas", cas),
            "can_withdraw": user.has_perm("cas_pratiques.withdraw_cas", cas),
        },
    )


def cas_edit(request, slug, cas_slug):
    cas = get_cas_for_editor(request, slug, cas_slug)
    form = CasPratiqueForm(request.POST or None, instance=cas, transfo=cas.transfo)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            if form.has_changed():
                cas.record_change(request.user)
        messages.success(request, _("Cas pratique enregistré."))
        return redirect(cas.get_espace_url())
    return render(
        request, "cas_pratiques/cas_form.html", {"transfo": cas.transfo, "cas": cas, "form": form}
    )


def cas_preview(request, slug, cas_slug):
    """Exactly what the vitrine will show of the case, whatever its state."""
    cas = get_cas_for_user(request, slug, cas_slug, queryset=public_cas_queryset())
    return render_public_case(request, cas, preview=True)


@require_POST
def cas_submit(request, slug, cas_slug):
    cas = get_cas_for_editor(request, slug, cas_slug, perm="cas_pratiques.submit_cas")
    cas.submit(request.user)
    messages.success(request, _("Cas soumis à relecture avant publication."))
    return redirect(cas.get_espace_url())


def cas_send_back(request, slug, cas_slug):
    cas = get_cas_for_editor(request, slug, cas_slug, perm="cas_pratiques.review_cas")
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cas.send_back(form.cleaned_data["commentaire"])
        messages.success(request, _("Cas renvoyé à ses auteurs avec votre commentaire."))
        return redirect(cas.get_espace_url())
    return render(
        request,
        "cas_pratiques/cas_send_back.html",
        {"transfo": cas.transfo, "cas": cas, "form": form},
    )


@require_POST
def cas_publish(request, slug, cas_slug):
    cas = get_cas_for_editor(request, slug, cas_slug, perm="cas_pratiques.publish_cas")
    cas.publish(request.user)
    audit.record(request, AuditAction.PUBLICATION, cas)
    messages.success(request, _("Cas publié sur la vitrine."))
    return redirect(cas.get_espace_url())


@require_POST
def cas_withdraw(request, slug, cas_slug):
    cas = get_cas_for_editor(request, slug, cas_slug, perm="cas_pratiques.withdraw_cas")
    cas.withdraw()
    audit.record(request, AuditAction.DEPUBLICATION, cas)
    messages.success(request, _("Cas retiré de la vitrine : il repasse en brouillon."))
    return redirect(cas.get_espace_url())


# Livrables, photos and contacts of a case ------------------------------------------------

PIECES = {
    "livrable": (LivrableForm, "livrables", _("Ajouter un livrable")),
    "photo": (PhotoForm, "photos", _("Ajouter une photo")),
    "contact": (ContactForm, "contacts", _("Ajouter un contact")),
}


def _piece_form(request, slug, cas_slug, kind, pk=None):
    cas = get_cas_for_editor(request, slug, cas_slug)
    form_class, related, title = PIECES[kind]
    instance = get_object_or_404(getattr(cas, related), pk=pk) if pk else None
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        piece = form.save(commit=False)
        piece.cas = cas
        piece.save()
        cas.record_change(request.user)
        messages.success(request, _("« %(piece)s » enregistré.") % {"piece": piece})
        return redirect(f"{cas.get_espace_url()}#{related}")
    if instance is not None:
        title = _("Modifier « %(piece)s »") % {"piece": instance}
    return render(
        request,
        "cas_pratiques/piece_form.html",
        {"transfo": cas.transfo, "cas": cas, "form": form, "title": title},
    )


def _piece_delete(request, slug, cas_slug, kind, pk):
    cas = get_cas_for_editor(request, slug, cas_slug)
    _form_class, related, _title = PIECES[kind]
    piece = get_object_or_404(getattr(cas, related), pk=pk)
    piece.delete()  # its file leaves the storage on commit (django-cleanup)
    cas.record_change(request.user)
    messages.success(request, _("« %(piece)s » supprimé.") % {"piece": piece})
    return redirect(f"{cas.get_espace_url()}#{related}")


def livrable_add(request, slug, cas_slug):
    return _piece_form(request, slug, cas_slug, "livrable")


def photo_add(request, slug, cas_slug):
    return _piece_form(request, slug, cas_slug, "photo")


def contact_add(request, slug, cas_slug):
    return _piece_form(request, slug, cas_slug, "contact")


def contact_edit(request, slug, cas_slug, pk):
    return _piece_form(request, slug, cas_slug, "contact", pk)


@require_POST
def livrable_delete(request, slug, cas_slug, pk):
    return _piece_delete(request, slug, cas_slug, "livrable", pk)


@require_POST
def photo_delete(request, slug, cas_slug, pk):
    return _piece_delete(request, slug, cas_slug, "photo", pk)


@require_POST
def contact_delete(request, slug, cas_slug, pk):
    return _piece_delete(request, slug, cas_slug, "contact", pk)


def _serve(field, *, attachment, cache):
    return file_response(field, attachment=attachment, cache=cache)


def livrable_download(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    livrable = get_object_or_404(cas.livrables, pk=pk)
    return _serve(livrable.fichier, attachment=True, cache="private, no-store")


def photo_download(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    photo = get_object_or_404(cas.photos, pk=pk)
    return _serve(photo.image, attachment=False, cache="private, no-store")


# The public vitrine --------------------------------------------------------------------


def vitrine_queryset():
    return (
        CasPratique.objects.publies()
        .select_related("transfo__collectivite")
        .order_by("-publie_le", "titre")
    )


def public_cas_queryset():
    """A case with what its public page shows: only public files and consented contacts."""
    sessions = (
        Session.objects.programmes()
        .exclude(statut=StatutSession.BROUILLON)
        .prefetch_related("jours")
        .order_by("numero")
    )
    return CasPratique.objects.select_related("transfo__collectivite").prefetch_related(
        Prefetch("methodes"),
        Prefetch("sessions", queryset=sessions),
        Prefetch("livrables", queryset=Livrable.objects.publics(), to_attr="livrables_publics"),
        Prefetch("photos", queryset=Photo.objects.publics(), to_attr="photos_publiques"),
        Prefetch("contacts", queryset=Contact.objects.publics(), to_attr="contacts_publics"),
    )


def _json_ld(request, cas):
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": cas.titre,
        "headline": cas.titre,
        "description": cas.resume or cas.sujet,
        "url": request.build_absolute_uri(cas.get_absolute_url()),
        "inLanguage": "fr",
        "about": cas.problematique or cas.sujet,
        "spatialCoverage": {"@type": "Place", "name": cas.transfo.collectivite.nom},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": cas.transfo.nom},
        "publisher": {"@type": "Organization", "name": "La 27e Région"},
        "license": exports.LICENCE["url"],
    }
    if cas.publie_le:
        data["datePublished"] = cas.publie_le.date().isoformat()
    if cas.date_debut:
        data["temporalCoverage"] = "/".join(
            d.isoformat() if d else ".." for d in (cas.date_debut, cas.date_fin)
        )
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # Nothing in the data may close the script element.
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e"))


def render_public_case(request, cas, *, preview=False):
    related = (
        vitrine_queryset()
        .exclude(pk=cas.pk)
        .filter(Q(transfo_id=cas.transfo_id) | Q(type_sujet=cas.type_sujet) & ~Q(type_sujet=""))
        .order_by("-publie_le")[:3]
    )
    return render(
        request,
        "cas_pratiques/vitrine_detail.html",
        {
            "cas": cas,
            "preview": preview,
            "livrables": [
                (f, f.get_private_url() if preview else f.get_public_url())
                for f in cas.livrables_publics
            ],
            "photos": [
                (p, p.get_private_url() if preview else p.get_public_url())
                for p in cas.photos_publiques
            ],
            "sessions": cas.sessions_list(),
            "related": list(related),
            "json_ld": _json_ld(request, cas),
            "og_url": request.build_absolute_uri(cas.get_absolute_url()),
            "og_description": cas.resume or cas.sujet,
        },
    )


def _active_filters(request, filterset, facets):
    """Each active filter with the URL that removes it alone."""
    active = []
    labels = {
        (facet.name, option.value): option.label for facet in facets for option in facet.options
    }
    for name in ["q", *CasPratiqueFilterSet.FACETS]:
        for value in request.GET.getlist(name):
            if not value:
                continue
            params = [
                (k, v)
                for k in request.GET
                for v in request.GET.getlist(k)
                if k != "page" and not (k == name and v == value)
            ]
            label = f"« {value} »" if name == "q" else labels.get((name, value), value)
            active.append(
                {
                    "filter": filterset.filters[name].label,
                    "label": label,
                    "url": "?" + urlencode(params) if params else "?",
                }
            )
    return active


@login_not_required
@public_page
def vitrine(request):
    filterset = CasPratiqueFilterSet(request.GET or None, queryset=vitrine_queryset())
    results = filterset.results()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = filterset.facets()
    return render(
        request,
        "cas_pratiques/vitrine.html",
        {
            "filter": filterset,
            "facets": facets,
            "page": page,
            "count": page.paginator.count,
            # A broad search: only known to have more than `count` matches.
            "capped": getattr(results, "capped", False),
            "active_filters": _active_filters(request, filterset, facets),
            "export_query": urlencode(
                [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
            ),
        },
    )


@login_not_required
@public_page
def vitrine_detail(request, slug):
    cas = get_object_or_404(public_cas_queryset().filter(etat=EtatPublication.PUBLIE), slug=slug)
    return render_public_case(request, cas)


@login_not_required
def vitrine_livrable(request, slug, pk):
    livrable = get_object_or_404(
        Livrable.objects.publics().filter(cas__etat=EtatPublication.PUBLIE, cas__slug=slug), pk=pk
    )
    return _serve(livrable.fichier, attachment=True, cache="public, max-age=3600")


@login_not_required
def vitrine_photo(request, slug, pk):
    photo = get_object_or_404(
        Photo.objects.publics().filter(cas__etat=EtatPublication.PUBLIE, cas__slug=slug), pk=pk
    )
    return _serve(photo.image, attachment=False, cache="public, max-age=3600")


def export_cases(request):
    """The published cases matching the request's vitrine filters, and the export's columns:
    one definition of what is exported, shared by the CSV and JSON files and the API."""
    filterset = CasPratiqueFilterSet(request.GET or None, queryset=vitrine_queryset())
    cases = filterset.qs.prefetch_related(
        "methodes", Prefetch("livrables", queryset=Livrable.objects.publics())
    )
    return cases, exports.columns(request.build_absolute_uri)


@login_not_required
def vitrine_export_csv(request):
    cases, columns = export_cases(request)
    response = HttpResponse(exports.to_csv(cases, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cas-pratiques.csv"'
    return response


@login_not_required
def vitrine_export_json(request):
    cases, columns = export_cases(request)
    data = {
        "licence": exports.LICENCE,
        "producteur": "La 27e Région — La Transfo",
        "documentation": request.build_absolute_uri(reverse("cas_pratiques:vitrine_donnees")),
        "cas": list(exports.rows(cases, columns)),
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@login_not_required
def vitrine_donnees(request):
    return render(
        request,
        "cas_pratiques/vitrine_donnees.html",
        {"columns": exports.columns(request.build_absolute_uri), "licence": exports.LICENCE},
    )
