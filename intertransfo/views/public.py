"""The public side of the Intertransfos (issue 7, "Restitution: a summary page published if
the coordinators wish"): /intertransfos/ and /intertransfos/<slug>/ for anyone once the
coordination has published the summary, and the coordination's publish / unpublish steps.

A public page shows the event (number, date, place, host, theme), its programme, the
ateliers' questions and propositions, the restitution videos and the summary text: never
who took part, who wrote a proposition, nor the scribes, reviews or priorities."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intertransfo.forms import SyntheseForm
from intertransfo.models import Intertransfo, Proposition
from intertransfo.views.intertransfos import get_intertransfo_for_manager
from transfo import audit
from transfo.audit import AuditAction
from transfo.sitemaps import absolute_url


def public_intertransfos():
    """The Intertransfos whose summary is public, with what their header shows."""
    return Intertransfo.objects.synthese_publiee().select_related("transfo_hote__collectivite")


def public_ateliers(intertransfo):
    """The groups and their propositions' texts, in two queries (no author is loaded)."""
    return list(
        intertransfo.ateliers.prefetch_related(
            Prefetch(
                "propositions",
                queryset=Proposition.objects.only("pk", "atelier_id", "texte").order_by(
                    "created_at", "pk"
                ),
            )
        )
        .only("pk", "intertransfo_id", "numero", "titre", "questions")
        .order_by("numero")
    )


@login_not_required
def public_list(request):
    """The published summaries, newest first, and the dates to come."""
    return render(
        request,
        "intertransfo/public/intertransfo_list.html",
        {
            "intertransfos": list(public_intertransfos().order_by("-date", "pk")),
            "a_venir": list(
                Intertransfo.objects.a_venir(timezone.localdate())
                .filter(synthese_publiee_le__isnull=True)
                .only("pk", "numero", "slug", "date", "lieu", "theme")[:5]
            ),
        },
    )


@login_not_required
def public_detail(request, slug):
    """One published summary; 404 while the coordination has not published it."""
    intertransfo = get_object_or_404(public_intertransfos(), slug=slug)
    return render(
        request,
        "intertransfo/public/intertransfo_detail.html",
        {
            "intertransfo": intertransfo,
            "programme": intertransfo.programme_par_jour(intertransfo.moments.all()),
            "ateliers": public_ateliers(intertransfo),
            "canonical_url": absolute_url(intertransfo.get_public_url()),
        },
    )


def synthese_publish(request, slug):
    """The coordination writes the summary, sees what will be public, and publishes it."""
    intertransfo = get_intertransfo_for_manager(request, slug)
    form = SyntheseForm(request.POST or None, instance=intertransfo)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            intertransfo = form.save()
            was_public = intertransfo.is_synthese_publiee
            intertransfo.publier_synthese()
            audit.record(
                request,
                AuditAction.PUBLICATION,
                intertransfo,
                detail="synthese (mise a jour)" if was_public else "synthese",
            )
        messages.success(request, _("Synthèse publiée : elle est en ligne pour tout le monde."))
        return redirect(intertransfo.get_public_url())
    return render(
        request,
        "intertransfo/public/synthese_form.html",
        {
            "intertransfo": intertransfo,
            "form": form,
            "programme": intertransfo.programme_par_jour(intertransfo.moments.all()),
            "ateliers": public_ateliers(intertransfo),
        },
    )


@require_POST
def synthese_unpublish(request, slug):
    intertransfo = get_intertransfo_for_manager(request, slug)
    if intertransfo.is_synthese_publiee:
        with transaction.atomic():
            intertransfo.depublier_synthese()
            audit.record(request, AuditAction.DEPUBLICATION, intertransfo, detail="synthese")
        messages.success(request, _("Synthèse retirée : sa page publique n'existe plus."))
    return redirect(intertransfo.get_manage_url())
