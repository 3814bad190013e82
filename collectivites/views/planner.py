"""The planner: a session's days and timed blocks, edited in place by its résidents.

Every change is a plain POST that works without JavaScript and redirects back to the
planner; htmx swaps only the planner region. Layout changes (add, move, delete) carry the
session version the page showed: a change made from a stale page is refused and the
up-to-date programme shown. A block's content carries the block's own version.
"""

from datetime import timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectivites.forms import (
    BLOC_FIELD_NAMES,
    BlocForm,
    JourForm,
    bloc_value_display,
    sign_base,
)
from collectivites.models import Bloc, Jour, Methode, Session
from collectivites.protocol import session_protocol_hints
from collectivites.views.sessions import get_session_for_planner
from transfo.dates import french_time

UNDO_WINDOW = timedelta(minutes=15)

# After a move, the same control of the moved block keeps the focus (the page is new, with
# or without htmx: the control is rendered `autofocus`); when it is gone (a block moved to
# the top has no "Monter"), the opposite one, then the other pair, then "Modifier".
FOCUS_KEY = "planner_focus"
FOCUS_ORDER = {
    "haut": ["haut", "bas", "jour-precedent", "jour-suivant"],
    "bas": ["bas", "haut", "jour-suivant", "jour-precedent"],
    "jour-precedent": ["jour-precedent", "jour-suivant", "haut", "bas"],
    "jour-suivant": ["jour-suivant", "jour-precedent", "bas", "haut"],
}


def _focus(request, days, deleted):
    """The (block id, control) to focus after a move, a deletion ("retablir": its undo
    notice) or an undo ("modifier"), taken once from the person's session."""
    wanted = request.session.pop(FOCUS_KEY, None)
    if not wanted:
        return None
    if wanted["control"] == "retablir":
        return wanted if any(bloc.pk == wanted["bloc"] for bloc in deleted) else None
    for day_index, schedule in enumerate(days):
        pks = [timed.bloc.pk for timed in schedule.blocks]
        if wanted["bloc"] not in pks:
            continue
        if wanted["control"] not in FOCUS_ORDER:
            return wanted
        index = pks.index(wanted["bloc"])
        shown = {
            "haut": index > 0,
            "bas": index < len(pks) - 1,
            "jour-precedent": day_index > 0,
            "jour-suivant": day_index < len(days) - 1,
        }
        control = next((c for c in FOCUS_ORDER[wanted["control"]] if shown[c]), "modifier")
        return {"bloc": wanted["bloc"], "control": control}
    return None


def planner(request, slug, numero):
    session = get_session_for_planner(request, slug, numero, programme=True)
    days = [day.schedule() for day in session.days()]
    deleted = (
        Bloc.objects.filter(jour__session=session, supprime_le__gte=timezone.now() - UNDO_WINDOW)
        .select_related("jour")
        .order_by("-supprime_le")
    )
    _place_undo_notices(days, deleted)
    return render(
        request,
        "collectivites/planner.html",
        {
            "transfo": session.transfo,
            "session": session,
            "days": days,
            "focus": _focus(request, days, deleted),
            "hints": session.protocol_hints(),
            "protocol_hints": session_protocol_hints(
                session.transfo,
                Session.objects.for_user(request.user)
                .filter(transfo=session.transfo)
                .prefetch_related("jours"),
                session,
            ),
        },
    )


def _place_undo_notices(days, deleted):
    """Put each recently deleted block's "Rétablir" where the block was: in its day, before
    the first live block that came after it (`timed.deleted_before`), or at the end
    (`schedule.deleted_after`)."""
    by_day = {}
    for bloc in deleted:
        by_day.setdefault(bloc.jour_id, []).append(bloc)
    for schedule in days:
        schedule.deleted_after = []
        for timed in schedule.blocks:
            timed.deleted_before = []
        for bloc in sorted(by_day.get(schedule.jour.pk, []), key=lambda b: (b.position, b.pk)):
            following = next(
                (
                    timed
                    for timed in schedule.blocks
                    if (timed.bloc.position, timed.bloc.pk) > (bloc.position, bloc.pk)
                ),
                None,
            )
            (following.deleted_before if following else schedule.deleted_after).append(bloc)


def _methode_durations():
    return {str(pk): minutes for pk, minutes in Methode.objects.values_list("pk", "duree_typique")}


def _back(session):
    return redirect(session.get_planner_url())


def _stale(request, session):
    """Refuse a layout change made from a page older than the programme."""
    if session.check_version(request.POST.get("version")):
        return False
    session.refresh_from_db(fields=["updated_by"])
    if session.updated_by == request.user:
        text = _(
            "Vous avez modifié le programme dans un autre onglet ou une autre fenêtre depuis "
            "que cette page est ouverte : voici la version à jour. Votre changement n'a pas "
            "été appliqué ; refaites-le si besoin."
        )
    else:
        text = _(
            "Le programme a été modifié par %(who)s depuis que vous l'avez ouvert : voici la "
            "version à jour. Votre changement n'a pas été appliqué ; refaites-le si besoin."
        ) % {"who": _editor(session.updated_by, request.user)}
    messages.error(request, text)
    return True


def next_weekday(day):
    """The first day after `day` that is not a Saturday or a Sunday."""
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


@require_POST
def day_add(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    if _stale(request, session):
        return _back(session)
    with transaction.atomic():
        last = session.jours.order_by("-position").first()
        Jour.objects.create(
            session=session,
            position=(last.position + 1) if last else 0,
            date=next_weekday(last.date) if last and last.date else None,
            heure_debut=last.heure_debut if last else Jour._meta.get_field("heure_debut").default,
            heure_fin_prevue=last.heure_fin_prevue
            if last
            else Jour._meta.get_field("heure_fin_prevue").default,
        )
        session.touch(request.user)
    messages.success(request, _("Jour ajouté."))
    return _back(session)


def day_edit(request, slug, numero, jour_id):
    session = get_session_for_planner(request, slug, numero)
    day = get_object_or_404(session.jours, pk=jour_id)
    form = JourForm(request.POST or None, instance=day, prefix=f"jour-{day.pk}")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            session.touch(request.user)
        messages.success(request, _("Jour %(n)s enregistré.") % {"n": day.numero})
        return _back(session)
    return render(
        request,
        "collectivites/planner_day_form.html",
        {"transfo": session.transfo, "session": session, "day": day, "form": form},
    )


@require_POST
def day_delete(request, slug, numero, jour_id):
    session = get_session_for_planner(request, slug, numero)
    day = get_object_or_404(session.jours, pk=jour_id)
    if _stale(request, session):
        return _back(session)
    if day.blocs.vivants().exists():
        messages.error(
            request, _("Ce jour a encore des blocs : déplacez-les ou supprimez-les d'abord.")
        )
        return _back(session)
    with transaction.atomic():
        day.delete()
        for position, remaining in enumerate(session.jours.order_by("position", "pk")):
            Jour.objects.filter(pk=remaining.pk).update(position=position)
        session.touch(request.user)
    messages.success(request, _("Jour supprimé."))
    return _back(session)


def bloc_add(request, slug, numero, jour_id):
    session = get_session_for_planner(request, slug, numero)
    day = get_object_or_404(session.jours, pk=jour_id)
    form = BlocForm(request.POST or None, transfo=session.transfo)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            bloc = form.save(commit=False)
            bloc.jour = day
            bloc.updated_by = request.user
            bloc.position = (day.blocs.vivants().aggregate(p=Max("position"))["p"] or 0) + 1
            bloc.save()
            form.save_m2m()
            session.touch(request.user)
        messages.success(request, _("Bloc « %(titre)s » ajouté.") % {"titre": bloc.titre})
        request.session[FOCUS_KEY] = {"bloc": bloc.pk, "control": "modifier"}
        return _back(session)
    return _in_place(
        request,
        render(
            request,
            "collectivites/planner_bloc_form.html",
            {
                "transfo": session.transfo,
                "session": session,
                "day": day,
                "form": form,
                "methode_durations": _methode_durations(),
            },
        ),
    )


def _in_place(request, response):
    """A block form sent back (refused, or a conflict to settle) to a form shown in place in
    the planner (htmx): it replaces that form, not the planner, keeping what was typed."""
    if request.method == "POST" and request.headers.get("HX-Request"):
        response["HX-Retarget"] = "#bloc-form"
        response["HX-Reselect"] = "#bloc-form"
        response["HX-Reswap"] = "outerHTML"
        # htmx swaps only successful answers: the conflict's 409 is said in the form.
        response.status_code = 200
    return response


def _editor(user, reader):
    """Who made a change, as told to `reader`: "vous" when it was them in another tab."""
    if user is None:
        return _("quelqu'un")
    if user == reader:
        return _("vous, dans un autre onglet ou une autre fenêtre")
    return user.get_full_name()


def _field_names(fields):
    return ", ".join(str(BLOC_FIELD_NAMES[field]) for field in fields)


def bloc_edit(request, slug, numero, bloc_id):
    session = get_session_for_planner(request, slug, numero)
    bloc = get_object_or_404(Bloc.objects.vivants().filter(jour__session=session), pk=bloc_id)
    form = BlocForm(request.POST or None, instance=bloc, transfo=session.transfo)
    conflict = None
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = Bloc.objects.select_for_update().get(pk=bloc.pk)
            theirs, mine = current.snapshot(), form.mine()
            previous_editor = current.updated_by
            if str(current.version) == str(form.cleaned_data.get("version")):
                merged, conflicts, kept = mine, [], []
            else:
                # Saved meanwhile: keep their changes to the fields this person left alone.
                merged, conflicts, kept = Bloc.merge(form.base_values(), mine, theirs)
            if not conflicts:
                current.apply(merged)
                current.version += 1
                current.updated_by = request.user
                current.save()
                current.animateurs.set(merged["animateurs"])
                session.touch(request.user)
        if not conflicts:
            text = _("Bloc « %(titre)s » enregistré.") % {"titre": current.titre}
            if kept and previous_editor == request.user:
                text += " " + _(
                    "Ce que vous aviez changé dans un autre onglet ou une autre fenêtre est "
                    "gardé : %(champs)s."
                ) % {"champs": _field_names(kept)}
            elif kept:
                text += " " + _(
                    "%(qui)s l'avait modifié entre-temps : ses changements sont gardés "
                    "(%(champs)s)."
                ) % {"qui": _editor(previous_editor, request.user), "champs": _field_names(kept)}
            messages.success(request, text)
            request.session[FOCUS_KEY] = {"bloc": current.pk, "control": "modifier"}
            return _back(session)
        # Both changed the same fields: the page shows both versions of each and asks which
        # to keep; the other fields already hold the merge, what was typed is all there.
        who = _editor(previous_editor, request.user)
        initial = {
            field: "" if merged[field] is None else merged[field] for field in Bloc.CONTENT_FIELDS
        }
        initial["version"] = current.version
        initial["base"] = sign_base(
            current,
            current.version,
            theirs,
            {
                f: (bloc_value_display(f, mine[f]), bloc_value_display(f, theirs[f]))
                for f in conflicts
            },
            str(who),
        )
        form = BlocForm(initial=initial, instance=current, transfo=session.transfo)
        conflict = {
            "same_person": previous_editor == request.user,
            "who": who,
            "fields": _field_names(conflicts),
            "kept": _field_names(kept),
        }
        bloc = current
    elif request.method == "POST":
        bloc = Bloc.objects.get(pk=bloc.pk)
    return _in_place(
        request,
        render(
            request,
            "collectivites/planner_bloc_form.html",
            {
                "transfo": session.transfo,
                "session": session,
                "day": bloc.jour,
                "bloc": bloc,
                "form": form,
                "conflict": conflict,
                "methode_durations": _methode_durations(),
            },
            status=409 if conflict else 200,
        ),
    )


@require_POST
def bloc_delete(request, slug, numero, bloc_id):
    session = get_session_for_planner(request, slug, numero)
    bloc = get_object_or_404(Bloc.objects.vivants().filter(jour__session=session), pk=bloc_id)
    if _stale(request, session):
        return _back(session)
    with transaction.atomic():
        Bloc.objects.filter(pk=bloc.pk).update(supprime_le=timezone.now(), updated_by=request.user)
        session.touch(request.user)
    # The undo notice takes the block's place in its day, and the focus.
    request.session[FOCUS_KEY] = {"bloc": bloc.pk, "control": "retablir"}
    messages.success(
        request,
        _("Bloc « %(titre)s » supprimé. Vous pouvez le rétablir pendant 15 minutes.")
        % {"titre": bloc.titre},
    )
    return _back(session)


@require_POST
def bloc_restore(request, slug, numero, bloc_id):
    session = get_session_for_planner(request, slug, numero)
    bloc = get_object_or_404(
        Bloc.objects.filter(jour__session=session, supprime_le__isnull=False), pk=bloc_id
    )
    with transaction.atomic():
        Bloc.objects.filter(pk=bloc.pk).update(supprime_le=None, updated_by=request.user)
        _place(bloc, bloc.jour, bloc.position)
        session.touch(request.user)
    request.session[FOCUS_KEY] = {"bloc": bloc.pk, "control": "modifier"}
    messages.success(request, _("Bloc « %(titre)s » rétabli.") % {"titre": bloc.titre})
    return _back(session)


@require_POST
def bloc_move(request, slug, numero, bloc_id):
    """Move a block: up/down within its day, to the previous/next day, or to a given place."""
    session = get_session_for_planner(request, slug, numero)
    bloc = get_object_or_404(
        Bloc.objects.vivants().filter(jour__session=session).select_related("jour"), pk=bloc_id
    )
    direction = request.POST.get("direction")
    if direction in FOCUS_ORDER:
        # Also after a refusal: the person finds the control where they left it.
        request.session[FOCUS_KEY] = {"bloc": bloc.pk, "control": direction}
    if _stale(request, session):
        return _back(session)
    days = list(session.jours.order_by("position", "pk"))
    day_index = next(i for i, d in enumerate(days) if d.pk == bloc.jour_id)
    siblings = list(
        bloc.jour.blocs.vivants().order_by("position", "pk").values_list("pk", flat=True)
    )
    index = siblings.index(bloc.pk)
    if direction == "haut":
        target_day, target_index = bloc.jour, max(0, index - 1)
    elif direction == "bas":
        target_day, target_index = bloc.jour, min(len(siblings) - 1, index + 1)
    elif direction in {"jour-precedent", "jour-suivant"}:
        step = -1 if direction == "jour-precedent" else 1
        if not 0 <= day_index + step < len(days):
            messages.info(request, _where(bloc, bloc.jour, None))
            return _back(session)
        target_day, target_index = days[day_index + step], None
    else:
        target_day = get_object_or_404(session.jours, pk=request.POST.get("jour"))
        try:
            target_index = max(0, int(request.POST.get("position", "")))
        except ValueError:
            target_index = None
    from_day, from_index = bloc.jour_id, index
    with transaction.atomic():
        _place(bloc, target_day, target_index)
        session.touch(request.user)
    bloc.refresh_from_db(fields=["jour", "position"])
    if bloc.jour_id != from_day:
        place = "day"
    else:
        place = "position" if bloc.position != from_index else None
    # Said in the planner's live region, as GOV.UK and Atlassian's accessible reordering do.
    (messages.success if place else messages.info)(request, _where(bloc, target_day, place))
    return _back(session)


def _where(bloc, day, moved="position"):
    """Where a block now is: "« Météo » déplacé en position 3 sur 6, Jour 1, de 09h15 à
    09h30"; `moved` is "position", "day" or None (it was already there)."""
    timed = day.timed_blocks()
    index = next(i for i, t in enumerate(timed) if t.bloc.pk == bloc.pk)
    place = {
        "titre": bloc.titre,
        "position": index + 1,
        "total": len(timed),
        "jour": day.numero,
        "debut": french_time(timed[index].debut),
        "fin": french_time(timed[index].fin),
    }
    if moved == "day":
        text = _(
            "« %(titre)s » déplacé au Jour %(jour)s, en position %(position)s sur %(total)s, "
            "de %(debut)s à %(fin)s."
        )
    elif moved:
        text = _(
            "« %(titre)s » déplacé en position %(position)s sur %(total)s, Jour %(jour)s, "
            "de %(debut)s à %(fin)s."
        )
    else:
        text = _("« %(titre)s » est déjà en position %(position)s sur %(total)s, Jour %(jour)s.")
    return text % place


def _place(bloc, day, index):
    """Put the block at `index` (None: at the end) of `day`, renumbering both days."""
    order = list(
        day.blocs.vivants()
        .exclude(pk=bloc.pk)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    index = len(order) if index is None else min(index, len(order))
    order.insert(index, bloc.pk)
    old_day_id = bloc.jour_id
    Bloc.objects.filter(pk=bloc.pk).update(jour=day)
    for position, pk in enumerate(order):
        Bloc.objects.filter(pk=pk).update(position=position)
    if old_day_id != day.pk:
        remaining = Bloc.objects.vivants().filter(jour_id=old_day_id).order_by("position", "pk")
        for position, pk in enumerate(remaining.values_list("pk", flat=True)):
            Bloc.objects.filter(pk=pk).update(position=position)
