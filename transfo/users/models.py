import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, _user_has_perm
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from transfo.storage import private_storage


class UserManager(DjangoUserManager):
    """Users are found and created by email: there is no username."""

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


def new_calendar_token():
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A person with an account on the platform, signing in with their email."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=150)
    calendar_token = models.CharField(
        _("jeton de l'agenda"),
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def has_perm(self, perm, obj=None):
        """The one way to ask "may they?" (`user.has_perm`, `{% has_perm %}`).

        A model permission (no object) is Django's, and a superuser has them all, as the
        admins expect. A permission on an object is the rules' answer only (django-rules,
        each app's `rules.py`), superuser or not: a superuser does not read a private carnet
        entry. `_user_has_perm` is Django's own walk of the backends (pinned by the lock).
        """
        if obj is None:
            return super().has_perm(perm)
        return _user_has_perm(self, perm, obj)

    def get_short_name(self):
        return (self.full_name or self.email).split()[0]

    @property
    def never_signed_in(self):
        """An account made for the person (imported, created by a coordinator) and never
        used: they need a link to choose their password (issue 19, item 7)."""
        return self.is_active and self.last_login is None

    def reset_calendar_token(self):
        """A new secret address for the person's calendar feed; the old one stops working."""
        self.calendar_token = new_calendar_token()
        self.save(update_fields=["calendar_token"])


class AuditAction(models.TextChoices):
    CONNEXION = "connexion", _("connexion")
    CONNEXION_ECHOUEE = "connexion_echouee", _("connexion échouée")
    DECONNEXION = "deconnexion", _("déconnexion")
    ACCES_REFUSE = "acces_refuse", _("accès refusé")
    VISIBILITE = "visibilite", _("changement de visibilité")
    PUBLICATION = "publication", _("publication")
    DEPUBLICATION = "depublication", _("dépublication")
    EXPORT = "export", _("export")
    SUPPRESSION_COMPTE = "suppression_compte", _("suppression de compte")


class AuditEvent(models.Model):
    """One line of the audit log: who did what, on which object, when; never any content."""

    at = models.DateTimeField(_("date"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("personne"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("type d'objet"), max_length=100, blank=True)
    object_id = models.CharField(_("identifiant"), max_length=64, blank=True)
    # A path, a change of state ("prive → groupe"), an export's format: never text people wrote.
    detail = models.CharField(_("détail"), max_length=255, blank=True)
    ip = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("événement du journal d'audit")
        verbose_name_plural = _("journal d'audit")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.object_type} {self.object_id}"


def export_path(export, filename):
    return f"mes-donnees/{secrets.token_urlsafe(16)}/{filename}"


PREPARATION_TIMEOUT = timedelta(hours=1)


class ExportDonneesQuerySet(models.QuerySet):
    def of_user(self, user):
        """The person's own exports: nobody else's, whoever asks (staff included)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def preparing(self):
        """Asked for and not ready yet; after an hour, a lost task no longer blocks a new one."""
        return self.filter(
            pret_le__isnull=True, demande_le__gt=timezone.now() - PREPARATION_TIMEOUT
        )

    def downloadable(self):
        return self.filter(pret_le__isnull=False, expire_le__gt=timezone.now())


class ExportDonnees(models.Model):
    """A ZIP of everything the platform holds about a person, built by a task, kept a week."""

    user = models.ForeignKey(
        User, verbose_name=_("personne"), on_delete=models.CASCADE, related_name="exports_donnees"
    )
    demande_le = models.DateTimeField(_("demandé le"), auto_now_add=True)
    pret_le = models.DateTimeField(_("prêt le"), null=True, blank=True, editable=False)
    expire_le = models.DateTimeField(_("expire le"), null=True, blank=True, editable=False)
    fichier = models.FileField(
        storage=private_storage, upload_to=export_path, blank=True, editable=False
    )
    taille = models.PositiveBigIntegerField(_("taille (octets)"), default=0, editable=False)

    objects = ExportDonneesQuerySet.as_manager()

    class Meta:
        verbose_name = _("export de mes données")
        verbose_name_plural = _("exports de mes données")
        ordering = ["-demande_le", "-pk"]

    def __str__(self):
        return f"{self.user} — {self.demande_le:%Y-%m-%d %H:%M}"

    @property
    def pret(self):
        return bool(self.fichier) and self.pret_le is not None

    @property
    def expire(self):
        return self.expire_le is not None and self.expire_le <= timezone.now()

    def mark_ready(self, name, size):
        now = timezone.now()
        self.fichier.name = name
        self.taille = size
        self.pret_le = now
        self.expire_le = now + timedelta(days=settings.MES_DONNEES_EXPORT_DAYS)
        self.save(update_fields=["fichier", "taille", "pret_le", "expire_le"])
