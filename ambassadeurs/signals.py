from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ambassadeurs.imports import accept_invitation_profile
from ambassadeurs.models import PieceJointe
from collectivites.models import invitation_accepted


@receiver(post_delete, sender=PieceJointe)
def piece_deleted(sender, instance, **kwargs):
    """Remove the file from the private storage once the deletion is committed."""
    name, storage = instance.fichier.name, instance.fichier.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@receiver(invitation_accepted)
def invitation_accepted_with_profile(sender, invitation, participation, **kwargs):
    """An invitation made by the group import becomes the new member's profile."""
    accept_invitation_profile(invitation, participation)
