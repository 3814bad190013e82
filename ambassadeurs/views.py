"""The carnet de bord: my entries, those shared with me, and the life of an entry."""

import secrets

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs import imports
from ambassadeurs.choices import (
    VISIBILITE_EXPLICATIONS,
    ActionLienN1,
    MomentMeteo,
    PartieCharte,
    StatutMembre,
    Visibilite,
)
from ambassadeurs.exports import group_dataset
from ambassadeurs.filters import EntreeCarnetFilterSet, GroupeFilterSet
from ambassadeurs.forms import (
    DRAFT_FIELDS,
    DRAFT_MAX_LENGTH,
    CommentaireForm,
    DenonciationForm,
    DevoirForm,
    EntreeCarnetForm,
    ImportGroupeForm,
    MeteoForm,
    PieceJointeForm,
    ProfilForm,
    ReponseDevoirForm,
    SignatureForm,
    SortieForm,
    TexteCharteForm,
    VisibiliteForm,
)
from ambassadeurs.imports import ImportFileError, apply, preview, read_dataset
from ambassadeurs.models import (
    NEW_ENTRY_KEY,
    SUPPRESSION_THRESHOLD,
    AmbassadeurProfile,
    Bilan,
    Brouillon,
    Charte,
    CommentaireDevoir,
    Devoir,
    EntreeCarnet,
    LienN1,
    Meteo,
    Presence,
    ReponseDevoir,
    SignatureCharte,
    TexteCharte,
    composition,
    day_reminder,
    days_to_write_about,
    followed_transfo_ids,
    group_members,
    group_transfo_ids,
    jour_saisissable,
    private_storage,
    reminder_blocs,
    signatures_prefetch,
)
from collectivites.choices import CERCLE_ROLES, StatutSession
from collectivites.models import Jour, Session, forget_roles
from collectivites.shortcuts import get_transfo_for_user
from transfo import audit, exports
from transfo.audit import AuditAction
from transfo.files import file_response

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
            "bilans": Bilan.objects.to_answer(request.user),
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
    entree = _entree_for_draft_key(request, key)
    if entree is not None:
        key = Brouillon.key_for(entree)  # "entree-01" is the draft of entry 1, once
    if any(len(request.POST.get(name, "")) > DRAFT_MAX_LENGTH for name in DRAFT_FIELDS):
        # Never cut: the page keeps the whole text on the device and says why.
        message = _(
            "Brouillon trop long pour être gardé sur le serveur (%(max)s caractères au plus) : "
            "votre texte reste sur cet appareil ; raccourcissez-le pour l'enregistrer."
        ) % {"max": formats.number_format(DRAFT_MAX_LENGTH, force_grouping=True)}
        return JsonResponse({"cle": key, "message": message}, status=413)
    data = {name: request.POST.get(name, "") for name in DRAFT_FIELDS}
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
            before = entree.visibilite
            entree.set_visibilite(choice)
            audit.record(request, AuditAction.VISIBILITE, entree, detail=f"{before} → {choice}")
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
    return file_response(
        piece.fichier,
        filename=piece.nom,
        content_type=piece.content_type,
        attachment=request.GET.get("telecharger") == "1",
    )


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


def get_transfo_for_group(request, slug, rule="ambassadeurs.view_group"):
    """A Transfo whose space the person may enter (else 404) and where `rule` holds (else 403)."""
    transfo = get_transfo_for_user(request, slug)
    if not rules.test_rule(rule, request.user, transfo):
        raise PermissionDenied
    return transfo


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
                genres=rules.test_rule("ambassadeurs.see_genres", request.user, transfo),
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
    genres = rules.test_rule("ambassadeurs.see_genres", request.user, transfo)
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


# The charte d'engagement tripartite -----------------------------------------------------


def get_charte_for_user(request, slug, pk):
    """The charter of a member of the group (by participation), with its signatures: for the
    member themselves and those who follow the group; 404 for anyone else."""
    transfo = get_transfo_for_user(request, slug)
    profil = get_object_or_404(
        AmbassadeurProfile.objects.select_related("participation__user").filter(
            participation__transfo=transfo, participation__role__in=CERCLE_ROLES
        ),
        participation_id=pk,
    )
    profil.participation.transfo = transfo
    if not rules.test_rule("ambassadeurs.view_charte", request.user, Charte(profil=profil)):
        raise Http404
    charte = Charte.objects.prefetch_related(signatures_prefetch()).filter(profil=profil).first()
    if charte is None:
        charte = Charte.of_profil(profil)
    charte.profil = profil
    return charte


def _parties(charte):
    """[(partie, its last signature or None)] in the charter's order."""
    return list(charte.etats().items())


def charte_list(request, slug):
    """Every active member of the group and where their charter stands: who has not signed."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.follow_group")
    membres = list(
        group_members(transfo)
        .actives()
        .select_related("user", "profil__charte")
        .prefetch_related(
            Prefetch(
                "profil__charte__signatures",
                queryset=SignatureCharte.objects.order_by("signee_le", "pk"),
            )
        )
        .order_by("user__full_name", "pk")
    )
    rows = []
    for membre in membres:
        profil = getattr(membre, "profil", None)
        charte = getattr(profil, "charte", None) if profil is not None else None
        etats = charte.etats() if charte is not None else dict.fromkeys(PartieCharte)
        rows.append((membre, profil, list(etats.values())))
    incomplete = sum(
        1 for _m, profil, etats in rows if any(s is None or not s.active for s in etats)
    )
    return render(
        request,
        "ambassadeurs/charte_list.html",
        {
            "transfo": transfo,
            "rows": rows,
            "parties": list(PartieCharte),
            "incomplete": incomplete,
            "texte": TexteCharte.current(transfo),
        },
    )


def charte_mine(request, slug):
    """The person's own charter in the Transfo."""
    transfo = get_transfo_for_user(request, slug)
    participation = group_members(transfo).filter(profil__isnull=False, user=request.user).first()
    if participation is None:
        messages.info(
            request,
            _(
                "Votre charte d'engagement sera prête quand le pilote interne aura complété "
                "votre profil (avec votre N+1)."
            ),
        )
        return redirect(transfo.get_espace_url())
    return redirect("chartes:detail", transfo.slug, participation.pk)


def charte_texte(request, slug):
    """Edit the charter's text of the Transfo: each change is saved as a new version."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.follow_group")
    current = TexteCharte.current(transfo)
    form = TexteCharteForm(request.POST or None, initial={"texte": current.texte})
    if request.method == "POST" and form.is_valid():
        texte, created = TexteCharte.revise(transfo, form.cleaned_data["texte"], request.user)
        if created:
            messages.success(
                request,
                _("Texte de la charte enregistré : version %(v)s.") % {"v": texte.version},
            )
        else:
            messages.info(request, _("Le texte n'a pas changé : pas de nouvelle version."))
        return redirect("chartes:list", transfo.slug)
    return render(
        request,
        "ambassadeurs/charte_texte.html",
        {
            "transfo": transfo,
            "form": form,
            "en_vigueur": current,
            "versions": TexteCharte.objects.of_transfo(transfo).select_related("auteur"),
        },
    )


def _charte_rights(user, charte):
    transfo = charte.profil.participation.transfo
    return {
        "holder": rules.test_rule("ambassadeurs.sign_as_ambassadeur", user, charte),
        "labo": rules.test_rule("ambassadeurs.sign_for_labo", user, transfo),
        "follow": rules.test_rule("ambassadeurs.follow_group", user, transfo),
    }


def charte_detail(request, slug, pk, *, denounce_form=None, status=200):
    charte = get_charte_for_user(request, slug, pk)
    transfo = charte.profil.participation.transfo
    return render(
        request,
        "ambassadeurs/charte_detail.html",
        {
            "transfo": transfo,
            "charte": charte,
            "membre": charte.profil.participation,
            "texte": TexteCharte.current(transfo),
            "parties": _parties(charte),
            "sign_form": SignatureForm(),
            "denounce_form": denounce_form or DenonciationForm(),
            "denounce_partie": request.POST.get("partie") if denounce_form else None,
            "n1_signed": charte.active_signature(PartieCharte.N1) is not None,
            **_charte_rights(request.user, charte),
        },
        status=status,
    )


def _partie_allowed(user, charte, partie):
    """May the person sign or denounce for this party? (The N+1 acts only through a link.)"""
    rights = _charte_rights(user, charte)
    if partie == PartieCharte.AMBASSADEUR:
        return rights["holder"]
    if partie == PartieCharte.LABO:
        return rights["labo"]
    return False


def _partie_from(request):
    try:
        return PartieCharte(request.POST.get("partie", ""))
    except ValueError:
        raise Http404 from None


@require_POST
def charte_sign(request, slug, pk):
    charte = get_charte_for_user(request, slug, pk)
    partie = _partie_from(request)
    if not _partie_allowed(request.user, charte, partie):
        raise PermissionDenied
    form = SignatureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cochez la case « J'ai lu la charte » pour signer."))
    elif charte.sign(partie, nom=request.user.get_full_name(), user=request.user):
        messages.success(request, _("Charte signée : %(partie)s.") % {"partie": partie.label})
    else:
        messages.info(request, _("Cette partie a déjà signé la charte."))
    return redirect("chartes:detail", slug, pk)


@require_POST
def charte_denounce(request, slug, pk):
    charte = get_charte_for_user(request, slug, pk)
    partie = _partie_from(request)
    if not _partie_allowed(request.user, charte, partie):
        raise PermissionDenied
    form = DenonciationForm(request.POST)
    if not form.is_valid():
        # Nothing is denounced on a refused motif; the page comes back with what was typed.
        return charte_detail(request, slug, pk, denounce_form=form, status=400)
    if charte.denounce(partie, motif=form.cleaned_data["motif"], user=request.user):
        messages.success(request, _("Charte dénoncée : %(partie)s.") % {"partie": partie.label})
    else:
        messages.info(request, _("Il n'y a pas de signature en vigueur à dénoncer."))
    return redirect("chartes:detail", slug, pk)


@require_POST
def charte_send_n1_link(request, slug, pk):
    """Mail the N+1 a one-time link: to sign, or to denounce once signed."""
    charte = get_charte_for_user(request, slug, pk)
    rights = _charte_rights(request.user, charte)
    if not (rights["holder"] or rights["follow"]):
        raise PermissionDenied
    if not charte.profil.n1_email:
        messages.error(
            request,
            _("L'adresse e-mail du N+1 manque au profil : le pilote interne peut la renseigner."),
        )
        return redirect("chartes:detail", slug, pk)
    signed = charte.active_signature(PartieCharte.N1) is not None
    if not charte.send_n1_link(ActionLienN1.DENONCER if signed else ActionLienN1.SIGNER):
        messages.warning(
            request,
            _(
                "Un lien est parti il y a moins de dix minutes : que le N+1 regarde sa boîte "
                "(et ses indésirables) avant d'en demander un autre."
            ),
        )
        return redirect("chartes:detail", slug, pk)
    messages.success(
        request,
        _("Un lien à usage unique part à %(email)s.") % {"email": charte.profil.n1_email},
    )
    return redirect("chartes:detail", slug, pk)


@login_not_required
def charte_n1(request, pk, token):
    """The N+1's page, reached without an account through a one-time link: the charter's
    text, the ambassadeur's name and where each party stands, and nothing else."""
    response = _charte_n1_page(request, pk, token)
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _charte_n1_page(request, pk, token):
    link = LienN1.find(pk, token)
    if link is None:
        return render(request, "ambassadeurs/charte_n1_invalide.html", status=404)
    charte = Charte.objects.prefetch_related(signatures_prefetch()).get(pk=link.charte_id)
    profil = link.charte.profil
    form_class = DenonciationForm if link.action == ActionLienN1.DENONCER else SignatureForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not link.use():
            return render(request, "ambassadeurs/charte_n1_invalide.html", status=404)
        charte.profil = profil
        if link.action == ActionLienN1.DENONCER:
            charte.denounce(PartieCharte.N1, motif=form.cleaned_data["motif"])
            done = _("Vous avez dénoncé la charte. Merci de l'avoir dit aux autres parties.")
        else:
            charte.sign(PartieCharte.N1, nom=profil.n1_nom or profil.n1_email)
            done = _("Merci : vous avez signé la charte.")
        charte = Charte.objects.prefetch_related(signatures_prefetch()).get(pk=charte.pk)
        return render(
            request,
            "ambassadeurs/charte_n1.html",
            {
                "ambassadeur": profil.participation.user.get_full_name(),
                "texte": TexteCharte.current(profil.participation.transfo),
                "parties": _parties(charte),
                "done": done,
            },
        )
    return render(
        request,
        "ambassadeurs/charte_n1.html",
        {
            "ambassadeur": profil.participation.user.get_full_name(),
            "texte": TexteCharte.current(profil.participation.transfo),
            "parties": _parties(charte),
            "form": form,
            "action": ActionLienN1(link.action),
        },
    )


# Attendance and météo -------------------------------------------------------------------

CURVE_WIDTH, CURVE_HEIGHT, CURVE_PAD = 640, 260, 48


def attendance_curve(taux):
    """The coordinates of the attendance curve (sessions × presence rate) for the SVG."""
    inner_w, inner_h = CURVE_WIDTH - 2 * CURVE_PAD, CURVE_HEIGHT - 2 * CURVE_PAD
    step = inner_w / (len(taux) - 1) if len(taux) > 1 else 0
    points = [
        {
            "x": round(CURVE_PAD + (index * step if step else inner_w / 2), 1),
            "y": round(CURVE_PAD + (100 - t.taux) * inner_h / 100, 1),
            "taux": t,
        }
        for index, t in enumerate(taux)
    ]
    return {
        "width": CURVE_WIDTH,
        "height": CURVE_HEIGHT,
        "points": points,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "grid": [
            {"y": round(CURVE_PAD + (100 - level) * inner_h / 100, 1), "label": level}
            for level in (0, 25, 50, 75, 100)
        ],
        "left": CURVE_PAD,
        "right": CURVE_WIDTH - CURVE_PAD,
        "bottom": CURVE_HEIGHT - CURVE_PAD + 18,
    }


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
            "courbe": attendance_curve(taux),
            "rows": rows,
            "a_relancer": [m for m, s in rows if s is not None and s.a_relancer],
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
    forms = []
    for jour in session.jours.order_by("position", "pk"):
        for moment in MomentMeteo:
            meteo = mine.get((jour.pk, moment))
            initial = {"note": meteo.note, "mot": meteo.mot} if meteo else {}
            label = _("Jour %(n)s — %(moment)s") % {"n": jour.numero, "moment": moment.label}
            prefix = f"meteo-{jour.pk}-{moment}"
            forms.append((jour, moment, label, MeteoForm(data, prefix=prefix, initial=initial)))
    if data is not None and all(form.is_valid() for *_rest, form in forms):
        with transaction.atomic():
            for jour, moment, _label, form in forms:
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
    jour = get_object_or_404(session.jours.all(), pk=jour_id)
    membres = list(group_members(session.transfo).actives().select_related("user"))
    membre = next((m for m in membres if m.pk == int(membre_id)), None)
    if membre is None:
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


# Devoirs (between sessions) -------------------------------------------------------------


def get_devoir_for_user(request, slug, pk):
    """A devoir of a Transfo whose group the person belongs to (or coordinates), or 404."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_devoirs")
    devoir = get_object_or_404(
        Devoir.objects.for_user(request.user).filter(transfo=transfo).select_related("auteur"),
        pk=pk,
    )
    devoir.transfo = transfo
    return devoir


def get_reponse_for_user(request, slug, pk, reponse_pk):
    """An answer the person may read (their own; all for résidents and the pilote), or 404."""
    devoir = get_devoir_for_user(request, slug, pk)
    reponse = get_object_or_404(
        ReponseDevoir.objects.visible_to(request.user)
        .filter(devoir=devoir)
        .select_related("auteur"),
        pk=reponse_pk,
    )
    reponse.devoir = devoir
    return reponse


def devoirs(request, slug):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_devoirs")
    # The number of answers, like the answers, for the résidents and the pilote only.
    follow = transfo.pk in followed_transfo_ids(request.user)
    items = (
        Devoir.objects.for_user(request.user)
        .filter(transfo=transfo)
        .annotate(
            nb_reponses=Count("reponses", distinct=True),
            ma_reponse=Count("reponses", filter=Q(reponses__auteur=request.user), distinct=True),
        )
        .order_by("-echeance", "-pk")
    )
    return render(
        request,
        "ambassadeurs/devoirs.html",
        {
            "transfo": transfo,
            "devoirs": items,
            "follow": follow,
            "can_post": rules.test_rule("ambassadeurs.post_devoir", request.user, transfo),
            "can_answer": rules.test_rule("ambassadeurs.answer_devoir", request.user, transfo),
        },
    )


def devoir_create(request, slug):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.post_devoir")
    form = DevoirForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        devoir = form.save(commit=False)
        devoir.transfo = transfo
        devoir.auteur = request.user
        form.attach(devoir)
        devoir.save()
        messages.success(request, _("Devoir posté au groupe."))
        return redirect(devoir)
    return render(request, "ambassadeurs/devoir_form.html", {"transfo": transfo, "form": form})


def devoir_detail(request, slug, pk):
    """The instructions; an ambassadeur's own answer (form); for the résidents and the
    pilote, who answered and the answers."""
    devoir = get_devoir_for_user(request, slug, pk)
    transfo = devoir.transfo
    user = request.user
    can_answer = rules.test_rule("ambassadeurs.answer_devoir", user, transfo)
    # Who answered, and the answers: for the résidents and the pilote only.
    follow = transfo.pk in followed_transfo_ids(user)
    mine = devoir.reponses.filter(auteur=user).first() if can_answer else None
    form = None
    if can_answer:
        form = ReponseDevoirForm(request.POST or None, request.FILES or None, instance=mine)
        if request.method == "POST" and form.is_valid():
            reponse = form.save(commit=False)
            reponse.devoir = devoir
            reponse.auteur = user
            form.attach(reponse)
            reponse.save()
            messages.success(
                request, _("Réponse enregistrée : seul·es les résident·es et le pilote la liront.")
            )
            return redirect(devoir)
    elif request.method == "POST":
        raise PermissionDenied
    suivi = None
    if follow:
        answers = {
            r.auteur_id: r
            for r in ReponseDevoir.objects.visible_to(user)
            .filter(devoir=devoir)
            .annotate(nb_commentaires=Count("commentaires"))
        }
        suivi = [
            (p, answers.get(p.user_id))
            for p in group_members(transfo)
            .actives()
            .select_related("user")
            .order_by("user__full_name", "pk")
        ]
    return render(
        request,
        "ambassadeurs/devoir_detail.html",
        {"transfo": transfo, "devoir": devoir, "form": form, "mine": mine, "suivi": suivi},
    )


def devoir_fichier(request, slug, pk):
    devoir = get_devoir_for_user(request, slug, pk)
    if not devoir.fichier:
        raise Http404
    return file_response(
        devoir.fichier, filename=devoir.nom_fichier, content_type=devoir.content_type
    )


def reponse_detail(request, slug, pk, reponse_pk):
    """An answer with its comments; résidents comment it."""
    reponse = get_reponse_for_user(request, slug, pk, reponse_pk)
    transfo = reponse.devoir.transfo
    can_comment = rules.test_rule("ambassadeurs.comment_reponse", request.user, transfo)
    form = CommentaireForm(request.POST or None) if can_comment else None
    if request.method == "POST":
        if not can_comment:
            raise PermissionDenied
        if form.is_valid():
            CommentaireDevoir.objects.create(
                reponse=reponse, auteur=request.user, texte=form.cleaned_data["texte"]
            )
            messages.success(request, _("Commentaire ajouté."))
            return redirect(reponse)
    return render(
        request,
        "ambassadeurs/reponse_detail.html",
        {
            "transfo": transfo,
            "devoir": reponse.devoir,
            "reponse": reponse,
            "commentaires": reponse.commentaires.select_related("auteur"),
            "form": form,
        },
    )


def reponse_fichier(request, slug, pk, reponse_pk):
    reponse = get_reponse_for_user(request, slug, pk, reponse_pk)
    if not reponse.fichier:
        raise Http404
    return file_response(
        reponse.fichier, filename=reponse.nom_fichier, content_type=reponse.content_type
    )
