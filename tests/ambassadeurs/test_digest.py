"""The weekly digest of entries newly shared with each person: sent once, none if nothing new."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import EnvoiDigest
from ambassadeurs.tasks import send_carnet_digests


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_digest_announces_group_entries_to_the_group_once(
    ambassadeur, peer, resident, pilote, other_member, coordinateur, make_entree
):
    entree = make_entree(Visibilite.GROUPE, titre="Débat mouvant")
    assert send_carnet_digests() == 3
    assert recipients() == sorted([peer.email, resident.email, pilote.email])
    message = mail.outbox[0]
    assert "1 entrée partagée avec vous" in message.subject
    assert "« Débat mouvant », Claire Muller" in message.body
    assert entree.get_absolute_url() in message.body
    assert entree.texte not in message.body  # titles and links only, never the text

    mail.outbox.clear()
    assert send_carnet_digests() == 0  # a rerun sends nothing new
    assert mail.outbox == []
    assert EnvoiDigest.objects.count() == 3


def test_digest_announces_residents_entries_to_residents_only(
    ambassadeur, peer, resident, make_entree
):
    make_entree(Visibilite.RESIDENTS)
    send_carnet_digests()
    assert recipients() == [resident.email]


def test_nothing_is_sent_when_nothing_new(ambassadeur, peer, resident, make_entree):
    make_entree(Visibilite.PRIVE)
    make_entree(Visibilite.GROUPE, partagee_le=timezone.now() - timedelta(days=30))
    assert send_carnet_digests() == 0
    assert mail.outbox == []


def test_only_new_entries_are_announced_the_next_week(ambassadeur, peer, make_entree):
    make_entree(Visibilite.GROUPE, titre="Semaine 1")
    send_carnet_digests()
    mail.outbox.clear()
    make_entree(Visibilite.GROUPE, titre="Semaine 2")
    send_carnet_digests()
    assert len(mail.outbox) == 1
    assert "Semaine 2" in mail.outbox[0].body
    assert "Semaine 1" not in mail.outbox[0].body


def test_entry_made_private_again_is_not_announced(client, ambassadeur, peer, make_entree):
    entree = make_entree(Visibilite.GROUPE)
    entree.set_visibilite(Visibilite.PRIVE)
    assert send_carnet_digests() == 0


def test_author_and_inactive_people_get_no_digest(ambassadeur, peer, make_entree):
    peer.is_active = False
    peer.save()
    make_entree(Visibilite.GROUPE)
    assert send_carnet_digests() == 0


def test_the_digest_task_is_scheduled_weekly(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["send-carnet-digests"]
    assert schedule["task"] == "ambassadeurs.tasks.send_carnet_digests"
    assert schedule["schedule"] == 7 * 24 * 60 * 60
