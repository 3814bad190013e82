"""Tasks of the ambassadeurs app: the weekly digest of shared carnet entries, the N+1's charter
mail, the mails that tell a charter's parties it was denounced, the attestation PDF, the mails
that tell the group of a new devoir or bilan."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ambassadeurs import sharing
from ambassadeurs.choices import ActionLienN1, PartieCharte, Visibilite
from ambassadeurs.models import (
    Attestation,
    Bilan,
    Charte,
    Devoir,
    EntreeCarnet,
    EnvoiDigest,
    LienN1,
    SignatureCharte,
    attestation_content,
    render_attestation_html,
    signatures_prefetch,
)
from collectivites.choices import CERCLE_ROLES, Role
from collectivites.models import Participation
from transfo.pdf import html_to_pdf

# A little more than a week, so that a late run of the weekly beat misses nothing; what was
# announced is recorded, so nothing is announced twice.
DIGEST_WINDOW = timedelta(days=8)


@shared_task
def send_carnet_digests():
    """The weekly mail of the entries newly shared with each person, once per entry and person.

    Nothing is sent to whom nothing new was shared. What each person may read is decided by
    `EntreeCarnet.objects.visible_to`, the queryset of the permission itself.
    """
    since = timezone.now() - DIGEST_WINDOW
    recent = EntreeCarnet.objects.exclude(visibilite=Visibilite.PRIVE).filter(
        partagee_le__gte=since
    )
    sent = 0
    users = get_user_model().objects.filter(pk__in=sharing.reader_ids(recent), is_active=True)
    for user in users.order_by("pk"):
        sent += _send_digest(user, recent)
    return sent


def _send_digest(user, recent):
    entries = list(
        recent.shared_with(user)
        .exclude(envois__destinataire=user)
        .select_related("auteur", "transfo", "session")
        .order_by("transfo__nom", "-partagee_le", "-pk")
    )
    if not entries:
        return 0
    context = {
        "user": user,
        "entrees": entries,
        "site_url": settings.SITE_URL,
        "url": settings.SITE_URL + reverse("ambassadeurs:partages"),
    }
    subject = render_to_string("ambassadeurs/emails/digest_subject.txt", context).strip()
    body = render_to_string("ambassadeurs/emails/digest_message.txt", context)
    with transaction.atomic():
        EnvoiDigest.objects.bulk_create(
            [EnvoiDigest(destinataire=user, entree=entree) for entree in entries],
            ignore_conflicts=True,
        )
        get_connection().send_messages(
            [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])]
        )
    return 1


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_charte_n1_link(charte_id, action):
    """Mail an ambassadeur's N+1 a one-time link to sign (or denounce) the charter.

    The link is made here, so that its token only ever exists in the mail; a new link
    revokes the older ones. Nothing is sent when there is no N+1 address, or nothing left
    to do (already signed, or nothing to denounce).
    """
    charte = (
        Charte.objects.select_related(
            "profil__participation__user", "profil__participation__transfo"
        )
        .prefetch_related(signatures_prefetch())
        .filter(pk=charte_id)
        .first()
    )
    if charte is None or not charte.profil.n1_email:
        return False
    signed = charte.active_signature(PartieCharte.N1) is not None
    if signed != (action == ActionLienN1.DENONCER):
        return False
    link, token = LienN1.issue(charte, action)
    context = {
        "profil": charte.profil,
        "ambassadeur": charte.profil.participation.user.get_full_name(),
        "action": ActionLienN1(action),
        "url": settings.SITE_URL + link.get_absolute_url(token),
        "expires_at": link.expires_at,
    }
    subject = render_to_string("ambassadeurs/emails/charte_n1_subject.txt", context).strip()
    body = render_to_string("ambassadeurs/emails/charte_n1_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [link.email])
    return True


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_charte_denonciation(signature_id):
    """Tell the two other parties of a charter that one party denounced it ("chaque partie
    peut dénoncer cette charte à tout moment, en le disant aux deux autres"), once.

    The ambassadeur and the labo get a link to the charter; the N+1, who has no account, the
    news and the motif only. The labo is whoever signed for it last, else the group's pilote.
    """
    with transaction.atomic():
        locked = (
            SignatureCharte.objects.select_for_update()
            .filter(pk=signature_id, denoncee_le__isnull=False, denonciation_notifiee_le=None)
            .values_list("pk", flat=True)
            .first()
        )
        if locked is None:
            return 0
        signature = SignatureCharte.objects.select_related(
            "charte__profil__participation__user", "charte__profil__participation__transfo"
        ).get(pk=locked)
        messages = [
            _denonciation_message(signature, name, email, url)
            for name, email, url in _other_parties(signature)
        ]
        if messages:
            get_connection().send_messages(messages)
        SignatureCharte.objects.filter(pk=signature.pk).update(
            denonciation_notifiee_le=timezone.now()
        )
    return len(messages)


def _other_parties(signature):
    """[(name, e-mail, link to the charter or "")] of the parties other than the one that
    denounced, where an address is known; no one twice."""
    charte = signature.charte
    participation = charte.profil.participation
    url = settings.SITE_URL + reverse(
        "chartes:detail", args=[participation.transfo.slug, participation.pk]
    )
    found = []
    if signature.partie != PartieCharte.AMBASSADEUR and participation.user.is_active:
        found.append((participation.user.get_full_name(), participation.user.email, url))
    if signature.partie != PartieCharte.LABO:
        labo = (
            SignatureCharte.objects.filter(
                charte=charte, partie=PartieCharte.LABO, signataire__is_active=True
            )
            .select_related("signataire")
            .order_by("-signee_le", "-pk")
            .first()
        )
        if labo is not None:
            found.append((labo.signataire.get_full_name(), labo.signataire.email, url))
        else:
            found.extend(
                (p.user.get_full_name(), p.user.email, url)
                for p in Participation.objects.filter(
                    transfo=participation.transfo, role=Role.PILOTE, user__is_active=True
                )
                .actives()
                .select_related("user")
                .order_by("pk")
            )
    if signature.partie != PartieCharte.N1 and charte.profil.n1_email:
        found.append((charte.profil.n1_nom, charte.profil.n1_email, ""))
    seen = set()
    return [
        (name, email, link)
        for name, email, link in found
        if email and email.lower() not in seen and not seen.add(email.lower())
    ]


def _denonciation_message(signature, name, email, url):
    context = {
        "name": name,
        "ambassadeur": signature.charte.profil.participation.user.get_full_name(),
        "partie": PartieCharte(signature.partie),
        "date": timezone.localtime(signature.denoncee_le),
        "motif": signature.motif_denonciation,
        "url": url,
    }
    subject = render_to_string("ambassadeurs/emails/charte_denonciation_subject.txt", context)
    body = render_to_string("ambassadeurs/emails/charte_denonciation_message.txt", context)
    return EmailMessage(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [email])


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_attestation(attestation_id):
    """Build the PDF when its content changed since the stored one; else only mark it done."""

    attestation = (
        Attestation.objects.select_related(
            "participation__user", "participation__transfo__collectivite", "participation__profil"
        )
        .filter(pk=attestation_id)
        .first()
    )
    if attestation is None or attestation.prete:
        return
    contenu = attestation_content(attestation.participation)
    empreinte = contenu.empreinte()
    now = timezone.now()
    if attestation.fichier and attestation.empreinte == empreinte:
        Attestation.objects.filter(pk=attestation.pk).update(generee_le=now)
        return
    html = render_attestation_html(contenu, timezone.localtime(now))
    pdf = html_to_pdf(html)
    old = attestation.fichier.name if attestation.fichier else None
    slug = attestation.participation.transfo.slug
    attestation.fichier.save(f"attestation-{slug}.pdf", ContentFile(pdf), save=False)
    Attestation.objects.filter(pk=attestation.pk).update(
        fichier=attestation.fichier.name, empreinte=empreinte, generee_le=now
    )
    if old:
        attestation.fichier.storage.delete(old)


def _announce(model, pk, template, build_context):
    """Mail each active member of the cercle (ambassadeurs and relais) of the object's Transfo,
    one message each, once: the row is locked and marked in the same transaction."""
    with transaction.atomic():
        obj = (
            model.objects.select_for_update(of=("self",))
            .select_related("transfo")
            .filter(pk=pk, annonce_envoyee_le=None)
            .first()
        )
        if obj is None:
            return 0
        members = (
            Participation.objects.actives()
            .filter(transfo=obj.transfo, role__in=CERCLE_ROLES)
            .exclude(user__email="")
            .select_related("user")
            .order_by("user__full_name", "pk")
        )
        context = build_context(obj)
        subject = render_to_string(f"ambassadeurs/emails/{template}_subject.txt", context).strip()
        messages = [
            EmailMessage(
                subject,
                render_to_string(
                    f"ambassadeurs/emails/{template}_message.txt",
                    {**context, "name": member.user.get_short_name()},
                ),
                settings.DEFAULT_FROM_EMAIL,
                [member.user.email],
            )
            for member in members
        ]
        if messages:
            get_connection().send_messages(messages)
        model.objects.filter(pk=obj.pk).update(annonce_envoyee_le=timezone.now())
    return len(messages)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def announce_devoir(devoir_id):
    """Tell the group a devoir was posted: its title, due date and link (not its text, which
    stays on the platform)."""
    return _announce(
        Devoir,
        devoir_id,
        "devoir",
        lambda devoir: {
            "devoir": devoir,
            "url": settings.SITE_URL + devoir.get_absolute_url(),
        },
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def announce_bilan(bilan_id):
    """Tell the group a bilan campaign was opened: its title, dates and link."""
    return _announce(
        Bilan,
        bilan_id,
        "bilan",
        lambda bilan: {"bilan": bilan, "url": settings.SITE_URL + bilan.get_absolute_url()},
    )
