"""The carnet de bord: entries, their pieces, drafts and the weekly digest of shared entries."""

import html
import secrets
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from ambassadeurs import sharing
from ambassadeurs.choices import (
    Humeur,
    TypePiece,
    Visibilite,
)
from ambassadeurs.rendering import render_markdown
from collectivites.choices import (
    GROUP_ROLES,
    StatutSession,
    TypeBloc,
)
from collectivites.models import (
    Bloc,
    Jour,
    Session,
    transfo_ids,
)
from transfo.fields import FreeTextField
from transfo.storage import private_storage


def piece_path(piece, filename):
    return f"carnets/{secrets.token_urlsafe(16)}/{filename}"


class EntreeCarnetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entries the person may read: their own, and the others' as their authors shared them.

        Exactly `ambassadeurs.rules.can_read_entree`. Nobody has more: not coordinators,
        staff or superusers.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(auteur=user) | sharing.shared_with_q(user))

    def shared_with(self, user):
        """Entries of others that the person may read."""
        return self.visible_to(user).exclude(auteur=user)

    def unread_by(self, user, since):
        """Entries shared with the person since `since` that they have not opened yet."""
        return (
            self.shared_with(user)
            .filter(partagee_le__gte=since)
            .exclude(lectures__lecteur_id=user.pk)
        )

    def of_author(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(auteur=user)


class EntreeCarnet(models.Model):
    """An entry of a person's carnet de bord: private unless its author shares it."""

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="entrees_carnet",
    )
    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="entrees_carnet",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    session = models.ForeignKey(
        "collectivites.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entrees_carnet",
    )
    titre = models.CharField(_("titre"), max_length=200)
    texte = FreeTextField(
        _("texte"),
        blank=True,
        help_text=_(
            "Mise en forme Markdown : **gras**, *italique*, listes avec « - », titres avec « ## »."
        ),
    )
    humeur = models.CharField(_("humeur"), max_length=20, choices=Humeur.choices, blank=True)
    visibilite = models.CharField(
        _("visibilité"), max_length=20, choices=Visibilite.choices, default=Visibilite.PRIVE
    )
    partagee_le = models.DateTimeField(_("partagée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = EntreeCarnetQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de carnet de bord")
        verbose_name_plural = _("entrées de carnet de bord")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["auteur", "-date"], name="carnet_auteur_date"),
            models.Index(fields=["transfo", "visibilite"], name="carnet_transfo_visibilite"),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("ambassadeurs:entree_detail", args=[self.pk])

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)

    @cached_property
    def extrait(self):
        """The text without its Markdown, for lists."""
        return html.unescape(strip_tags(self.texte_html))

    @property
    def is_shared(self):
        return self.visibilite != Visibilite.PRIVE

    def set_visibilite(self, visibilite):
        """Change who may read the entry; every new sharing is dated (for the digest)."""
        if visibilite == self.visibilite:
            return False
        self.visibilite = visibilite
        self.partagee_le = None if visibilite == Visibilite.PRIVE else timezone.now()
        self.save(update_fields=["visibilite", "partagee_le", "updated_at"])
        return True

    def readers(self):
        """The people, besides the author, who may read the entry (current members)."""
        return sharing.readers(self.transfo_id, self.visibilite, author_id=self.auteur_id)


class PieceJointe(models.Model):
    """A photo or the video capsule of a carnet entry, in the private storage."""

    entree = models.ForeignKey(
        EntreeCarnet, verbose_name=_("entrée"), on_delete=models.CASCADE, related_name="pieces"
    )
    fichier = models.FileField(_("fichier"), storage=private_storage, upload_to=piece_path)
    nom = models.CharField(_("nom du fichier"), max_length=200)
    type = models.CharField(_("type"), max_length=10, choices=TypePiece.choices)
    content_type = models.CharField(max_length=50)
    taille = models.PositiveBigIntegerField(_("taille (octets)"))
    legende = models.CharField(_("légende"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["type", "created_at", "pk"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("ambassadeurs:piece_download", args=[self.entree_id, self.pk])


def reminder_blocs():
    """The blocks a day's reminder lists: live ones, in order, without the breaks."""
    return Prefetch(
        "blocs",
        queryset=Bloc.objects.vivants().exclude(type=TypeBloc.PAUSE).order_by("position", "pk"),
    )


def days_to_write_about(user, limit=3):
    """The last past days of published sessions of the person's Transfos not yet written about.

    The carnet offers them as prompts, with that day's programme (block titles only, never
    the résidents' notes) as a reminder of what happened.
    """
    ids = transfo_ids(user, GROUP_ROLES)
    if not ids:
        return []
    written = EntreeCarnet.objects.filter(
        auteur=user, session_id=OuterRef("session_id"), date=OuterRef("date")
    )
    sessions = (
        Session.objects.for_user(user)
        .filter(transfo_id__in=ids)
        .exclude(statut=StatutSession.BROUILLON)
    )
    days = (
        Jour.objects.filter(session__in=sessions, date__lte=timezone.localdate())
        .exclude(Exists(written))
        .select_related("session__transfo")
        .prefetch_related(reminder_blocs())
        .order_by("-date", "-pk")
    )
    return list(days[:limit])


def day_reminder(jour):
    """The Markdown a new entry about a session day starts with: the day's programme."""
    lines = [str(_("Au programme de la journée (pour mémoire) :")), ""]
    lines += [f"- {bloc.titre}" for bloc in jour.blocs.all()]
    lines += ["", str(_("Ce que j'en retiens :")), "", ""]
    return "\n".join(lines)


NEW_ENTRY_KEY = "nouvelle"


class Brouillon(models.Model):
    """The text a person is typing in a carnet form, saved as they type (autosave)."""

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="brouillons_carnet"
    )
    # "nouvelle" for a new entry, "entree-<pk>" for the edit of an entry.
    cle = models.CharField(max_length=40)
    donnees = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("brouillon de carnet")
        verbose_name_plural = _("brouillons de carnet")
        constraints = [
            models.UniqueConstraint(fields=["auteur", "cle"], name="un_brouillon_par_formulaire")
        ]

    def __str__(self):
        return f"{self.auteur} — {self.cle}"

    @staticmethod
    def key_for(entree=None):
        return NEW_ENTRY_KEY if entree is None else f"entree-{entree.pk}"


class LectureEntree(models.Model):
    """That a person opened an entry shared with them: what is left to read on /espace/."""

    entree = models.ForeignKey(EntreeCarnet, on_delete=models.CASCADE, related_name="lectures")
    lecteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    lue_le = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lecture d'une entrée partagée")
        verbose_name_plural = _("lectures d'entrées partagées")
        constraints = [
            models.UniqueConstraint(fields=["entree", "lecteur"], name="une_lecture_par_personne")
        ]

    def __str__(self):
        return f"{self.entree} ← {self.lecteur}"


class EnvoiDigest(models.Model):
    """That an entry was announced to a person in the weekly digest (sent once)."""

    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    entree = models.ForeignKey(EntreeCarnet, on_delete=models.CASCADE, related_name="envois")
    envoye_le = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("envoi du résumé hebdomadaire")
        verbose_name_plural = _("envois du résumé hebdomadaire")
        constraints = [
            models.UniqueConstraint(
                fields=["destinataire", "entree"], name="une_annonce_par_entree_et_personne"
            )
        ]

    def __str__(self):
        return f"{self.entree} → {self.destinataire}"
