"""Working material of a case, private to its Transfo: immersions, fiches idées and tamis.

Every member of the Transfo writes immersions and fiches idées and places the ideas on a
tamis; the résidents (and coordinators) set a tamis's axes. A placement is a plain POST
that works without JavaScript and redirects back to the board; htmx swaps only the board.
It carries the tamis version the page showed: a change made from a stale page is refused
and the up-to-date grid shown.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cas_pratiques.forms import FicheIdeeForm, ImmersionForm, TamisForm
from cas_pratiques.models import TAMIS_CASES, TamisPlacement
from cas_pratiques.views.cas import get_cas_for_editor, get_cas_for_user
from transfo.files import file_response


def get_cas_for_worker(request, slug, cas_slug):
    """A case whose working material the person writes: any member of its Transfo."""
    return get_cas_for_editor(request, slug, cas_slug, perm="cas_pratiques.work_on_cas")


def _context(request, cas, **extra):
    return {
        "transfo": cas.transfo,
        "cas": cas,
        "can_edit_tamis": request.user.has_perm("cas_pratiques.edit_tamis", cas),
        "delete_url": "",
        **extra,
    }


# Immersions -----------------------------------------------------------------------------


def immersion_list(request, slug, cas_slug):
    cas = get_cas_for_user(request, slug, cas_slug)
    immersions = cas.immersions.select_related("journaliste", "observateur", "photographe")
    return render(
        request,
        "cas_pratiques/immersion_list.html",
        _context(request, cas, immersions=immersions),
    )


def _immersion_form(request, slug, cas_slug, pk=None):
    cas = get_cas_for_worker(request, slug, cas_slug)
    immersion = get_object_or_404(cas.immersions, pk=pk) if pk else None
    form = ImmersionForm(request.POST or None, instance=immersion, transfo=cas.transfo)
    if request.method == "POST" and form.is_valid():
        immersion = form.save(commit=False)
        immersion.cas = cas
        if immersion.created_by_id is None:
            immersion.created_by = request.user
        immersion.save()
        messages.success(request, _("Immersion « %(lieu)s » enregistrée.") % {"lieu": immersion})
        return redirect("cas_pratiques:immersion_list", cas.transfo.slug, cas.slug)
    title = (
        _("Modifier l'immersion « %(lieu)s »") % {"lieu": immersion}
        if immersion
        else _("Nouvelle immersion")
    )
    return render(
        request,
        "cas_pratiques/travail_form.html",
        _context(
            request,
            cas,
            form=form,
            title=title,
            multipart=False,
            intro="",
            section=_("Immersions"),
            back_url=reverse("cas_pratiques:immersion_list", args=[cas.transfo.slug, cas.slug]),
        ),
    )


def immersion_add(request, slug, cas_slug):
    return _immersion_form(request, slug, cas_slug)


def immersion_edit(request, slug, cas_slug, pk):
    return _immersion_form(request, slug, cas_slug, pk)


@require_POST
def immersion_delete(request, slug, cas_slug, pk):
    cas = get_cas_for_worker(request, slug, cas_slug)
    immersion = get_object_or_404(cas.immersions, pk=pk)
    immersion.delete()
    messages.success(request, _("Immersion « %(lieu)s » supprimée.") % {"lieu": immersion})
    return redirect("cas_pratiques:immersion_list", cas.transfo.slug, cas.slug)


# Fiches idées ---------------------------------------------------------------------------


def fiche_list(request, slug, cas_slug):
    cas = get_cas_for_user(request, slug, cas_slug)
    return render(
        request,
        "cas_pratiques/fiche_list.html",
        _context(request, cas, fiches=list(cas.fiches_idees.all())),
    )


def _fiche_form(request, slug, cas_slug, pk=None):
    cas = get_cas_for_worker(request, slug, cas_slug)
    fiche = get_object_or_404(cas.fiches_idees, pk=pk) if pk else None
    form = FicheIdeeForm(request.POST or None, request.FILES or None, instance=fiche)
    if request.method == "POST" and form.is_valid():
        fiche = form.save(commit=False)
        fiche.cas = cas
        if fiche.created_by_id is None:
            fiche.created_by = request.user
        fiche.save()  # a replaced schema leaves the storage on commit (django-cleanup)
        messages.success(request, _("Fiche idée « %(nom)s » enregistrée.") % {"nom": fiche})
        return redirect(f"{_fiches_url(cas)}#fiche-{fiche.pk}")
    title = (
        _("Modifier la fiche « %(nom)s »") % {"nom": fiche} if fiche else _("Nouvelle fiche idée")
    )
    return render(
        request,
        "cas_pratiques/travail_form.html",
        _context(
            request,
            cas,
            form=form,
            title=title,
            intro="",
            section=_("Fiches idées"),
            back_url=_fiches_url(cas),
            multipart=True,
        ),
    )


def _fiches_url(cas):
    return reverse("cas_pratiques:fiche_list", args=[cas.transfo.slug, cas.slug])


def fiche_add(request, slug, cas_slug):
    return _fiche_form(request, slug, cas_slug)


def fiche_edit(request, slug, cas_slug, pk):
    return _fiche_form(request, slug, cas_slug, pk)


@require_POST
def fiche_delete(request, slug, cas_slug, pk):
    cas = get_cas_for_worker(request, slug, cas_slug)
    fiche = get_object_or_404(cas.fiches_idees, pk=pk)
    if fiche.schema:
        fiche.schema.delete(save=False)
    fiche.delete()
    messages.success(request, _("Fiche idée « %(nom)s » supprimée.") % {"nom": fiche})
    return redirect(_fiches_url(cas))


def fiche_schema(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    fiche = get_object_or_404(cas.fiches_idees.exclude(schema=""), pk=pk)
    return file_response(fiche.schema, attachment=False, cache="private, no-store")


# Tamis de critères ----------------------------------------------------------------------


def _tamis_form(request, slug, cas_slug, pk=None):
    cas = get_cas_for_user(request, slug, cas_slug)
    if not request.user.has_perm("cas_pratiques.edit_tamis", cas):
        raise PermissionDenied
    tamis = get_object_or_404(cas.tamis, pk=pk) if pk else None
    if tamis is not None:
        tamis.cas = cas
    form = TamisForm(request.POST or None, instance=tamis)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            tamis = form.save(commit=False)
            tamis.cas = cas
            tamis.updated_by = request.user
            if tamis.pk is None:
                tamis.save()
            else:
                tamis.save(update_fields=[*form.Meta.fields, "updated_by", "updated_at"])
                # New axes change what every placement means: pages showing the old ones
                # must not move ideas on them.
                tamis.bump()
        messages.success(request, _("Tamis « %(titre)s » enregistré.") % {"titre": tamis})
        return redirect(tamis.get_absolute_url())
    title = _("Modifier les axes du tamis") if tamis else _("Nouveau tamis de critères")
    return render(
        request,
        "cas_pratiques/travail_form.html",
        _context(
            request,
            cas,
            form=form,
            title=title,
            multipart=False,
            section=tamis.titre if tamis else "",
            delete_url=reverse("cas_pratiques:tamis_delete", args=[cas.transfo.slug, cas.slug, pk])
            if tamis
            else "",
            delete_label=_("Supprimer ce tamis"),
            delete_help=_(
                "Supprimer le tamis efface les placements des idées ; les fiches idées restent."
            ),
            back_url=tamis.get_absolute_url() if tamis else cas.get_espace_url(),
            intro=_(
                "Deux axes de critères contradictoires, par exemple « autonomie de l'usager » "
                "↔ « présence physique nécessaire » et « fréquent » ↔ « exceptionnel » : le "
                "groupe y passe toutes les idées pour distinguer les premières à mettre en place."
            ),
        ),
    )


def tamis_add(request, slug, cas_slug):
    return _tamis_form(request, slug, cas_slug)


def tamis_edit(request, slug, cas_slug, pk):
    return _tamis_form(request, slug, cas_slug, pk)


@require_POST
def tamis_delete(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    if not request.user.has_perm("cas_pratiques.edit_tamis", cas):
        raise PermissionDenied
    tamis = get_object_or_404(cas.tamis, pk=pk)
    tamis.delete()
    messages.success(
        request,
        _("Tamis « %(titre)s » supprimé ; les fiches idées restent.") % {"titre": tamis},
    )
    return redirect(f"{cas.get_espace_url()}#travail")


def tamis_board(request, slug, cas_slug, pk):
    cas = get_cas_for_user(request, slug, cas_slug)
    tamis = get_object_or_404(cas.tamis, pk=pk)
    tamis.cas = cas
    fiches = cas.fiches_idees.prefetch_related(
        Prefetch(
            "placements",
            queryset=TamisPlacement.objects.filter(tamis=tamis),
            to_attr="placement_list",
        )
    )
    rows, unplaced = tamis.board(fiches)
    placed = [fiche for row in rows for cell in row["cells"] for fiche in cell["fiches"]]
    for fiche in placed:
        fiche.x_label = f"{fiche.placement.x} — {tamis.position_label('x', fiche.placement.x)}"
        fiche.y_label = f"{fiche.placement.y} — {tamis.position_label('y', fiche.placement.y)}"
    return render(
        request,
        "cas_pratiques/tamis_board.html",
        _context(
            request,
            cas,
            tamis=tamis,
            rows=rows,
            unplaced=unplaced,
            fiches=sorted(placed + unplaced, key=lambda fiche: fiche.pk),
            picture=_picture(tamis, rows),
            x_choices=tamis.position_choices("x"),
            y_choices=tamis.position_choices("y"),
            can_place=request.user.has_perm("cas_pratiques.work_on_cas", cas),
        ),
    )


def _tamis_for_placing(request, slug, cas_slug, pk):
    cas = get_cas_for_worker(request, slug, cas_slug)
    tamis = get_object_or_404(cas.tamis, pk=pk)
    tamis.cas = cas
    fiche_id = request.POST.get("fiche", "")
    if not fiche_id.isdigit():
        raise Http404
    return tamis, get_object_or_404(cas.fiches_idees, pk=fiche_id)


def _refuse_stale(request, tamis):
    tamis.refresh_from_db(fields=["updated_by"])
    who = tamis.updated_by.get_full_name() if tamis.updated_by else _("quelqu'un")
    messages.error(
        request,
        _(
            "Le tamis a été modifié par %(who)s depuis que vous l'avez ouvert : voici la "
            "version à jour. Votre placement n'a pas été enregistré ; refaites-le si besoin."
        )
        % {"who": who},
    )


@require_POST
def tamis_place(request, slug, cas_slug, pk):
    tamis, fiche = _tamis_for_placing(request, slug, cas_slug, pk)
    try:
        placed = tamis.place(
            fiche,
            request.POST.get("x"),
            request.POST.get("y"),
            version=request.POST.get("version"),
            user=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(tamis.get_absolute_url())
    if not placed:
        _refuse_stale(request, tamis)
        return redirect(tamis.get_absolute_url())
    x, y = tamis.check_position(request.POST.get("x"), request.POST.get("y"))
    messages.success(
        request,
        _("« %(nom)s » placée : %(x)s, %(y)s.")
        % {"nom": fiche, "x": tamis.position_label("x", x), "y": tamis.position_label("y", y)},
    )
    return redirect(tamis.get_absolute_url())


@require_POST
def tamis_remove(request, slug, cas_slug, pk):
    tamis, fiche = _tamis_for_placing(request, slug, cas_slug, pk)
    if not tamis.remove(fiche, version=request.POST.get("version"), user=request.user):
        _refuse_stale(request, tamis)
    else:
        messages.success(request, _("« %(nom)s » retirée du tamis.") % {"nom": fiche})
    return redirect(tamis.get_absolute_url())


# The picture of the grid: a server-drawn SVG whose geometry is computed here, so that the
# markup carries positions as SVG attributes only (the Content Security Policy forbids
# style attributes).
SVG_LEFT, SVG_TOP, CELL_W, CELL_H = 70, 60, 180, 116
POSTIT_GAP, POSTIT_H = 6, 22
POSTIT_W = CELL_W - 2 * POSTIT_GAP
POSTITS_PER_CELL = 4
POSTIT_CHARS = 22


def _short(text, size=POSTIT_CHARS):
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _picture(tamis, rows):
    width = SVG_LEFT + CELL_W * TAMIS_CASES + 10
    height = SVG_TOP + CELL_H * TAMIS_CASES + 10
    cells, postits = [], []
    for row in rows:
        for cell in row["cells"]:
            left = SVG_LEFT + (cell["x"] - 1) * CELL_W
            top = SVG_TOP + (cell["y"] - 1) * CELL_H
            cells.append({"x": left, "y": top})
            fiches = cell["fiches"]
            shown = fiches if len(fiches) <= POSTITS_PER_CELL else fiches[: POSTITS_PER_CELL - 1]
            labels = [(_short(fiche.nom), fiche.nom, False) for fiche in shown]
            hidden = fiches[len(shown) :]
            if hidden:
                labels.append(
                    (
                        _("+ %(n)s autres") % {"n": len(hidden)},
                        ", ".join(fiche.nom for fiche in hidden),
                        True,
                    )
                )
            for index, (label, title, more) in enumerate(labels):
                px, py = left + POSTIT_GAP, top + POSTIT_GAP + index * (POSTIT_H + POSTIT_GAP)
                postits.append(
                    {
                        "x": px,
                        "y": py,
                        "text_x": px + 6,
                        "text_y": py + 16,
                        "label": label,
                        "title": title,
                        "more": more,
                    }
                )
    grid_right = SVG_LEFT + CELL_W * TAMIS_CASES
    grid_bottom = SVG_TOP + CELL_H * TAMIS_CASES
    return {
        "width": width,
        "height": height,
        "cell_w": CELL_W,
        "cell_h": CELL_H,
        "postit_w": POSTIT_W,
        "postit_h": POSTIT_H,
        "cells": cells,
        "postits": postits,
        "left": SVG_LEFT,
        "top": SVG_TOP,
        "right": grid_right,
        "bottom": grid_bottom,
        "x_label_y": SVG_TOP - 18,
        "y_label_x": SVG_LEFT - 22,
        "middle_y": (SVG_TOP + grid_bottom) // 2,
        "placed": sum(len(cell["fiches"]) for row in rows for cell in row["cells"]),
    }
