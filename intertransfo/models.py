"""The Intertransfos (their moments, participants, ateliers and propositions), the
chat'roulette (sign-ups, rounds, meetings) and the dashboard's recorded indicator levels."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectivites.choices import Role
from collectivites.models import Transfo, is_member_anywhere, roles_of
from intertransfo.choices import LA_27E_REGION, Niveau, TypeEquipe
from transfo.dates import french_date
from transfo.fields import DOCUMENT, FreeTextField

# An Intertransfo is a day (seeds 000, 002, 004), sometimes two: more is a typing slip.
MAX_JOURS = 5


class IntertransfoQuerySet(models.QuerySet):
    def for_user(self, user):
        """Every Intertransfo for members of any Transfo and coordinators (who take part in
        them); none for others."""
        if is_member_anywhere(user):
            return self.all()
        return self.none()

    def in_span(self, start, end):
        """Intertransfos held between two dates (included)."""
        return self.filter(date__gte=start, date__lte=end)

    def synthese_publiee(self):
        """Those whose summary the coordination published: the public may read them."""
        return self.filter(synthese_publiee_le__isnull=False)

    def a_venir(self, today):
        """Those held from `today` on (or still going on, over several days), the nearest
        first (the home's "Prochains rendez-vous")."""
        return self.filter(Q(date__gte=today) | Q(date_fin__gte=today)).order_by("date", "pk")


class Intertransfo(models.Model):
    """A gathering of all the Transfos' teams, every 3–6 months (vade-mecum, seed 004)."""

    numero = models.PositiveSmallIntegerField(
        _("numéro"), null=True, blank=True, unique=True, help_text=_("Vide si non numérotée.")
    )
    slug = models.SlugField(_("identifiant d'URL"), max_length=100, unique=True)
    date = models.DateField(_("date"))
    date_fin = models.DateField(_("date de fin"), null=True, blank=True)
    lieu = models.CharField(_("lieu"), max_length=200)
    transfo_hote = models.ForeignKey(
        Transfo,
        verbose_name=_("Transfo hôte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="intertransfos_accueillies",
    )
    theme = models.CharField(_("thème"), max_length=300, blank=True)
    resume = FreeTextField(_("résumé"), blank=True)
    videos = FreeTextField(
        _("vidéos de restitution"), blank=True, help_text=_("Une adresse par ligne.")
    )
    transfos = models.ManyToManyField(
        Transfo,
        verbose_name=_("Transfos participantes"),
        blank=True,
        related_name="intertransfos",
        help_text=_("Celles qui présentent leurs infos clés et leur labo."),
    )
    synthese = FreeTextField(
        _("synthèse publique"),
        max_length=DOCUMENT,
        blank=True,
        help_text=_(
            "Texte de la page publique de restitution, si la coordination la publie. "
            "N'y nommez personne."
        ),
    )
    synthese_publiee_le = models.DateTimeField(
        _("synthèse publiée le"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IntertransfoQuerySet.as_manager()

    class Meta:
        verbose_name = _("Intertransfo")
        verbose_name_plural = _("Intertransfos")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_fin__isnull=True) | Q(date_fin__gte=models.F("date")),
                name="intertransfo_fin_apres_debut",
            )
        ]

    def __str__(self):
        if self.numero:
            return _("Intertransfo n°%(n)s") % {"n": self.numero}
        return _("Intertransfo de %(lieu)s") % {"lieu": self.lieu}

    def get_absolute_url(self):
        return reverse("intertransfo:detail", args=[self.slug])

    def get_manage_url(self):
        return reverse("intertransfo:manage", args=[self.slug])

    def get_public_url(self):
        return reverse("intertransfo:public_detail", args=[self.slug])

    def clean(self):
        super().clean()
        if self.date and self.date_fin:
            if self.date_fin < self.date:
                raise ValidationError({"date_fin": _("La date de fin précède la date de début.")})
            if self.nb_jours > MAX_JOURS:
                raise ValidationError(
                    {
                        "date_fin": _(
                            "Une Intertransfo dure au plus %(n)s jours : vérifiez la date de fin."
                        )
                        % {"n": MAX_JOURS}
                    }
                )
        if self.pk and self.date:
            last = self.moments.aggregate(m=models.Max("jour"))["m"] or 1
            if last > self.nb_jours:
                raise ValidationError(
                    {
                        "date_fin": _(
                            "Le programme a des temps le jour %(n)s : déplacez-les avant de "
                            "raccourcir l'Intertransfo."
                        )
                        % {"n": last}
                    }
                )

    @property
    def nb_jours(self):
        """How many days it lasts: 1 without an end date."""
        if self.date_fin and self.date_fin > self.date:
            return (self.date_fin - self.date).days + 1
        return 1

    @property
    def sur_plusieurs_jours(self):
        return self.nb_jours > 1

    def date_du_jour(self, numero):
        """The date of its day `numero` (1: the first day)."""
        return self.date + timedelta(days=numero - 1)

    def jours(self):
        """[(numero, date)] of its days, the first one first."""
        return [(n, self.date_du_jour(n)) for n in range(1, self.nb_jours + 1)]

    def programme_par_jour(self, moments):
        """[(date, [moments])] of the programme, day by day (every day of the span, even one
        without an item yet), each day in time order; items of a day past the span (which
        validation refuses) come on the last day rather than vanish."""
        days = {numero: [] for numero, _date in self.jours()}
        for moment in sorted(moments, key=lambda m: (m.jour, m.debut, m.pk)):
            days[min(moment.jour, self.nb_jours)].append(moment)
        return [(self.date_du_jour(numero), items) for numero, items in days.items()]

    @property
    def is_synthese_publiee(self):
        return self.synthese_publiee_le is not None

    def publier_synthese(self):
        """Open the public summary page (/intertransfos/<slug>/); publishing again keeps
        the first date."""
        if self.synthese_publiee_le is None:
            self.synthese_publiee_le = timezone.now()
            self.save(update_fields=["synthese_publiee_le"])

    def depublier_synthese(self):
        self.synthese_publiee_le = None
        self.save(update_fields=["synthese_publiee_le"])

    @property
    def contexte(self):
        """Its full name, also how the labo reviews and priorities recorded there name it:
        "Intertransfo n°6, Strasbourg, 17 mai 2019", "Intertransfo de Dunkerque, 26 janvier
        2018"."""
        day = french_date(self.date)
        if self.numero:
            return f"{self}, {self.lieu}, {day}"
        return f"{self}, {day}"

    def video_list(self):
        return [line.strip() for line in self.videos.splitlines() if line.strip()]

    def moments_ordered(self):
        return sorted(self.moments.all(), key=lambda m: (m.jour, m.debut, m.pk))


class Moment(models.Model):
    """A timed item of an Intertransfo's programme ("9h30-10h30 : Labos grand-estois...")."""

    intertransfo = models.ForeignKey(Intertransfo, on_delete=models.CASCADE, related_name="moments")
    jour = models.PositiveSmallIntegerField(
        _("jour"), default=1, help_text=_("1 pour le premier jour de l'Intertransfo.")
    )
    debut = models.TimeField(_("début"))
    fin = models.TimeField(_("fin"), null=True, blank=True)
    titre = models.CharField(_("titre"), max_length=300)
    description = FreeTextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("temps du programme")
        verbose_name_plural = _("temps du programme")
        ordering = ["intertransfo", "jour", "debut", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(fin__gt=models.F("debut")),
                name="moment_fin_apres_debut",
            ),
            models.CheckConstraint(condition=Q(jour__gte=1), name="moment_jour_des_1"),
        ]

    def __str__(self):
        return f"{self.horaire} : {self.titre}"

    def clean(self):
        super().clean()
        if self.intertransfo_id and self.jour and self.jour > self.intertransfo.nb_jours:
            intertransfo = self.intertransfo
            if intertransfo.sur_plusieurs_jours:
                message = _(
                    "L'Intertransfo dure %(n)s jours, du %(debut)s au %(fin)s : choisissez "
                    "l'un de ces jours."
                ) % {
                    "n": intertransfo.nb_jours,
                    "debut": french_date(intertransfo.date),
                    "fin": french_date(intertransfo.date_fin),
                }
            else:
                message = _(
                    "L'Intertransfo dure une journée, le %(date)s : donnez-lui une date de fin "
                    "pour ajouter un deuxième jour."
                ) % {"date": french_date(intertransfo.date)}
            raise ValidationError({"jour": message})

    @property
    def date(self):
        """Its day's date."""
        return self.intertransfo.date_du_jour(self.jour)

    @property
    def horaire(self):
        def hour(t):
            return f"{t.hour}h{t.minute:02d}" if t.minute else f"{t.hour}h"

        return f"{hour(self.debut)}-{hour(self.fin)}" if self.fin else hour(self.debut)


class ParticipantQuerySet(models.QuerySet):
    def by_team(self):
        return self.select_related("user", "transfo").order_by(
            "type_equipe", "transfo__nom", "organisation", "nom", "user__full_name", "pk"
        )


class Participant(models.Model):
    """A person registered to an Intertransfo, with their team and whether they came.

    Members come with their account and Transfo; guests (partners...) are a name, an
    organisation and an email, without account."""

    intertransfo = models.ForeignKey(
        Intertransfo, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="participations_intertransfo",
    )
    type_equipe = models.CharField(_("équipe"), max_length=10, choices=TypeEquipe.choices)
    transfo = models.ForeignKey(
        Transfo,
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    nom = models.CharField(_("nom"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    present = models.BooleanField(_("présent·e"), default=False)
    inscrit_le = models.DateTimeField(_("inscrit·e le"), default=timezone.now)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant·e")
        verbose_name_plural = _("participant·es")
        ordering = ["intertransfo", "type_equipe", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["intertransfo", "user"],
                condition=Q(user__isnull=False),
                name="une_inscription_par_personne",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(nom=""),
                name="participant_nomme",
            ),
            models.CheckConstraint(
                condition=~Q(type_equipe=TypeEquipe.TRANSFO) | Q(transfo__isnull=False),
                name="participant_transfo_equipe",
            ),
        ]

    def __str__(self):
        return f"{self.nom_affiche} ({self.equipe})"

    @property
    def nom_affiche(self):
        return self.user.get_full_name() if self.user_id else self.nom

    @property
    def equipe(self):
        if self.type_equipe == TypeEquipe.TRANSFO:
            return self.transfo.nom
        if self.type_equipe == TypeEquipe.REGION_27:
            return str(LA_27E_REGION)
        return self.organisation or str(_("Invité·es"))

    @classmethod
    def team_of(cls, user):
        """(type, Transfo) a member comes with: their Transfo, or La 27e Région for the
        coordination (who are coordinators of every Transfo)."""
        roles = roles_of(user)
        own = sorted(pk for pk, role in roles.items() if role != Role.COORDINATEUR)
        if own:
            return TypeEquipe.TRANSFO, Transfo.objects.get(pk=own[0])
        return TypeEquipe.REGION_27, None


def teams(participants):
    """[(team name, [participants])] in the order of `ParticipantQuerySet.by_team()`."""
    grouped = {}
    for participant in participants:
        grouped.setdefault(participant.equipe, []).append(participant)
    return list(grouped.items())


class Atelier(models.Model):
    """A workshop group of an Intertransfo: its question(s) and the propositions it writes."""

    intertransfo = models.ForeignKey(
        Intertransfo, on_delete=models.CASCADE, related_name="ateliers"
    )
    numero = models.PositiveSmallIntegerField(_("numéro du groupe"))
    titre = models.CharField(_("titre"), max_length=300)
    questions = FreeTextField(_("question(s)"), blank=True, help_text=_("Une par ligne."))
    scribe = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scribe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")
        ordering = ["intertransfo", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["intertransfo", "numero"], name="un_numero_par_atelier")
        ]

    def __str__(self):
        return _("Groupe %(n)s : %(titre)s") % {"n": self.numero, "titre": self.titre}

    def get_absolute_url(self):
        return reverse("intertransfo:atelier", args=[self.intertransfo.slug, self.numero])

    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]


def ateliers_with_propositions(intertransfo):
    """The groups of an Intertransfo and their propositions, in two queries."""
    return intertransfo.ateliers.prefetch_related(
        Prefetch(
            "propositions",
            queryset=Proposition.objects.select_related("auteur").order_by("created_at", "pk"),
        )
    ).order_by("numero")


class Proposition(models.Model):
    """A proposition written by a workshop group (read at the restitution)."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="propositions")
    texte = FreeTextField(_("proposition"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["atelier", "created_at", "pk"]

    def __str__(self):
        return self.texte[:80]


# Chat'roulette (seed 002: "une Chat'roulette au sein de la communauté") ----------------


class ChatRouletteInscription(models.Model):
    """A member's wish to be paired each month with someone of another Transfo."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="chatroulette",
    )
    opted_in_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)

    class Meta:
        verbose_name = _("inscription à la chat'roulette")
        verbose_name_plural = _("inscriptions à la chat'roulette")

    def __str__(self):
        return str(self.user)


class TourChatRoulette(models.Model):
    """The pairing of one month, made once (the task is idempotent per month)."""

    mois = models.DateField(_("mois"), unique=True, help_text=_("Premier jour du mois."))
    laisses = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sans binôme ce mois-ci"),
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tour de chat'roulette")
        verbose_name_plural = _("tours de chat'roulette")
        ordering = ["-mois"]

    def __str__(self):
        return _("Chat'roulette de %(mois)s") % {"mois": french_date(self.mois, "month_year")}


class Rencontre(models.Model):
    """Two people (three when the number is odd) paired in a round, told by mail."""

    tour = models.ForeignKey(TourChatRoulette, on_delete=models.CASCADE, related_name="rencontres")
    personnes = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="rencontres")
    mail_envoye_le = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("rencontre")
        verbose_name_plural = _("rencontres")
        ordering = ["tour", "pk"]

    def __str__(self):
        return " · ".join(str(p) for p in self.personnes.all())


# The weekly protocol check -------------------------------------------------------------------


class EtatIndicateur(models.Model):
    """The level of one protocol indicator of a Transfo at the last weekly check, and since
    when it holds (intertransfo.tasks.check_protocol mails what turned amber or red)."""

    transfo = models.ForeignKey(
        Transfo, verbose_name=_("Transfo"), on_delete=models.CASCADE, related_name="+"
    )
    indicateur = models.CharField(_("indicateur"), max_length=40)
    niveau = models.CharField(_("niveau"), max_length=20, choices=Niveau.choices)
    depuis = models.DateField(_("depuis"))
    verifie_le = models.DateField(_("vérifié le"))

    class Meta:
        verbose_name = _("état d'un indicateur")
        verbose_name_plural = _("états des indicateurs")
        ordering = ["transfo", "indicateur"]
        constraints = [
            models.UniqueConstraint(fields=["transfo", "indicateur"], name="un_etat_par_indicateur")
        ]

    def __str__(self):
        return f"{self.transfo} — {self.indicateur} : {self.get_niveau_display()}"
