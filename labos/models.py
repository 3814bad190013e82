from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Case, DecimalField, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectivites.models import Transfo, is_coordinateur, roles_of
from labos.choices import (
    CleSection,
    Perimetre,
    Relation,
    SensEchange,
    StatutPriorite,
    TypeActeur,
    TypeRevue,
)
from transfo.fields import DOCUMENT, FreeTextField


def full_name(user):
    return user.get_full_name() if user is not None else ""


class StaleSection(Exception):
    """A section was saved from a page showing an older text than the stored one."""


class ForTransfoQuerySet(models.QuerySet):
    """Rows of a labo, listed for the people who may see that labo (`labos.rules`)."""

    transfo_path = "transfo"

    def for_user(self, user):
        if is_coordinateur(user):
            return self.all()
        return self.filter(**{f"{self.transfo_path}__in": list(roles_of(user))})


# Plan du labo -----------------------------------------------------------------------------


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
        ordering = ["version", "type", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_type_display()} — {self.texte[:60]}"

    @property
    def auteur_nom(self):
        return full_name(self.auteur)


# Priorités et prochaines actions ----------------------------------------------------------


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


# Écosystème -------------------------------------------------------------------------------


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


# Banque de temps --------------------------------------------------------------------------

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
