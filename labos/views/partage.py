"""The écosystème shared across a territory (issue 6): the labos of one région that opt in see
each other's actors, read-only, with the labo they come from.

Sharing is mutual: a labo sees the others' actors only while it shares its own. Only the shared
fields leave a labo (`labos.models.CHAMPS_PARTAGES`): never contact persons, notes, linked
cas pratiques or history; the queryset loads nothing else and the search reads nothing else.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labos.filters import ActeurPartageFilter
from labos.forms import PartageEcosystemeForm
from labos.models import Acteur, PartageEcosysteme
from labos.views.plan import get_transfo_for_labo
from transfo import audit
from transfo.audit import AuditAction


def mark_also_ours(acteurs, noms):
    """Flag the shared actors whose name the labo's own écosystème also has (case-insensitive),
    as the coordinators' page flags the actors named by several labos."""
    noms = {nom.casefold() for nom in noms}
    for acteur in acteurs:
        acteur.aussi_chez_nous = acteur.nom.casefold() in noms
    return acteurs


def _render(request, transfo, form=None, status=200):
    partage = PartageEcosysteme.objects.filter(transfo=transfo).first()
    actif = bool(partage and partage.actif)
    filterset = ActeurPartageFilter(
        request.GET or None, queryset=Acteur.objects.partages_avec(transfo)
    )
    acteurs = list(filterset.qs) if actif else []
    mark_also_ours(acteurs, transfo.acteurs.values_list("nom", flat=True) if acteurs else [])
    query = request.GET.copy()
    query.pop("tri", None)
    return render(
        request,
        "labos/ecosysteme_territoire.html",
        {
            "transfo": transfo,
            "actif": actif,
            "partage": partage,
            "can_share": request.user.has_perm("labos.share_ecosysteme", transfo),
            "form": form or PartageEcosystemeForm(initial={"actif": actif}),
            "filter": filterset,
            "acteurs": acteurs,
            "labos": sorted({a.transfo.nom for a in acteurs}),
            "query_without_sort": query.urlencode(),
        },
        status=status,
    )


def ecosysteme_territoire(request, slug):
    return _render(request, get_transfo_for_labo(request, slug))


@require_POST
def partage_ecosysteme(request, slug):
    transfo = get_transfo_for_labo(request, slug)
    if not request.user.has_perm("labos.share_ecosysteme", transfo):
        raise PermissionDenied
    form = PartageEcosystemeForm(request.POST)
    if not form.is_valid():
        return _render(request, transfo, form=form, status=400)
    actif = form.cleaned_data["actif"]
    partage, _created = PartageEcosysteme.objects.get_or_create(transfo=transfo)
    if partage.actif != actif:
        partage.actif = actif
        partage.modifie_par = request.user
        partage.save()
        audit.record(
            request,
            AuditAction.PUBLICATION if actif else AuditAction.DEPUBLICATION,
            transfo,
            detail="ecosysteme partagé",
        )
    if actif:
        messages.success(
            request, _("Votre écosystème est partagé avec les autres labos de la région.")
        )
    else:
        messages.success(request, _("Votre écosystème n'est plus partagé."))
    return redirect("labos:ecosysteme_territoire", transfo.slug)
