import hashlib
import html
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import (
    ActionLienN1,
    Categorie,
    Genre,
    Humeur,
    MomentMeteo,
    NoteMeteo,
    PartieCharte,
    TypePiece,
    Visibilite,
)
from ambassadeurs.rendering import render_markdown
from collectivites.choices import (
    CERCLE_ROLES,
    FOLLOW_ROLES,
    GROUP_ROLES,
    Role,
    StatutSession,
    TypeBloc,
)
from collectivites.models import (
    Bloc,
    Jour,
    Participation,
    Session,
    is_coordinateur,
    transfo_ids,
)
from transfo import outbox
from transfo.fields import NOTE, FreeTextField


def group_transfo_ids(user):
    """Ids of the Transfos where the person is a current member of the group (GROUP_ROLES:
    coordinators of La 27e Région are not part of it, see `ambassadeurs/rules.py`)."""
    return transfo_ids(user, GROUP_ROLES)


def resident_transfo_ids(user):
    return transfo_ids(user, {Role.RESIDENT})


def private_storage():
    return storages["private"]


def piece_path(piece, filename):
    return f"carnets/{secrets.token_urlsafe(16)}/{filename}"


class EntreeCarnetQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Entries the person may read: their own, and the others' as their authors shared them.

        Exactly `ambassadeurs.rules.can_read_entree`. Nobody has more: not coordinators,
        staff or superusers.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(auteur=user)
            | Q(visibilite=Visibilite.GROUPE, transfo_id__in=group_transfo_ids(user))
            | Q(visibilite=Visibilite.RESIDENTS, transfo_id__in=resident_transfo_ids(user))
        )

    def shared_with(self, user):
        """Entries of others that the person may read."""
        return self.visible_to(user).exclude(auteur=user)

    def of_author(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(auteur=user)


class EntreeCarnet(models.Model):
    """An entry of a person's carnet de bord: private unless its author shares it."""

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="entrees_carnet",
    )
    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="entrees_carnet",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    session = models.ForeignKey(
        "collectivites.Session",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entrees_carnet",
    )
    titre = models.CharField(_("titre"), max_length=200)
    texte = FreeTextField(
        _("texte"),
        blank=True,
        help_text=_(
            "Mise en forme Markdown : **gras**, *italique*, listes avec « - », titres avec « ## »."
        ),
    )
    humeur = models.CharField(_("humeur"), max_length=20, choices=Humeur.choices, blank=True)
    visibilite = models.CharField(
        _("visibilité"), max_length=20, choices=Visibilite.choices, default=Visibilite.PRIVE
    )
    partagee_le = models.DateTimeField(_("partagée le"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    objects = EntreeCarnetQuerySet.as_manager()

    class Meta:
        verbose_name = _("entrée de carnet de bord")
        verbose_name_plural = _("entrées de carnet de bord")
        ordering = ["-date", "-created_at", "-pk"]
        indexes = [
            models.Index(fields=["auteur", "-date"], name="carnet_auteur_date"),
            models.Index(fields=["transfo", "visibilite"], name="carnet_transfo_visibilite"),
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("ambassadeurs:entree_detail", args=[self.pk])

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)

    @cached_property
    def extrait(self):
        """The text without its Markdown, for lists."""
        return html.unescape(strip_tags(self.texte_html))

    @property
    def est_partagee(self):
        return self.visibilite != Visibilite.PRIVE

    def set_visibilite(self, visibilite):
        """Change who may read the entry; every new sharing is dated (for the digest)."""
        if visibilite == self.visibilite:
            return False
        self.visibilite = visibilite
        self.partagee_le = None if visibilite == Visibilite.PRIVE else timezone.now()
        self.save(update_fields=["visibilite", "partagee_le", "updated_at"])
        return True

    def readers(self):
        """The people, besides the author, who may read the entry (current members)."""
        if self.visibilite == Visibilite.GROUPE:
            roles = GROUP_ROLES
        elif self.visibilite == Visibilite.RESIDENTS:
            roles = {Role.RESIDENT}
        else:
            return []
        return readers_of(self.transfo_id, roles, exclude_user_id=self.auteur_id)


def readers_of(transfo_id, roles, *, exclude_user_id):
    """Current members of a Transfo with one of `roles`, but one person, by name."""
    return [
        p.user
        for p in Participation.objects.actives()
        .filter(transfo_id=transfo_id, role__in=roles, user__is_active=True)
        .exclude(user_id=exclude_user_id)
        .select_related("user")
        .order_by("user__full_name")
    ]


class PieceJointe(models.Model):
    """A photo or the video capsule of a carnet entry, in the private storage."""

    entree = models.ForeignKey(
        EntreeCarnet, verbose_name=_("entrée"), on_delete=models.CASCADE, related_name="pieces"
    )
    fichier = models.FileField(_("fichier"), storage=private_storage, upload_to=piece_path)
    nom = models.CharField(_("nom du fichier"), max_length=200)
    type = models.CharField(_("type"), max_length=10, choices=TypePiece.choices)
    content_type = models.CharField(max_length=50)
    taille = models.PositiveBigIntegerField(_("taille (octets)"))
    legende = models.CharField(_("légende"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["type", "created_at", "pk"]

    def __str__(self):
        return self.nom

    def get_absolute_url(self):
        return reverse("ambassadeurs:piece_download", args=[self.entree_id, self.pk])


def reminder_blocs():
    """The blocks a day's reminder lists: live ones, in order, without the breaks."""
    return Prefetch(
        "blocs",
        queryset=Bloc.objects.vivants().exclude(type=TypeBloc.PAUSE).order_by("position", "pk"),
    )


def days_to_write_about(user, limit=3):
    """The last past days of published sessions of the person's Transfos not yet written about.

    The carnet offers them as prompts, with that day's programme (block titles only, never
    the résidents' notes) as a reminder of what happened.
    """
    transfo_ids = group_transfo_ids(user)
    if not transfo_ids:
        return []
    written = EntreeCarnet.objects.filter(
        auteur=user, session_id=OuterRef("session_id"), date=OuterRef("date")
    )
    sessions = (
        Session.objects.for_user(user)
        .filter(transfo_id__in=transfo_ids)
        .exclude(statut=StatutSession.BROUILLON)
    )
    days = (
        Jour.objects.filter(session__in=sessions, date__lte=timezone.localdate())
        .exclude(Exists(written))
        .select_related("session__transfo")
        .prefetch_related(reminder_blocs())
        .order_by("-date", "-pk")
    )
    return list(days[:limit])


def day_reminder(jour):
    """The Markdown a new entry about a session day starts with: the day's programme."""
    lines = [str(_("Au programme de la journée (pour mémoire) :")), ""]
    lines += [f"- {bloc.titre}" for bloc in jour.blocs.all()]
    lines += ["", str(_("Ce que j'en retiens :")), "", ""]
    return "\n".join(lines)


NEW_ENTRY_KEY = "nouvelle"


class Brouillon(models.Model):
    """The text a person is typing in a carnet form, saved as they type (autosave)."""

    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="brouillons_carnet"
    )
    # "nouvelle" for a new entry, "entree-<pk>" for the edit of an entry.
    cle = models.CharField(max_length=40)
    donnees = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("brouillon de carnet")
        verbose_name_plural = _("brouillons de carnet")
        constraints = [
            models.UniqueConstraint(fields=["auteur", "cle"], name="un_brouillon_par_formulaire")
        ]

    def __str__(self):
        return f"{self.auteur} — {self.cle}"

    @staticmethod
    def key_for(entree=None):
        return NEW_ENTRY_KEY if entree is None else f"entree-{entree.pk}"


class EnvoiDigest(models.Model):
    """That an entry was announced to a person in the weekly digest (sent once)."""

    destinataire = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    entree = models.ForeignKey(EntreeCarnet, on_delete=models.CASCADE, related_name="envois")
    envoye_le = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("envoi du résumé hebdomadaire")
        verbose_name_plural = _("envois du résumé hebdomadaire")
        constraints = [
            models.UniqueConstraint(
                fields=["destinataire", "entree"], name="une_annonce_par_entree_et_personne"
            )
        ]

    def __str__(self):
        return f"{self.entree} → {self.destinataire}"


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
        return self.filter(participation__transfo_id__in=group_transfo_ids(user))


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


# The charte d'engagement tripartite ---------------------------------------------------------

# Who signs for the labo: those who follow the group.
LABO_SIGNER_ROLES = FOLLOW_ROLES


def followed_transfo_ids(user):
    """Ids of the Transfos whose group the person follows (pilote or résident·e there)."""
    return transfo_ids(user, FOLLOW_ROLES)


# The first version of a Transfo's charter, drawn from the Intertransfo of Dunkerque (seed
# 002: "une charte d'engagement qui implique toutes les parties, et que chacune peut
# dénoncer"; "prévoir des temps d'échanges entre n+1 et responsable du labo").
DEFAULT_CHARTE_TEXT = """\
## Charte d'engagement tripartite

Cette charte engage trois parties : l'ambassadeur·rice, son ou sa N+1 et le labo (représenté
par le pilote interne ou un·e résident·e).

**L'ambassadeur·rice** s'engage à participer aux sessions de La Transfo, à contribuer aux cas
pratiques et à la construction du labo, et à partager ce qu'il ou elle apprend avec son service.

**Le ou la N+1** s'engage à libérer l'agent·e pour les sessions et le temps d'intersession, à
reconnaître cette participation dans l'entretien annuel, et à prendre part aux temps
d'échanges entre N+1 et responsable du labo.

**Le labo** s'engage à accompagner l'ambassadeur·rice, à informer son ou sa N+1 du programme
des sessions et à valoriser les compétences acquises.

Chaque partie peut dénoncer cette charte à tout moment, en le disant aux deux autres.
"""


class TexteCharteQuerySet(models.QuerySet):
    def of_transfo(self, transfo):
        return self.filter(transfo=transfo).order_by("-version")


class TexteCharte(models.Model):
    """One version of the text of a Transfo's charte d'engagement: an edit makes a new one."""

    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="textes_charte",
    )
    version = models.PositiveIntegerField(_("version"))
    texte = FreeTextField(
        _("texte de la charte"),
        help_text=_("Mise en forme Markdown : **gras**, *italique*, listes avec « - »."),
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modifiée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = TexteCharteQuerySet.as_manager()

    class Meta:
        verbose_name = _("version du texte de la charte")
        verbose_name_plural = _("versions du texte de la charte")
        ordering = ["transfo", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["transfo", "version"], name="une_version_de_charte_par_numero"
            )
        ]

    def __str__(self):
        return f"{self.transfo} — v{self.version}"

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)

    @classmethod
    def current(cls, transfo):
        """The text in force for the Transfo; its first version is the default text."""
        text = cls.objects.of_transfo(transfo).first()
        if text is None:
            text, _created = cls.objects.get_or_create(
                transfo=transfo, version=1, defaults={"texte": DEFAULT_CHARTE_TEXT}
            )
        return text

    @classmethod
    @transaction.atomic
    def revise(cls, transfo, texte, auteur):
        """Save an edit as a new version (nothing when the text did not change).

        Returns (version in force, whether a version was created). Signatures keep pointing
        at the version they signed.
        """
        type(transfo).objects.select_for_update().filter(pk=transfo.pk).first()
        current = cls.current(transfo)
        if current.texte.strip() == texte.strip():
            return current, False
        return (
            cls.objects.create(
                transfo=transfo, version=current.version + 1, texte=texte, auteur=auteur
            ),
            True,
        )


class CharteQuerySet(models.QuerySet):
    def for_user(self, user):
        """Charters the person may see: their own; all of the groups they follow
        (pilote, résident·es) or coordinate. Exactly `ambassadeurs.rules.can_view_charte`."""
        if not user.is_authenticated:
            return self.none()
        if is_coordinateur(user):
            return self.all()
        return self.filter(
            Q(profil__participation__user=user)
            | Q(profil__participation__transfo_id__in=followed_transfo_ids(user))
        )


class Charte(models.Model):
    """The charte d'engagement tripartite of an ambassadeur: them, their N+1 and the labo."""

    profil = models.OneToOneField(
        AmbassadeurProfile,
        verbose_name=_("profil"),
        on_delete=models.CASCADE,
        related_name="charte",
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = CharteQuerySet.as_manager()

    class Meta:
        verbose_name = _("charte d'engagement")
        verbose_name_plural = _("chartes d'engagement")

    def __str__(self):
        return str(_("Charte de %(nom)s") % {"nom": self.profil})

    @classmethod
    def of_profil(cls, profil):
        charte, _created = cls.objects.get_or_create(profil=profil)
        return charte

    def etats(self):
        """{partie: the party's last signature or None}, from the prefetched signatures."""
        states = dict.fromkeys(PartieCharte)
        if self.pk is None:
            return states
        for signature in self.signatures.all():
            states[PartieCharte(signature.partie)] = signature
        return states

    def active_signature(self, partie):
        signature = self.etats()[partie]
        return signature if signature is not None and signature.active else None

    def non_signees(self):
        """The parties whose signature is missing or was denounced."""
        return [p for p, s in self.etats().items() if s is None or not s.active]

    @transaction.atomic
    def sign(self, partie, *, nom, user=None):
        """Sign the text in force; None when the party has already signed."""
        if SignatureCharte.objects.filter(
            charte=self, partie=partie, denoncee_le__isnull=True
        ).exists():
            return None
        return SignatureCharte.objects.create(
            charte=self,
            partie=partie,
            texte=TexteCharte.current(self.profil.participation.transfo),
            nom=nom,
            signataire=user,
        )

    def denounce(self, partie, *, motif="", user=None):
        """Denounce the party's signature in force; False when there is none."""
        return bool(
            SignatureCharte.objects.filter(
                charte=self, partie=partie, denoncee_le__isnull=True
            ).update(denoncee_le=timezone.now(), motif_denonciation=motif, denoncee_par=user)
        )

    def send_n1_link(self, action):
        """Mail the N+1 a one-time link, once committed (the link is made by the task); kept in
        the outbox while the broker is away. One mail per charter per N1_LINK_INTERVAL
        seconds (counted in the shared cache): False when one left too recently."""
        from django.core.cache import cache

        from ambassadeurs.tasks import send_charte_n1_link

        if not cache.add(f"charte-n1-link:{self.pk}", True, timeout=N1_LINK_INTERVAL):
            return False
        outbox.enqueue(send_charte_n1_link, self.pk, action)
        return True


# A mail to someone outside the platform (the N+1) is not sent again within ten minutes.
N1_LINK_INTERVAL = 10 * 60


def signatures_prefetch():
    return Prefetch("signatures", queryset=SignatureCharte.objects.select_related("texte"))


class SignatureCharte(models.Model):
    """One party's signature of a charter, with the version of the text signed; and its
    denunciation, if the party denounced it (history is kept: signing again adds a row)."""

    charte = models.ForeignKey(
        Charte, verbose_name=_("charte"), on_delete=models.CASCADE, related_name="signatures"
    )
    partie = models.CharField(_("partie"), max_length=20, choices=PartieCharte.choices)
    texte = models.ForeignKey(
        TexteCharte,
        verbose_name=_("version signée"),
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    nom = models.CharField(_("signée par"), max_length=200)
    signataire = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte du signataire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    signee_le = models.DateTimeField(_("signée le"), default=timezone.now)
    denoncee_le = models.DateTimeField(_("dénoncée le"), null=True, blank=True)
    motif_denonciation = FreeTextField(_("motif de la dénonciation"), blank=True, max_length=NOTE)
    denoncee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("signature de charte")
        verbose_name_plural = _("signatures de charte")
        ordering = ["signee_le", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["charte", "partie"],
                condition=Q(denoncee_le__isnull=True),
                name="une_signature_en_vigueur_par_partie",
            )
        ]

    def __str__(self):
        return f"{self.charte} — {self.get_partie_display()}"

    @property
    def active(self):
        return self.denoncee_le is None


LIEN_N1_VALIDITY = timedelta(days=14)


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class LienN1QuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class LienN1(models.Model):
    """A one-time link mailed to an ambassadeur's N+1, to sign or denounce their charter
    without an account. Only the token's hash is kept; a new link revokes the older ones."""

    charte = models.ForeignKey(Charte, on_delete=models.CASCADE, related_name="liens_n1")
    action = models.CharField(max_length=20, choices=ActionLienN1.choices)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = LienN1QuerySet.as_manager()

    class Meta:
        verbose_name = _("lien de signature du N+1")
        verbose_name_plural = _("liens de signature du N+1")

    def __str__(self):
        return f"{self.charte} — {self.get_action_display()}"

    def get_absolute_url(self, token):
        return reverse("charte_n1:lien", args=[self.charte_id, token])

    @classmethod
    @transaction.atomic
    def issue(cls, charte, action):
        """A new link for the N+1 of the charter's profile: (link, token to mail)."""
        now = timezone.now()
        cls.objects.filter(charte=charte).usable().update(expires_at=now)
        token = secrets.token_urlsafe(32)
        link = cls.objects.create(
            charte=charte,
            action=action,
            email=charte.profil.n1_email,
            token_hash=hash_token(token),
            expires_at=now + LIEN_N1_VALIDITY,
        )
        return link, token

    @classmethod
    def find(cls, charte_id, token):
        """The usable link of this charter with this token, or None (forged, other charter,
        expired, used, or the profile's N+1 changed since)."""
        link = (
            cls.objects.usable()
            .select_related(
                "charte__profil__participation__user", "charte__profil__participation__transfo"
            )
            .filter(charte_id=charte_id, token_hash=hash_token(token))
            .first()
        )
        if link is None or link.email != link.charte.profil.n1_email:
            return None
        return link

    def use(self):
        """Spend the link; False when it was spent meanwhile (valid once)."""
        return bool(
            LienN1.objects.filter(pk=self.pk, used_at__isnull=True).update(used_at=timezone.now())
        )


# Attendance and météo ---------------------------------------------------------------------


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
    def a_relancer(self):
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


def jour_saisissable(jour, today=None):
    """Attendance is recorded for days that have come (dated, not in the future)."""
    return jour.date is not None and jour.date <= (today or timezone.localdate())


class PresenceQuerySet(models.QuerySet):
    def of_transfo(self, transfo):
        return self.filter(jour__session__transfo=transfo, jour__session__est_modele=False)

    def rate_by_session(self, transfo):
        """[TauxSession] of the sessions where attendance was recorded, by number (1 query)."""
        return self.rates_by_transfo([transfo.pk]).get(transfo.pk, [])

    def rates_by_transfo(self, transfo_ids):
        """{transfo_id: [TauxSession]} of many Transfos, as `rate_by_session` (1 query)."""
        rows = (
            self.filter(jour__session__transfo_id__in=list(transfo_ids))
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

    def a_relancer(self, transfo):
        """Active members of the group absent from their last two recorded sessions, by name
        (2 queries)."""
        ids = [pk for pk, s in self.streaks(transfo).items() if s.a_relancer]
        return list(
            group_members(transfo)
            .actives()
            .filter(pk__in=ids)
            .select_related("user")
            .order_by("user__full_name", "pk")
        )

    def grid(self, session):
        """The GrillePresences of a session (3 queries: days, members, recorded cells)."""
        jours = list(session.jours.order_by("position", "pk"))
        membres = list(
            group_members(session.transfo)
            .actives()
            .select_related("user")
            .order_by("user__full_name", "pk")
        )
        cells = {
            (pid, jid): present
            for pid, jid, present in self.filter(jour__session=session).values_list(
                "participation_id", "jour_id", "present"
            )
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


# Devoirs (between sessions) ---------------------------------------------------------------


def devoir_path(instance, filename):
    return f"devoirs/{secrets.token_urlsafe(16)}/{filename}"


class DevoirQuerySet(models.QuerySet):
    def for_user(self, user):
        """Assignments the person may read: those of the groups they belong to, and all for
        coordinators. Exactly `ambassadeurs.rules.can_view_devoir`."""
        if is_coordinateur(user):
            return self.all()
        return self.filter(transfo_id__in=group_transfo_ids(user))


class Devoir(models.Model):
    """An assignment the résidents give the group between sessions (devoirs de vacances,
    inter-session exercises): instructions, an attachment and a due date."""

    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="devoirs",
    )
    titre = models.CharField(_("titre"), max_length=200)
    consignes = FreeTextField(
        _("consignes"), help_text=_("Mise en forme Markdown : **gras**, listes avec « - ».")
    )
    echeance = models.DateField(_("à rendre pour le"))
    fichier = models.FileField(
        _("pièce jointe"), storage=private_storage, upload_to=devoir_path, blank=True
    )
    nom_fichier = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DevoirQuerySet.as_manager()

    class Meta:
        verbose_name = _("devoir")
        verbose_name_plural = _("devoirs")
        ordering = ["-echeance", "-pk"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("devoirs:detail", args=[self.transfo.slug, self.pk])

    @cached_property
    def consignes_html(self):
        return render_markdown(self.consignes)


class ReponseDevoirQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Answers the person may read: their own, and all of the Transfos where they are
        résident·e or pilote. Nobody else: not the peers, not coordinators. Exactly
        `ambassadeurs.rules.can_read_reponse`."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(auteur=user) | Q(devoir__transfo_id__in=followed_transfo_ids(user)))


class ReponseDevoir(models.Model):
    """An ambassadeur's answer to a devoir: private to them and the Transfo's résidents and
    pilote."""

    devoir = models.ForeignKey(
        Devoir, verbose_name=_("devoir"), on_delete=models.CASCADE, related_name="reponses"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur·rice"),
        on_delete=models.CASCADE,
        related_name="reponses_devoirs",
    )
    texte = FreeTextField(_("ma réponse"), blank=True)
    fichier = models.FileField(
        _("fichier"), storage=private_storage, upload_to=devoir_path, blank=True
    )
    nom_fichier = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReponseDevoirQuerySet.as_manager()

    class Meta:
        verbose_name = _("réponse à un devoir")
        verbose_name_plural = _("réponses aux devoirs")
        ordering = ["auteur__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["devoir", "auteur"], name="une_reponse_par_devoir")
        ]

    def __str__(self):
        return f"{self.devoir} — {self.auteur}"

    def get_absolute_url(self):
        return reverse("devoirs:reponse", args=[self.devoir.transfo.slug, self.devoir_id, self.pk])

    @cached_property
    def texte_html(self):
        return render_markdown(self.texte)


class CommentaireDevoir(models.Model):
    """A résident's comment on an answer, read by its author and the résidents and pilote."""

    reponse = models.ForeignKey(
        ReponseDevoir, on_delete=models.CASCADE, related_name="commentaires"
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    texte = FreeTextField(_("commentaire"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire de devoir")
        verbose_name_plural = _("commentaires de devoirs")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.reponse} — {self.auteur}"


# Attestations and bilans live in their own modules; imported here so that Django registers
# their models.
from ambassadeurs.attestations import Attestation  # noqa: E402, F401
from ambassadeurs.bilans import (  # noqa: E402, F401
    Bilan,
    BilanPersonnel,
    QuestionBilan,
    ReponseBilan,
    ReponseCollective,
)
