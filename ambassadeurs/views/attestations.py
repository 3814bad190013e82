"""Attestations: the person (or the pilote / a résident·e for HR) asks, a task builds the
PDF, the page says it is being prepared and then offers the download."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs.models import (
    Attestation,
    participations_for_attestation,
)
from ambassadeurs.tasks import render_attestation
from collectivites.models import Transfo
from transfo import outbox
from transfo.audit import AuditAction, record
from transfo.files import file_response


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def get_participation_for_attestation(request, slug, pk):
    """A participation whose attestation the person may get, or 404."""
    participation = get_object_or_404(
        participations_for_attestation(request.user)
        .filter(transfo__slug=slug)
        .select_related("user", "transfo"),
        pk=pk,
    )
    participation.attestation_or_none = Attestation.objects.filter(
        participation=participation
    ).first()
    return participation


def attestation_list(request, slug):
    """The attestations the person may get in this Transfo: their own, or the whole group's
    for the pilote and the résident·es (3 queries)."""
    transfo = get_object_or_404(Transfo, slug=slug)
    participations = list(
        participations_for_attestation(request.user)
        .filter(transfo=transfo)
        .select_related("user", "attestation")
        .order_by("user__full_name", "pk")
    )
    if not participations:
        raise Http404
    for participation in participations:
        participation.attestation_or_none = getattr(participation, "attestation", None)
    if len(participations) == 1 and participations[0].user_id == request.user.pk:
        return redirect("attestations:detail", slug, participations[0].pk)
    return _private(
        render(
            request,
            "ambassadeurs/attestation_list.html",
            {"transfo": transfo, "participations": participations},
        )
    )


def attestation_detail(request, slug, pk):
    participation = get_participation_for_attestation(request, slug, pk)
    attestation = participation.attestation_or_none
    preparing = attestation is not None and not attestation.prete
    response = render(
        request,
        "ambassadeurs/attestation_detail.html",
        {
            "transfo": participation.transfo,
            "participation": participation,
            "attestation": attestation,
            "preparing": preparing,
            "has_file": attestation is not None and bool(attestation.fichier),
            "own": participation.user_id == request.user.pk,
        },
    )
    if preparing:
        response["Refresh"] = "5"
    return _private(response)


@require_POST
def attestation_request(request, slug, pk):
    """Ask for the attestation (again): rebuilt only if what it says has changed."""
    participation = get_participation_for_attestation(request, slug, pk)
    attestation, _created = Attestation.objects.get_or_create(participation=participation)
    Attestation.objects.filter(pk=attestation.pk).update(
        demandee_le=timezone.now(), demandee_par=request.user
    )
    outbox.enqueue(render_attestation, attestation.pk)
    messages.success(request, _("L'attestation est en préparation."))
    return redirect("attestations:detail", slug, pk)


def attestation_pdf(request, slug, pk):
    participation = get_participation_for_attestation(request, slug, pk)
    attestation = participation.attestation_or_none
    if attestation is None or not attestation.fichier:
        raise Http404
    record(request, AuditAction.EXPORT, attestation, detail="attestation (pdf)")
    return file_response(
        attestation.fichier,
        filename=f"attestation-{participation.transfo.slug}-{participation.pk}.pdf",
        content_type="application/pdf",
    )
