from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.documents.models import Document as WagtailDocument

from transfo.fields import FreeTextField
from transfo.storage import private_storage


class TacheEnAttente(models.Model):
    """A Celery task waiting to be handed to the broker: the transactional outbox.

    Written in the same transaction as the change that calls for it (transfo.outbox), so a
    rollback leaves nothing to send and a committed change always has its task; it is sent
    once the broker takes it (`sent_at`), and swept again until then.
    """

    task = models.CharField(_("tâche"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    kwargs = models.JSONField(_("arguments nommés"), default=dict, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    last_error = FreeTextField(_("dernière erreur"), blank=True)
    # The id of the request that enqueued the task, sent along with it (its logs carry it).
    request_id = models.CharField(_("identifiant de requête"), max_length=128, blank=True)

    class Meta:
        verbose_name = _("tâche en attente")
        verbose_name_plural = _("tâches en attente")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(sent_at__isnull=True),
                name="transfo_tache_pending_idx",
            )
        ]

    def __str__(self):
        return f"{self.task} #{self.pk}"


class DocumentPrive(AbstractDocument):
    """A document of Wagtail's library (a méthode's handout, a post's attachment).

    Its file is kept with the private files, never under the public media: whatever its
    collection, it has no address of its own and is served only by Wagtail's view, which
    checks the collection's restriction (blog.views.document).
    """

    file = models.FileField(
        upload_to="documents", storage=private_storage, verbose_name=_("fichier")
    )
    admin_form_fields = WagtailDocument.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
