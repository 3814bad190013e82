"""The group of a Transfo: ambassadeur profiles and the group's composition figures."""

from django.db import models
from django.db.models import OuterRef
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import (
    Categorie,
    Genre,
)
from collectivites.choices import (
    CERCLE_ROLES,
    GROUP_ROLES,
)
from collectivites.models import (
    Participation,
    is_coordinateur,
    transfo_ids,
)
from transfo.fields import NOTE, FreeTextField


def normalise_tags(value):
    """'Photo, cuisine ,photo,,  théâtre' → 'photo, cuisine, théâtre': lower case, no repeats."""
    tags = []
    for raw in (value or "").replace(";", ",").split(","):
        tag = " ".join(raw.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return ", ".join(tags)


def group_members(transfo):
    """The participations of the group of a Transfo (ambassadeurs and relais, past ones too)."""
    return Participation.objects.filter(transfo=transfo, role__in=CERCLE_ROLES)


class AmbassadeurProfileQuerySet(models.QuerySet):
    def for_user(self, user):
        """Profiles of the groups the person may see: `ambassadeurs.rules.can_view_group`."""
        if is_coordinateur(user):
            return self.all()
        return self.filter(participation__transfo_id__in=transfo_ids(user, GROUP_ROLES))


class AmbassadeurProfile(models.Model):
    """Who an ambassadeur or relais is in their administration, kept by the pilote interne."""

    participation = models.OneToOneField(
        "collectivites.Participation",
        verbose_name=_("participation"),
        on_delete=models.CASCADE,
        related_name="profil",
    )
    direction = models.CharField(_("direction"), max_length=200, blank=True)
    service = models.CharField(_("service"), max_length=200, blank=True)
    metier = models.CharField(_("métier"), max_length=200, blank=True)
    categorie = models.CharField(
        _("catégorie"), max_length=1, choices=Categorie.choices, blank=True
    )
    genre = models.CharField(
        _("genre"),
        max_length=10,
        choices=Genre.choices,
        blank=True,
        help_text=_(
            "Facultatif. Demandé uniquement pour les statistiques de parité du groupe : "
            "il n'est montré qu'à la personne elle-même et au pilote interne, jamais au reste "
            "du groupe."
        ),
    )
    n1_nom = models.CharField(_("nom du N+1"), max_length=200, blank=True)
    n1_email = models.EmailField(_("e-mail du N+1"), blank=True)
    roles = models.CharField(
        _("rôles dans le groupe"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple : journaliste d'immersion, facilitatrice, porte-parole."),
    )
    passions = models.CharField(
        _("passions et talents"),
        max_length=500,
        blank=True,
        help_text=_("Séparés par des virgules : photo, théâtre, tableur, cuisine…"),
    )
    raison_sortie = FreeTextField(_("raison de la sortie"), blank=True, max_length=NOTE)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = AmbassadeurProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil d'ambassadeur·rice")
        verbose_name_plural = _("profils d'ambassadeur·rices")

    def __str__(self):
        return str(self.participation.user)

    def save(self, *args, **kwargs):
        self.passions = normalise_tags(self.passions)
        self.n1_email = self.n1_email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def passions_list(self):
        return [tag for tag in self.passions.split(", ") if tag]

    def record_exit(self, date_sortie, raison):
        """The ritualised exit: the date on the participation, the reason here; history kept."""
        participation = self.participation
        participation.date_sortie = date_sortie
        participation.save(update_fields=["date_sortie"])
        self.raison_sortie = raison
        self.save(update_fields=["raison_sortie", "updated_at"])

    def record_return(self):
        """Back in the group: the participation is active again, the past reason cleared."""
        participation = self.participation
        participation.date_sortie = None
        participation.save(update_fields=["date_sortie"])
        self.raison_sortie = ""
        self.save(update_fields=["raison_sortie", "updated_at"])


SUPPRESSION_THRESHOLD = 5
SUPPRESSED = "< 5"


def composition(participations, genres=False):
    """The group at a glance: counts by catégorie, direction and (for those who see each
    person's genre: `ambassadeurs.see_genres`) genre, aggregates only.

    Any count under 5 (but 0) is shown as "< 5", so that nobody is singled out. Genre counts
    are left out for anyone else: comparing them before and after an exit would tell the
    genre of the person who left. Returns `{"total": n, "categorie": [(label, shown)],
    "direction": [...], "genre": [...] or None}` in one query per dimension.
    """
    profiles = AmbassadeurProfile.objects.filter(participation__in=participations).order_by()
    total = participations.count()

    def counts(field, labels=None):
        rows = dict(profiles.values_list(field).annotate(n=models.Count("pk")))
        return suppressed_counts(rows, total, labels)

    return {
        "total": total,
        "categorie": counts("categorie", Categorie.choices),
        "direction": counts("direction"),
        "genre": counts("genre", Genre.choices) if genres else None,
    }


def shown_count(count):
    """A count as it may be shown: "< 5" under the threshold (but 0)."""
    return SUPPRESSED if 0 < count < SUPPRESSION_THRESHOLD else count


def suppressed_counts(rows, total, labels=None):
    """[(label, shown count)] of `rows` ({value: count}) out of `total` people, those without
    a value counted as "Non renseigné", empty groups left out, small ones shown "< 5"."""
    rows = dict(rows)
    rows[""] = rows.get("", 0) + total - sum(rows.values())
    unknown = str(_("Non renseigné"))
    if labels is not None:
        ordered = [(label, rows.get(value, 0)) for value, label in labels]
    else:
        ordered = sorted(((v, n) for v, n in rows.items() if v), key=lambda r: r[0].lower())
    ordered.append((unknown, rows[""]))
    return [(str(label), shown_count(n)) for label, n in ordered if n]


# The genres the parity indicator weighs (intertransfo.indicateurs.niveau_parite).
PARITE_GENRES = (Genre.FEMME, Genre.HOMME)


def composition_figures():
    """SQL of the active group's size by catégorie, and of the recruited group's women and
    men, to annotate a Transfo queryset with (many Transfos in one query);
    `composition_from` turns the values into the catégorie part of `composition`.

    The parity counts everyone ever recruited into the group, those who left included: an
    exit never changes them, so that nobody can tell the genre of who left by comparing the
    indicator before and after (an entry changes them, as the newcomer is met in person).
    """
    recruited = Participation.objects.filter(transfo=OuterRef("pk"), role__in=CERCLE_ROLES)
    group = recruited.filter(date_sortie__isnull=True)

    def count(queryset):
        rows = queryset.order_by().annotate(n=models.Func("pk", function="COUNT")).values("n")
        return Coalesce(models.Subquery(rows), 0)

    figures = {"composition_total": count(group)}
    for value in Categorie.values:
        figures[f"composition_categorie_{value}"] = count(group.filter(profil__categorie=value))
    for value in PARITE_GENRES:
        figures[f"recrutes_genre_{value}"] = count(recruited.filter(profil__genre=value))
    return figures


def composition_from(figures):
    """{"total", "categorie", "raw"} from the `composition_figures` values: the catégorie
    part of `composition`, with the same suppression; "raw" keeps the exact counts for
    rules computed on them (never shown): "categorie" of the active group, "genre" (women
    and men) of the recruited one."""
    total = figures["composition_total"]
    raw = {
        value: figures[f"composition_categorie_{value}"]
        for value in Categorie.values
        if figures[f"composition_categorie_{value}"]
    }
    return {
        "total": total,
        "categorie": suppressed_counts(raw, total, Categorie.choices),
        "raw": {
            "categorie": raw,
            "genre": {value: figures[f"recrutes_genre_{value}"] for value in PARITE_GENRES},
        },
    }
