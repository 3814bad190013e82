"""The group of a Transfo: its ambassadeurs and relais, their profiles, entries and exits,
its composition, and the CSV/XLSX import and export kept by the pilote interne."""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ambassadeurs import imports
from ambassadeurs.choices import StatutMembre
from ambassadeurs.exports import group_dataset
from ambassadeurs.filters import GroupeFilterSet
from ambassadeurs.forms.groupe import ImportGroupeForm, ProfilForm, SortieForm
from ambassadeurs.imports import ImportFileError, apply, preview, read_dataset
from ambassadeurs.models import (
    SUPPRESSION_THRESHOLD,
    AmbassadeurProfile,
    composition,
    group_members,
)
from collectivites.models import forget_roles
from collectivites.shortcuts import get_transfo_for_user
from transfo import audit, exports
from transfo.audit import AuditAction
from transfo.storage import private_storage

IMPORT_SESSION_KEY = "import_groupe_{}"


def get_transfo_for_group(request, slug, rule="ambassadeurs.view_group"):
    """A Transfo whose space the person may enter (else 404) and where `rule` holds (else 403)."""
    return get_transfo_for_user(request, slug, perm=rule)


def get_membre_for_user(request, slug, pk, rule="ambassadeurs.view_group_details"):
    """A member of the group (their participation, with user and profile), or 404; 403 unless
    `rule` holds, or (for reading) the person is looking at their own profile."""
    transfo = get_transfo_for_user(request, slug)
    participation = get_object_or_404(
        group_members(transfo).select_related("user", "profil"), pk=pk
    )
    reading_own = rule == "ambassadeurs.view_group_details" and (
        participation.user_id == request.user.pk
    )
    if not (reading_own or request.user.has_perm(rule, transfo)):
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
        "details": user.has_perm("ambassadeurs.view_group_details", transfo),
        "genres": user.has_perm("ambassadeurs.see_genres", transfo),
        "manage": user.has_perm("ambassadeurs.manage_group", transfo),
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
    audit.record(request, AuditAction.EXPORT, transfo, detail=f"groupe.{format}")
    return exports.dataset_response(
        dataset, format=format, filename=f"groupe-{transfo.slug}.{format}"
    )


def groupe_composition(request, slug):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_group_details")
    return render(
        request,
        "ambassadeurs/groupe_composition.html",
        {
            "transfo": transfo,
            "composition": composition(
                group_members(transfo).actives(),
                genres=request.user.has_perm("ambassadeurs.see_genres", transfo),
            ),
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
        with_genre=request.user.has_perm("ambassadeurs.see_genres", transfo),
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
    genres = request.user.has_perm("ambassadeurs.see_genres", transfo)
    try:
        dataset = read_dataset(content, info["extension"])
        if request.method == "POST" and request.POST.get("action") == "annuler":
            _forget_import(request, transfo)
            messages.info(request, _("Import annulé : rien n'a été importé."))
            return redirect("groupe:groupe", transfo.slug)
        if request.method == "POST":
            result = apply(dataset, transfo, request.user, genres=genres)
            if result.valid:
                _forget_import(request, transfo)
                messages.success(
                    request,
                    _(
                        "Groupe importé : %(invited)s invitation(s) envoyée(s), %(pending)s "
                        "invitation(s) en attente mise(s) à jour, %(updated)s membre(s) mis à "
                        "jour, %(same)s inchangé(s)."
                    )
                    % {
                        "invited": result.count(imports.INVITATION),
                        "pending": result.count(imports.INVITATION_MISE_A_JOUR),
                        "updated": result.count(imports.MISE_A_JOUR),
                        "same": result.count(imports.INCHANGE)
                        + result.count(imports.INVITATION_INCHANGEE),
                    },
                )
                return redirect("groupe:groupe", transfo.slug)
        else:
            result = preview(dataset, transfo, genres=genres)
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
            "columns": result.columns,
        },
    )
