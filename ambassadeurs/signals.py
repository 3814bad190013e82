from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from ambassadeurs.models import PieceJointe


@receiver(post_delete, sender=PieceJointe)
def piece_deleted(sender, instance, **kwargs):
    """Remove the file from the private storage once the deletion is committed."""
    name, storage = instance.fichier.name, instance.fichier.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
