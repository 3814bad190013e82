"""'Mes données': the person's export of their data, and the deletion of their account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from transfo import mydata, outbox
from transfo.audit import AuditAction, record
from transfo.files import file_response
from transfo.users.forms import SuppressionCompteForm
from transfo.users.models import ExportDonnees
from transfo.users.mydata import delete_account
from transfo.users.tasks import build_data_export


def _page(request, form=None, status=200):
    exports = list(ExportDonnees.objects.of_user(request.user)[:5])
    response = render(
        request,
        "users/mes_donnees.html",
        {
            "exports": exports,
            "preparing": ExportDonnees.objects.of_user(request.user).preparing().exists(),
            "form": form or SuppressionCompteForm(user=request.user),
            "refusals": mydata.deletion_refusals(request.user),
            "now": timezone.now(),
            "export_days": settings.MES_DONNEES_EXPORT_DAYS,
        },
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
def mes_donnees(request):
    return _page(request)


@require_POST
def export_request(request):
    """Ask for a new ZIP; one being prepared is not asked for twice."""
    pending = ExportDonnees.objects.of_user(request.user).preparing().first()
    if pending is None:
        export = ExportDonnees.objects.create(user=request.user)
        record(request, AuditAction.EXPORT, export, detail="mes données : demande (zip)")
        outbox.enqueue(build_data_export, export.pk)
    messages.success(
        request,
        _(
            "Votre export est en préparation : il sera téléchargeable sur cette page "
            "dans quelques minutes."
        ),
    )
    return redirect("mes_donnees:index")


def export_download(request, pk):
    """The ZIP, to its owner only (404 for anybody else), while it has not expired."""
    export = ExportDonnees.objects.of_user(request.user).downloadable().filter(pk=pk).first()
    if export is None:
        raise Http404
    record(request, AuditAction.EXPORT, export, detail="mes données : téléchargement (zip)")
    return file_response(
        export.fichier,
        filename=f"mes-donnees-{timezone.localtime(export.pret_le):%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@require_POST
def account_delete(request):
    """Delete one's own account, after the password again and an explicit confirmation."""
    form = SuppressionCompteForm(request.POST, user=request.user)
    if mydata.deletion_refusals(request.user) or not form.is_valid():
        return _page(request, form=form, status=400)
    delete_account(request, request.user)
    logout(request)
    messages.success(
        request,
        _("Votre compte a été supprimé. Un message de confirmation vous a été envoyé."),
    )
    return redirect("/")
