"""Attendance (présences) and the météo of the sessions."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import (
    MomentMeteo,
    NoteMeteo,
)
from ambassadeurs.models.groupe import group_members
from collectivites.models import Jour, Session


@dataclass
class TauxSession:
    """The presence rate of a session: person-days present over person-days recorded."""

    session_id: int
    numero: int
    titre: str
    presents: int
    total: int

    @property
    def taux(self):
        return round(100 * self.presents / self.total) if self.total else 0


@dataclass
class Serie:
    """A person's attendance streaks over the sessions where it was recorded."""

    sessions: list
    actuelle: int = 0
    present: bool | None = None
    meilleure: int = 0

    @property
    def presentes(self):
        return sum(self.sessions)

    @property
    def needs_reminder(self):
        """Absent from the last two sessions recorded for them, in a row."""
        return len(self.sessions) >= 2 and not any(self.sessions[-2:])


def serie(sessions):
    """The streaks of a sequence of per-session presences (True: present), oldest first."""
    result = Serie(sessions=list(sessions))
    run = 0
    for index, present in enumerate(sessions):
        run = run + 1 if index and sessions[index - 1] == present else 1
        if present:
            result.meilleure = max(result.meilleure, run)
    if sessions:
        result.actuelle, result.present = run, sessions[-1]
    return result


@dataclass
class GrillePresences:
    """The attendance grid of a session: the active members of the group × its days."""

    session: Session
    jours: list
    membres: list
    cells: dict
    jours_saisis: set

    def rows(self):
        """[(membre, [(jour, present or None, saisissable)])] for the template."""
        today = timezone.localdate()
        return [
            (
                membre,
                [
                    (jour, self.cells.get((membre.pk, jour.pk)), jour_saisissable(jour, today))
                    for jour in self.jours
                ],
            )
            for membre in self.membres
        ]


def session_members(session, jours):
    """The group of a session: those who were members on its dates (joined on or before its
    last day, not left before its first); of an undated session, the active group.

    `jours` are the session's days (already fetched): no query until evaluated."""
    members = group_members(session.transfo)
    dates = [jour.date for jour in jours if jour.date]
    if not dates:
        return members.actives()
    return members.members_between(min(dates), max(dates))


def jour_saisissable(jour, today=None):
    """Attendance is recorded for days that have come (dated, not in the future)."""
    return jour.date is not None and jour.date <= (today or timezone.localdate())


class PresenceQuerySet(models.QuerySet):
    def of_members(self):
        """Only the records of people who were members of the group on the session's dates
        (`session_members`): a cell of someone who joined later or had left is no presence
        nor absence, even when stored (issue 19, item 8). Every count of attendance starts
        here."""
        days = Jour.objects.filter(session_id=OuterRef("jour__session_id"), date__isnull=False)
        return self.alias(
            premier_jour=Subquery(days.order_by("date").values("date")[:1]),
            dernier_jour=Subquery(days.order_by("-date").values("date")[:1]),
        ).filter(
            Q(dernier_jour__isnull=True) | Q(participation__date_entree__lte=F("dernier_jour")),
            Q(dernier_jour__isnull=True)
            | Q(participation__date_sortie__isnull=True)
            | Q(participation__date_sortie__gte=F("premier_jour")),
        )

    def of_transfo(self, transfo):
        return self.of_members().filter(
            jour__session__transfo=transfo, jour__session__est_modele=False
        )

    def rate_by_session(self, transfo):
        """[TauxSession] of the sessions where attendance was recorded, by number (1 query)."""
        return self.rates_by_transfo([transfo.pk]).get(transfo.pk, [])

    def rates_by_transfo(self, transfo_ids):
        """{transfo_id: [TauxSession]} of many Transfos, as `rate_by_session` (1 query)."""
        rows = (
            self.of_members()
            .filter(jour__session__transfo_id__in=list(transfo_ids))
            .filter(jour__session__est_modele=False)
            .values(
                "jour__session__transfo_id",
                "jour__session_id",
                "jour__session__numero",
                "jour__session__titre",
            )
            .annotate(presents=Count("pk", filter=Q(present=True)), total=Count("pk"))
            .order_by("jour__session__transfo_id", "jour__session__numero")
        )
        result = {}
        for row in rows:
            result.setdefault(row["jour__session__transfo_id"], []).append(
                TauxSession(
                    session_id=row["jour__session_id"],
                    numero=row["jour__session__numero"],
                    titre=row["jour__session__titre"],
                    presents=row["presents"],
                    total=row["total"],
                )
            )
        return result

    def by_person(self, transfo):
        """{participation_id: [present at the session?, …]} by session number (1 query).

        A person is present at a session when present on at least one of its days; sessions
        where nothing was recorded for them do not count.
        """
        rows = (
            self.of_transfo(transfo)
            .values("participation_id", "jour__session__numero")
            .annotate(jours_presents=Count("pk", filter=Q(present=True)))
            .order_by("participation_id", "jour__session__numero")
        )
        sessions = {}
        for row in rows:
            sessions.setdefault(row["participation_id"], []).append(row["jours_presents"] > 0)
        return sessions

    def streaks(self, transfo):
        """{participation_id: Serie} (1 query)."""
        return {pk: serie(sessions) for pk, sessions in self.by_person(transfo).items()}

    def to_remind(self, transfo):
        """Active members of the group absent from their last two recorded sessions, by name
        (2 queries)."""
        ids = [pk for pk, s in self.streaks(transfo).items() if s.needs_reminder]
        return list(
            group_members(transfo)
            .actives()
            .filter(pk__in=ids)
            .select_related("user")
            .order_by("user__full_name", "pk")
        )

    def grid(self, session):
        """The GrillePresences of a session: its days × those who were members of the group
        on its dates (3 queries: days, members, recorded cells)."""
        jours = list(session.jours.order_by("position", "pk"))
        membres = list(
            session_members(session, jours).select_related("user").order_by("user__full_name", "pk")
        )
        cells = {
            (pid, jid): present
            for pid, jid, present in self.of_members()
            .filter(jour__session=session)
            .values_list("participation_id", "jour_id", "present")
        }
        return GrillePresences(
            session=session,
            jours=jours,
            membres=membres,
            cells=cells,
            jours_saisis={jid for _pid, jid in cells},
        )

    def record_day(self, jour, present_ids, membres, user):
        """Record a whole day: the members in `present_ids` present, the others absent."""
        self.bulk_create(
            [
                Presence(jour=jour, participation=m, present=m.pk in present_ids, saisie_par=user)
                for m in membres
            ],
            update_conflicts=True,
            unique_fields=["jour", "participation"],
            update_fields=["present", "saisie_par", "updated_at"],
        )

    @transaction.atomic
    def record_cell(self, jour, membre, present, membres, user):
        """Record one cell. The first cell of a day opens its roll call: everyone else is
        recorded absent until ticked, as the grid shows them."""
        self.bulk_create(
            [Presence(jour=jour, participation=m, saisie_par=user) for m in membres],
            ignore_conflicts=True,
        )
        self.filter(jour=jour, participation=membre).update(
            present=present, saisie_par=user, updated_at=timezone.now()
        )


class Presence(models.Model):
    """Whether a member of the group was there on a session day, as recorded by a résident."""

    jour = models.ForeignKey(
        "collectivites.Jour",
        verbose_name=_("jour"),
        on_delete=models.CASCADE,
        related_name="presences",
    )
    participation = models.ForeignKey(
        "collectivites.Participation",
        verbose_name=_("membre du groupe"),
        on_delete=models.CASCADE,
        related_name="presences",
    )
    present = models.BooleanField(_("présent·e"), default=False)
    saisie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PresenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(
                fields=["jour", "participation"], name="une_presence_par_jour_et_membre"
            )
        ]

    def __str__(self):
        return f"{self.participation.user} — {self.jour}"


# Personal météos are shown only as an average, and only from this many people on, so that
# nobody's is recognisable.
METEO_AVERAGE_THRESHOLD = 3


@dataclass
class MeteoDuMoment:
    """The météo of a day at one moment: the group's as a résident recorded it, and the
    average of the personal ones."""

    jour: object
    moment: str
    groupe: object = None
    moyenne: float | None = None
    nombre: int = 0

    @property
    def moment_label(self):
        return MomentMeteo(self.moment).label

    @property
    def moyenne_affichee(self):
        """The average of the personal météos, when enough people gave theirs."""
        return self.moyenne if self.nombre >= METEO_AVERAGE_THRESHOLD else None


class MeteoQuerySet(models.QuerySet):
    def of_session(self, session):
        """[MeteoDuMoment] for each day and moment of the session (3 queries)."""
        jours = list(session.jours.order_by("position", "pk"))
        groupes = {
            (m.jour_id, m.moment): m
            for m in self.filter(jour__session=session, participation__isnull=True)
        }
        personnelles = {
            (row["jour_id"], row["moment"]): row
            for row in self.filter(jour__session=session, participation__isnull=False)
            .values("jour_id", "moment")
            .annotate(moyenne=models.Avg("note"), nombre=Count("pk"))
            .order_by()
        }
        return [
            MeteoDuMoment(
                jour=jour,
                moment=moment,
                groupe=groupes.get((jour.pk, moment)),
                moyenne=(personnelles.get((jour.pk, moment)) or {}).get("moyenne"),
                nombre=(personnelles.get((jour.pk, moment)) or {}).get("nombre", 0),
            )
            for jour in jours
            for moment in MomentMeteo
        ]


class Meteo(models.Model):
    """The météo at the opening or closing of a session day: one person's 1–5 weather and a
    word, or (without a person) the whole group's as a résident recorded it."""

    jour = models.ForeignKey(
        "collectivites.Jour",
        verbose_name=_("jour"),
        on_delete=models.CASCADE,
        related_name="meteos",
    )
    moment = models.CharField(_("moment"), max_length=20, choices=MomentMeteo.choices)
    participation = models.ForeignKey(
        "collectivites.Participation",
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="meteos",
        help_text=_("Vide : la météo du groupe."),
    )
    note = models.PositiveSmallIntegerField(
        _("météo"),
        choices=NoteMeteo.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    mot = models.CharField(_("un mot"), max_length=60, blank=True)
    saisie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeteoQuerySet.as_manager()

    class Meta:
        verbose_name = _("météo")
        verbose_name_plural = _("météos")
        constraints = [
            models.UniqueConstraint(
                fields=["jour", "moment", "participation"],
                condition=Q(participation__isnull=False),
                name="une_meteo_par_personne_et_moment",
            ),
            models.UniqueConstraint(
                fields=["jour", "moment"],
                condition=Q(participation__isnull=True),
                name="une_meteo_du_groupe_par_moment",
            ),
            models.CheckConstraint(
                condition=Q(note__gte=1) & Q(note__lte=5), name="meteo_note_1_a_5"
            ),
        ]

    def __str__(self):
        return f"{self.jour} — {self.get_moment_display()} : {self.note}"
