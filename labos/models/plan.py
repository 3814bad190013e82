"""The plan du labo: its axes, sections, interventions, frozen versions and the reviews."""

from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectivites.models import Transfo
from labos.choices import (
    CleSection,
    TypeRevue,
)
from labos.models.common import ForTransfoQuerySet, StaleSection, full_name
from transfo.fields import DOCUMENT, FreeTextField


class Axe(models.Model):
    """One spectrum of seed 000 (PACA): a labo sits somewhere between its two ends."""

    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0)
    slug = models.SlugField(_("identifiant"), unique=True)
    gauche = models.CharField(_("libellé de gauche"), max_length=100)
    milieu = models.CharField(
        _("libellé du milieu"),
        max_length=100,
        blank=True,
        help_text=_("Pour un spectre à trois crans."),
    )
    droite = models.CharField(_("libellé de droite"), max_length=100)
    crans = models.PositiveSmallIntegerField(_("nombre de crans"), default=5)

    class Meta:
        verbose_name = _("spectre")
        verbose_name_plural = _("spectres")
        ordering = ["ordre", "pk"]

    def __str__(self):
        return f"{self.gauche} ↔ {self.droite}"

    @property
    def maximum(self):
        return self.crans - 1

    @property
    def stops(self):
        return range(self.crans)

    @property
    def defaut(self):
        return self.maximum // 2

    def describe(self, value):
        """A position in words: an end, "plutôt" an end, or the middle stop's label."""
        if value is None:
            return _("non placé")
        if self.crans == 3:
            return [self.gauche, self.milieu, self.droite][value]
        if self.crans == 5:
            return [
                self.gauche,
                _("plutôt %(bout)s") % {"bout": self.gauche},
                _("entre les deux"),
                _("plutôt %(bout)s") % {"bout": self.droite},
                self.droite,
            ][value]
        return _("%(n)s sur %(total)s") % {"n": value + 1, "total": self.crans}


class PlanQuerySet(ForTransfoQuerySet):
    def publies(self):
        return self.filter(publie=True)


class Plan(models.Model):
    """The plan du labo of a Transfo: its current draft, by section, and its frozen versions."""

    transfo = models.OneToOneField(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="plan_labo"
    )
    nom = models.CharField(
        _("nom du labo"), max_length=200, blank=True, help_text=_("Même provisoire.")
    )
    publie = models.BooleanField(
        _("publié"),
        default=False,
        help_text=_("La page publique montre la dernière version figée, jamais le brouillon."),
    )
    # The version the public page shows: the latest frozen when a résident, the pilote or
    # the coordination published (`publish`); a version frozen since by any member waits
    # for them to publish again.
    version_publiee = models.ForeignKey(
        "VersionPlan",
        verbose_name=_("version publiée"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    positions = models.JSONField(_("positions sur les spectres"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan du labo")
        verbose_name_plural = _("plans des labos")

    def __str__(self):
        return self.nom or _("Labo de %(transfo)s") % {"transfo": self.transfo}

    def get_absolute_url(self):
        return reverse("labos:plan", args=[self.transfo.slug])

    def get_public_url(self):
        return reverse("labos:public_plan", args=[self.transfo.slug])

    @classmethod
    def for_transfo(cls, transfo):
        plan, _created = cls.objects.get_or_create(transfo=transfo)
        plan.transfo = transfo
        return plan

    def sections_by_cle(self):
        """Every section of the draft, created empty the first time it is asked for."""
        existing = {section.cle: section for section in self.sections.all()}
        missing = [Section(plan=self, cle=cle) for cle in CleSection if cle not in existing]
        if missing:
            Section.objects.bulk_create(missing, ignore_conflicts=True)
            existing = {section.cle: section for section in self.sections.all()}
        return [existing[cle] for cle in CleSection]

    def position_of(self, axe):
        value = self.positions.get(axe.slug)
        return value if isinstance(value, int) and 0 <= value <= axe.maximum else None

    def set_positions(self, values):
        self.positions = dict(values)
        self.save(update_fields=["positions"])

    @transaction.atomic
    def freeze(self, *, user=None, session=None, note=""):
        """Copy the current draft (texts, interventions, positions) into a new numbered version."""
        plan = Plan.objects.select_for_update().get(pk=self.pk)
        numero = (plan.versions.aggregate(m=models.Max("numero"))["m"] or 0) + 1
        return VersionPlan.objects.create(
            plan=self,
            numero=numero,
            session=session,
            note=note,
            created_by=user,
            nom=plan.nom,
            textes={section.cle: section.texte for section in self.sections_by_cle()},
            interventions=[
                {"nom": i.nom, "jours": str(i.jours_homme)} for i in self.interventions.all()
            ],
            positions=dict(plan.positions),
        )

    def derniere_version(self):
        return self.versions.order_by("-numero").first()

    def publish(self, publie):
        """Show the latest frozen version on the public page, or withdraw the page."""
        self.publie = publie
        self.version_publiee = self.derniere_version() if publie else None
        self.save(update_fields=["publie", "version_publiee"])


class Section(models.Model):
    """One section of a plan's current draft, with its own version counter against conflicts."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    cle = models.CharField(_("section"), max_length=20, choices=CleSection.choices)
    texte = FreeTextField(_("texte"), blank=True, max_length=DOCUMENT)
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("section du plan")
        verbose_name_plural = _("sections du plan")
        constraints = [
            models.UniqueConstraint(fields=["plan", "cle"], name="une_section_par_cle"),
        ]

    def __str__(self):
        return self.get_cle_display()

    @property
    def auteur_nom(self):
        return full_name(self.updated_by)

    def save_text(self, texte, *, version, user):
        """Save the text unless someone saved this section since `version` was read.

        The update is one conditional UPDATE, so two people saving at once cannot both win.
        """
        updated = Section.objects.filter(pk=self.pk, version=version).update(
            texte=texte, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
        )
        self.refresh_from_db()
        if not updated:
            raise StaleSection
        return self


class Intervention(models.Model):
    """One intervention of the labo's offre de service, costed in person-days."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="interventions")
    nom = models.CharField(_("intervention"), max_length=200)
    jours_homme = models.DecimalField(
        _("coût (jours·personne)"), max_digits=6, decimal_places=1, default=Decimal("1")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.nom


class VersionPlanQuerySet(ForTransfoQuerySet):
    transfo_path = "plan__transfo"


class VersionPlan(models.Model):
    """A frozen version of a plan ("plan v3, session #11"): texts, interventions, positions."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    numero = models.PositiveSmallIntegerField(_("numéro"))
    session = models.ForeignKey(
        "collectivites.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    nom = models.CharField(_("nom du labo"), max_length=200, blank=True)
    textes = models.JSONField(default=dict)
    interventions = models.JSONField(default=list)
    positions = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("figée le"), auto_now_add=True)

    objects = VersionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("version du plan")
        verbose_name_plural = _("versions du plan")
        ordering = ["plan", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "numero"], name="un_numero_par_plan"),
        ]

    def __str__(self):
        if self.session_id:
            return _("plan v%(n)s, session #%(s)s") % {"n": self.numero, "s": self.session.numero}
        return _("plan v%(n)s") % {"n": self.numero}

    @property
    def auteur_nom(self):
        return full_name(self.created_by)

    def texte(self, cle):
        return self.textes.get(cle, "")

    def interventions_text(self):
        return "\n".join(f"{i['nom']} : {i['jours']} j·p" for i in self.interventions)

    def total_jours(self):
        return sum((Decimal(i["jours"]) for i in self.interventions), Decimal("0"))

    def position_of(self, axe):
        value = self.positions.get(axe.slug)
        return value if isinstance(value, int) and 0 <= value <= axe.maximum else None


def revue_type_rank():
    """The rank of a review's type in the order of TypeRevue (+ inspirant, + risqué, question
    en suspens), for ordering in the database."""
    return Case(
        *(When(type=kind.value, then=Value(rank)) for rank, kind in enumerate(TypeRevue)),
        output_field=IntegerField(),
    )


def revue_groups(revues):
    """[(label, [revue, ...])] of reviews grouped by type in the order of TypeRevue (the one
    the method says: + inspirant, + risqué, question en suspens), each group keeping the
    order given; types without review are left out."""
    groups = {kind: [] for kind in TypeRevue}
    for revue in revues:
        groups[TypeRevue(revue.type)].append(revue)
    return [(kind.label, items) for kind, items in groups.items() if items]


class Revue(models.Model):
    """What someone found most inspiring, most risky or still open in a version of a plan."""

    version = models.ForeignKey(VersionPlan, on_delete=models.CASCADE, related_name="revues")
    type = models.CharField(_("type"), max_length=20, choices=TypeRevue.choices)
    texte = FreeTextField(_("texte"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contexte = models.CharField(
        _("contexte"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : Intertransfo de Dunkerque, 26 janvier 2018."),
    )
    date = models.DateField(_("date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revue")
        verbose_name_plural = _("revues")
        ordering = ["version", revue_type_rank().asc(), "created_at", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} — {self.texte[:60]}"

    @property
    def auteur_nom(self):
        return full_name(self.auteur)
