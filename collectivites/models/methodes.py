"""The toolbox of méthodes (boîte à outils): a méthode, its roles, its documents."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from collectivites.choices import FamilleMethode
from transfo.fields import FreeTextField
from transfo.text import normalize


class MethodeQuerySet(models.QuerySet):
    def search(self, query):
        """The méthodes whose name, purpose or steps hold every word of `query`, accents and
        case ignored ("meteo" finds "Météo"). The toolbox holds tens of méthodes: their texts
        are compared in Python, which ignores accents on SQLite and PostgreSQL alike."""
        terms = normalize(query).split()
        if not terms:
            return self
        texts = self.values_list("pk", "nom", "objectif", "etapes")
        matches = [
            pk
            for pk, *fields in texts
            if all(term in normalize("\n".join(fields)) for term in terms)
        ]
        return self.filter(pk__in=matches)


class Methode(ClusterableModel):
    """An entry of the toolbox (boîte à outils) shared by all Transfos."""

    nom = models.CharField(_("nom"), max_length=150)
    slug = models.SlugField(_("identifiant d'URL"), max_length=150, unique=True)
    famille = models.CharField(_("famille"), max_length=20, choices=FamilleMethode.choices)
    objectif = FreeTextField(_("à quoi ça sert"))
    etapes = FreeTextField(_("déroulé"), blank=True, help_text=_("Une étape par ligne."))
    duree_typique = models.PositiveSmallIntegerField(
        _("durée typique (minutes)"), default=60, help_text=_("Reprise par le bloc qui l'utilise.")
    )
    taille_groupe = models.CharField(_("taille du groupe"), max_length=100, blank=True)
    materiel = FreeTextField(_("matériel"), blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("D'où vient la méthode.")
    )

    objects = MethodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("méthode")
        verbose_name_plural = _("méthodes")
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("collectivites:methode_detail", args=[self.slug])

    @property
    def etapes_list(self):
        return [line.strip(" -•\t") for line in self.etapes.splitlines() if line.strip()]


class MethodeRole(models.Model):
    """A role within a méthode, e.g. the journaliste of the immersion trinôme (seed 004)."""

    methode = ParentalKey(Methode, on_delete=models.CASCADE, related_name="roles")
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)
    nom = models.CharField(_("rôle"), max_length=100)
    mission = FreeTextField(_("ce que vous faites"), blank=True)
    posture = FreeTextField(_("votre posture"), blank=True)
    outils = FreeTextField(_("vos outils"), blank=True)

    class Meta:
        verbose_name = _("rôle")
        verbose_name_plural = _("rôles")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.nom


class MethodeDocument(models.Model):
    """A handout of a méthode (fiche, support), kept in Wagtail's document library."""

    methode = ParentalKey(Methode, on_delete=models.CASCADE, related_name="documents")
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.document.title
