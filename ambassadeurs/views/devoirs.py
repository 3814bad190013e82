"""Devoirs between sessions: the list, a devoir, the answers and their files."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ambassadeurs.forms.devoirs import CommentaireForm, DevoirForm, ReponseDevoirForm
from ambassadeurs.models import (
    CommentaireDevoir,
    Devoir,
    ReponseDevoir,
    group_members,
)
from ambassadeurs.tasks import announce_devoir
from ambassadeurs.views.groupe import get_transfo_for_group
from collectivites.choices import FOLLOW_ROLES
from collectivites.models import transfo_ids
from transfo import outbox
from transfo.files import file_response


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
    follow = transfo.pk in transfo_ids(request.user, FOLLOW_ROLES)
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
            "can_post": request.user.has_perm("ambassadeurs.post_devoir", transfo),
            "can_answer": request.user.has_perm("ambassadeurs.answer_devoir", transfo),
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
        outbox.enqueue(announce_devoir, devoir.pk)
        messages.success(request, _("Devoir posté au groupe, qui en est prévenu par mail."))
        return redirect(devoir)
    return render(request, "ambassadeurs/devoir_form.html", {"transfo": transfo, "form": form})


def devoir_detail(request, slug, pk):
    """The instructions; an ambassadeur's own answer (form); for the résidents and the
    pilote, who answered and the answers."""
    devoir = get_devoir_for_user(request, slug, pk)
    transfo = devoir.transfo
    user = request.user
    can_answer = user.has_perm("ambassadeurs.answer_devoir", transfo)
    # Who answered, and the answers: for the résidents and the pilote only.
    follow = transfo.pk in transfo_ids(user, FOLLOW_ROLES)
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
    can_comment = request.user.has_perm("ambassadeurs.comment_reponse", transfo)
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
