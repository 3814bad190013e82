"""The écosystème of a labo: its actors and their history, and the écosystème shared
between the labos of a territory."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from collectivites.models import Transfo
from labos.choices import (
    Perimetre,
    Relation,
    TypeActeur,
)
from labos.models.common import ForTransfoQuerySet, full_name
from transfo.fields import FreeTextField


class ActeurQuerySet(ForTransfoQuerySet):
    def partages_avec(self, transfo):
        """The actors the other sharing labos of `transfo`'s région show it, with their labo.

        None at all unless `transfo`'s own labo shares too (sharing is mutual) and its
        collectivité has a région; only the shared fields (CHAMPS_PARTAGES) are loaded. The
        predicate twin is `labos.rules.acteur_is_shared_with_user`. One query.
        """
        region = transfo.collectivite.region
        if not region:
            return self.none()
        return (
            self.filter(
                transfo__partage_ecosysteme__actif=True,
                transfo__collectivite__region=region,
            )
            .exclude(transfo=transfo)
            .filter(models.Exists(PartageEcosysteme.objects.filter(transfo=transfo.pk, actif=True)))
            .select_related("transfo__collectivite")
            .only(
                *CHAMPS_PARTAGES,
                "transfo__nom",
                "transfo__slug",
                "transfo__collectivite__nom",
                "transfo__collectivite__region",
            )
        )


class Acteur(models.Model):
    """An actor of the labo's ecosystem, internal or external, and its relation to the labo."""

    transfo = models.ForeignKey(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="acteurs"
    )
    nom = models.CharField(_("nom"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=TypeActeur.choices)
    perimetre = models.CharField(_("interne ou externe"), max_length=10, choices=Perimetre.choices)
    relation = models.CharField(_("relation au labo"), max_length=30, choices=Relation.choices)
    contact = models.CharField(_("personne contact"), max_length=200, blank=True)
    notes = FreeTextField(_("notes"), blank=True)
    projets = FreeTextField(
        _("projets et communautés portés"), blank=True, help_text=_("Un par ligne.")
    )
    cas_pratiques = models.ManyToManyField(
        "cas_pratiques.CasPratique",
        verbose_name=_("cas pratiques liés"),
        blank=True,
        related_name="acteurs",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActeurQuerySet.as_manager()

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["nom", "pk"]

    def __str__(self):
        return self.nom

    def projets_list(self):
        return [line.strip() for line in self.projets.splitlines() if line.strip()]


class RevisionActeur(models.Model):
    """One change to an actor, kept so the ecosystem's history can be read."""

    acteur = models.ForeignKey(Acteur, on_delete=models.CASCADE, related_name="revisions")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resume = FreeTextField(_("changements"))

    class Meta:
        verbose_name = _("révision d'un acteur")
        verbose_name_plural = _("révisions des acteurs")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.resume[:80]

    @property
    def auteur_nom(self):
        return full_name(self.auteur)


# Écosystème partagé entre les labos d'un territoire ---------------------------------------

# What a labo shows of its actors to the other sharing labos of its région: never the contact
# person, the notes, the linked cas pratiques nor the history.
CHAMPS_PARTAGES = ("nom", "type", "perimetre", "relation", "projets")


class PartageEcosysteme(models.Model):
    """A labo's choice to share its écosystème with the other sharing labos of its région."""

    transfo = models.OneToOneField(
        Transfo,
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="partage_ecosysteme",
    )
    actif = models.BooleanField(_("écosystème partagé"), default=False)
    modifie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("partage de l'écosystème")
        verbose_name_plural = _("partages des écosystèmes")

    def __str__(self):
        return str(self.transfo)
