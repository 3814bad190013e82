"""A Transfo's cas pratiques, private to it: the list, writing, the four-eyes review, publishing;
the livrables, photos and contacts of a case."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cas_pratiques.forms import (
    CasPratiqueForm,
    ContactForm,
    LivrableForm,
    PhotoForm,
    SendBackForm,
)
from cas_pratiques.models import SESSIONS_MAX_PROTOCOLE, CasPratique
from cas_pratiques.views.vitrine import public_cas_queryset, render_public_case
from collectivites.models import Session
from collectivites.shortcuts import get_transfo_for_user
from transfo import audit
from transfo.audit import AuditAction
from transfo.files import file_response

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
            "can_create": request.user.has_perm("cas_pratiques.create_cas", transfo),
            "sessions_max": SESSIONS_MAX_PROTOCOLE,
            "trop_peu": len(cases) < transfo.cas_min,
            "trop": len(cases) > transfo.cas_max,
        },
    )


def cas_create(request, slug):
    transfo = get_transfo_for_user(request, slug, perm="cas_pratiques.create_cas")
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


def livrable_download(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    livrable = get_object_or_404(cas.livrables, pk=pk)
    return file_response(livrable.fichier, attachment=True, cache="private, no-store")


def photo_download(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    photo = get_object_or_404(cas.photos, pk=pk)
    return file_response(photo.image, attachment=False, cache="private, no-store")
