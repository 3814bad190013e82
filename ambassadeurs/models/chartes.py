"""The charte d'engagement tripartite: its texts, the signatures, the N+1's links."""

import hashlib
import secrets
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import (
    ActionLienN1,
    PartieCharte,
)
from ambassadeurs.models.groupe import AmbassadeurProfile
from ambassadeurs.rendering import render_markdown
from collectivites.choices import FOLLOW_ROLES
from collectivites.models import (
    is_coordinateur,
    transfo_ids,
)
from transfo import outbox
from transfo.fields import NOTE, FreeTextField

# Who signs for the labo: those who follow the group.
LABO_SIGNER_ROLES = FOLLOW_ROLES


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
            | Q(profil__participation__transfo_id__in=transfo_ids(user, FOLLOW_ROLES))
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

    @transaction.atomic
    def denounce(self, partie, *, motif="", user=None):
        """Denounce the party's signature in force and, once committed, tell the two other
        parties by mail (through the outbox); False when there is none."""
        from ambassadeurs.tasks import send_charte_denonciation

        signature = (
            SignatureCharte.objects.select_for_update()
            .filter(charte=self, partie=partie, denoncee_le__isnull=True)
            .first()
        )
        if signature is None:
            return False
        SignatureCharte.objects.filter(pk=signature.pk).update(
            denoncee_le=timezone.now(), motif_denonciation=motif, denoncee_par=user
        )
        outbox.enqueue(send_charte_denonciation, signature.pk)
        return True

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
    # When the other parties were told of the denunciation (once: the outbox may run the
    # task twice).
    denonciation_notifiee_le = models.DateTimeField(
        _("dénonciation notifiée le"), null=True, blank=True, editable=False
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
