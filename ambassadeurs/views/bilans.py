"""Bilans of a Transfo: the campaigns, a person's personal bilan, the group's collective one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs.choices import (
    BILAN_VISIBILITE_EXPLICATIONS,
    StatutBilan,
    TypeBilan,
    Visibilite,
)
from ambassadeurs.forms.bilans import (
    BilanForm,
    ReponseCollectiveForm,
    ReponsesBilanForm,
    VisibiliteBilanForm,
)
from ambassadeurs.models import (
    Bilan,
    BilanPersonnel,
    QuestionBilan,
    ReponseCollective,
    StaleReponse,
    group_members,
)
from ambassadeurs.tasks import announce_bilan
from ambassadeurs.views.groupe import get_transfo_for_group
from transfo import audit, outbox
from transfo.audit import AuditAction
from transfo.dates import french_date, french_time

# The draft the next page tells the browser to forget (its local copy): set on save.
SAVED_BILAN_SESSION_KEY = "bilan_brouillon_enregistre"


def get_bilan_for_user(request, slug, pk):
    """A campaign of a Transfo whose group the person belongs to (or coordinates), or 404."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_bilans")
    bilan = get_object_or_404(
        Bilan.objects.for_user(request.user)
        .filter(transfo=transfo)
        .select_related("cas_pratique", "created_by"),
        pk=pk,
    )
    bilan.transfo = transfo
    return bilan


def get_copie_for_user(request, slug, pk, copie_pk):
    """A personal bilan the person may read (their own; others' as shared), or 404."""
    bilan = get_bilan_for_user(request, slug, pk)
    copie = get_object_or_404(
        BilanPersonnel.objects.visible_to(request.user)
        .filter(bilan=bilan)
        .select_related("auteur"),
        pk=copie_pk,
    )
    copie.bilan = bilan
    return copie


def get_copie_for_author(request, slug, pk, copie_pk):
    """A personal bilan the person may change: readable (else 404) and theirs (else 403)."""
    copie = get_copie_for_user(request, slug, pk, copie_pk)
    if not request.user.has_perm("ambassadeurs.change_bilan_personnel", copie):
        raise PermissionDenied
    return copie


def _closed_message(request, bilan):
    if bilan.etat() == "a_venir":
        messages.info(
            request,
            _("Ce bilan ouvre le %(date)s : vous pourrez y répondre à partir de ce jour.")
            % {"date": french_date(bilan.ouverture)},
        )
    else:
        messages.info(request, _("Ce bilan est clos : les réponses ne peuvent plus changer."))


def bilans(request, slug):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_bilans")
    user = request.user
    follow = user.has_perm("ambassadeurs.follow_group", transfo)
    mine = BilanPersonnel.objects.filter(bilan=OuterRef("pk"), auteur=user)
    items = (
        Bilan.objects.for_user(user)
        .filter(transfo=transfo)
        .select_related("cas_pratique")
        .annotate(
            nb_deposes=Count("copies", filter=Q(copies__statut=StatutBilan.DEPOSE)),
            mon_statut=Subquery(mine.values("statut")[:1]),
        )
        .order_by("-ouverture", "-pk")
    )
    return render(
        request,
        "ambassadeurs/bilans.html",
        {
            "transfo": transfo,
            "bilans": items,
            "follow": follow,
            "nb_membres": group_members(transfo).actives().count() if follow else None,
            "can_manage": user.has_perm("ambassadeurs.manage_bilans", transfo),
            "can_answer": user.has_perm("ambassadeurs.answer_bilan", transfo),
        },
    )


def bilan_create(request, slug):
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.manage_bilans")
    form = BilanForm(request.POST or None, transfo=transfo)
    if request.method == "POST" and form.is_valid():
        bilan = form.save(commit=False)
        bilan.transfo = transfo
        bilan.created_by = request.user
        bilan.save()
        bilan.set_questions(form.cleaned_data["questions"])
        outbox.enqueue(announce_bilan, bilan.pk)
        messages.success(request, _("Bilan ouvert au groupe, qui en est prévenu par mail."))
        return redirect(bilan)
    return render(
        request,
        "ambassadeurs/bilan_form.html",
        {"transfo": transfo, "form": form, "bilan": None},
        status=400 if form.is_bound else 200,
    )


def bilan_edit(request, slug, pk):
    bilan = get_bilan_for_user(request, slug, pk)
    if not request.user.has_perm("ambassadeurs.manage_bilans", bilan.transfo):
        raise PermissionDenied
    form = BilanForm(request.POST or None, instance=bilan, transfo=bilan.transfo)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Bilan modifié."))
        return redirect(bilan)
    return render(
        request,
        "ambassadeurs/bilan_form.html",
        {"transfo": bilan.transfo, "form": form, "bilan": bilan},
        status=400 if form.is_bound else 200,
    )


def _suivi(bilan, readable_ids):
    """[(membre, their personal bilan or None, readable by me)] of the active cercle: names
    and status only (2 queries)."""
    copies = {c.auteur_id: c for c in bilan.copies.all()}
    for copie in copies.values():
        copie.bilan = bilan
    rows = []
    for membre in (
        group_members(bilan.transfo)
        .actives()
        .select_related("user")
        .order_by("user__full_name", "pk")
    ):
        copie = copies.get(membre.user_id)
        rows.append((membre, copie, copie is not None and copie.pk in readable_ids))
    return rows


def bilan_detail(request, slug, pk):
    """A campaign: its questions; for a personal bilan, mine, those shared with me and (for
    those who follow the group) who answered; for a collective one, the group's answers."""
    bilan = get_bilan_for_user(request, slug, pk)
    transfo, user = bilan.transfo, request.user
    context = {
        "transfo": transfo,
        "bilan": bilan,
        "etat": bilan.etat(),
        "can_manage": user.has_perm("ambassadeurs.manage_bilans", transfo),
    }
    if bilan.is_personal:
        can_answer = user.has_perm("ambassadeurs.answer_bilan", transfo)
        ma_copie = bilan.copies.filter(auteur=user).first() if can_answer else None
        if ma_copie is not None:
            ma_copie.bilan = bilan
        shared = list(
            BilanPersonnel.objects.visible_to(user)
            .filter(bilan=bilan)
            .exclude(auteur=user)
            .select_related("auteur")
            .order_by("auteur__full_name", "pk")
        )
        for copie in shared:
            copie.bilan = bilan
        follow = user.has_perm("ambassadeurs.follow_group", transfo)
        context.update(
            questions=list(bilan.questions.all()),
            can_answer=can_answer,
            ma_copie=ma_copie,
            shared=shared,
            suivi=_suivi(bilan, {c.pk for c in shared}) if follow else None,
        )
    else:
        can_read = user.has_perm("ambassadeurs.write_bilan_collectif", transfo)
        context.update(
            questions=list(bilan.questions.all()) if not can_read else None,
            items=bilan.collective_answers() if can_read else None,
            can_write=can_read and bilan.is_open,
        )
    return render(request, "ambassadeurs/bilan_detail.html", context)


def _answer_context(request, slug, pk):
    """(campaign, my personal bilan or None) of a personal bilan I may answer (else 404/403)."""
    bilan = get_bilan_for_user(request, slug, pk)
    if not bilan.is_personal:
        raise Http404
    if not request.user.has_perm("ambassadeurs.answer_bilan", bilan.transfo):
        raise PermissionDenied
    copie = bilan.copies.filter(auteur=request.user).first()
    if copie is not None:
        copie.bilan = bilan
    return bilan, copie


def _draft_key(bilan):
    return f"bilan-{bilan.pk}"


def bilan_repondre(request, slug, pk):
    """My personal bilan: one text per question, saved as a draft (also while typing, see
    `bilan_brouillon`), then handed in."""
    bilan, copie = _answer_context(request, slug, pk)
    if not bilan.is_open:
        _closed_message(request, bilan)
        return redirect(copie or bilan)
    questions = list(bilan.questions.all())
    action = request.POST.get("action", "")
    # Handed in, a bilan stays complete: every answer is asked for again.
    deposer = action == "deposer" or (copie is not None and copie.is_handed_in)
    initial = {}
    if copie is not None:
        textes = copie.textes()
        initial = {ReponsesBilanForm.field_name(q): textes.get(q.pk, "") for q in questions}
    form = ReponsesBilanForm(
        request.POST if request.method == "POST" else None,
        questions=questions,
        deposer=deposer,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        copie = copie or bilan.copie_of(request.user)
        copie.bilan = bilan
        copie.save_answers(form.textes(), deposer=action == "deposer")
        request.session[SAVED_BILAN_SESSION_KEY] = _draft_key(bilan)
        if action == "deposer":
            messages.success(
                request,
                _("Bilan déposé. %(qui)s")
                % {"qui": BILAN_VISIBILITE_EXPLICATIONS[Visibilite(copie.visibilite)]},
            )
        else:
            messages.success(request, _("Brouillon enregistré : vous seul·e le voyez."))
        return redirect(copie)
    return render(
        request,
        "ambassadeurs/bilan_repondre.html",
        {
            "transfo": bilan.transfo,
            "bilan": bilan,
            "copie": copie,
            "form": form,
            "draft_key": _draft_key(bilan),
            "draft_fields": " ".join(form.fields),
        },
        status=400 if form.is_bound else 200,
    )


@require_POST
def bilan_brouillon(request, slug, pk):
    """Autosave of my personal bilan while typing (static/js/carnet.js): a draft only, never a
    handed-in bilan; the browser keeps its own copy when this fails (session expired)."""
    bilan, copie = _answer_context(request, slug, pk)
    if not bilan.is_open or (copie is not None and copie.is_handed_in):
        return JsonResponse(
            {"message": _("Ce bilan ne s'enregistre plus automatiquement.")}, status=409
        )
    form = ReponsesBilanForm(request.POST, questions=bilan.questions.all())
    if not form.is_valid():
        return JsonResponse(
            {"message": _("Brouillon non enregistré : une réponse est trop longue.")}, status=400
        )
    copie = copie or bilan.copie_of(request.user)
    copie.save_answers(form.textes())
    saved_at = timezone.localtime(copie.updated_at)
    return JsonResponse(
        {
            "cle": _draft_key(bilan),
            "enregistre_le": saved_at.isoformat(),
            "message": _("Brouillon enregistré à %(time)s.") % {"time": french_time(saved_at)},
        }
    )


def copie_detail(request, slug, pk, copie_pk):
    copie = get_copie_for_user(request, slug, pk, copie_pk)
    bilan = copie.bilan
    textes = {r.question_id: r for r in copie.reponses.all()}
    is_author = request.user.has_perm("ambassadeurs.change_bilan_personnel", copie)
    cleared = request.session.pop(SAVED_BILAN_SESSION_KEY, "") if is_author else ""
    return render(
        request,
        "ambassadeurs/bilan_copie.html",
        {
            "transfo": bilan.transfo,
            "bilan": bilan,
            "copie": copie,
            "reponses": [(q, textes.get(q.pk)) for q in bilan.questions.all()],
            "is_author": is_author,
            "can_edit": is_author and bilan.is_open,
            "cleared_draft": cleared,
            "explication": BILAN_VISIBILITE_EXPLICATIONS[Visibilite(copie.visibilite)],
        },
    )


def copie_visibilite(request, slug, pk, copie_pk):
    """Choose who reads my personal bilan, seeing exactly who each choice means."""
    copie = get_copie_for_author(request, slug, pk, copie_pk)
    form = VisibiliteBilanForm(request.POST or None, initial={"visibilite": copie.visibilite})
    if request.method == "POST" and form.is_valid():
        before = copie.visibilite
        choice = Visibilite(form.cleaned_data["visibilite"])
        if copie.set_visibilite(choice):
            audit.record(request, AuditAction.VISIBILITE, copie, detail=f"{before} → {choice}")
            messages.success(
                request,
                _("Visibilité changée : %(visibilite)s.") % {"visibilite": choice.label.lower()},
            )
        else:
            messages.info(request, _("La visibilité du bilan n'a pas changé."))
        return redirect(copie)
    options = [
        (
            radio,
            BILAN_VISIBILITE_EXPLICATIONS[radio.data["value"]],
            copie.readers(radio.data["value"]),
        )
        for radio in form["visibilite"]
    ]
    return render(
        request,
        "ambassadeurs/bilan_visibilite.html",
        {
            "transfo": copie.bilan.transfo,
            "bilan": copie.bilan,
            "copie": copie,
            "form": form,
            "options": options,
        },
        status=400 if form.is_bound else 200,
    )


def _collectif_form(question, reponse, data=None):
    return ReponseCollectiveForm(
        data,
        initial={"texte": reponse.texte, "version": reponse.version},
        label=question.texte,
        prefix=f"q{question.pk}",
    )


def collectif_edit(request, slug, question_pk):
    """Edit the group's answer to one question; a save from a stale page is refused, the
    text typed kept, and the answer saved meanwhile shown."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.view_bilans")
    question = get_object_or_404(
        QuestionBilan.objects.filter(
            bilan__in=Bilan.objects.for_user(request.user).filter(
                transfo=transfo, type=TypeBilan.COLLECTIF
            )
        ).select_related("bilan"),
        pk=question_pk,
    )
    bilan = question.bilan
    bilan.transfo = transfo
    if not request.user.has_perm("ambassadeurs.write_bilan_collectif", transfo):
        raise PermissionDenied
    anchor = f"{bilan.get_absolute_url()}#question-{question.pk}"
    if not bilan.is_open:
        _closed_message(request, bilan)
        return redirect(anchor)
    reponse, _created = ReponseCollective.objects.get_or_create(question=question)
    form = _collectif_form(question, reponse, request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            reponse.save_text(
                form.cleaned_data["texte"], version=form.cleaned_data["version"], user=request.user
            )
        except StaleReponse:
            conflict = reponse
            # The text typed stays in the field; the version moves on, so that saving again
            # is a conscious choice to replace what the other person wrote.
            data = request.POST.copy()
            data[f"q{question.pk}-version"] = reponse.version
            form = _collectif_form(question, reponse, data)
            form.is_valid()
        else:
            if request.htmx:
                return render(
                    request,
                    "ambassadeurs/includes/bilan_question.html",
                    {
                        "transfo": bilan.transfo,
                        "bilan": bilan,
                        "question": question,
                        "reponse": reponse,
                        "can_write": True,
                        "saved": True,
                    },
                )
            messages.success(request, _("Réponse du groupe enregistrée."))
            return redirect(anchor)
    context = {
        "transfo": bilan.transfo,
        "bilan": bilan,
        "question": question,
        "reponse": reponse,
        "form": form,
        "editing": True,
        "conflict": conflict,
        "can_write": True,
    }
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    if request.htmx:
        # htmx swaps only 2xx answers: the conflict is said in the partial itself.
        return render(request, "ambassadeurs/includes/bilan_question.html", context)
    return render(request, "ambassadeurs/bilan_collectif_form.html", context, status=status)
