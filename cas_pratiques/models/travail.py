"""Working material of a case: immersions, fiches idées and the tamis de critères (seeds 003
and 004). Private to the Transfo's members: never in the vitrine, its search, the exports,
the sitemap or the API."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cas_pratiques.choices import (
    Viabilite,
)
from cas_pratiques.models.cas import CasPratique, upload_path
from transfo.fields import FreeTextField
from transfo.storage import private_storage


class Immersion(models.Model):
    """A field immersion of the case, led by a trinôme journaliste / observateur / photographe."""

    cas = models.ForeignKey(
        CasPratique,
        verbose_name=_("cas pratique"),
        on_delete=models.CASCADE,
        related_name="immersions",
    )
    lieu = models.CharField(
        _("lieu"), max_length=200, help_text=_("Où, et auprès de qui : service, guichet, quartier.")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    journaliste = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("journaliste"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Mène l'entretien et prend des notes."),
    )
    observateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("observateur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Reste en retrait et note ses observations."),
    )
    photographe = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("photographe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Documente l'entretien, les lieux, l'environnement."),
    )
    notes = FreeTextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ROLES = ("journaliste", "observateur", "photographe")

    class Meta:
        verbose_name = _("immersion")
        verbose_name_plural = _("immersions")
        ordering = ["cas", "date", "pk"]

    def __str__(self):
        return self.lieu

    def trinome(self):
        """(role label, person or None) for the three roles, in the protocol's order."""
        return [
            (capfirst(self._meta.get_field(role).verbose_name), getattr(self, role))
            for role in self.ROLES
        ]


class FicheIdee(models.Model):
    """An idea card of the case, with the fields of the printed fiche idée (seed 004)."""

    cas = models.ForeignKey(
        CasPratique,
        verbose_name=_("cas pratique"),
        on_delete=models.CASCADE,
        related_name="fiches_idees",
    )
    piste = models.CharField(
        _("piste"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : « La carte citoyenne personnalisable »."),
    )
    equipe = models.CharField(
        _("équipe"), max_length=300, blank=True, help_text=_("Les prénoms de l'équipe.")
    )
    nom = models.CharField(_("nom de l'idée"), max_length=200)
    viabilite = models.PositiveSmallIntegerField(
        _("niveau de viabilité"), choices=Viabilite.choices, null=True, blank=True
    )
    mon_projet = FreeTextField(_("mon projet c'est…"), blank=True)
    fonctionnement = FreeTextField(_("comment cela fonctionne"), blank=True)
    obstacles = FreeTextField(_("les obstacles à surmonter"), blank=True)
    leviers = FreeTextField(_("les leviers (sur lesquels s'appuyer)"), blank=True)
    post_it = FreeTextField(
        _("les post-it déclencheurs (issus du brainstorming)"),
        blank=True,
        help_text=_("Un post-it par ligne."),
    )
    schemas = FreeTextField(
        _("schémas / dessins"),
        blank=True,
        help_text=_("Ce que montrent les schémas : sert aussi de texte alternatif à l'image."),
    )
    schema = models.FileField(
        _("image du schéma"),
        storage=private_storage,
        upload_to=upload_path,
        max_length=300,
        blank=True,
        help_text=_("Photo ou scan du dessin : PNG, JPEG, GIF ou WebP ; 10 Mo au maximum."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fiche idée")
        verbose_name_plural = _("fiches idées")
        ordering = ["cas", "pk"]

    def __str__(self):
        return self.nom

    @property
    def post_it_list(self):
        return [line.strip(" -•\t") for line in self.post_it.splitlines() if line.strip()]

    @property
    def schema_alt(self):
        return self.schemas or _("Schéma de l'idée « %(nom)s »") % {"nom": self.nom}

    def get_schema_url(self):
        return reverse(
            "cas_pratiques:fiche_schema", args=[self.cas.transfo.slug, self.cas.slug, self.pk]
        )


# The tamis is a grid of TAMIS_CASES × TAMIS_CASES cells, like the post-its on the big grids
# of seed 003: column 1 is the left criterion, TAMIS_CASES the right one; row 1 the top
# criterion, TAMIS_CASES the bottom one. Cells rather than free coordinates: a position is
# what the group argued about ("plutôt fréquent"), and it can be typed from a keyboard.
TAMIS_CASES = 5


class Tamis(models.Model):
    """A tamis de critères: two axes of opposing criteria to sift the case's ideas (seed 003)."""

    cas = models.ForeignKey(
        CasPratique, verbose_name=_("cas pratique"), on_delete=models.CASCADE, related_name="tamis"
    )
    titre = models.CharField(_("titre"), max_length=200)
    critere_gauche = models.CharField(
        _("critère de gauche (axe horizontal)"),
        max_length=120,
        help_text=_("Par exemple : « autonomie de l'usager »."),
    )
    critere_droite = models.CharField(
        _("critère de droite (axe horizontal)"),
        max_length=120,
        help_text=_("Son opposé, par exemple : « présence physique nécessaire »."),
    )
    critere_haut = models.CharField(
        _("critère du haut (axe vertical)"),
        max_length=120,
        help_text=_("Par exemple : « fréquent »."),
    )
    critere_bas = models.CharField(
        _("critère du bas (axe vertical)"),
        max_length=120,
        help_text=_("Son opposé, par exemple : « exceptionnel »."),
    )
    # Every change of the grid bumps the version; a change made from an older page is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tamis de critères")
        verbose_name_plural = _("tamis de critères")
        ordering = ["cas", "pk"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse(
            "cas_pratiques:tamis_board", args=[self.cas.transfo.slug, self.cas.slug, self.pk]
        )

    @property
    def axe_x(self):
        return f"{self.critere_gauche} ↔ {self.critere_droite}"

    @property
    def axe_y(self):
        return f"{self.critere_haut} ↔ {self.critere_bas}"

    def position_label(self, axis, value):
        """A cell's position on one axis told in words: "plutôt « fréquent »"."""
        low, high = (
            (self.critere_gauche, self.critere_droite)
            if axis == "x"
            else (self.critere_haut, self.critere_bas)
        )
        middle = (TAMIS_CASES + 1) // 2
        if value == middle:
            return _("entre les deux")
        criterion = low if value < middle else high
        if value in (1, TAMIS_CASES):
            return f"« {criterion} »"
        return _("plutôt « %(critere)s »") % {"critere": criterion}

    def position_choices(self, axis):
        return [(n, f"{n} — {self.position_label(axis, n)}") for n in range(1, TAMIS_CASES + 1)]

    def claim(self, version, user):
        """Bump the version if it is still `version`: False when someone changed the grid since."""
        try:
            version = int(version)
        except (TypeError, ValueError):
            return False
        changed = Tamis.objects.filter(pk=self.pk, version=version).update(
            version=models.F("version") + 1, updated_by=user, updated_at=timezone.now()
        )
        if changed:
            self.version = version + 1
        return bool(changed)

    def bump(self):
        """Record a change of the whole grid: every page showing it is now stale."""
        Tamis.objects.filter(pk=self.pk).update(version=models.F("version") + 1)
        self.refresh_from_db(fields=["version"])

    @staticmethod
    def check_position(x, y):
        """Both coordinates as integers within the grid, or a ValidationError in French."""
        try:
            x, y = int(x), int(y)
        except (TypeError, ValueError) as error:
            raise ValidationError(
                _("Position illisible : choisissez une colonne et une ligne."), code="position"
            ) from error
        if not (1 <= x <= TAMIS_CASES and 1 <= y <= TAMIS_CASES):
            raise ValidationError(
                _("Position hors du tamis : colonne et ligne vont de 1 à %(max)s."),
                code="hors_tamis",
                params={"max": TAMIS_CASES},
            )
        return x, y

    def place(self, fiche, x, y, *, version, user):
        """Put the idea in cell (x, y) if the grid is still at `version`.

        Raises ValidationError for a position off the grid or an idea of another case;
        returns False, changing nothing, when the grid changed since `version`.
        """
        if fiche.cas_id != self.cas_id:
            raise ValidationError(_("Cette fiche idée n'est pas celle de ce cas."), code="cas")
        x, y = self.check_position(x, y)
        with transaction.atomic():
            if not self.claim(version, user):
                return False
            TamisPlacement.objects.update_or_create(
                tamis=self, fiche=fiche, defaults={"x": x, "y": y, "placed_by": user}
            )
        return True

    def remove(self, fiche, *, version, user):
        """Take the idea off the grid; False, changing nothing, when the grid changed since."""
        with transaction.atomic():
            if not self.claim(version, user):
                return False
            self.placements.filter(fiche=fiche).delete()
        return True

    def board(self, fiches):
        """The grid as rows of cells holding their ideas, and the ideas not yet placed.

        `fiches` are the case's ideas with their placements on this tamis prefetched as
        `placement_list`.
        """
        cells = {(x, y): [] for x in range(1, TAMIS_CASES + 1) for y in range(1, TAMIS_CASES + 1)}
        unplaced = []
        for fiche in fiches:
            placement = fiche.placement_list[0] if fiche.placement_list else None
            fiche.placement = placement
            if placement is None:
                unplaced.append(fiche)
            else:
                cells[(placement.x, placement.y)].append(fiche)
        rows = [
            {
                "y": y,
                "label": self.position_label("y", y),
                "cells": [
                    {"x": x, "y": y, "fiches": cells[(x, y)]} for x in range(1, TAMIS_CASES + 1)
                ],
            }
            for y in range(1, TAMIS_CASES + 1)
        ]
        return rows, unplaced


class TamisPlacement(models.Model):
    """Where the group put one fiche idée on a tamis: a cell (x, y) of the grid."""

    tamis = models.ForeignKey(
        Tamis, verbose_name=_("tamis"), on_delete=models.CASCADE, related_name="placements"
    )
    fiche = models.ForeignKey(
        FicheIdee, verbose_name=_("fiche idée"), on_delete=models.CASCADE, related_name="placements"
    )
    x = models.PositiveSmallIntegerField(_("colonne"))
    y = models.PositiveSmallIntegerField(_("ligne"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("placement sur le tamis")
        verbose_name_plural = _("placements sur le tamis")
        ordering = ["tamis", "y", "x", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tamis", "fiche"], name="une_place_par_fiche"),
            models.CheckConstraint(
                condition=models.Q(x__gte=1, x__lte=TAMIS_CASES, y__gte=1, y__lte=TAMIS_CASES),
                name="placement_dans_le_tamis",
            ),
        ]

    def __str__(self):
        return f"{self.fiche} ({self.x}, {self.y})"
