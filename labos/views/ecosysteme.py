"""The écosystème of a labo: its actors as a map, a sortable table and a CSV export.

Any member of the Transfo adds and edits actors; each change is kept in the actor's history.
The map, the table and the export share one FilterSet and its GET parameters, so they
always show the same actors.
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cas_pratiques.models import CasPratique
from labos.filters import ActeurFilter
from labos.forms import ActeurForm
from labos.models import Acteur, RevisionActeur
from labos.rendering import ecosystem_map
from labos.views.plan import get_transfo_for_labo
from transfo import audit, exports
from transfo.audit import AuditAction


def _acteurs(request, transfo):
    return (
        Acteur.objects.for_user(request.user)
        .filter(transfo=transfo)
        .prefetch_related(
            Prefetch("cas_pratiques", queryset=CasPratique.objects.order_by("numero"))
        )
    )


def ecosysteme(request, slug):
    transfo = get_transfo_for_labo(request, slug)
    filterset = ActeurFilter(request.GET or None, queryset=_acteurs(request, transfo))
    acteurs = list(filterset.qs)
    return render(
        request,
        "labos/ecosysteme.html",
        {
            "transfo": transfo,
            "filter": filterset,
            "acteurs": acteurs,
            "map": ecosystem_map(acteurs),
            "query_without_sort": _without_sort(request),
            "query": request.GET.urlencode(),
        },
    )


def ecosysteme_csv(request, slug):
    transfo = get_transfo_for_labo(request, slug)
    filterset = ActeurFilter(request.GET or None, queryset=_acteurs(request, transfo))
    audit.record(request, AuditAction.EXPORT, transfo, detail="ecosysteme.csv")
    header = [
        "nom",
        "type",
        "perimetre",
        "relation",
        "contact",
        "notes",
        "projets",
        "cas_pratiques",
    ]
    rows = (
        [
            acteur.nom,
            acteur.get_type_display(),
            acteur.get_perimetre_display(),
            acteur.get_relation_display(),
            acteur.contact,
            acteur.notes,
            " | ".join(acteur.projets_list()),
            " | ".join(cas.titre for cas in acteur.cas_pratiques.all()),
        ]
        for acteur in filterset.qs
    )
    return exports.csv_response(header, rows, filename=f"ecosysteme-{transfo.slug}.csv")


def _describe_changes(form):
    """ "Relation : Allié → Complice; Notes modifiées" from a bound, valid ModelForm."""
    parts = []
    for name in form.changed_data:
        field = form.fields[name]
        label = field.label
        if name in ("notes", "projets", "cas_pratiques"):
            parts.append(_("%(champ)s modifié") % {"champ": label})
            continue
        old = form.initial.get(name, "")
        new = form.cleaned_data.get(name, "")
        choices = dict(getattr(field, "choices", []) or [])
        parts.append(f"{label} : {choices.get(old, old) or '—'} → {choices.get(new, new) or '—'}")
    return " ; ".join(parts)


def _acteur_form(request, slug, pk=None):
    transfo = get_transfo_for_labo(request, slug, edit=request.method == "POST")
    acteur = get_object_or_404(_acteurs(request, transfo), pk=pk) if pk else None
    form = ActeurForm(request.POST or None, instance=acteur, transfo=transfo)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = form.instance.pk is None
            resume = _("Création") if created else _describe_changes(form)
            acteur = form.save(commit=False)
            acteur.transfo = transfo
            acteur.save()
            form.save_m2m()
            if resume:
                RevisionActeur.objects.create(acteur=acteur, auteur=request.user, resume=resume)
        messages.success(request, _("Acteur « %(nom)s » enregistré.") % {"nom": acteur})
        return redirect("labos:ecosysteme", transfo.slug)
    return render(
        request,
        "labos/acteur_form.html",
        {"transfo": transfo, "form": form, "acteur": acteur},
    )


def acteur_add(request, slug):
    return _acteur_form(request, slug)


def acteur_edit(request, slug, pk):
    return _acteur_form(request, slug, pk)


def acteur_history(request, slug, pk):
    transfo = get_transfo_for_labo(request, slug)
    acteur = get_object_or_404(_acteurs(request, transfo), pk=pk)
    return render(
        request,
        "labos/acteur_history.html",
        {
            "transfo": transfo,
            "acteur": acteur,
            "revisions": acteur.revisions.select_related("auteur"),
        },
    )


def ecosystemes(request):
    """Coordinators: the actors of every labo, those named by several labos marked as shared."""
    if not request.user.has_perm("labos.compare_labos"):
        raise Http404
    filterset = ActeurFilter(
        request.GET or None,
        queryset=Acteur.objects.for_user(request.user).select_related("transfo"),
    )
    acteurs = list(filterset.qs)
    transfos_by_name = {}
    for acteur in acteurs:
        transfos_by_name.setdefault(acteur.nom.casefold(), set()).add(acteur.transfo_id)
    for acteur in acteurs:
        acteur.partage = len(transfos_by_name[acteur.nom.casefold()]) > 1
    return render(
        request,
        "labos/ecosystemes.html",
        {"filter": filterset, "acteurs": acteurs, "query_without_sort": _without_sort(request)},
    )


def _without_sort(request):
    query = request.GET.copy()
    query.pop("tri", None)
    return query.urlencode()
