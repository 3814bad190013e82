"""A labo's follow-up: its priorities and next actions, and its banque de temps."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectivites.models import Transfo
from labos.choices import (
    SensEchange,
    StatutPriorite,
)
from labos.models.common import ForTransfoQuerySet
from transfo.fields import FreeTextField


class PrioriteQuerySet(ForTransfoQuerySet):
    def en_retard(self, today=None):
        today = today or timezone.localdate()
        return self.filter(echeance__lt=today).exclude(statut=StatutPriorite.FAIT)


class Priorite(models.Model):
    """A priority or next action of a Transfo's labo, with its owner, due date and status."""

    transfo = models.ForeignKey(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="priorites"
    )
    texte = FreeTextField(_("priorité ou action"))
    responsable_nom = models.CharField(_("qui s'en charge"), max_length=200, blank=True)
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre qui s'en charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    echeance = models.DateField(_("échéance"), null=True, blank=True)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutPriorite.choices, default=StatutPriorite.A_FAIRE
    )
    contexte = models.CharField(
        _("contexte"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : fin de l'Intertransfo de Strasbourg, 17 mai 2019."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PrioriteQuerySet.as_manager()

    class Meta:
        verbose_name = _("priorité")
        verbose_name_plural = _("priorités")
        ordering = ["statut", F("echeance").asc(nulls_last=True), "created_at", "pk"]

    def __str__(self):
        return self.texte[:80]

    @property
    def en_retard(self):
        return (
            self.echeance is not None
            and self.echeance < timezone.localdate()
            and self.statut != StatutPriorite.FAIT
        )

    @property
    def qui(self):
        if self.responsable_id:
            return self.responsable.get_full_name()
        return self.responsable_nom


HOURS = DecimalField(max_digits=10, decimal_places=1)


class EchangeTempsQuerySet(ForTransfoQuerySet):
    def confirmes(self):
        return self.filter(confirme_labo_le__isnull=False, confirme_direction_le__isnull=False)

    def _signed_hours(self):
        """Hours the department owes the labo: given by the labo count +, given back count −."""
        return Case(
            When(sens=SensEchange.DONNE, then=F("heures")),
            default=-F("heures"),
            output_field=HOURS,
        )

    def solde(self):
        """The balance of the confirmed entries: hours given by the labo minus hours given back."""
        return self.confirmes().aggregate(
            solde=Coalesce(Sum(self._signed_hours()), Value(Decimal("0")), output_field=HOURS)
        )["solde"]

    def soldes_par_direction(self):
        """[{direction, donnees, rendues, solde}] of the confirmed entries, per department."""
        return (
            self.confirmes()
            .values("direction")
            .order_by("direction")
            .annotate(
                donnees=Coalesce(
                    Sum("heures", filter=Q(sens=SensEchange.DONNE)),
                    Value(Decimal("0")),
                    output_field=HOURS,
                ),
                rendues=Coalesce(
                    Sum("heures", filter=Q(sens=SensEchange.RENDU)),
                    Value(Decimal("0")),
                    output_field=HOURS,
                ),
                solde=Sum(self._signed_hours()),
            )
        )


class EchangeTemps(models.Model):
    """An entry of the banque de temps between the labo and one department (seed 002)."""

    transfo = models.ForeignKey(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="echanges_temps"
    )
    direction = models.CharField(_("direction"), max_length=200)
    sens = models.CharField(_("sens"), max_length=10, choices=SensEchange.choices)
    heures = models.DecimalField(_("heures"), max_digits=7, decimal_places=1)
    date = models.DateField(_("date"), default=timezone.localdate)
    description = FreeTextField(_("description"))
    confirme_labo_le = models.DateTimeField(_("confirmé par le labo le"), null=True, blank=True)
    confirme_direction_le = models.DateTimeField(
        _("confirmé par la direction le"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EchangeTempsQuerySet.as_manager()

    class Meta:
        verbose_name = _("échange de temps")
        verbose_name_plural = _("échanges de temps")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(heures__gt=0), name="echange_heures_positives"),
        ]

    def __str__(self):
        return f"{self.direction} — {self.get_sens_display()} ({self.heures} h)"

    @property
    def confirme(self):
        return self.confirme_labo_le is not None and self.confirme_direction_le is not None

    def confirm(self, side):
        """Record one side's confirmation ("labo" or "direction"); confirming twice keeps the first."""
        field = {"labo": "confirme_labo_le", "direction": "confirme_direction_le"}[side]
        if getattr(self, field) is None:
            setattr(self, field, timezone.now())
            self.save(update_fields=[field])
