"""Tasks of the intertransfo app: the monthly chat'roulette pairing and its mails, the
protocol check and its alerts to the coordination."""

from datetime import date

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from collectivites.choices import Role, StatutTransfo
from collectivites.models import Participation, Transfo
from intertransfo.choices import Niveau
from intertransfo.indicateurs import INDICATEURS_PAR_CLE, tableau
from intertransfo.models import (
    ChatRouletteInscription,
    EtatIndicateur,
    Rencontre,
    TourChatRoulette,
)
from intertransfo.pairing import pair_up, pairs_of, personnes
from transfo import outbox

HISTORY_MONTHS = 12


def _months_before(month, count):
    index = month.year * 12 + month.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


@shared_task
def pair_chatroulette(today=None):
    """This month's chat'roulette: pairs the members who opted in, once per month.

    Run daily by Celery beat; the round of a month is made on the first run of that month
    and never again (its unique `mois` makes a concurrent second run fail harmlessly)."""
    today = date.fromisoformat(today) if isinstance(today, str) else today or timezone.localdate()
    month = today.replace(day=1)
    if TourChatRoulette.objects.filter(mois=month).exists():
        return None
    opted_in = set(
        ChatRouletteInscription.objects.filter(user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    memberships = (
        Participation.objects.actives()
        .filter(user_id__in=opted_in)
        .values_list("user_id", "transfo_id", "role")
    )
    history = [
        list(rencontre.personnes.values_list("pk", flat=True))
        for rencontre in Rencontre.objects.filter(
            tour__mois__gt=_months_before(month, HISTORY_MONTHS), tour__mois__lt=month
        )
    ]
    result = pair_up(
        personnes(memberships, opted_in), already_met=pairs_of(history), seed=month.toordinal()
    )
    try:
        with transaction.atomic():
            tour = TourChatRoulette.objects.create(mois=month)
            tour.laisses.set(result.laisses)
            for group in result.groupes:
                rencontre = Rencontre.objects.create(tour=tour)
                rencontre.personnes.set(group)
                outbox.enqueue(send_rencontre_mail, rencontre.pk)
    except IntegrityError:
        return None
    return tour.pk


def role_label(user_id, memberships):
    """ "Ambassadeur·rice, Transfo Metz" or "Coordinateur·rice 27e Région"."""
    own = [m for m in memberships if m.user_id == user_id and m.role != Role.COORDINATEUR]
    if own:
        return ", ".join(f"{m.get_role_display()}, {m.transfo.nom}" for m in own)
    return str(Role.COORDINATEUR.label)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_rencontre_mail(rencontre_id):
    """One mail to each person of a meeting, with the other(s)' name, role and email; sent
    once (the meeting records it)."""
    rencontre = (
        Rencontre.objects.select_related("tour")
        .prefetch_related("personnes")
        .filter(pk=rencontre_id, mail_envoye_le__isnull=True)
        .first()
    )
    if rencontre is None:
        return
    people = list(rencontre.personnes.all())
    memberships = list(
        Participation.objects.actives()
        .filter(user__in=people)
        .select_related("transfo")
        .order_by("transfo__nom")
    )
    url = settings.SITE_URL + reverse("intertransfo:chatroulette")
    for personne in people:
        autres = [
            {
                "nom": other.get_full_name(),
                "role": role_label(other.pk, memberships),
                "email": other.email,
            }
            for other in people
            if other.pk != personne.pk
        ]
        context = {
            "tour": rencontre.tour,
            "personne": personne,
            "autres": autres,
            "chatroulette_url": url,
        }
        subject = render_to_string("intertransfo/emails/chatroulette_subject.txt", context).strip()
        body = render_to_string("intertransfo/emails/chatroulette_message.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [personne.email])
    Rencontre.objects.filter(pk=rencontre.pk).update(mail_envoye_le=timezone.now())


# The weekly protocol check ---------------------------------------------------------------

ALERT_LEVELS = frozenset({Niveau.ORANGE, Niveau.ROUGE})


@shared_task
def check_protocol(today=None):
    """Weekly (Celery beat): each running Transfo's indicator levels against the stored ones;
    the coordinators get one mail listing what turned amber or red since the last check, none
    when nothing did. Idempotent: a second run finds nothing new; two concurrent first runs
    collide on the states' unique constraint and the second does nothing."""
    today = date.fromisoformat(today) if isinstance(today, str) else today or timezone.localdate()
    transfos = Transfo.objects.exclude(statut=StatutTransfo.TERMINEE).select_related("collectivite")
    try:
        return len(_record_levels(tableau(transfos, today=today), today))
    except IntegrityError:
        return 0  # a concurrent check stored the same levels first: it mails them


@transaction.atomic
def _record_levels(lignes, today):
    """Store the rows' levels (a new level starts its `depuis`); enqueue, with them, the mail of
    the indicators that turned amber or red. Returns those alerts."""
    stored = {
        (etat.transfo_id, etat.indicateur): etat
        for etat in EtatIndicateur.objects.select_for_update().filter(
            transfo_id__in=[ligne.transfo.pk for ligne in lignes]
        )
    }
    created, changed, alertes = [], [], []
    for ligne in lignes:
        for cle, cellule in ligne.cellules.items():
            etat = stored.get((ligne.transfo.pk, cle))
            before = etat.niveau if etat is not None else None
            if etat is None:
                created.append(
                    EtatIndicateur(
                        transfo=ligne.transfo,
                        indicateur=cle,
                        niveau=cellule.niveau,
                        depuis=today,
                        verifie_le=today,
                    )
                )
            else:
                if etat.niveau != cellule.niveau:
                    etat.niveau, etat.depuis = cellule.niveau, today
                etat.verifie_le = today
                changed.append(etat)
            if cellule.niveau != before and cellule.niveau in ALERT_LEVELS:
                alertes.append(
                    {
                        "transfo": ligne.transfo.pk,
                        "indicateur": cle,
                        "avant": before,
                        "niveau": cellule.niveau,
                        "valeur": cellule.valeur,
                    }
                )
    EtatIndicateur.objects.bulk_create(created)
    EtatIndicateur.objects.bulk_update(changed, ["niveau", "depuis", "verifie_le"])
    if alertes:
        outbox.enqueue(send_protocol_alert, alertes, today.isoformat())
    return alertes


def coordinator_emails():
    """The coordinators of La 27e Région (an active coordinateur membership)."""
    return sorted(
        set(
            Participation.objects.actives()
            .filter(role=Role.COORDINATEUR, user__is_active=True)
            .values_list("user__email", flat=True)
        )
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_protocol_alert(alertes, day):
    """The mail of a protocol check: per Transfo, the indicators that turned amber or red."""
    transfos = Transfo.objects.in_bulk({alerte["transfo"] for alerte in alertes})
    grouped = {}
    for alerte in alertes:
        transfo = transfos.get(alerte["transfo"])
        if transfo is None:
            continue
        grouped.setdefault(transfo, []).append(
            {
                "indicateur": INDICATEURS_PAR_CLE[alerte["indicateur"]],
                "avant": Niveau(alerte["avant"]).label if alerte["avant"] else None,
                "niveau": Niveau(alerte["niveau"]).label,
                "valeur": alerte["valeur"],
                "url": settings.SITE_URL
                + reverse("intertransfo:transfo_indicateurs", args=[transfo.slug]),
            }
        )
    if not grouped:
        return
    context = {
        "jour": date.fromisoformat(day),
        "transfos": sorted(grouped.items(), key=lambda item: item[0].nom),
        "dashboard_url": settings.SITE_URL + reverse("intertransfo:dashboard"),
    }
    subject = render_to_string("intertransfo/emails/protocole_subject.txt", context).strip()
    body = render_to_string("intertransfo/emails/protocole_message.txt", context)
    for email in coordinator_emails():
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
