"""The carnet de bord: my entries, those shared with me, and the life of an entry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs.choices import (
    VISIBILITE_EXPLICATIONS,
    Visibilite,
)
from ambassadeurs.filters import EntreeCarnetFilterSet
from ambassadeurs.forms.carnet import (
    DRAFT_FIELDS,
    DRAFT_MAX_LENGTH,
    EntreeCarnetForm,
    PieceJointeForm,
    VisibiliteForm,
)
from ambassadeurs.models import (
    NEW_ENTRY_KEY,
    Bilan,
    Brouillon,
    EntreeCarnet,
    LectureEntree,
    day_reminder,
    days_to_write_about,
    reminder_blocs,
)
from collectivites.choices import GROUP_ROLES, StatutSession
from collectivites.models import Jour, Session, transfo_ids
from transfo import audit
from transfo.audit import AuditAction
from transfo.dates import french_date, french_time
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
    if not request.user.has_perm("ambassadeurs.change_entree", entree):
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
            "can_write": bool(transfo_ids(request.user, GROUP_ROLES)),
        },
    )


def partages(request):
    entrees = (
        EntreeCarnet.objects.shared_with(request.user)
        .select_related("transfo", "session", "auteur")
        .annotate(
            nb_pieces=Count("pieces"),
            lue=Exists(
                LectureEntree.objects.filter(entree=OuterRef("pk"), lecteur_id=request.user.pk)
            ),
        )
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
    if entree.auteur_id != request.user.pk:
        LectureEntree.objects.get_or_create(entree=entree, lecteur=request.user)
    can_change = request.user.has_perm("ambassadeurs.change_entree", entree)
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
        .filter(transfo_id__in=transfo_ids(request.user, GROUP_ROLES))
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
        "titre": _("Journée du %(date)s") % {"date": french_date(jour.date)},
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
    if not transfo_ids(request.user, GROUP_ROLES):
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
            "message": _("Brouillon enregistré à %(time)s.") % {"time": french_time(saved_at)},
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
