from datetime import date

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from collectivites.choices import Role
from collectivites.models import Participation
from intertransfo.models import ChatRouletteInscription, Rencontre, TourChatRoulette
from intertransfo.pairing import apparier, pairs_of, personnes
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
    result = apparier(
        personnes(memberships, opted_in), deja_vus=pairs_of(history), seed=month.toordinal()
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
