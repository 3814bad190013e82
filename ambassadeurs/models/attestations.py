"""Attestations: the PDF that tells an ambassadeur's HR what they did in the Transfo.

Seed 001 names the gap: no recognition by HR. The attestation lists the sessions and days
attended (as recorded by the résidents), the cas pratiques worked on, the méthodes practised
(those of the blocks of the days attended), the roles held. It names its issuers, the
Transfo's pilote interne and La 27e Région, and is signed by nobody: it says when it was
made, from the attendance recorded, and prints its content's fingerprint (issue 19, item 3).

It is built by a task (`ambassadeurs.tasks.render_attestation`, WeasyPrint), kept in the
private storage and served through a permission-checked view. Asking again rebuilds it only when its content changed: the
content's fingerprint is stored with the file.

Who may get it: the person, and the pilote interne and résident·es of the Transfo (who
issue it for HR). Nobody else: not peers, not coordinators. `Attestation.objects.for_user`
and the rule `ambassadeurs.get_attestation` (`ambassadeurs/rules.py`) say the same.
"""

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ambassadeurs.models.presences import Presence
from collectivites.choices import CERCLE_ROLES, FOLLOW_ROLES, Role
from collectivites.models import Methode, Participation, transfo_ids
from transfo.storage import private_storage
from transfo.text import en_tant_que

# Who issues the attestations: those who follow the group.
ISSUER_ROLES = FOLLOW_ROLES
ORGANISATION = "La 27e Région"


def attestation_path(attestation, filename):
    return f"attestations/{secrets.token_urlsafe(16)}/{filename}"


def participations_for_attestation(user):
    """Participations whose attestation the person may get: exactly `can_get_attestation`."""
    if not user.is_authenticated:
        return Participation.objects.none()
    return Participation.objects.filter(role__in=CERCLE_ROLES).filter(
        Q(user=user) | Q(transfo_id__in=transfo_ids(user, ISSUER_ROLES))
    )


@dataclass
class SessionSuivie:
    numero: int
    titre: str
    jours: list = field(default_factory=list)  # dates (or None) of the days attended


@dataclass
class ContenuAttestation:
    """What an attestation says; its JSON is the fingerprint of the PDF."""

    nom: str
    transfo: str
    collectivite: str
    role: str
    entree: date
    sortie: date | None
    roles_groupe: str
    sessions: list
    nb_jours: int
    cas: list
    methodes: list
    pilotes: list

    @property
    def qualite(self):
        """The role as the attestation's sentence says it: "en tant qu'ambassadeur·rice"."""
        return en_tant_que(self.role)

    def empreinte(self):
        raw = json.dumps(asdict(self), default=str, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


def attestation_content(participation):
    """The content of a participation's attestation (4 queries)."""
    user = participation.user
    transfo = participation.transfo
    presences = (
        Presence.objects.of_members()
        .filter(participation=participation, present=True)
        .filter(jour__session__est_modele=False)
        .select_related("jour__session")
        .order_by("jour__session__numero", "jour__position", "jour__pk")
    )
    sessions = {}
    jour_ids = []
    for presence in presences:
        jour = presence.jour
        session = jour.session
        suivie = sessions.setdefault(session.pk, SessionSuivie(session.numero, session.titre))
        suivie.jours.append(jour.date)
        jour_ids.append(jour.pk)
    cas = (
        transfo.cas_pratiques.filter(
            Q(sessions__pk__in=list(sessions))
            | Q(immersions__journaliste=user)
            | Q(immersions__observateur=user)
            | Q(immersions__photographe=user)
            | Q(fiches_idees__created_by=user)
        )
        .distinct()
        .order_by("numero")
    )
    methodes = (
        Methode.objects.filter(blocs__jour_id__in=jour_ids, blocs__supprime_le__isnull=True)
        .distinct()
        .order_by("nom")
    )
    profil = getattr(participation, "profil", None)
    pilotes = (
        Participation.objects.actives()
        .filter(transfo=transfo, role=Role.PILOTE, user__is_active=True)
        .select_related("user")
        .order_by("user__full_name")
    )
    return ContenuAttestation(
        nom=user.get_full_name(),
        transfo=transfo.nom,
        collectivite=transfo.collectivite.nom,
        role=str(participation.get_role_display()),
        entree=participation.date_entree,
        sortie=participation.date_sortie,
        roles_groupe=profil.roles if profil else "",
        sessions=list(sessions.values()),
        nb_jours=len(jour_ids),
        cas=[f"{c.numero}. {c.titre}" for c in cas],
        methodes=[m.nom for m in methodes],
        pilotes=[p.user.get_full_name() for p in pilotes],
    )


def render_attestation_html(contenu, etablie_le):
    """The attestation's HTML: made at `etablie_le`, with its content's fingerprint (the one
    stored as `Attestation.empreinte`). Nobody signs it, and it says none of that."""
    return render_to_string(
        "ambassadeurs/attestation_pdf.html",
        {
            "contenu": contenu,
            "etablie_le": etablie_le,
            "empreinte": contenu.empreinte(),
            "organisation": ORGANISATION,
        },
    )


class AttestationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(participation__in=participations_for_attestation(user))


class Attestation(models.Model):
    """The PDF attestation of a member of the group's participation in a Transfo."""

    participation = models.OneToOneField(
        "collectivites.Participation",
        verbose_name=_("participation"),
        on_delete=models.CASCADE,
        related_name="attestation",
    )
    fichier = models.FileField(
        storage=private_storage, upload_to=attestation_path, blank=True, editable=False
    )
    empreinte = models.CharField(max_length=64, blank=True, editable=False)
    demandee_le = models.DateTimeField(_("demandée le"), null=True, blank=True)
    demandee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    generee_le = models.DateTimeField(_("générée le"), null=True, blank=True, editable=False)

    objects = AttestationQuerySet.as_manager()

    class Meta:
        verbose_name = _("attestation")
        verbose_name_plural = _("attestations")

    def __str__(self):
        return f"{_('Attestation')} — {self.participation}"

    def get_absolute_url(self):
        return reverse(
            "attestations:detail", args=[self.participation.transfo.slug, self.participation_id]
        )

    @property
    def prete(self):
        """A file answers the last request."""
        return bool(self.fichier) and (
            self.demandee_le is None
            or (self.generee_le is not None and self.generee_le >= self.demandee_le)
        )
