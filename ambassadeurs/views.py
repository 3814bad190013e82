"""The carnet de bord: my entries, those shared with me, and the life of an entry."""

import secrets

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs import imports
from ambassadeurs.choices import VISIBILITE_EXPLICATIONS, StatutMembre, Visibilite
from ambassadeurs.exports import group_dataset
from ambassadeurs.filters import EntreeCarnetFilterSet, GroupeFilterSet
from ambassadeurs.forms import (
    DRAFT_FIELDS,
    DRAFT_MAX_LENGTH,
    EntreeCarnetForm,
    ImportGroupeForm,
    PieceJointeForm,
    ProfilForm,
    SortieForm,
    VisibiliteForm,
)
from ambassadeurs.imports import ImportFileError, apply, preview, read_dataset
from ambassadeurs.models import (
    NEW_ENTRY_KEY,
    SUPPRESSION_THRESHOLD,
    AmbassadeurProfile,
    Brouillon,
    EntreeCarnet,
    composition,
    day_reminder,
    days_to_write_about,
    group_members,
    group_transfo_ids,
    private_storage,
    reminder_blocs,
)
from collectivites.choices import StatutSession
from collectivites.models import Jour, Session, Transfo, forget_roles

# The draft key the next page tells the browser to forget (its local copy): set on save.
SAVED_DRAFT_SESSION_KEY = "carnet_brouillon_enregistre"


def get_entree_for_user(request, pk):
    """An entry the person may read, or 404 (the same answer whether it exists or not)."""
    return get_object_or_404(
        EntreeCarnet.objects.visible_to(request.user).select_related(
            "transfo", "session", "auteur"
        ),
        pk=pk,
    )


def get_entree_for_author(request, pk):
    """An entry the person may change: readable (else 404) and theirs (else 403)."""
    entree = get_entree_for_user(request, pk)
    if not rules.test_rule("ambassadeurs.change_entree", request.user, entree):
        raise PermissionDenied
    return entree


def carnet(request):
    entrees = (
        EntreeCarnet.objects.of_author(request.user)
        .select_related("transfo", "session")
        .annotate(nb_pieces=Count("pieces"))
        .order_by("-date", "-created_at", "-pk")
    )
    filterset = EntreeCarnetFilterSet(request.GET or None, queryset=entrees, request=request)
    page = Paginator(filterset.qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "ambassadeurs/carnet.html",
        {
            "filter": filterset,
            "page": page,
            "count": page.paginator.count,
            "prompts": days_to_write_about(request.user),
            "can_write": bool(group_transfo_ids(request.user)),
        },
    )


def partages(request):
    entrees = (
        EntreeCarnet.objects.shared_with(request.user)
        .select_related("transfo", "session", "auteur")
        .annotate(nb_pieces=Count("pieces"))
        .order_by("transfo__nom", "transfo_id", "-date", "-pk")
    )
    page = Paginator(entrees, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "ambassadeurs/partages.html",
        {"page": page, "count": page.paginator.count},
    )


def entree_detail(request, pk):
    entree = get_entree_for_user(request, pk)
    can_change = rules.test_rule("ambassadeurs.change_entree", request.user, entree)
    cleared = request.session.pop(SAVED_DRAFT_SESSION_KEY, "") if can_change else ""
    return render(
        request,
        "ambassadeurs/entree_detail.html",
        {
            "entree": entree,
            "pieces": list(entree.pieces.all()),
            "can_change": can_change,
            "cleared_draft": cleared,
            "explication": VISIBILITE_EXPLICATIONS[Visibilite(entree.visibilite)],
        },
    )


def _draft(user, key):
    return Brouillon.objects.filter(auteur=user, cle=key).first()


def _prompt_initial(request):
    """Initial values of a new entry written from a prompt (`?jour=`): the day's programme."""
    try:
        jour_id = int(request.GET.get("jour", ""))
    except ValueError:
        return {}
    sessions = (
        Session.objects.for_user(request.user)
        .filter(transfo_id__in=group_transfo_ids(request.user))
        .exclude(statut=StatutSession.BROUILLON)
    )
    jour = (
        Jour.objects.filter(session__in=sessions, pk=jour_id)
        .select_related("session")
        .prefetch_related(reminder_blocs())
        .first()
    )
    if jour is None:
        return {}
    return {
        "transfo": jour.session.transfo_id,
        "session": jour.session_id,
        "date": jour.date,
        "titre": _("Journée du %(date)s") % {"date": formats.date_format(jour.date, "j F Y")},
        "texte": day_reminder(jour),
    }


def _entry_form_page(request, *, entree=None):
    key = Brouillon.key_for(entree)
    draft = _draft(request.user, key)
    if request.method == "POST":
        form = EntreeCarnetForm(request.POST, instance=entree, user=request.user)
        if form.is_valid():
            with transaction.atomic():
                saved = form.save(commit=False)
                if entree is None:
                    saved.auteur = request.user
                saved.save()
                Brouillon.objects.filter(auteur=request.user, cle=key).delete()
            request.session[SAVED_DRAFT_SESSION_KEY] = key
            messages.success(request, _("Entrée enregistrée dans votre carnet."))
            return redirect(saved)
    elif draft is not None:
        form = EntreeCarnetForm(instance=entree, initial=draft.donnees, user=request.user)
    else:
        initial = _prompt_initial(request) if entree is None else {}
        form = EntreeCarnetForm(instance=entree, initial=initial, user=request.user)
    return render(
        request,
        "ambassadeurs/entree_form.html",
        {"form": form, "entree": entree, "draft": draft, "draft_key": key},
    )


def entree_create(request):
    if not group_transfo_ids(request.user):
        messages.info(
            request,
            _("Le carnet de bord s'ouvre aux membres d'une Transfo : vous n'en avez pas encore."),
        )
        return redirect("ambassadeurs:carnet")
    return _entry_form_page(request)


def entree_edit(request, pk):
    return _entry_form_page(request, entree=get_entree_for_author(request, pk))


def _entree_for_draft_key(request, key):
    if key == NEW_ENTRY_KEY:
        return None
    prefix, _sep, pk = key.partition("-")
    if prefix != "entree" or not pk.isdigit():
        raise Http404
    return get_entree_for_author(request, int(pk))


@require_POST
def brouillon_save(request):
    """Autosave of an entry form while typing: the draft is kept server-side per person."""
    key = request.POST.get("cle", "")
    _entree_for_draft_key(request, key)
    data = {name: request.POST.get(name, "")[:DRAFT_MAX_LENGTH] for name in DRAFT_FIELDS}
    draft, _created = Brouillon.objects.update_or_create(
        auteur=request.user, cle=key, defaults={"donnees": data}
    )
    saved_at = timezone.localtime(draft.updated_at)
    return JsonResponse(
        {
            "cle": key,
            "enregistre_le": saved_at.isoformat(),
            "message": _("Brouillon enregistré à %(time)s.")
            % {"time": formats.time_format(saved_at, "H\\hi")},
        }
    )


@require_POST
def brouillon_discard(request):
    key = request.POST.get("cle", "")
    entree = _entree_for_draft_key(request, key)
    Brouillon.objects.filter(auteur=request.user, cle=key).delete()
    request.session[SAVED_DRAFT_SESSION_KEY] = key
    messages.info(request, _("Brouillon abandonné."))
    if entree is None:
        return redirect("ambassadeurs:entree_create")
    return redirect("ambassadeurs:entree_edit", entree.pk)


def entree_delete(request, pk):
    entree = get_entree_for_author(request, pk)
    if request.method == "POST":
        with transaction.atomic():
            Brouillon.objects.filter(auteur=request.user, cle=Brouillon.key_for(entree)).delete()
            entree.delete()
        messages.success(request, _("Entrée supprimée, avec ses photos et sa vidéo."))
        return redirect("ambassadeurs:carnet")
    return render(request, "ambassadeurs/entree_confirm_delete.html", {"entree": entree})


def entree_visibilite(request, pk):
    """Change who may read an entry: choose, see who exactly will read it, confirm."""
    entree = get_entree_for_author(request, pk)
    form = VisibiliteForm(request.POST or None, initial={"visibilite": entree.visibilite})
    if request.method == "POST" and form.is_valid():
        choice = Visibilite(form.cleaned_data["visibilite"])
        if choice == entree.visibilite:
            messages.info(request, _("La visibilité de l'entrée n'a pas changé."))
            return redirect(entree)
        if request.POST.get("confirme") == "1":
            entree.set_visibilite(choice)
            messages.success(
                request,
                _("Visibilité changée : %(visibilite)s.") % {"visibilite": choice.label.lower()},
            )
            return redirect(entree)
        preview = EntreeCarnet(
            pk=entree.pk,
            auteur_id=entree.auteur_id,
            transfo_id=entree.transfo_id,
            visibilite=choice,
        )
        return render(
            request,
            "ambassadeurs/entree_visibilite_confirm.html",
            {
                "entree": entree,
                "choice": choice,
                "explication": VISIBILITE_EXPLICATIONS[choice],
                "lecteurs": preview.readers(),
            },
        )
    options = [
        (radio, VISIBILITE_EXPLICATIONS[radio.data["value"]]) for radio in form["visibilite"]
    ]
    return render(
        request,
        "ambassadeurs/entree_visibilite.html",
        {"entree": entree, "form": form, "options": options},
    )


def piece_add(request, pk):
    entree = get_entree_for_author(request, pk)
    form = PieceJointeForm(request.POST or None, request.FILES or None, entree=entree)
    if request.method == "POST" and form.is_valid():
        piece = form.save()
        messages.success(request, _("« %(nom)s » ajouté à l'entrée.") % {"nom": piece.nom})
        return redirect(entree)
    return render(request, "ambassadeurs/piece_form.html", {"entree": entree, "form": form})


def _get_piece(request, pk, piece_pk, *, author=False):
    entree = get_entree_for_author(request, pk) if author else get_entree_for_user(request, pk)
    return get_object_or_404(entree.pieces.select_related("entree"), pk=piece_pk)


def piece_download(request, pk, piece_pk):
    """A photo or video of an entry, only to those who may read the entry."""
    piece = _get_piece(request, pk, piece_pk)
    response = FileResponse(
        piece.fichier.open("rb"),
        as_attachment=request.GET.get("telecharger") == "1",
        filename=piece.nom,
        content_type=piece.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def piece_delete(request, pk, piece_pk):
    piece = _get_piece(request, pk, piece_pk, author=True)
    if request.method == "POST":
        piece.delete()
        messages.success(request, _("« %(nom)s » supprimé.") % {"nom": piece.nom})
        return redirect(piece.entree)
    return render(
        request, "ambassadeurs/piece_confirm_delete.html", {"entree": piece.entree, "piece": piece}
    )


# The group of a Transfo -----------------------------------------------------------------

IMPORT_SESSION_KEY = "import_groupe_{}"
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def get_transfo_for_group(request, slug, rule="ambassadeurs.view_group"):
    """A Transfo whose space the person may enter (else 404) and where `rule` holds (else 403)."""
    transfo = get_object_or_404(
        Transfo.objects.for_user(request.user).select_related("collectivite"), slug=slug
    )
    if not rules.test_rule(rule, request.user, transfo):
        raise PermissionDenied
    return transfo


def get_membre_for_user(request, slug, pk, rule="ambassadeurs.view_group_details"):
    """A member of the group (their participation, with user and profile), or 404; 403 unless
    `rule` holds, or (for reading) the person is looking at their own profile."""
    transfo = get_object_or_404(
        Transfo.objects.for_user(request.user).select_related("collectivite"), slug=slug
    )
    participation = get_object_or_404(
        group_members(transfo).select_related("user", "profil"), pk=pk
    )
    reading_own = rule == "ambassadeurs.view_group_details" and (
        participation.user_id == request.user.pk
    )
    if not (reading_own or rules.test_rule(rule, request.user, transfo)):
        raise PermissionDenied
    participation.transfo = transfo
    return participation


def _profil(participation):
    """The member's profile, a blank one (unsaved) when nobody filled it in yet."""
    profile = getattr(participation, "profil", None)
    return profile if profile is not None else AmbassadeurProfile(participation=participation)


def _group_filterset(request, transfo, details):
    members = (
        group_members(transfo).select_related("user", "profil").order_by("user__full_name", "pk")
    )
    return GroupeFilterSet(request.GET, queryset=members, details=details)


def _group_rights(user, transfo):
    return {
        "details": rules.test_rule("ambassadeurs.view_group_details", user, transfo),
        "genres": rules.test_rule("ambassadeurs.see_genres", user, transfo),
        "manage": rules.test_rule("ambassadeurs.manage_group", user, transfo),
    }


def groupe(request, slug):
    transfo = get_transfo_for_group(request, slug)
    rights = _group_rights(request.user, transfo)
    filterset = _group_filterset(request, transfo, rights["details"])
    membres = list(filterset.qs)
    for membre in membres:
        membre.infos = _profil(membre)
    return render(
        request,
        "ambassadeurs/groupe.html",
        {
            "transfo": transfo,
            "filter": filterset,
            "membres": membres,
            "sortis": filterset.form.cleaned_data.get("statut") != StatutMembre.ACTIFS,
            "export_query": request.GET.urlencode(),
            **rights,
        },
    )


def groupe_export(request, slug, format):
    transfo = get_transfo_for_group(request, slug)
    rights = _group_rights(request.user, transfo)
    filterset = _group_filterset(request, transfo, rights["details"])
    dataset = group_dataset(filterset.qs, details=rights["details"], genres=rights["genres"])
    content = dataset.export(format)
    if format == "csv":
        content = "\ufeff" + content  # a BOM, so that spreadsheets read the accents right
    response = HttpResponse(content, content_type=EXPORT_FORMATS[format])
    response["Content-Disposition"] = f'attachment; filename="groupe-{transfo.slug}.{format}"'
    response["Cache-Control"] = "private, no-store"
    return response


def groupe_composition(request, slug):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_group_details")
    return render(
        request,
        "ambassadeurs/groupe_composition.html",
        {
            "transfo": transfo,
            "composition": composition(group_members(transfo).actives()),
            "seuil": SUPPRESSION_THRESHOLD,
        },
    )


def membre_detail(request, slug, pk):
    participation = get_membre_for_user(request, slug, pk)
    transfo = participation.transfo
    rights = _group_rights(request.user, transfo)
    own = participation.user_id == request.user.pk
    return render(
        request,
        "ambassadeurs/membre_detail.html",
        {
            "transfo": transfo,
            "membre": participation,
            "profil": _profil(participation),
            "show_genre": rights["genres"] or own,
            "manage": rights["manage"],
        },
    )


def membre_edit(request, slug, pk):
    participation = get_membre_for_user(request, slug, pk, "ambassadeurs.manage_group")
    transfo = participation.transfo
    form = ProfilForm(
        request.POST or None,
        instance=_profil(participation),
        participation=participation,
        with_genre=rules.test_rule("ambassadeurs.see_genres", request.user, transfo),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Profil de %(nom)s enregistré.") % {"nom": participation.user})
        return redirect("groupe:membre_detail", transfo.slug, participation.pk)
    return render(
        request,
        "ambassadeurs/membre_form.html",
        {"transfo": transfo, "membre": participation, "form": form},
    )


def membre_sortie(request, slug, pk):
    """The ritualised exit: the date and the reason; the person stays in the history."""
    participation = get_membre_for_user(request, slug, pk, "ambassadeurs.manage_group")
    transfo = participation.transfo
    if not participation.active:
        messages.info(request, _("Cette personne a déjà quitté le groupe."))
        return redirect("groupe:membre_detail", transfo.slug, participation.pk)
    form = SortieForm(
        request.POST or None,
        initial={"date_sortie": timezone.localdate()},
        participation=participation,
    )
    if request.method == "POST" and form.is_valid():
        profile = _profil(participation)
        with transaction.atomic():
            profile.record_exit(
                form.cleaned_data["date_sortie"], form.cleaned_data["raison_sortie"]
            )
        forget_roles(participation.user)
        messages.success(
            request,
            _("La sortie de %(nom)s est enregistrée ; son parcours reste dans l'historique.")
            % {"nom": participation.user},
        )
        return redirect("groupe:groupe", transfo.slug)
    return render(
        request,
        "ambassadeurs/membre_sortie.html",
        {"transfo": transfo, "membre": participation, "form": form},
    )


def membre_retour(request, slug, pk):
    """Back in the group after an exit: confirm, then the participation is active again."""
    participation = get_membre_for_user(request, slug, pk, "ambassadeurs.manage_group")
    transfo = participation.transfo
    if participation.active:
        messages.info(request, _("Cette personne fait déjà partie du groupe."))
        return redirect("groupe:membre_detail", transfo.slug, participation.pk)
    if request.method == "POST":
        with transaction.atomic():
            _profil(participation).record_return()
        messages.success(
            request, _("%(nom)s fait de nouveau partie du groupe.") % {"nom": participation.user}
        )
        return redirect("groupe:membre_detail", transfo.slug, participation.pk)
    return render(
        request,
        "ambassadeurs/membre_retour.html",
        {"transfo": transfo, "membre": participation, "profil": _profil(participation)},
    )


def _stored_import(request, transfo):
    """The file uploaded for the preview, kept in the private storage: (content, extension)."""
    stored = request.session.get(IMPORT_SESSION_KEY.format(transfo.pk))
    if not stored or not private_storage().exists(stored["nom"]):
        return None
    with private_storage().open(stored["nom"], "rb") as handle:
        return stored, handle.read()


def _forget_import(request, transfo):
    stored = request.session.pop(IMPORT_SESSION_KEY.format(transfo.pk), None)
    if stored:
        private_storage().delete(stored["nom"])


def groupe_import(request, slug):
    """Upload a CSV or XLSX file of the group: it is kept server-side for the preview."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.manage_group")
    form = ImportGroupeForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["fichier"]
        _forget_import(request, transfo)
        name = private_storage().save(
            f"imports-groupe/{secrets.token_urlsafe(16)}{form.extension}", upload
        )
        request.session[IMPORT_SESSION_KEY.format(transfo.pk)] = {
            "nom": name,
            "fichier": upload.name[-200:],
            "extension": form.extension,
        }
        return redirect("groupe:import_preview", transfo.slug)
    return render(request, "ambassadeurs/groupe_import.html", {"transfo": transfo, "form": form})


def groupe_import_preview(request, slug):
    """The file's rows as they will be imported, with each row's errors; confirm imports."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.manage_group")
    stored = _stored_import(request, transfo)
    if stored is None:
        messages.info(request, _("Choisissez d'abord le fichier à importer."))
        return redirect("groupe:import", transfo.slug)
    info, content = stored
    try:
        dataset = read_dataset(content, info["extension"])
        if request.method == "POST" and request.POST.get("action") == "annuler":
            _forget_import(request, transfo)
            messages.info(request, _("Import annulé : rien n'a été importé."))
            return redirect("groupe:groupe", transfo.slug)
        if request.method == "POST":
            result = apply(dataset, transfo)
            if result.valid:
                _forget_import(request, transfo)
                messages.success(
                    request,
                    _(
                        "Groupe importé : %(new)s nouveau(x) compte(s), %(added)s ajout(s) au "
                        "groupe, %(updated)s mise(s) à jour, %(same)s inchangé(s). Aucune "
                        "invitation n'a été envoyée."
                    )
                    % {
                        "new": result.count(imports.NOUVEAU),
                        "added": result.count(imports.AJOUT),
                        "updated": result.count(imports.MISE_A_JOUR),
                        "same": result.count(imports.INCHANGE),
                    },
                )
                return redirect("groupe:groupe", transfo.slug)
        else:
            result = preview(dataset, transfo)
    except ImportFileError as error:
        _forget_import(request, transfo)
        messages.error(request, str(error))
        return redirect("groupe:import", transfo.slug)
    return render(
        request,
        "ambassadeurs/groupe_import_preview.html",
        {
            "transfo": transfo,
            "fichier": info["fichier"],
            "result": result,
            "columns": [
                (key, header)
                for key, header in result.columns
                if key != "genre"
                or rules.test_rule("ambassadeurs.see_genres", request.user, transfo)
            ],
        },
    )
