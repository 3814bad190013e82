"""A labo's follow-up: its priorities and next actions, and its banque de temps."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from labos.forms import EchangeTempsForm, PrioriteForm
from labos.models import EchangeTemps, Priorite
from labos.views.plan import get_transfo_for_labo
from transfo import audit, exports
from transfo.audit import AuditAction

# Priorités ---------------------------------------------------------------------------------


def priorite_list(request, slug):
    transfo = get_transfo_for_labo(request, slug)
    priorites = list(
        Priorite.objects.for_user(request.user)
        .filter(transfo=transfo)
        .select_related("responsable")
    )
    return render(
        request,
        "labos/priorite_list.html",
        {
            "transfo": transfo,
            "priorites": priorites,
            "en_retard": sum(1 for p in priorites if p.en_retard),
            "form": PrioriteForm(transfo=transfo),
        },
    )


def _priorite_form(request, slug, pk=None):
    transfo = get_transfo_for_labo(request, slug, edit=request.method == "POST")
    priorite = (
        get_object_or_404(Priorite.objects.for_user(request.user).filter(transfo=transfo), pk=pk)
        if pk
        else None
    )
    form = PrioriteForm(request.POST or None, instance=priorite, transfo=transfo)
    if request.method == "POST" and form.is_valid():
        priorite = form.save(commit=False)
        priorite.transfo = transfo
        priorite.save()
        messages.success(request, _("Priorité enregistrée."))
        return redirect("labos:priorite_list", transfo.slug)
    return render(
        request,
        "labos/priorite_form.html",
        {"transfo": transfo, "form": form, "priorite": priorite},
    )


def priorite_add(request, slug):
    return _priorite_form(request, slug)


def priorite_edit(request, slug, pk):
    return _priorite_form(request, slug, pk)


# Banque de temps --------------------------------------------------------------------------


def _echanges(request, transfo):
    return EchangeTemps.objects.for_user(request.user).filter(transfo=transfo)


def banque(request, slug):
    transfo = get_transfo_for_labo(request, slug)
    echanges = _echanges(request, transfo)
    return render(
        request,
        "labos/banque.html",
        {
            "transfo": transfo,
            "echanges": list(echanges),
            "soldes": list(echanges.soldes_par_direction()),
            "solde": echanges.solde(),
            "form": EchangeTempsForm(),
        },
    )


def echange_add(request, slug):
    transfo = get_transfo_for_labo(request, slug, edit=request.method == "POST")
    form = EchangeTempsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        echange = form.save(commit=False)
        echange.transfo = transfo
        echange.created_by = request.user
        echange.save()
        messages.success(
            request,
            _("Échange enregistré. Il comptera dans le solde une fois confirmé des deux côtés."),
        )
        return redirect("labos:banque", transfo.slug)
    return render(request, "labos/echange_form.html", {"transfo": transfo, "form": form})


@require_POST
def echange_confirm(request, slug, pk):
    transfo = get_transfo_for_labo(request, slug, edit=True)
    echange = get_object_or_404(_echanges(request, transfo), pk=pk)
    side = request.POST.get("cote")
    if side not in ("labo", "direction"):
        raise Http404
    echange.confirm(side)
    messages.success(request, _("Confirmation enregistrée."))
    return redirect("labos:banque", transfo.slug)


def banque_csv(request, slug):
    transfo = get_transfo_for_labo(request, slug)
    audit.record(request, AuditAction.EXPORT, transfo, detail="banque-de-temps.csv")
    header = [
        "date",
        "direction",
        "sens",
        "heures",
        "description",
        "confirme_labo_le",
        "confirme_direction_le",
        "confirme",
    ]
    rows = (
        [
            e.date.isoformat(),
            e.direction,
            e.sens,
            e.heures,
            e.description,
            e.confirme_labo_le.isoformat() if e.confirme_labo_le else "",
            e.confirme_direction_le.isoformat() if e.confirme_direction_le else "",
            "oui" if e.confirme else "non",
        ]
        for e in _echanges(request, transfo).order_by("date", "pk")
    )
    return exports.csv_response(header, rows, filename=f"banque-de-temps-{transfo.slug}.csv")
