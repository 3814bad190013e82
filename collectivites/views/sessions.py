"""A Transfo's sessions: the list and timeline, the programme, and the session's life cycle."""

import contextlib

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from kombu.exceptions import OperationalError

from collectivites.choices import StatutSession
from collectivites.forms import DebriefForm, DuplicateForm, SessionCreateForm, SessionEditForm
from collectivites.links import SESSION_COLUMNS, actions
from collectivites.models import Jour, Session
from collectivites.protocol import protocol_report, timeline
from collectivites.shortcuts import get_transfo_for_user
from collectivites.tasks import render_programme_pdf
from transfo import audit
from transfo.audit import AuditAction
from transfo.dates import french_date
from transfo.files import file_response


def get_session_for_user(request, slug, numero, *, programme=False):
    """A session the person may read (drafts only for those who plan), or 404."""
    transfo = get_transfo_for_user(request, slug)
    sessions = Session.objects.for_user(request.user).filter(transfo=transfo)
    if programme:
        sessions = sessions.with_programme()
    session = get_object_or_404(sessions, numero=numero)
    session.transfo = transfo
    return session


def get_session_for_planner(request, slug, numero, *, programme=False):
    """A session the person may edit: visible (else 404) and planned by them (else 403)."""
    session = get_session_for_user(request, slug, numero, programme=programme)
    if not request.user.has_perm("collectivites.plan_sessions", session.transfo):
        raise PermissionDenied
    return session


def _get_transfo_for_planner(request, slug):
    return get_transfo_for_user(request, slug, perm="collectivites.plan_sessions")


def session_list(request, slug):
    transfo = get_transfo_for_user(request, slug)
    columns = list(SESSION_COLUMNS)
    sessions = list(
        Session.objects.for_user(request.user)
        .filter(transfo=transfo)
        .select_related("transfo")
        # What the registered columns show (collectivites.links), as their one prefetch.
        .prefetch_related("jours", "jours__blocs", *(p for c in columns for p in c.prefetch))
        .order_by("numero")
    )
    for session in sessions:
        session.cells = [column.cell(session) for column in columns]
    can_plan = request.user.has_perm("collectivites.plan_sessions", transfo)
    return render(
        request,
        "collectivites/session_list.html",
        {
            "transfo": transfo,
            "sessions": sessions,
            "columns": columns,
            "timeline": timeline(transfo, sessions),
            "report": protocol_report(transfo, sessions) if can_plan else None,
            "can_plan": can_plan,
        },
    )


def session_create(request, slug):
    transfo = _get_transfo_for_planner(request, slug)
    modeles = Session.objects.modeles_for_user(request.user).order_by("titre")
    copies = Session.objects.plannable_by(request.user).select_related("transfo")
    copies = copies.order_by("transfo__nom", "numero")
    next_numero = (transfo.sessions.aggregate(n=Max("numero"))["n"] or 0) + 1
    form = SessionCreateForm(
        request.POST or None,
        transfo=transfo,
        modeles=modeles,
        copies=copies,
        initial={"numero": next_numero},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            source = form.source
            data = form.cleaned_data
            if source is not None:
                session = source.copy(
                    transfo=transfo,
                    numero=data["numero"],
                    titre=data["titre"],
                    user=request.user,
                    premier_jour=data["premier_jour"],
                )
                session.lieu = data["lieu"]
                session.objectifs = data["objectifs"] or source.objectifs
                session.save()
            else:
                session = form.save(commit=False)
                session.transfo = transfo
                session.created_by = request.user
                session.save()
                Jour.objects.bulk_create(
                    [Jour(session=session, position=i) for i in range(data["nb_jours"])]
                )
                session.set_dates(data["premier_jour"])
        messages.success(request, _("Session créée : composez maintenant son programme."))
        return redirect(session.get_planner_url())
    return render(
        request,
        "collectivites/session_form.html",
        {"transfo": transfo, "form": form, "creating": True},
    )


# `?apercu=ambassadeurs` on a programme: those who plan it see it as the ambassadeurs will,
# without the résidents' notes and the planner's tools. It only ever takes away.
PREVIEW_AMBASSADEURS = "ambassadeurs"


def session_detail(request, slug, numero):
    session = get_session_for_user(request, slug, numero, programme=True)
    return _render_detail(
        request, session, preview=request.GET.get("apercu") == PREVIEW_AMBASSADEURS
    )


def _render_detail(request, session, duplicate_form=None, *, preview=False):
    """The programme; for those who plan, its tools (with the duplicate's form, bound when
    it was refused), unless they preview it as the ambassadeurs see it."""
    can_plan = request.user.has_perm("collectivites.plan_sessions", session.transfo)
    preview = preview and can_plan
    show_tools = can_plan and not preview
    if show_tools and duplicate_form is None:
        duplicate_form = DuplicateForm(session=session)
    return render(
        request,
        "collectivites/session_detail.html",
        {
            "transfo": session.transfo,
            "session": session,
            "days": [day.schedule() for day in session.days()],
            # The planner's own links (attendance...) are not what an ambassadeur gets.
            "actions": []
            if preview
            else actions("session", request, transfo=session.transfo, session=session),
            "can_plan": show_tools,
            "preview": preview,
            "hints": session.protocol_hints() if show_tools else [],
            "duplicate_form": duplicate_form,
        },
    )


def session_edit(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    form = SessionEditForm(request.POST or None, instance=session, transfo=session.transfo)
    debrief = DebriefForm(request.POST or None, instance=session, prefix="debrief")
    if request.method == "POST" and form.is_valid() and debrief.is_valid():
        with transaction.atomic():
            form.save()
            debrief.save()
            premier_jour = form.cleaned_data["premier_jour"]
            if premier_jour and premier_jour != session.date_debut:
                session.shift_dates(premier_jour)
            session.touch(request.user)
        messages.success(request, _("Session enregistrée."))
        return redirect(session.get_absolute_url())
    return render(
        request,
        "collectivites/session_form.html",
        {"transfo": session.transfo, "session": session, "form": form, "debrief": debrief},
    )


@require_POST
def session_publish(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    with transaction.atomic():
        session.publish(request.user)
        audit.record(request, AuditAction.PUBLICATION, session)
    messages.success(
        request, _("Programme publié : les ambassadeurs le voient et le reçoivent par mail.")
    )
    if request.POST.get("depuis") == "planificateur":
        return redirect(session.get_planner_url())
    return redirect(session.get_absolute_url())


@require_POST
def session_unpublish(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    session.unpublish(request.user)
    audit.record(request, AuditAction.DEPUBLICATION, session)
    messages.success(request, _("Programme repassé en brouillon : le groupe ne le voit plus."))
    return redirect(session.get_absolute_url())


@require_POST
def session_mark_done(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    session.statut = StatutSession.REALISEE
    session.save(update_fields=["statut"])
    session.touch(request.user)
    messages.success(request, _("Session marquée comme réalisée : place au débrief."))
    return redirect("collectivites:session_edit", slug, numero)


@require_POST
def session_duplicate(request, slug, numero):
    session = get_session_for_planner(request, slug, numero, programme=True)
    transfo = session.transfo
    form = DuplicateForm(request.POST, session=session)
    if not form.is_valid():
        return _render_detail(request, session, duplicate_form=form)
    premier_jour = form.cleaned_data["premier_jour"]
    with transaction.atomic():
        next_numero = (transfo.sessions.aggregate(n=Max("numero"))["n"] or 0) + 1
        copy = session.copy(
            transfo=transfo,
            numero=next_numero,
            titre=_("%(titre)s (copie)") % {"titre": session.titre},
            user=request.user,
            premier_jour=premier_jour,
        )
        copy.lieu = session.lieu
        copy.save(update_fields=["lieu"])
    if premier_jour:
        message = _("Session dupliquée en session n°%(numero)s, à partir du %(date)s.") % {
            "numero": copy.numero,
            "date": french_date(premier_jour),
        }
    else:
        message = _("Session dupliquée en session n°%(numero)s : donnez-lui ses dates.") % {
            "numero": copy.numero
        }
    messages.success(request, message)
    return redirect(copy.get_planner_url())


@require_POST
def session_save_as_template(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    template = session.copy(est_modele=True, user=request.user)
    messages.success(
        request,
        _(
            "Modèle « %(titre)s » enregistré, sans les notes des résident·es ni les "
            "animateur·rices : il est proposé à la création d'une session, dans toutes les "
            "Transfos."
        )
        % {"titre": template.titre},
    )
    return redirect(session.get_absolute_url())


def session_delete(request, slug, numero):
    session = get_session_for_planner(request, slug, numero)
    if request.method == "POST":
        session.delete()
        messages.success(request, _("Session supprimée."))
        return redirect("collectivites:session_list", slug)
    return render(
        request,
        "collectivites/session_confirm_delete.html",
        {"transfo": session.transfo, "session": session},
    )


def session_pdf(request, slug, numero):
    """The programme's PDF: served when ready for the current version, else prepared."""
    session = get_session_for_user(request, slug, numero)
    if not session.pdf_ready:
        # Nothing was written by this request: the task can be sent straight away. With the
        # broker down the page still answers "being prepared" and asks again in 3 s.
        with contextlib.suppress(OperationalError):
            render_programme_pdf.delay(session.pk)
        if not settings.CELERY_TASK_ALWAYS_EAGER:
            response = render(
                request,
                "collectivites/session_pdf_pending.html",
                {"session": session, "transfo": session.transfo},
            )
            response["Refresh"] = "3"
            return response
        session.refresh_from_db()
    return file_response(
        session.programme_pdf,
        filename=f"{session.transfo.slug}-session-{session.numero}.pdf",
        content_type="application/pdf",
    )
