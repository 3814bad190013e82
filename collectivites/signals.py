"""A participation that changes keeps the person's Wagtail groups in step (collectivites.groups)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from collectivites.groups import sync_groups
from collectivites.models import Participation


@receiver(post_save, sender=Participation)
@receiver(post_delete, sender=Participation)
def participation_changed(sender, instance, **kwargs):
    sync_groups(instance.user)
