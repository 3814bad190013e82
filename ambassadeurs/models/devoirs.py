"""Devoirs between sessions: the assignment, the answers and their comments."""

import secrets
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ambassadeurs.rendering import render_markdown
from collectivites.choices import FOLLOW_ROLES, GROUP_ROLES
from collectivites.models import (
    is_coordinateur,
    transfo_ids,
)
from transfo.fields import FreeTextField
from transfo.storage import private_storage


def devoir_path(instance, filename):
    return f"devoirs/{secrets.token_urlsafe(16)}/{filename}"


class DevoirQuerySet(models.QuerySet):
    def for_user(self, user):
        """Assignments the person may read: those of the groups they belong to, and all for
        coordinators. Exactly `ambassadeurs.rules.can_view_devoir`."""
        if is_coordinateur(user):
            return self.all()
        return self.filter(transfo_id__in=transfo_ids(user, GROUP_ROLES))


class Devoir(models.Model):
    """An assignment the résidents give the group between sessions (devoirs de vacances,
    inter-session exercises): instructions, an attachment and a due date."""

    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="devoirs",
    )
    titre = models.CharField(_("titre"), max_length=200)
    consignes = FreeTextField(
        _("consignes"), help_text=_("Mise en forme Markdown : **gras**, listes avec « - ».")
    )
    echeance = models.DateField(_("à rendre pour le"))
    fichier = models.FileField(
        _("pièce jointe"), storage=private_storage, upload_to=devoir_path, blank=True
    )
    nom_fichier = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the group was told of it by mail (once: ambassadeurs.tasks.announce_devoir).
    annonce_envoyee_le = models.DateTimeField(null=True, blank=True, editable=False)

    objects = DevoirQuerySet.as_manager()

    class Meta:
        verbose_name = _("devoir")
        verbose_name_plural = _("devoirs")
        ordering = ["-echeance", "-pk"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("devoirs:detail", args=[self.transfo.slug, self.pk])

    @cached_property
    def consignes_html(self):
        return render_markdown(self.consignes)


class ReponseDevoirQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers the person may read: their own, and all of the Transfos where they are
        résident·e or pilote. Nobody else: not the peers, not coordinators. Exactly
        `ambassadeurs.rules.can_read_reponse`."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(auteur=user) | Q(devoir__transfo_id__in=transfo_ids(user, FOLLOW_ROLES))
        )


class ReponseDevoir(models.Model):
    """An ambassadeur's answer to a devoir: private to them and the Transfo's résidents and
    pilote."""

    devoir = models.ForeignKey(
        Devoir, verbose_name=_("devoir"), on_delete=models.CASCADE, related_name="reponses"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="reponses_devoirs",
    )
    texte = FreeTextField(_("ma réponse"), blank=True)
    fichier = models.FileField(
        _("fichier"), storage=private_storage, upload_to=devoir_path, blank=True
    )
    nom_fichier = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReponseDevoirQuerySet.as_manager()

    class Meta:
        verbose_name = _("réponse à un devoir")
        verbose_name_plural = _("réponses aux devoirs")
        ordering = ["auteur__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["devoir", "auteur"], name="une_reponse_par_devoir")
        ]

    def __str__(self):
        return f"{self.devoir} — {self.auteur}"

    def get_absolute_url(self):
        return reverse("devoirs:reponse", args=[self.devoir.transfo.slug, self.devoir_id, self.pk])

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)


class CommentaireDevoir(models.Model):
    """A résident's comment on an answer, read by its author and the résidents and pilote."""

    reponse = models.ForeignKey(
        ReponseDevoir, on_delete=models.CASCADE, related_name="commentaires"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    texte = FreeTextField(_("commentaire"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire de devoir")
        verbose_name_plural = _("commentaires de devoirs")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.reponse} — {self.auteur}"
