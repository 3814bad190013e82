"""Collectivités, their Transfos, who takes part in them and in which role (`Participation`),
the invitations; `roles_of` and `transfo_ids`, from which every permission starts."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectivites.choices import Discipline, Role, StatutTransfo, TypeCollectivite
from transfo import outbox
from transfo.fields import FreeTextField

INVITATION_SALT = "collectivites.invitation"

# Sent once an invitation made someone a member (again): `invitation`, `participation`. The
# group import carries a profile on the invitation (ambassadeurs.imports), written here.
invitation_accepted = Signal()


def roles_of(user):
    """{transfo_id: role} of the person's current participations, loaded once per user object.

    Every permission predicate and every `for_user` queryset reads this one mapping, so
    what a page lists and what a detail page allows cannot disagree.
    """
    if not user.is_authenticated:
        return {}
    cached = getattr(user, "_transfo_roles", None)
    if cached is None:
        cached = dict(
            Participation.objects.actives().filter(user=user).values_list("transfo_id", "role")
        )
        user._transfo_roles = cached
    return cached


def transfo_ids(user, roles):
    """Ids of the Transfos where the person currently holds one of `roles` (a group of
    collectivites.choices, or a set of Role)."""
    return [pk for pk, role in roles_of(user).items() if role in roles]


def forget_roles(user):
    user.__dict__.pop("_transfo_roles", None)


def is_member_anywhere(user):
    """A current member of some Transfo, whatever the role (coordinators included)."""
    return is_coordinateur(user) or bool(roles_of(user))


def is_coordinateur(user):
    """Coordinators of La 27e Région: a coordinateur participation anywhere, or superuser."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or Role.COORDINATEUR in roles_of(user).values()


class Collectivite(models.Model):
    """A local authority (commune, métropole, département, région) hosting a Transfo."""

    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=TypeCollectivite.choices)
    region = models.CharField(_("région administrative"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta:
        verbose_name = _("collectivité")
        verbose_name_plural = _("collectivités")
        ordering = ["nom"]

    def __str__(self):
        return self.nom


Q_ACTIVE = models.Q(participations__date_sortie__isnull=True)


class TransfoQuerySet(models.QuerySet):
    def for_user(self, user):
        """The Transfos whose private space the person may enter."""
        if is_coordinateur(user):
            return self.all()
        return self.filter(pk__in=list(roles_of(user)))

    def with_counts(self):
        return self.annotate(
            nb_ambassadeurs=models.Count(
                "participations",
                filter=Q_ACTIVE & models.Q(participations__role=Role.AMBASSADEUR),
            ),
            nb_residents=models.Count(
                "participations",
                filter=Q_ACTIVE & models.Q(participations__role=Role.RESIDENT),
            ),
        )


class Transfo(models.Model):
    """One run of the programme in one collectivité, with the vade-mecum's protocol targets."""

    collectivite = models.ForeignKey(
        Collectivite,
        verbose_name=_("collectivité"),
        on_delete=models.PROTECT,
        related_name="transfos",
    )
    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200, unique=True)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutTransfo.choices, default=StatutTransfo.EN_COURS
    )
    date_debut = models.DateField(_("début"))
    date_fin = models.DateField(_("fin"), null=True, blank=True)
    description = FreeTextField(_("présentation publique"), blank=True)

    # Protocol targets (vade-mecum, seed 004), overridable per Transfo.
    sessions_cible = models.PositiveSmallIntegerField(_("sessions prévues"), default=14)
    jours_cible = models.PositiveSmallIntegerField(_("jours d'intervention"), default=35)
    duree_mois_cible = models.PositiveSmallIntegerField(_("durée maximale (mois)"), default=18)
    ambassadeurs_cible = models.PositiveSmallIntegerField(_("ambassadeurs visés"), default=20)
    cas_min = models.PositiveSmallIntegerField(_("cas pratiques (minimum)"), default=3)
    cas_max = models.PositiveSmallIntegerField(_("cas pratiques (maximum)"), default=6)

    objects = TransfoQuerySet.as_manager()

    class Meta:
        verbose_name = _("Transfo")
        verbose_name_plural = _("Transfos")
        ordering = ["-date_debut", "nom"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_fin__isnull=True)
                | models.Q(date_fin__gte=models.F("date_debut")),
                name="transfo_fin_apres_debut",
            ),
            models.CheckConstraint(
                condition=models.Q(cas_max__gte=models.F("cas_min")),
                name="transfo_cas_max_gte_min",
            ),
        ]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("collectivites:transfo_detail", args=[self.slug])

    def get_espace_url(self):
        return reverse("collectivites:transfo_espace", args=[self.slug])

    @property
    def annees(self):
        debut = self.date_debut.year
        fin = self.date_fin.year if self.date_fin else None
        if fin is None:
            return f"depuis {debut}"
        return str(debut) if fin == debut else f"{debut}–{fin}"


class ParticipationQuerySet(models.QuerySet):
    def actives(self):
        return self.filter(date_sortie__isnull=True)

    def members_between(self, debut, fin):
        """Those who were members at some time from `debut` to `fin` (a session's first and
        last days): joined on or before `fin` and not left before `debut`."""
        return self.filter(date_entree__lte=fin).filter(
            models.Q(date_sortie__isnull=True) | models.Q(date_sortie__gte=debut)
        )

    def for_user(self, user):
        """Participations of the Transfos the person may enter."""
        return self.filter(transfo__in=Transfo.objects.for_user(user))


class Participation(models.Model):
    """A person's membership of a Transfo, with their role (and discipline for résidents)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    transfo = models.ForeignKey(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    discipline = models.CharField(
        _("discipline"),
        max_length=30,
        choices=Discipline.choices,
        blank=True,
        help_text=_("Pour les résident·es."),
    )
    date_entree = models.DateField(_("entrée"), default=timezone.localdate)
    date_sortie = models.DateField(_("sortie"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["transfo", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "transfo"], name="une_participation_par_transfo"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.transfo})"

    @property
    def active(self):
        return self.date_sortie is None

    def send_sign_in_link(self, invited_by):
        """Mail a member who never signed in a one-time link to choose their password and
        enter (issue 19, item 7): an invitation to the Transfo they are already in, whose
        acceptance keeps their role; a pending one is sent again rather than doubled."""
        invitation = self.transfo.invitations.pending().filter(email=self.user.email.lower())
        invitation = invitation.first() or Invitation.objects.create(
            email=self.user.email,
            transfo=self.transfo,
            role=self.role,
            discipline=self.discipline,
            invited_by=invited_by,
        )
        invitation.send()
        return invitation


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def _default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALIDITY_DAYS)


class Invitation(models.Model):
    """An email invited to join a Transfo with a role; accepted once through a signed link."""

    email = models.EmailField(_("adresse e-mail"))
    transfo = models.ForeignKey(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    discipline = models.CharField(
        _("discipline"), max_length=30, choices=Discipline.choices, blank=True
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invité·e par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"), default=_default_expiry)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("acceptée le"), null=True, blank=True)
    profil = models.JSONField(
        _("profil importé"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Ce que l'import du groupe sait de la personne (nom, direction, N+1…) : "
            "cela devient son profil quand elle accepte, pas avant."
        ),
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.transfo} ({self.get_role_display()})"

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def usable(self):
        return self.accepted_at is None and self.expires_at > timezone.now()

    def make_token(self):
        return signing.dumps({"i": self.pk, "e": self.email}, salt=INVITATION_SALT)

    def get_accept_url(self):
        return reverse("collectivites:invitation_accept", args=[self.make_token()])

    @classmethod
    def from_token(cls, token):
        """The invitation a link points to, or None when the link is forged or unknown."""
        try:
            data = signing.loads(token, salt=INVITATION_SALT)
        except signing.BadSignature:
            return None
        return (
            cls.objects.select_related("transfo")
            .filter(pk=data.get("i"), email=data.get("e"))
            .first()
        )

    def send(self):
        """Queue the invitation mail once the invitation is committed."""
        from collectivites.tasks import send_invitation

        self.sent_at = None
        self.save(update_fields=["sent_at"])
        outbox.enqueue(send_invitation, self.pk)

    @transaction.atomic
    def accept(self, user):
        """Join the invitee to the Transfo; an ended participation is reopened. A current
        member keeps their role: an invitation never changes one (a coordinator inviting
        themself as résident would read what the group shares with its résidents); roles
        change in the admin, by someone else (collectivites.wagtail_hooks)."""
        participation, created = Participation.objects.get_or_create(
            user=user,
            transfo=self.transfo,
            defaults={"role": self.role, "discipline": self.discipline},
        )
        if not created and participation.date_sortie is None:
            self.accepted_at = timezone.now()
            self.save(update_fields=["accepted_at"])
            return participation
        if not created:
            participation.role = self.role
            participation.discipline = self.discipline or participation.discipline
            participation.date_sortie = None
            participation.save()
        self.accepted_at = timezone.now()
        self.save(update_fields=["accepted_at"])
        forget_roles(user)
        invitation_accepted.send(sender=Invitation, invitation=self, participation=participation)
        return participation
