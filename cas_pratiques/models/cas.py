"""A cas pratique, the heart of the vitrine: the case itself, its livrables, photos and
contacts, and the checks their files pass."""

import secrets
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from cas_pratiques.choices import (
    EtatPublication,
    Finalite,
    ModeIntervention,
    ModeSaisine,
    StatutCas,
    TypeLivrable,
    TypeSujet,
)
from collectivites.models import is_coordinateur, roles_of
from transfo.fields import FreeTextField
from transfo.storage import private_storage
from transfo.text import normalize

# The vade-mecum (seed 004): a cas pratique is worked on in 1 to 4 sessions.
SESSIONS_MAX_PROTOCOLE = 4

# Paths of the vitrine a case's slug must not take.
RESERVED_SLUGS = {"donnees", "export"}

MAX_LIVRABLE_SIZE = 20 * 1024 * 1024
MAX_PHOTO_SIZE = 10 * 1024 * 1024

# extension: (type, leading bytes the file must start with, or None for plain text)
OLE = b"\xd0\xcf\x11\xe0"
ZIP = b"PK\x03\x04"
LIVRABLE_FORMATS = {
    "pdf": (TypeLivrable.PDF, (b"%PDF-",)),
    "png": (TypeLivrable.IMAGE, ()),
    "jpg": (TypeLivrable.IMAGE, ()),
    "jpeg": (TypeLivrable.IMAGE, ()),
    "gif": (TypeLivrable.IMAGE, ()),
    "webp": (TypeLivrable.IMAGE, ()),
    "ppt": (TypeLivrable.PRESENTATION, (OLE,)),
    "pptx": (TypeLivrable.PRESENTATION, (ZIP,)),
    "odp": (TypeLivrable.PRESENTATION, (ZIP,)),
    "doc": (TypeLivrable.DOCUMENT, (OLE,)),
    "docx": (TypeLivrable.DOCUMENT, (ZIP,)),
    "odt": (TypeLivrable.DOCUMENT, (ZIP,)),
    "xls": (TypeLivrable.TABLEUR, (OLE,)),
    "xlsx": (TypeLivrable.TABLEUR, (ZIP,)),
    "ods": (TypeLivrable.TABLEUR, (ZIP,)),
    "csv": (TypeLivrable.TABLEUR, None),
}
IMAGE_FORMATS = {"png", "jpg", "jpeg", "gif", "webp"}


# The words of a search that count (more would only narrow an already empty result).
SEARCH_MAX_TERMS = 12


def upload_path(instance, filename):
    return f"cas/{secrets.token_urlsafe(16)}/{filename}"


def _extension(name):
    return PurePath(name).suffix.lower().lstrip(".")


def _size_label(size):
    return f"{size / (1024 * 1024):.0f} Mo"


# Larger images are refused as possible decompression bombs (a small file that decodes to
# gigabytes of pixels); Pillow's own limit, about 89 million pixels, comes after.
MAX_IMAGE_PIXELS = 50_000_000


def _check_image(upload):
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise Image.DecompressionBombError(f"{width}x{height}")
            image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _(
                "Image trop grande (plus de %(max)s millions de pixels) : réduisez-la avant "
                "de la déposer."
            ),
            code="pixels",
            params={"max": MAX_IMAGE_PIXELS // 1_000_000},
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(
            _("Ce fichier n'est pas une image lisible (PNG, JPEG, GIF ou WebP)."), code="image"
        ) from error
    finally:
        upload.seek(0)


def check_livrable_file(upload):
    """The livrable's type from its extension, once its size and first bytes match it."""
    extension = _extension(upload.name)
    if extension not in LIVRABLE_FORMATS:
        raise ValidationError(
            _(
                "Format non accepté (« .%(ext)s ») : déposez un PDF, une image (PNG, JPEG, GIF, "
                "WebP), une présentation (PPTX, ODP, PPT), un document (DOCX, ODT, DOC) ou un "
                "tableur (XLSX, ODS, XLS, CSV)."
            ),
            code="format",
            params={"ext": extension or "?"},
        )
    if upload.size > MAX_LIVRABLE_SIZE:
        raise ValidationError(
            _("Fichier trop lourd (%(size)s) : %(max)s au maximum."),
            code="size",
            params={"size": _size_label(upload.size), "max": _size_label(MAX_LIVRABLE_SIZE)},
        )
    kind, signatures = LIVRABLE_FORMATS[extension]
    if extension in IMAGE_FORMATS:
        _check_image(upload)
    elif signatures:
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(signature) for signature in signatures):
            raise ValidationError(
                _("Le contenu du fichier ne correspond pas à son extension « .%(ext)s »."),
                code="content",
                params={"ext": extension},
            )
    return kind


def check_photo_file(upload):
    if _extension(upload.name) not in IMAGE_FORMATS:
        raise ValidationError(
            _("Une photo doit être une image PNG, JPEG, GIF ou WebP."), code="format"
        )
    if upload.size > MAX_PHOTO_SIZE:
        raise ValidationError(
            _("Photo trop lourde (%(size)s) : %(max)s au maximum."),
            code="size",
            params={"size": _size_label(upload.size), "max": _size_label(MAX_PHOTO_SIZE)},
        )
    _check_image(upload)


class ChoiceListField(models.CharField):
    """A list of choices stored as ",a,b," so that `__contains=",a,"` filters on any database."""

    def __init__(self, *args, choices_class=None, **kwargs):
        self.choices_class = choices_class
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("default", None)
        kwargs["choices_class"] = self.choices_class
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [item for item in (value or "").split(",") if item]

    def get_prep_value(self, value):
        if isinstance(value, str):
            return value
        return f",{','.join(value)}," if value else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.choices_class.choices,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
            widget=forms.CheckboxSelectMultiple,
        )

    @staticmethod
    def pattern(value):
        """The `__contains` value that finds one choice in the list."""
        return f",{value},"


def member_transfo_ids(user):
    return list(roles_of(user))


class CasPratiqueQuerySet(models.QuerySet):
    def for_user(self, user):
        """Cases of the Transfos the person belongs to; all of them for coordinators."""
        if is_coordinateur(user):
            return self.all()
        return self.filter(transfo_id__in=member_transfo_ids(user))

    def publies(self):
        """The public vitrine: published cases only."""
        return self.filter(etat=EtatPublication.PUBLIE)

    def search(self, query):
        """Every word of the query, accents and case ignored, in the case's public text.

        On PostgreSQL, French stemming also matches other forms of the words ("maquettes"
        finds "maquette"). Title matches weigh more in the relevance.
        """
        # A query is its first words: ninety terms nested ninety CASE expressions, past
        # SQLite's parser stack (a 500 on the public vitrine and its API).
        terms = normalize(query).split()[:SEARCH_MAX_TERMS]
        match = models.Q()
        relevance = models.Value(0)
        for term in terms:
            match &= models.Q(recherche__contains=term)
            relevance = relevance + models.Case(
                models.When(recherche_titre__contains=term, then=models.Value(3)),
                default=models.Value(1),
            )
        if connections[self.db].vendor == "postgresql":
            stemmed = SearchQuery(" ".join(terms), config="french")
            match |= models.Q(recherche_vecteur=stemmed)
        return self.filter(match).annotate(pertinence=relevance)


class CasPratique(models.Model):
    """A real case of the collectivité worked on by the Transfo, and its public story."""

    transfo = models.ForeignKey(
        "collectivites.Transfo",
        verbose_name=_("Transfo"),
        on_delete=models.CASCADE,
        related_name="cas_pratiques",
    )
    numero = models.PositiveSmallIntegerField(_("numéro"))
    titre = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(
        _("identifiant d'URL"),
        max_length=200,
        unique=True,
        editable=False,
        help_text=_("Fixé à la création : l'adresse publique ne change pas avec le titre."),
    )
    sujet = FreeTextField(_("sujet"), help_text=_("Le sujet tel qu'il a été confié."))
    problematique = FreeTextField(
        _("problématique reformulée"),
        blank=True,
        help_text=_(
            "Par exemple : « comment améliorer l'accès à un dispositif de lutte contre la "
            "précarité énergétique ? »"
        ),
    )
    direction_porteuse = models.CharField(_("direction porteuse"), max_length=200, blank=True)
    porteur = models.CharField(
        _("porteur du cas (privé)"),
        max_length=200,
        blank=True,
        help_text=_("Nom et fonction ; jamais publié."),
    )
    mode_saisine = models.CharField(
        _("mode de saisine"), max_length=30, choices=ModeSaisine.choices, blank=True
    )
    type_sujet = models.CharField(
        _("type de sujet"), max_length=30, choices=TypeSujet.choices, blank=True
    )
    finalites = ChoiceListField(_("finalités"), choices_class=Finalite)
    modes_intervention = ChoiceListField(_("modes d'intervention"), choices_class=ModeIntervention)
    methodes = models.ManyToManyField(
        "collectivites.Methode",
        verbose_name=_("méthodes"),
        related_name="cas_pratiques",
        blank=True,
    )
    sessions = models.ManyToManyField(
        "collectivites.Session",
        verbose_name=_("sessions"),
        related_name="cas_pratiques",
        blank=True,
        help_text=_("1 à 4 sessions selon le protocole."),
    )
    statut = models.CharField(
        _("avancement"), max_length=20, choices=StatutCas.choices, default=StatutCas.CADRAGE
    )
    date_debut = models.DateField(_("début"), null=True, blank=True)
    date_fin = models.DateField(_("fin"), null=True, blank=True)

    # The story told by the vitrine.
    resume = FreeTextField(_("résumé"), blank=True)
    methode = FreeTextField(
        _("méthode (les étapes)"), blank=True, help_text=_("Une étape par ligne.")
    )
    resultats = FreeTextField(_("résultats"), blank=True)
    suites = FreeTextField(_("suites"), blank=True, help_text=_("Ce qui s'est passé ensuite."))
    notes_internes = FreeTextField(
        _("notes de travail (privées)"),
        blank=True,
        help_text=_("Pour le groupe de la Transfo ; jamais publiées."),
    )

    # Conditions of success of a case (retex, seed 001), checked at cadrage. Private.
    cadre_experimental_partage = models.BooleanField(
        _("caractère expérimental partagé avec le porteur"), default=False
    )
    engagement_porteur = models.BooleanField(
        _("engagement du porteur et de sa direction explicité"), default=False
    )
    portage_politique_technique = models.BooleanField(
        _("portage politique et technique vérifié"), default=False
    )
    perimetre_clair = models.BooleanField(_("intervention bien circonscrite"), default=False)
    perimetre = FreeTextField(
        _("périmètre (privé)"),
        blank=True,
        help_text=_("Nombre de sessions, production attendue, objectifs pédagogiques."),
    )

    # Publication.
    etat = models.CharField(
        _("publication"),
        max_length=20,
        choices=EtatPublication.choices,
        default=EtatPublication.BROUILLON,
    )
    commentaire_relecture = FreeTextField(_("commentaire de relecture"), blank=True)
    soumis_le = models.DateTimeField(_("soumis à relecture le"), null=True, blank=True)
    soumis_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("soumis à relecture par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publie_le = models.DateTimeField(_("publié le"), null=True, blank=True)
    publie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Normalized public text, for accent-insensitive search on any database.
    recherche = models.TextField(editable=False, default="")
    recherche_titre = models.TextField(editable=False, default="")
    # PostgreSQL: `recherche`'s French stems, kept by a trigger of the database (migration
    # 0005) whatever writes the row (save, bulk_create, update), so that a search never
    # computes them row by row. Always empty on SQLite, which searches substrings only.
    recherche_vecteur = SearchVectorField(null=True, editable=False)

    objects = CasPratiqueQuerySet.as_manager()

    class Meta:
        verbose_name = _("cas pratique")
        verbose_name_plural = _("cas pratiques")
        ordering = ["transfo", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["transfo", "numero"], name="un_numero_par_cas"),
            models.CheckConstraint(
                condition=models.Q(date_fin__isnull=True)
                | models.Q(date_debut__isnull=True)
                | models.Q(date_fin__gte=models.F("date_debut")),
                name="cas_fin_apres_debut",
            ),
        ]

    def __str__(self):
        return self.titre

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        self.recherche_titre = normalize(self.titre)
        self.recherche = normalize("\n".join(self.public_texts()))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "recherche", "recherche_titre"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("cas_pratiques:vitrine_detail", args=[self.slug])

    def get_espace_url(self):
        return reverse("cas_pratiques:cas_detail", args=[self.transfo.slug, self.slug])

    def _unique_slug(self):
        base = slugify(self.titre)[:180] or "cas"
        slug, n = base, 2
        while slug in RESERVED_SLUGS or CasPratique.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def public_texts(self):
        """The texts the vitrine shows, hence the only ones it searches."""
        transfo = self.transfo
        return [
            self.titre,
            self.sujet,
            self.problematique,
            self.direction_porteuse,
            self.resume,
            self.methode,
            self.resultats,
            self.suites,
            transfo.nom,
            transfo.collectivite.nom,
        ]

    # Display -----------------------------------------------------------------------------

    @property
    def is_published(self):
        return self.etat == EtatPublication.PUBLIE

    @property
    def annee(self):
        return self.date_debut.year if self.date_debut else None

    @property
    def etapes_list(self):
        return [line.strip(" -•\t") for line in self.methode.splitlines() if line.strip()]

    def get_finalites_display(self):
        return [Finalite(value).label for value in self.finalites if value in Finalite.values]

    def get_modes_intervention_display(self):
        return [
            ModeIntervention(value).label
            for value in self.modes_intervention
            if value in ModeIntervention.values
        ]

    def sessions_list(self):
        """The sessions, from a prefetch when there is one, in their order."""
        return sorted(self.sessions.all(), key=lambda session: session.numero or 0)

    @property
    def hors_protocole(self):
        """More sessions than the protocol's 1 to 4: flagged to the résidents."""
        return len(self.sessions_list()) > SESSIONS_MAX_PROTOCOLE

    @property
    def conditions_reunies(self):
        return sum(
            [
                self.cadre_experimental_partage,
                self.engagement_porteur,
                self.portage_politique_technique,
                self.perimetre_clair,
            ]
        )

    # Publication -------------------------------------------------------------------------

    def submit(self, user):
        """Ask for a review before publication: someone else will publish (the rules)."""
        self.etat = EtatPublication.A_RELIRE
        self.soumis_le = timezone.now()
        self.soumis_par = user
        self.save(update_fields=["etat", "soumis_le", "soumis_par", "updated_at"])

    def record_change(self, user):
        """Someone changed the case while it awaits its review: they become the one who
        submitted it, so that its publisher reads it after its last writer, never both."""
        if self.etat == EtatPublication.A_RELIRE and self.soumis_par_id != user.pk:
            self.soumis_par = user
            self.save(update_fields=["soumis_par"])

    def send_back(self, commentaire):
        """The reviewer returns the case to its authors with a comment."""
        self.etat = EtatPublication.BROUILLON
        self.commentaire_relecture = commentaire
        self.save(update_fields=["etat", "commentaire_relecture", "updated_at"])

    def publish(self, user):
        self.etat = EtatPublication.PUBLIE
        self.commentaire_relecture = ""
        self.publie_le = timezone.now()
        self.publie_par = user
        self.save(
            update_fields=["etat", "commentaire_relecture", "publie_le", "publie_par", "updated_at"]
        )

    def withdraw(self):
        """Take the case off the vitrine: it goes back to draft."""
        self.etat = EtatPublication.BROUILLON
        self.save(update_fields=["etat", "updated_at"])


class PublicQuerySet(models.QuerySet):
    def publics(self):
        return self.filter(public=True)


class Livrable(models.Model):
    """A file the case produced (report, slides, pictures), public or kept to the Transfo."""

    cas = models.ForeignKey(
        CasPratique,
        verbose_name=_("cas pratique"),
        on_delete=models.CASCADE,
        related_name="livrables",
    )
    titre = models.CharField(_("titre"), max_length=200)
    fichier = models.FileField(
        _("fichier"),
        storage=private_storage,
        upload_to=upload_path,
        max_length=300,
        help_text=_("PDF, image, présentation, document ou tableur ; 20 Mo au maximum."),
    )
    type = models.CharField(
        _("type"), max_length=20, choices=TypeLivrable.choices, editable=False, default=""
    )
    taille = models.PositiveIntegerField(_("taille (octets)"), editable=False, default=0)
    public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Téléchargeable depuis la vitrine une fois le cas publié."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("livrable")
        verbose_name_plural = _("livrables")
        ordering = ["cas", "pk"]

    def __str__(self):
        return self.titre

    @property
    def filename(self):
        return PurePath(self.fichier.name).name

    def get_public_url(self):
        return reverse("cas_pratiques:vitrine_livrable", args=[self.cas.slug, self.pk])

    def get_private_url(self):
        return reverse(
            "cas_pratiques:livrable_download", args=[self.cas.transfo.slug, self.cas.slug, self.pk]
        )

    @property
    def extension(self):
        return _extension(self.fichier.name).upper()


class Photo(models.Model):
    """A photo of the case's work, with the alternative text every reader needs."""

    cas = models.ForeignKey(
        CasPratique, verbose_name=_("cas pratique"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.FileField(
        _("image"),
        storage=private_storage,
        upload_to=upload_path,
        max_length=300,
        help_text=_("PNG, JPEG, GIF ou WebP ; 10 Mo au maximum."),
    )
    alt = models.CharField(
        _("texte alternatif"),
        max_length=300,
        help_text=_("Ce que montre la photo, pour les personnes qui ne la voient pas."),
    )
    legende = models.CharField(_("légende"), max_length=300, blank=True)
    public = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["cas", "pk"]

    def __str__(self):
        return self.alt

    def get_public_url(self):
        return reverse("cas_pratiques:vitrine_photo", args=[self.cas.slug, self.pk])

    def get_private_url(self):
        return reverse(
            "cas_pratiques:photo_download", args=[self.cas.transfo.slug, self.cas.slug, self.pk]
        )


class ContactQuerySet(models.QuerySet):
    def publics(self):
        """Only people whose consent to publication is recorded."""
        return self.filter(consentement_le__isnull=False)


class Contact(models.Model):
    """A person to contact about the case; published only with their recorded consent."""

    cas = models.ForeignKey(
        CasPratique,
        verbose_name=_("cas pratique"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    nom = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle"), max_length=200, blank=True)
    email = models.EmailField(_("adresse e-mail"), blank=True)
    consentement_le = models.DateTimeField(
        _("accord de publication recueilli le"), null=True, blank=True
    )
    consentement_source = models.CharField(
        _("comment l'accord a été recueilli"), max_length=300, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["cas", "pk"]

    def __str__(self):
        return self.nom

    @property
    def consentement(self):
        return self.consentement_le is not None
