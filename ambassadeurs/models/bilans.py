"""Bilans: personal and collective reviews at milestones, on the résidents' guiding questions.

A bilan campaign (`Bilan`) belongs to a Transfo: a kind (personnel or collectif), a milestone
(after a cas pratique, mid-term, the end), guiding questions in order, opening and closing
dates. In a personal bilan each ambassadeur or relais writes their own answers
(`BilanPersonnel`, one text per question), saves them as a draft, then hands them in
("déposé"); like a carnet entry, a personal bilan is private unless its author shares it
with the résidents or the group, and readers only ever see it once handed in. In a
collective bilan the group writes one shared answer per question (`ReponseCollective`), with
the last editor kept and conflicting edits detected.

The models are imported by `ambassadeurs.models`; permissions are in `ambassadeurs.rules`.
"""

from functools import cached_property

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadeurs import sharing
from ambassadeurs.choices import JalonBilan, StatutBilan, TypeBilan, Visibilite
from ambassadeurs.rendering import render_markdown
from collectivites.choices import CERCLE_ROLES, GROUP_ROLES
from collectivites.models import is_coordinateur, transfo_ids
from transfo.fields import FreeTextField

MAX_QUESTIONS = 12
QUESTION_MAX_LENGTH = 500
# Who writes a personal bilan: the ambassadeurs and their relais (the cercle).
AUTHOR_ROLES = CERCLE_ROLES


class StaleReponse(Exception):
    """A collective answer was saved from a page showing an older text than the stored one."""


class BilanQuerySet(models.QuerySet):
    def for_user(self, user):
        """Campaigns the person may see: those of their group's Transfos, all for
        coordinators. Exactly `ambassadeurs.rules.can_view_bilans`."""
        if not user.is_authenticated:
            return self.none()
        if is_coordinateur(user):
            return self.all()
        return self.filter(transfo_id__in=transfo_ids(user, GROUP_ROLES))

    def ouverts(self, today=None):
        today = today or timezone.localdate()
        return self.filter(ouverture__lte=today).filter(
            Q(cloture__isnull=True) | Q(cloture__gte=today)
        )

    def to_answer(self, user):
        """Open campaigns waiting for the person: personal bilans of their cercle not handed
        in yet, collective bilans of their group (2 queries with the roles)."""
        if not user.is_authenticated:
            return self.none()
        return (
            self.ouverts()
            .filter(
                Q(type=TypeBilan.PERSONNEL, transfo_id__in=transfo_ids(user, AUTHOR_ROLES))
                | Q(type=TypeBilan.COLLECTIF, transfo_id__in=transfo_ids(user, GROUP_ROLES))
            )
            .exclude(
                pk__in=BilanPersonnel.objects.filter(auteur=user, statut=StatutBilan.DEPOSE).values(
                    "bilan_id"
                )
            )
            .select_related("transfo", "cas_pratique")
            .order_by("cloture", "ouverture", "pk")
        )


class Bilan(models.Model):
    """A bilan campaign of a Transfo: a personal or collective review at a milestone, on the
    guiding questions the résidents set."""

    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="bilans",
    )
    type = models.CharField(
        _("type de bilan"), max_length=20, choices=TypeBilan.choices, default=TypeBilan.PERSONNEL
    )
    jalon = models.CharField(_("étape"), max_length=20, choices=JalonBilan.choices)
    cas_pratique = models.ForeignKey(
        "cas_pratiques.CasPratique",
        verbose_name=_("cas pratique"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Pour un bilan après un cas pratique : lequel."),
    )
    titre = models.CharField(_("titre"), max_length=200)
    ouverture = models.DateField(_("ouvert le"), default=timezone.localdate)
    cloture = models.DateField(
        _("clos le"),
        null=True,
        blank=True,
        help_text=_("Dernier jour pour répondre. Vide : ouvert jusqu'à nouvel ordre."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ouvert par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # When the group was told of it by mail (once: ambassadeurs.tasks.announce_bilan).
    annonce_envoyee_le = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BilanQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilan")
        verbose_name_plural = _("bilans")
        ordering = ["-ouverture", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cloture__isnull=True) | Q(cloture__gte=F("ouverture")),
                name="bilan_cloture_apres_ouverture",
            )
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("bilans:detail", args=[self.transfo.slug, self.pk])

    @property
    def is_personal(self):
        return self.type == TypeBilan.PERSONNEL

    def etat(self, today=None):
        """ "a_venir", "ouvert" or "clos" on `today`."""
        today = today or timezone.localdate()
        if today < self.ouverture:
            return "a_venir"
        if self.cloture is not None and today > self.cloture:
            return "clos"
        return "ouvert"

    @property
    def is_open(self):
        return self.etat() == "ouvert"

    def has_answers(self):
        """Whether someone wrote something: the questions are then fixed."""
        if self.pk is None:
            return False
        if self.is_personal:
            return ReponseBilan.objects.filter(question__bilan=self).exclude(texte="").exists()
        return ReponseCollective.objects.filter(question__bilan=self).exclude(texte="").exists()

    @transaction.atomic
    def set_questions(self, textes):
        """Replace the guiding questions by `textes`, in order (only while nobody answered)."""
        self.questions.all().delete()
        QuestionBilan.objects.bulk_create(
            QuestionBilan(bilan=self, position=index, texte=texte)
            for index, texte in enumerate(textes, start=1)
        )

    def copie_of(self, user):
        """The person's personal bilan in this campaign, made on first use."""
        copie, _created = BilanPersonnel.objects.get_or_create(bilan=self, auteur=user)
        return copie

    def collective_answers(self):
        """[(question, its shared answer or None)] in order (1 query)."""
        questions = self.questions.select_related("reponse_collective__updated_by")
        return [(q, getattr(q, "reponse_collective", None)) for q in questions]


class QuestionBilan(models.Model):
    """One guiding question of a bilan, in the order the résidents set."""

    bilan = models.ForeignKey(Bilan, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"))
    texte = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)

    class Meta:
        verbose_name = _("question de bilan")
        verbose_name_plural = _("questions de bilan")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.texte


class BilanPersonnelQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Personal bilans the person may read: their own, and the others' handed in and
        shared with them. Exactly `ambassadeurs.rules.can_read_bilan_personnel`: nobody has
        more, not coordinators, staff or superusers."""
        if not user.is_authenticated:
            return self.none()
        shared = sharing.shared_with_q(user, transfo="bilan__transfo_id")
        return self.filter(Q(auteur=user) | (Q(statut=StatutBilan.DEPOSE) & shared))


class BilanPersonnel(models.Model):
    """One person's answers to a personal bilan: private unless they share it."""

    bilan = models.ForeignKey(Bilan, on_delete=models.CASCADE, related_name="copies")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="bilans_personnels",
    )
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutBilan.choices, default=StatutBilan.BROUILLON
    )
    visibilite = models.CharField(
        _("visibilité"), max_length=20, choices=Visibilite.choices, default=Visibilite.PRIVE
    )
    depose_le = models.DateTimeField(_("déposé le"), null=True, blank=True)
    partage_le = models.DateTimeField(_("partagé le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)

    objects = BilanPersonnelQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilan personnel")
        verbose_name_plural = _("bilans personnels")
        ordering = ["bilan", "auteur__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bilan", "auteur"], name="un_bilan_par_personne")
        ]

    def __str__(self):
        return f"{self.bilan} — {self.auteur}"

    def get_absolute_url(self):
        return reverse("bilans:copie", args=[self.bilan.transfo.slug, self.bilan_id, self.pk])

    @property
    def is_handed_in(self):
        return self.statut == StatutBilan.DEPOSE

    def textes(self):
        """{question_id: text} of the answers (1 query)."""
        return dict(self.reponses.values_list("question_id", "texte"))

    @transaction.atomic
    def save_answers(self, textes, *, deposer=False):
        """Save the texts {question_id: text}; hand the bilan in when `deposer`."""
        ReponseBilan.objects.bulk_create(
            [ReponseBilan(copie=self, question_id=qid, texte=t) for qid, t in textes.items()],
            update_conflicts=True,
            unique_fields=["copie", "question"],
            update_fields=["texte"],
        )
        if deposer and not self.is_handed_in:
            self.statut = StatutBilan.DEPOSE
            self.depose_le = timezone.now()
        self.save()

    def set_visibilite(self, visibilite):
        """Change who may read the bilan once handed in; False when nothing changed."""
        if visibilite == self.visibilite:
            return False
        self.visibilite = visibilite
        self.partage_le = None if visibilite == Visibilite.PRIVE else timezone.now()
        self.save(update_fields=["visibilite", "partage_le", "updated_at"])
        return True

    def readers(self, visibilite=None):
        """The people, besides the author, who would read the bilan with `visibilite`."""
        return sharing.readers(
            self.bilan.transfo_id, visibilite or self.visibilite, author_id=self.auteur_id
        )


class ReponseBilan(models.Model):
    """A person's answer to one question of their personal bilan."""

    copie = models.ForeignKey(BilanPersonnel, on_delete=models.CASCADE, related_name="reponses")
    question = models.ForeignKey(
        QuestionBilan, on_delete=models.CASCADE, related_name="reponses_personnelles"
    )
    texte = FreeTextField(_("réponse"), blank=True)

    class Meta:
        verbose_name = _("réponse à un bilan personnel")
        verbose_name_plural = _("réponses aux bilans personnels")
        ordering = ["question__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["copie", "question"], name="une_reponse_par_question")
        ]

    def __str__(self):
        return f"{self.copie} — {self.question}"

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)


class ReponseCollective(models.Model):
    """The group's shared answer to one question of a collective bilan, with its own version
    counter against conflicting edits."""

    question = models.OneToOneField(
        QuestionBilan, on_delete=models.CASCADE, related_name="reponse_collective"
    )
    texte = FreeTextField(_("réponse du groupe"), blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("modifiée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("réponse collective")
        verbose_name_plural = _("réponses collectives")

    def __str__(self):
        return str(self.question)

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)

    @property
    def auteur_nom(self):
        return self.updated_by.get_full_name() if self.updated_by else ""

    def save_text(self, texte, *, version, user):
        """Save the text unless someone saved this answer since `version` was read.

        One conditional UPDATE, so that two people saving at once cannot both win.
        """
        updated = ReponseCollective.objects.filter(pk=self.pk, version=version).update(
            texte=texte, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
        )
        self.refresh_from_db()
        self.__dict__.pop("texte_html", None)
        if not updated:
            raise StaleReponse
        return self
