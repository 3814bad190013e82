"""The Intertransfos: the coordination manages them (/coordination/intertransfos/), the members
of every Transfo take part (/espace/intertransfos/): programme, participants, ateliers,
foire aux Transfos, labo reviews, priorities; and the chat'roulette."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectivites.models import Transfo, roles_of
from intertransfo.choices import TypeEquipe
from intertransfo.figures import infos_cles
from intertransfo.forms import (
    AtelierForm,
    GuestForm,
    IntertransfoForm,
    MemberForm,
    MomentForm,
    PrioriteForm,
    PropositionForm,
    RevueForm,
)
from intertransfo.models import (
    Atelier,
    ChatRouletteInscription,
    Intertransfo,
    Participant,
    TourChatRoulette,
    ateliers_with_propositions,
    teams,
)
from intertransfo.tasks import pair_chatroulette
from labos.models import Priorite, Revue, VersionPlan, revue_groups
from transfo.pdf import html_to_pdf


def get_intertransfo_for_user(request, slug):
    """An Intertransfo the person may see (members of any Transfo, coordinators), or 404."""
    return get_object_or_404(
        Intertransfo.objects.for_user(request.user).select_related("transfo_hote"), slug=slug
    )


def get_intertransfo_for_manager(request, slug):
    """An Intertransfo the person may manage: visible (else 404) and coordinator (else 403)."""
    intertransfo = get_intertransfo_for_user(request, slug)
    if not request.user.has_perm("intertransfo.manage_intertransfo"):
        raise PermissionDenied
    return intertransfo


def _require_contributor(request, intertransfo):
    if not request.user.has_perm("intertransfo.contribute", intertransfo):
        raise PermissionDenied


def _posted_id(request, name):
    """An id posted by a form, or 404 for anything else (no 500 on a forged value)."""
    value = request.POST.get(name, "")
    if not value.isdigit():
        raise Http404
    return int(value)


def _participants(intertransfo):
    return list(intertransfo.participants.by_team())


# Members' pages ---------------------------------------------------------------------------


def intertransfo_list(request):
    intertransfos = list(
        Intertransfo.objects.for_user(request.user)
        .select_related("transfo_hote")
        .annotate(nb_participants=Count("participants"))
    )
    if not intertransfos and not request.user.has_perm("intertransfo.view_intertransfo"):
        raise Http404
    registered = set(
        Participant.objects.filter(user=request.user).values_list("intertransfo_id", flat=True)
    )
    return render(
        request,
        "intertransfo/intertransfo_list.html",
        {
            "intertransfos": intertransfos,
            "registered": registered,
            "can_manage": request.user.has_perm("intertransfo.manage_intertransfo"),
        },
    )


def intertransfo_detail(request, slug):
    intertransfo = get_intertransfo_for_user(request, slug)
    participants = _participants(intertransfo)
    return render(
        request,
        "intertransfo/intertransfo_detail.html",
        {
            "intertransfo": intertransfo,
            "programme": intertransfo.programme_par_jour(intertransfo.moments.all()),
            "teams": teams(participants),
            "registered": any(p.user_id == request.user.pk for p in participants),
            "ateliers": list(intertransfo.ateliers.order_by("numero")),
            "can_manage": request.user.has_perm("intertransfo.manage_intertransfo"),
        },
    )


def intertransfo_programme(request, slug):
    """The programme alone, for printing (transfo.css's print rules)."""
    intertransfo = get_intertransfo_for_user(request, slug)
    return render(
        request,
        "intertransfo/intertransfo_programme.html",
        {
            "intertransfo": intertransfo,
            "programme": intertransfo.programme_par_jour(intertransfo.moments.all()),
        },
    )


def intertransfo_programme_pdf(request, slug):
    """The programme as an A4 PDF, made on request: one page, no storage."""
    intertransfo = get_intertransfo_for_user(request, slug)
    html = render_to_string(
        "intertransfo/programme_pdf.html",
        {
            "intertransfo": intertransfo,
            "programme": intertransfo.programme_par_jour(intertransfo.moments.all()),
        },
    )
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{intertransfo.slug}-programme.pdf"'
    return response


@require_POST
def inscription(request, slug):
    """One click to register (or unregister) oneself, with one's team."""
    intertransfo = get_intertransfo_for_user(request, slug)
    mine = intertransfo.participants.filter(user=request.user)
    if request.POST.get("action") == "desinscrire":
        mine.delete()
        messages.success(request, _("Vous n'êtes plus inscrit·e."))
    elif not mine.exists():
        type_equipe, transfo = Participant.team_of(request.user)
        Participant.objects.create(
            intertransfo=intertransfo, user=request.user, type_equipe=type_equipe, transfo=transfo
        )
        messages.success(request, _("Vous êtes inscrit·e."))
    return redirect(intertransfo.get_absolute_url())


def _get_atelier(intertransfo, numero):
    atelier = get_object_or_404(intertransfo.ateliers.select_related("scribe"), numero=numero)
    atelier.intertransfo = intertransfo
    return atelier


def atelier_detail(request, slug, numero):
    """A group's page: its questions, its propositions (refreshed every 5 s with htmx) and
    the form the scribe (or any participant) writes them with."""
    intertransfo = get_intertransfo_for_user(request, slug)
    atelier = _get_atelier(intertransfo, numero)
    can_contribute = request.user.has_perm("intertransfo.contribute", intertransfo)
    form = PropositionForm(request.POST or None)
    if request.method == "POST":
        _require_contributor(request, intertransfo)
        if form.is_valid():
            proposition = form.save(commit=False)
            proposition.atelier = atelier
            proposition.auteur = request.user
            proposition.save()
            if not request.htmx:
                messages.success(request, _("Proposition ajoutée."))
                return redirect(atelier.get_absolute_url())
            form = PropositionForm()
    propositions = list(atelier.propositions.select_related("auteur").order_by("created_at", "pk"))
    context = {
        "intertransfo": intertransfo,
        "atelier": atelier,
        "propositions": propositions,
        "form": form,
        "can_contribute": can_contribute,
    }
    if request.htmx:
        template = (
            "intertransfo/includes/atelier_live.html"
            if request.method == "POST"
            else "intertransfo/includes/propositions.html"
        )
        return render(request, template, context)
    return render(request, "intertransfo/atelier_detail.html", context)


def restitution(request, slug):
    """All groups' propositions together, for the projection at the restitution."""
    intertransfo = get_intertransfo_for_user(request, slug)
    return render(
        request,
        "intertransfo/restitution.html",
        {"intertransfo": intertransfo, "ateliers": list(ateliers_with_propositions(intertransfo))},
    )


def foire(request, slug):
    """The foire aux Transfos: each participating Transfo's infos clés card, for a screen."""
    intertransfo = get_intertransfo_for_user(request, slug)
    transfos = list(intertransfo.transfos.order_by("nom"))
    figures = infos_cles(transfos)
    return render(
        request,
        "intertransfo/foire.html",
        {"intertransfo": intertransfo, "cards": [figures[t.pk] for t in transfos]},
    )


def _labos_of(intertransfo):
    """Each participating Transfo (by name) with its labo plan's last frozen version and the
    reviews made of it at this Intertransfo, grouped in the order of TypeRevue; a Transfo
    without a plan or a frozen version stays listed (its `version_revue` is None)."""
    transfos = list(
        intertransfo.transfos.select_related("plan_labo")
        .prefetch_related(
            Prefetch(
                "plan_labo__versions",
                queryset=VersionPlan.objects.select_related("session")
                .order_by("-numero")
                .prefetch_related(
                    Prefetch(
                        "revues",
                        queryset=Revue.objects.filter(contexte=intertransfo.contexte).order_by(
                            "created_at", "pk"
                        ),
                    )
                ),
            )
        )
        .order_by("nom")
    )
    for transfo in transfos:
        plan = getattr(transfo, "plan_labo", None)
        versions = list(plan.versions.all()) if plan is not None else []
        transfo.version_revue = versions[0] if versions else None
        transfo.revue_groups = revue_groups(
            sorted(
                (revue for version in versions for revue in version.revues.all()),
                key=lambda revue: (revue.created_at, revue.pk),
            )
        )
    return transfos


def labos(request, slug):
    """ "Montre-moi où en est ton labo": for each labo's last plan version, participants leave
    le + inspirant, le + risqué, la question en suspens (stored on that version). Every
    participating Transfo is listed, saying so when its labo has no frozen plan yet."""
    intertransfo = get_intertransfo_for_user(request, slug)
    can_contribute = request.user.has_perm("intertransfo.contribute", intertransfo)
    if request.method == "POST":
        _require_contributor(request, intertransfo)
        version = get_object_or_404(
            VersionPlan.objects.filter(plan__transfo__in=intertransfo.transfos.all()),
            pk=_posted_id(request, "version"),
        )
        form = RevueForm(request.POST, prefix=f"v{version.pk}")
        if form.is_valid():
            Revue.objects.create(
                version=version,
                type=form.cleaned_data["type"],
                texte=form.cleaned_data["texte"],
                auteur=request.user,
                contexte=intertransfo.contexte,
                date=intertransfo.date,
            )
            messages.success(request, _("Remarque enregistrée sur le plan du labo."))
            return redirect("intertransfo:labos", intertransfo.slug)
        bound = {version.pk: form}
    else:
        bound = {}
    transfos = _labos_of(intertransfo)
    for transfo in transfos:
        transfo.can_view_plan = request.user.has_perm("labos.view_labo", transfo)
        if transfo.version_revue is not None:
            transfo.form = bound.get(transfo.version_revue.pk) or RevueForm(
                prefix=f"v{transfo.version_revue.pk}"
            )
    return render(
        request,
        "intertransfo/labos.html",
        {"intertransfo": intertransfo, "transfos": transfos, "can_contribute": can_contribute},
    )


def priorites(request, slug):
    """Priorities and next actions per Transfo at the end of the day, stored on each Transfo's
    list (labos.Priorite) with the Intertransfo as their context."""
    intertransfo = get_intertransfo_for_user(request, slug)
    transfos = list(intertransfo.transfos.order_by("nom"))
    own = set(roles_of(request.user))
    is_manager = request.user.has_perm("intertransfo.manage_intertransfo")
    bound = {}
    if request.method == "POST":
        transfo = get_object_or_404(
            Transfo, pk=_posted_id(request, "transfo"), intertransfos=intertransfo
        )
        if not request.user.has_perm("intertransfo.record_priorities", transfo):
            raise PermissionDenied
        form = PrioriteForm(request.POST, prefix=f"t{transfo.pk}")
        if form.is_valid():
            Priorite.objects.create(
                transfo=transfo, contexte=intertransfo.contexte, **form.cleaned_data
            )
            messages.success(request, _("Priorité enregistrée."))
            return redirect("intertransfo:priorites", intertransfo.slug)
        bound[transfo.pk] = form
    recorded = {}
    for priorite in (
        Priorite.objects.filter(transfo__in=transfos, contexte=intertransfo.contexte)
        .select_related("responsable")
        .order_by("created_at", "pk")
    ):
        recorded.setdefault(priorite.transfo_id, []).append(priorite)
    rows = [
        {
            "transfo": transfo,
            "priorites": recorded.get(transfo.pk, []),
            "form": (
                bound.get(transfo.pk) or PrioriteForm(prefix=f"t{transfo.pk}")
                if is_manager or transfo.pk in own
                else None
            ),
        }
        for transfo in transfos
    ]
    return render(
        request, "intertransfo/priorites.html", {"intertransfo": intertransfo, "rows": rows}
    )


# The coordination's pages ------------------------------------------------------------------


def _require_manager(request):
    if not request.user.has_perm("intertransfo.manage_intertransfo"):
        raise Http404


def manage_list(request):
    _require_manager(request)
    # An aggregate drops the model's ordering (Django leaves Meta.ordering out of GROUP BY
    # queries): the order the caption promises is asked for here.
    intertransfos = (
        Intertransfo.objects.select_related("transfo_hote")
        .annotate(nb_participants=Count("participants"))
        .order_by("-date", "-pk")
    )
    return render(request, "intertransfo/manage_list.html", {"intertransfos": intertransfos})


def manage_create(request):
    _require_manager(request)
    running = Transfo.objects.exclude(statut="terminee")
    form = IntertransfoForm(request.POST or None, initial={"transfos": list(running)})
    if request.method == "POST" and form.is_valid():
        intertransfo = form.save()
        messages.success(request, _("Intertransfo créée : composez son programme."))
        return redirect(intertransfo.get_manage_url())
    return render(request, "intertransfo/intertransfo_form.html", {"form": form})


def manage_edit(request, slug):
    intertransfo = get_intertransfo_for_manager(request, slug)
    form = IntertransfoForm(request.POST or None, instance=intertransfo)
    if request.method == "POST" and form.is_valid():
        intertransfo = form.save()
        messages.success(request, _("Intertransfo enregistrée."))
        return redirect(intertransfo.get_manage_url())
    return render(
        request, "intertransfo/intertransfo_form.html", {"form": form, "intertransfo": intertransfo}
    )


def manage(request, slug):
    """The coordination's page: programme, participants and attendance, ateliers."""
    intertransfo = get_intertransfo_for_manager(request, slug)
    return render(
        request,
        "intertransfo/manage.html",
        {
            "intertransfo": intertransfo,
            "programme": intertransfo.programme_par_jour(intertransfo.moments.all()),
            "teams": teams(_participants(intertransfo)),
            "ateliers": list(intertransfo.ateliers.select_related("scribe").order_by("numero")),
            "moment_form": MomentForm(prefix="moment", intertransfo=intertransfo),
            "guest_form": GuestForm(prefix="invite"),
            "member_form": MemberForm(prefix="membre", intertransfo=intertransfo),
            "atelier_form": AtelierForm(prefix="atelier", intertransfo=intertransfo),
        },
    )


def _manage_form(request, slug, make_form, save, template_title):
    intertransfo = get_intertransfo_for_manager(request, slug)
    form = make_form(intertransfo, request.POST or None)
    if request.method == "POST" and form.is_valid():
        save(intertransfo, form)
        messages.success(request, _("Enregistré."))
        return redirect(intertransfo.get_manage_url())
    return render(
        request,
        "intertransfo/manage_form.html",
        {"intertransfo": intertransfo, "form": form, "title": template_title},
    )


def moment_add(request, slug):
    def save(intertransfo, form):
        form.instance.intertransfo = intertransfo
        form.save()

    return _manage_form(
        request,
        slug,
        lambda i, data: MomentForm(data, prefix="moment", intertransfo=i),
        save,
        _("Ajouter un temps au programme"),
    )


def moment_edit(request, slug, pk):
    intertransfo = get_intertransfo_for_manager(request, slug)
    moment = get_object_or_404(intertransfo.moments, pk=pk)
    return _manage_form(
        request,
        slug,
        lambda i, data: MomentForm(data, instance=moment, prefix="moment", intertransfo=i),
        lambda i, form: form.save(),
        _("Modifier un temps du programme"),
    )


@require_POST
def moment_delete(request, slug, pk):
    intertransfo = get_intertransfo_for_manager(request, slug)
    get_object_or_404(intertransfo.moments, pk=pk).delete()
    messages.success(request, _("Temps retiré du programme."))
    return redirect(intertransfo.get_manage_url())


def guest_add(request, slug):
    def save(intertransfo, form):
        form.instance.intertransfo = intertransfo
        form.save()

    return _manage_form(
        request,
        slug,
        lambda i, data: GuestForm(data, prefix="invite"),
        save,
        _("Ajouter un·e invité·e"),
    )


def member_add(request, slug):
    """Register a whole Transfo's team, or one person found by a search (GET ?q=)."""
    intertransfo = get_intertransfo_for_manager(request, slug)
    q = request.GET.get("q", "").strip()[:100]
    form = MemberForm(request.POST or None, prefix="membre", intertransfo=intertransfo, q=q)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data.get("transfo"):
            transfo = form.cleaned_data["transfo"]
            users = form.members_of_transfo()
            Participant.objects.bulk_create(
                [
                    Participant(
                        intertransfo=intertransfo,
                        user=user,
                        type_equipe=TypeEquipe.TRANSFO,
                        transfo=transfo,
                    )
                    for user in users
                ]
            )
            messages.success(
                request,
                (
                    _("%(n)s personne de la %(t)s inscrite.")
                    if len(users) <= 1
                    else _("%(n)s personnes de la %(t)s inscrites.")
                )
                % {"n": len(users), "t": transfo.nom},
            )
        else:
            user = form.cleaned_data["user"]
            type_equipe, transfo = Participant.team_of(user)
            Participant.objects.create(
                intertransfo=intertransfo, user=user, type_equipe=type_equipe, transfo=transfo
            )
            messages.success(request, _("Enregistré."))
        return redirect(intertransfo.get_manage_url())
    return render(
        request,
        "intertransfo/member_add.html",
        {"intertransfo": intertransfo, "form": form, "q": q},
    )


@require_POST
def participant_presence(request, slug, pk):
    """Mark a participant present or absent (a button per person on the day)."""
    intertransfo = get_intertransfo_for_manager(request, slug)
    participant = get_object_or_404(intertransfo.participants, pk=pk)
    participant.present = request.POST.get("present") == "1"
    participant.save(update_fields=["present"])
    return redirect(f"{intertransfo.get_manage_url()}#participants")


@require_POST
def participant_remove(request, slug, pk):
    intertransfo = get_intertransfo_for_manager(request, slug)
    get_object_or_404(intertransfo.participants, pk=pk).delete()
    messages.success(request, _("Participant·e retiré·e."))
    return redirect(f"{intertransfo.get_manage_url()}#participants")


def atelier_add(request, slug):
    def save(intertransfo, form):
        form.instance.intertransfo = intertransfo
        form.save()

    return _manage_form(
        request,
        slug,
        lambda i, data: AtelierForm(data, prefix="atelier", intertransfo=i),
        save,
        _("Ajouter un groupe d'atelier"),
    )


def atelier_edit(request, slug, numero):
    intertransfo = get_intertransfo_for_manager(request, slug)
    atelier = get_object_or_404(Atelier, intertransfo=intertransfo, numero=numero)
    return _manage_form(
        request,
        slug,
        lambda i, data: AtelierForm(data, instance=atelier, prefix="atelier", intertransfo=i),
        lambda i, form: form.save(),
        _("Modifier un groupe d'atelier"),
    )


# Chat'roulette -----------------------------------------------------------------------------


def chatroulette(request):
    """Opt in or out (one click), and see one's last meetings."""
    if not request.user.has_perm("intertransfo.view_intertransfo"):
        raise Http404
    inscription = ChatRouletteInscription.objects.filter(user=request.user).first()
    if request.method == "POST":
        with transaction.atomic():
            if request.POST.get("action") == "quitter":
                ChatRouletteInscription.objects.filter(user=request.user).delete()
                messages.success(request, _("Vous ne participez plus à la chat'roulette."))
            else:
                ChatRouletteInscription.objects.get_or_create(user=request.user)
                messages.success(
                    request, _("Inscrit·e : vous recevrez votre binôme au début du mois.")
                )
        return redirect("intertransfo:chatroulette")
    rencontres = (
        request.user.rencontres.select_related("tour")
        .prefetch_related("personnes")
        .order_by("-tour__mois")[:12]
    )
    # The rounds that left the person alone, each told why on the page.
    sans_binome = TourChatRoulette.objects.filter(laisses=request.user).order_by("-mois")[:12]
    return render(
        request,
        "intertransfo/chatroulette.html",
        {"inscription": inscription, "rencontres": rencontres, "sans_binome": sans_binome},
    )


def chatroulette_tours(request):
    """The coordination sees the rounds (who met whom, who was left out) and may run this
    month's round now rather than wait for the daily task (once a month either way)."""
    _require_manager(request)
    if request.method == "POST":
        tour_pk = pair_chatroulette()
        if tour_pk is None:
            messages.info(request, _("Le tour de ce mois est déjà fait."))
        else:
            tour = TourChatRoulette.objects.annotate(
                n=Count("rencontres", distinct=True), seuls=Count("laisses", distinct=True)
            ).get(pk=tour_pk)
            messages.success(
                request,
                _("Tour fait : %(n)s rencontre(s), %(seuls)s personne(s) sans binôme.")
                % {"n": tour.n, "seuls": tour.seuls},
            )
        return redirect("intertransfo:chatroulette_tours")
    this_month = timezone.localdate().replace(day=1)
    tours = TourChatRoulette.objects.prefetch_related("rencontres__personnes", "laisses")[:12]
    return render(
        request,
        "intertransfo/chatroulette_tours.html",
        {
            "tours": tours,
            "inscrits": ChatRouletteInscription.objects.count(),
            "a_faire": not TourChatRoulette.objects.filter(mois=this_month).exists(),
        },
    )
