"""A deleted photo of a capot ouvert post takes its private file with it (a refused post, a
deleted page): nothing private lingers on disk without a row that guards it."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from blog.models import PhotoBillet


@receiver(post_delete, sender=PhotoBillet)
def delete_photo_file(sender, instance, **kwargs):
    if instance.image:
        name, storage = instance.image.name, instance.image.storage
        transaction.on_commit(lambda: storage.delete(name))
