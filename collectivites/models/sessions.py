"""A Transfo's sessions and their programme: sessions, days (`Jour`) and timed blocks (`Bloc`)."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import F, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collectivites.choices import BLOC_ICONS, PLANNER_ROLES, Role, StatutSession, TypeBloc
from collectivites.models.transfos import (
    Participation,
    Transfo,
    is_coordinateur,
    roles_of,
    transfo_ids,
)
from transfo import outbox
from transfo.fields import FreeTextField
from transfo.storage import private_storage


def programme_pdf_path(session, filename):
    return f"programmes/{secrets.token_urlsafe(16)}/{filename}"


DEFAULT_DAY_START = time(9, 0)
DEFAULT_DAY_END = time(17, 0)


def planner_transfo_ids(user):
    """Ids of the Transfos whose sessions the person plans (résident·e there)."""
    return transfo_ids(user, PLANNER_ROLES)


FACILITATOR_ROLES = [Role.RESIDENT, Role.AMBASSADEUR, Role.PILOTE]


def facilitators_of(transfo):
    """Who may lead ("Animé par") a block of the Transfo's sessions: its current members."""
    return (
        get_user_model()
        .objects.filter(
            participations__transfo=transfo,
            participations__date_sortie__isnull=True,
            participations__role__in=FACILITATOR_ROLES,
        )
        .distinct()
        .order_by("full_name")
    )


# The groups of "Animé par", in the order a session's team reads them: those who plan it,
# the pilote, then the group.
FACILITATOR_GROUPS = [
    (Role.RESIDENT, _("Résident·es")),
    (Role.PILOTE, _("Pilote interne")),
    (Role.AMBASSADEUR, _("Ambassadeur·rices")),
]


def facilitators_by_role(transfo):
    """The people of `facilitators_of`, grouped by their role in the Transfo: a list of
    (group label, [users]) in FACILITATOR_GROUPS' order, empty groups left out. A person has
    one participation per Transfo, so each appears once."""
    people = {}
    participations = (
        Participation.objects.actives()
        .filter(transfo=transfo, role__in=FACILITATOR_ROLES)
        .select_related("user")
        .order_by("user__full_name", "user__pk")
    )
    for participation in participations:
        people.setdefault(participation.role, []).append(participation.user)
    return [(label, people[role]) for role, label in FACILITATOR_GROUPS if role in people]


class SessionQuerySet(models.QuerySet):
    def programmes(self):
        """Real sessions of a Transfo (not templates)."""
        return self.filter(est_modele=False)

    def modeles(self):
        return self.filter(est_modele=True)

    def for_user(self, user):
        """Sessions the person may read: drafts only for those who plan them."""
        if is_coordinateur(user):
            return self.programmes()
        visible = list(roles_of(user))
        return self.programmes().filter(
            Q(transfo_id__in=visible)
            & (~Q(statut=StatutSession.BROUILLON) | Q(transfo_id__in=planner_transfo_ids(user)))
        )

    def plannable_by(self, user):
        """Sessions the person may edit: résidents of the Transfo and coordinators."""
        if is_coordinateur(user):
            return self.programmes()
        return self.programmes().filter(transfo_id__in=planner_transfo_ids(user))

    def modeles_for_user(self, user):
        """Templates are shared by all who plan sessions."""
        if is_coordinateur(user) or planner_transfo_ids(user):
            return self.modeles()
        return self.none()

    def next_for(self, user, today=None):
        """The next session of each of the person's Transfos (one with a day today or later),
        soonest first, with its days: what `/espace/` shows first. Drafts only for those
        who plan them (`for_user`); coordinators see their own Transfos only (2 queries)."""
        today = today or timezone.localdate()
        if not roles_of(user):
            return []
        upcoming = (
            self.for_user(user)
            .filter(transfo_id__in=list(roles_of(user)), jours__date__gte=today)
            .annotate(prochain_jour=Min("jours__date"))
            .select_related("transfo")
            .prefetch_related(Prefetch("jours", queryset=Jour.objects.order_by("position", "pk")))
            .order_by("prochain_jour", "numero")
        )
        first = {}
        for session in upcoming:
            first.setdefault(session.transfo_id, session)
        return list(first.values())

    def with_programme(self):
        """Days and their live blocks (with méthode and facilitators) in three queries."""
        blocs = (
            Bloc.objects.vivants()
            .select_related("methode")
            .prefetch_related("animateurs")
            .order_by("position", "pk")
        )
        return self.prefetch_related(
            Prefetch("jours", queryset=Jour.objects.order_by("position", "pk")),
            Prefetch("jours__blocs", queryset=blocs),
        )


class Session(models.Model):
    """A numbered session of a Transfo (2–3 days and their programme), or a reusable template."""

    transfo = models.ForeignKey(
        Transfo,
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="sessions",
        null=True,
        blank=True,
    )
    numero = models.PositiveSmallIntegerField(_("numéro"), null=True, blank=True)
    titre = models.CharField(_("titre"), max_length=200)
    lieu = models.CharField(_("lieu"), max_length=200, blank=True)
    objectifs = FreeTextField(_("objectifs"), blank=True)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutSession.choices, default=StatutSession.BROUILLON
    )
    est_modele = models.BooleanField(_("modèle de session"), default=False)

    # Débrief after the session (seed 003: what was done, why, what worked, what to improve).
    debrief_fait = FreeTextField(_("ce que l'on a fait"), blank=True)
    debrief_pourquoi = FreeTextField(_("pourquoi (les objectifs visés)"), blank=True)
    debrief_reussites = FreeTextField(_("ce qui a fonctionné"), blank=True)
    debrief_ameliorations = FreeTextField(_("ce qu'il faudrait améliorer"), blank=True)

    # Every change of the session or its programme bumps the version: a change made from a
    # stale page is detected instead of silently overwriting a colleague's.
    version = models.PositiveIntegerField(default=1)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True)
    modifiee_le = models.DateTimeField(_("modifiée après publication le"), null=True, blank=True)
    modification_notifiee_le = models.DateTimeField(null=True, blank=True)
    annonce_envoyee_le = models.DateTimeField(null=True, blank=True)
    rappel_envoye_le = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    programme_pdf = models.FileField(
        storage=private_storage, upload_to=programme_pdf_path, blank=True, editable=False
    )
    programme_pdf_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["transfo", "numero", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["transfo", "numero"],
                condition=Q(est_modele=False),
                name="un_numero_par_session",
            ),
            models.CheckConstraint(
                condition=Q(est_modele=True) | (Q(transfo__isnull=False) & Q(numero__isnull=False)),
                name="session_de_transfo_numerotee",
            ),
        ]

    def __str__(self):
        if self.est_modele:
            return f"Modèle : {self.titre}"
        return f"Session #{self.numero} : {self.titre}"

    def get_absolute_url(self):
        return reverse("collectivites:session_detail", args=[self.transfo.slug, self.numero])

    def get_planner_url(self):
        return reverse("collectivites:session_planner", args=[self.transfo.slug, self.numero])

    # Programme ---------------------------------------------------------------------------

    def days(self):
        """The days, from the prefetch of `with_programme()` when there is one."""
        return list(self.jours.all())

    @property
    def date_debut(self):
        dates = [d.date for d in self.days() if d.date]
        return min(dates) if dates else None

    @property
    def date_fin(self):
        dates = [d.date for d in self.days() if d.date]
        return max(dates) if dates else None

    @property
    def nb_jours(self):
        return len(self.days())

    @property
    def is_modified(self):
        return self.statut == StatutSession.PUBLIEE and self.modifiee_le is not None

    def touch(self, user=None, *, modification=True):
        """Record a change: bump the version and, once published, mark it "modifiée" (not
        for a change of status: publishing is no modification of the programme)."""
        now = timezone.now()
        changes = {"version": F("version") + 1, "updated_at": now}
        if user is not None:
            changes["updated_by"] = user
        if modification and self.statut == StatutSession.PUBLIEE:
            changes["modifiee_le"] = now
        Session.objects.filter(pk=self.pk).update(**changes)
        self.refresh_from_db(fields=["version", "updated_at", "modifiee_le", "updated_by"])

    def check_version(self, version):
        """True when the page the change comes from showed the current version."""
        current = Session.objects.filter(pk=self.pk).values_list("version", flat=True).first()
        return current is not None and str(current) == str(version)

    def publish(self, user=None):
        """Make the programme visible to the group and mail it to them (once committed)."""
        from collectivites.tasks import send_session_published

        self.statut = StatutSession.PUBLIEE
        self.publiee_le = timezone.now()
        self.modifiee_le = None
        self.modification_notifiee_le = None
        self.save(update_fields=["statut", "publiee_le", "modifiee_le", "modification_notifiee_le"])
        self.touch(user, modification=False)
        outbox.enqueue(send_session_published, self.pk)

    def unpublish(self, user=None):
        self.statut = StatutSession.BROUILLON
        self.save(update_fields=["statut"])
        self.touch(user)

    @transaction.atomic
    def copy(
        self,
        *,
        transfo=None,
        numero=None,
        titre=None,
        est_modele=False,
        user=None,
        premier_jour=None,
    ):
        """A copy with its days, blocks, durations, méthodes, material and facilitators, its
        dates moved to start on `premier_jour` (the days keep their gaps; no dates without
        it). The facilitators kept are those still members of the copy's Transfo; a template,
        offered to every Transfo, keeps none. The résidents' notes are kept only by a copy
        within the same Transfo."""
        days = list(self.jours.order_by("position", "pk").prefetch_related("blocs__animateurs"))
        same_transfo = (
            not est_modele
            and not self.est_modele
            and transfo is not None
            and transfo == self.transfo
        )
        members = (
            set() if est_modele else set(facilitators_of(transfo).values_list("pk", flat=True))
        )
        session = Session.objects.create(
            transfo=None if est_modele else transfo,
            numero=None if est_modele else numero,
            titre=titre or self.titre,
            lieu="" if est_modele else self.lieu,
            objectifs=self.objectifs,
            est_modele=est_modele,
            created_by=user,
        )
        for day in days:
            new_day = Jour.objects.create(
                session=session,
                position=day.position,
                date=day.date if premier_jour else None,
                heure_debut=day.heure_debut,
                heure_fin_prevue=day.heure_fin_prevue,
                titre=day.titre,
            )
            for bloc in day.blocs.all():
                if bloc.supprime_le:
                    continue
                facilitators = [u for u in bloc.animateurs.all() if u.pk in members]
                bloc.pk = None
                bloc.jour = new_day
                bloc.version = 1
                # The prefetched facilitators are the source block's: a new block has none.
                bloc._prefetched_objects_cache = {}
                if not same_transfo:
                    bloc.notes_residents = ""
                bloc.save()
                bloc.animateurs.add(*facilitators)
        if premier_jour:
            session.shift_dates(premier_jour)
        return session

    def set_dates(self, first_day):
        """Consecutive dates from `first_day` for the days of the session."""
        for offset, day in enumerate(self.jours.order_by("position", "pk")):
            day.date = first_day + timedelta(days=offset)
            day.save(update_fields=["date"])

    def shift_dates(self, first_day):
        """Move every day so that the first one falls on `first_day`, the others keeping
        their gaps; a day without a date takes the day after the one before it."""
        days = list(self.jours.order_by("position", "pk"))
        start = min((day.date for day in days if day.date), default=None)
        previous = None
        for day in days:
            if day.date and start:
                day.date = first_day + (day.date - start)
            else:
                day.date = previous + timedelta(days=1) if previous else first_day
            previous = day.date
        Jour.objects.bulk_update(days, ["date"])

    @property
    def pdf_ready(self):
        return bool(self.programme_pdf) and self.programme_pdf_version == self.version

    def protocol_hints(self):
        """Hints about this session against the vade-mecum."""
        hints = []
        if not self.est_modele and self.nb_jours and not 2 <= self.nb_jours <= 3:
            hints.append(
                _("La session dure %(n)s jour(s) : le protocole prévoit 2 à 3 jours.")
                % {"n": self.nb_jours}
            )
        return hints


class Jour(models.Model):
    """A day of a session, with its start time and its blocks."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="jours")
    position = models.PositiveSmallIntegerField(default=0)
    date = models.DateField(_("date"), null=True, blank=True)
    titre = models.CharField(_("titre du jour"), max_length=200, blank=True)
    heure_debut = models.TimeField(_("début"), default=DEFAULT_DAY_START)
    heure_fin_prevue = models.TimeField(_("fin prévue"), default=DEFAULT_DAY_END)

    class Meta:
        verbose_name = _("jour")
        verbose_name_plural = _("jours")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.session} — jour {self.numero}"

    @property
    def numero(self):
        return self.position + 1

    def timed_blocks(self):
        """The live blocks with their computed start and end times."""
        start = datetime.combine(self.date or date(2000, 1, 1), self.heure_debut)
        timed = []
        for bloc in self.blocs.all():
            if bloc.supprime_le:
                continue
            end = start + timedelta(minutes=bloc.duree)
            timed.append(TimedBloc(bloc=bloc, debut=start.time(), fin=end.time(), ends_at=end))
            start = end
        return timed

    def schedule(self):
        """Blocks with times, the day's end, its total and whether it runs past its plan."""
        blocks = self.timed_blocks()
        start = datetime.combine(self.date or date(2000, 1, 1), self.heure_debut)
        end = blocks[-1].ends_at if blocks else start
        planned_end = datetime.combine(start.date(), self.heure_fin_prevue)
        total = sum(b.bloc.duree for b in blocks)
        return DaySchedule(
            jour=self,
            blocks=blocks,
            fin=end.time(),
            total_minutes=total,
            depassement_minutes=max(0, int((end - planned_end).total_seconds() // 60)),
        )


@dataclass
class TimedBloc:
    bloc: "Bloc"
    debut: time
    fin: time
    ends_at: datetime


@dataclass
class DaySchedule:
    jour: Jour
    blocks: list
    fin: time
    total_minutes: int
    depassement_minutes: int

    @property
    def total_display(self):
        hours, minutes = divmod(self.total_minutes, 60)
        return f"{hours} h {minutes:02d}" if hours else f"{minutes} min"


class BlocQuerySet(models.QuerySet):
    def vivants(self):
        return self.filter(supprime_le__isnull=True)


class Bloc(models.Model):
    """A timed block of a day's programme: its kind, duration, méthode and facilitators."""

    jour = models.ForeignKey(Jour, on_delete=models.CASCADE, related_name="blocs")
    position = models.PositiveSmallIntegerField(default=0)
    type = models.CharField(_("type"), max_length=20, choices=TypeBloc.choices)
    titre = models.CharField(_("titre"), max_length=200)
    duree = models.PositiveSmallIntegerField(_("durée (minutes)"))
    description = FreeTextField(_("description"), blank=True)
    animateurs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("animé par"), blank=True, related_name="+"
    )
    materiel = FreeTextField(_("matériel"), blank=True)
    methode = models.ForeignKey(
        "collectivites.Methode",
        verbose_name=_("méthode"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="blocs",
    )
    notes_residents = FreeTextField(
        _("notes des résident·es"),
        blank=True,
        help_text=_("Visibles seulement des résident·es et de la coordination."),
    )
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supprime_le = models.DateTimeField(null=True, blank=True, editable=False)

    objects = BlocQuerySet.as_manager()

    class Meta:
        verbose_name = _("bloc")
        verbose_name_plural = _("blocs")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duree__gte=5) & Q(duree__lte=600), name="bloc_duree_5_a_600"
            )
        ]

    def __str__(self):
        return self.titre

    @property
    def icone(self):
        return BLOC_ICONS.get(self.type, "•")

    # Concurrent edits ---------------------------------------------------------------------

    # What a person edits in a block, as compared field by field when two edits cross.
    CONTENT_FIELDS = (
        "type",
        "titre",
        "methode",
        "duree",
        "description",
        "animateurs",
        "materiel",
        "notes_residents",
    )

    def snapshot(self):
        """The block's content as plain values (ids for the méthode and the facilitators)."""
        return snapshot_values(
            {
                **{f: getattr(self, f) for f in self.CONTENT_FIELDS if f != "animateurs"},
                "methode": self.methode_id,
                "animateurs": [user.pk for user in self.animateurs.all()],
            }
        )

    def apply(self, values):
        """Write a snapshot's values (of `snapshot()`'s shape) to the block; save() after."""
        for field in self.CONTENT_FIELDS:
            if field == "methode":
                self.methode_id = values["methode"]
            elif field != "animateurs":
                setattr(self, field, values[field])

    @classmethod
    def merge(cls, base, mine, theirs):
        """Three-way merge of a block's content, field by field.

        `base` is the content the person's form started from (None when unknown), `mine`
        what they send, `theirs` what is stored now. A field only one side changed takes
        that side's value; a field both changed differently is a conflict (kept as mine
        until the person chooses). Returns (merged values, conflicting fields, fields whose
        stored change was kept).
        """
        merged, conflicts, kept = {}, [], []
        for field in cls.CONTENT_FIELDS:
            ours, stored = mine[field], theirs[field]
            if ours == stored:
                merged[field] = ours
            elif base is not None and ours == base.get(field):
                merged[field] = stored
                kept.append(field)
            elif base is not None and stored == base.get(field):
                merged[field] = ours
            else:
                merged[field] = ours
                conflicts.append(field)
        return merged, conflicts, kept


def snapshot_values(values):
    """A block's content made comparable: texts with one kind of line break (a browser sends
    CRLF), facilitators as a sorted list of ids, a méthode as its id."""
    clean = {}
    for field, value in values.items():
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").strip()
        elif field == "animateurs":
            value = sorted(getattr(v, "pk", v) for v in value)
        elif field == "methode" and value is not None:
            value = getattr(value, "pk", value)
        clean[field] = value
    return clean
