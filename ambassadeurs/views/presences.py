"""Attendance and météo: the curve, the grid of a session, one's météo of a day."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs.choices import MomentMeteo
from ambassadeurs.forms.presences import MeteoForm
from ambassadeurs.models import (
    Meteo,
    Presence,
    group_members,
    jour_saisissable,
    session_members,
)
from ambassadeurs.views.groupe import get_transfo_for_group
from collectivites.models import Session
from transfo.charts import line_chart


def presences(request, slug):
    """The group's attendance over the sessions: the curve, each person's streaks, and who
    to follow up (absent twice in a row)."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.follow_group")
    taux = Presence.objects.rate_by_session(transfo)
    streaks = Presence.objects.streaks(transfo)
    membres = list(
        group_members(transfo).actives().select_related("user").order_by("user__full_name", "pk")
    )
    rows = [(membre, streaks.get(membre.pk)) for membre in membres]
    return render(
        request,
        "ambassadeurs/presences.html",
        {
            "transfo": transfo,
            "taux": taux,
            "courbe": line_chart([(t.numero, t.taux) for t in taux], 100, (0, 25, 50, 75, 100)),
            "rows": rows,
            "a_relancer": [m for m, s in rows if s is not None and s.needs_reminder],
            "sessions": Session.objects.for_user(request.user)
            .filter(transfo=transfo)
            .order_by("numero"),
        },
    )


def get_session_for_attendance(request, slug, numero):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.follow_group")
    session = get_object_or_404(
        Session.objects.for_user(request.user).filter(transfo=transfo), numero=numero
    )
    session.transfo = transfo
    return session


def _meteo_forms(request, session, data=None):
    """One form per day and moment for the group's météo, filled with what was recorded."""
    forms = []
    for meteo in Meteo.objects.of_session(session):
        prefix = f"meteo-{meteo.jour.pk}-{meteo.moment}"
        initial = (
            {"note": meteo.groupe.note, "mot": meteo.groupe.mot} if meteo.groupe is not None else {}
        )
        forms.append((meteo, MeteoForm(data, prefix=prefix, initial=initial)))
    return forms


def ma_meteo(request, slug, numero):
    """A member's own météo (1–5 and a word) at the opening and closing of each day; the
    résidents see only the average."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.give_meteo")
    session = get_object_or_404(
        Session.objects.for_user(request.user).filter(transfo=transfo), numero=numero
    )
    session.transfo = transfo
    participation = get_object_or_404(group_members(transfo).actives(), user=request.user)
    mine = {
        (m.jour_id, m.moment): m
        for m in Meteo.objects.filter(jour__session=session, participation=participation)
    }
    data = request.POST if request.method == "POST" else None
    today = timezone.localdate()
    forms = []
    for jour in session.jours.order_by("position", "pk"):
        # A day still to come is not offered, and a météo posted for it is refused (issue 19,
        # item 4); what is stored for it is left alone.
        offered = jour_saisissable(jour, today)
        for moment in MomentMeteo:
            meteo = mine.get((jour.pk, moment))
            initial = {"note": meteo.note, "mot": meteo.mot} if meteo else {}
            label = _("Jour %(n)s — %(moment)s") % {"n": jour.numero, "moment": moment.label}
            prefix = f"meteo-{jour.pk}-{moment}"
            form = MeteoForm(data, prefix=prefix, initial=initial, jour=jour)
            forms.append((jour, moment, label, form, offered))
    if data is not None and all(form.is_valid() for *_rest, form, _offered in forms):
        with transaction.atomic():
            for jour, moment, _label, form, offered in forms:
                if not offered:
                    continue
                lookup = {"jour": jour, "moment": moment, "participation": participation}
                if form.cleaned_data["note"]:
                    Meteo.objects.update_or_create(
                        **lookup,
                        defaults={
                            "note": form.cleaned_data["note"],
                            "mot": form.cleaned_data["mot"],
                            "saisie_par": request.user,
                        },
                    )
                else:
                    Meteo.objects.filter(**lookup).delete()
        messages.success(request, _("Votre météo est enregistrée."))
        return redirect("presences:ma_meteo", transfo.slug, session.numero)
    return render(
        request,
        "ambassadeurs/ma_meteo.html",
        {"transfo": transfo, "session": session, "forms": forms},
        status=400 if data is not None else 200,
    )


def presence_grille(request, slug, numero):
    """The attendance grid of a session: the active members × its days, one checkbox a cell.

    Each cell is saved in place (htmx); without JavaScript the form saves the whole grid.
    """
    session = get_session_for_attendance(request, slug, numero)
    if request.method == "POST":
        grid = Presence.objects.grid(session)
        today = timezone.localdate()
        with transaction.atomic():
            for jour in grid.jours:
                if not jour_saisissable(jour, today):
                    continue
                present_ids = {m.pk for m in grid.membres if f"p-{jour.pk}-{m.pk}" in request.POST}
                Presence.objects.record_day(jour, present_ids, grid.membres, request.user)
        messages.success(request, _("Présences enregistrées."))
        return redirect("presences:grille", session.transfo.slug, session.numero)
    grid = Presence.objects.grid(session)
    return render(
        request,
        "ambassadeurs/presence_grille.html",
        {
            "transfo": session.transfo,
            "session": session,
            "grid": grid,
            "rows": grid.rows(),
            "meteo_forms": _meteo_forms(request, session),
        },
    )


@require_POST
def presence_cellule(request, slug, numero):
    """Save one cell of the grid in place: `cellule` names it, its checkbox says present."""
    session = get_session_for_attendance(request, slug, numero)
    jour_id, _sep, membre_id = request.POST.get("cellule", "").partition("-")
    if not (jour_id.isdigit() and membre_id.isdigit()):
        raise Http404
    jours = list(session.jours.all())
    jour = next((j for j in jours if j.pk == int(jour_id)), None)
    # Only those who were members of the group on the session's dates have a cell.
    membres = list(session_members(session, jours).select_related("user"))
    membre = next((m for m in membres if m.pk == int(membre_id)), None)
    if jour is None or membre is None:
        raise Http404
    if not jour_saisissable(jour):
        return HttpResponse(
            _("Ce jour n'est pas encore arrivé : rien n'est enregistré."), status=400
        )
    present = f"p-{jour.pk}-{membre.pk}" in request.POST
    Presence.objects.record_cell(jour, membre, present, membres, request.user)
    message = (
        _("Enregistré : %(nom)s présent·e le jour %(n)s.")
        if present
        else _("Enregistré : %(nom)s absent·e le jour %(n)s.")
    ) % {"nom": membre.user.get_full_name(), "n": jour.numero}
    if request.htmx:
        return HttpResponse(message)
    messages.success(request, message)
    return redirect("presences:grille", session.transfo.slug, session.numero)


@require_POST
def meteo_groupe(request, slug, numero):
    """Record the group's météo at the opening and closing of each day of the session."""
    session = get_session_for_attendance(request, slug, numero)
    forms = _meteo_forms(request, session, request.POST)
    if all(form.is_valid() for _meteo, form in forms):
        with transaction.atomic():
            for meteo, form in forms:
                note = form.cleaned_data["note"]
                lookup = {"jour": meteo.jour, "moment": meteo.moment, "participation": None}
                if note:
                    Meteo.objects.update_or_create(
                        **lookup,
                        defaults={
                            "note": note,
                            "mot": form.cleaned_data["mot"],
                            "saisie_par": request.user,
                        },
                    )
                else:
                    Meteo.objects.filter(**lookup).delete()
        messages.success(request, _("Météo du groupe enregistrée."))
        return redirect("presences:grille", session.transfo.slug, session.numero)
    grid = Presence.objects.grid(session)
    return render(
        request,
        "ambassadeurs/presence_grille.html",
        {
            "transfo": session.transfo,
            "session": session,
            "grid": grid,
            "rows": grid.rows(),
            "meteo_forms": forms,
        },
        status=400,
    )
