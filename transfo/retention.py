"""Retention: what the platform keeps only for a while, and the purge that enforces it.

The periods are settings (RETENTION), stated on the privacy page; models are named by their
label so that this lowest layer imports no app. Invitations only go once they can no longer
be used (accepted or expired); the audit log keeps a year; autosaved carnet drafts a month.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone


def purge_past_retention(now=None):
    """Delete what is older than its retention period; returns {label: rows deleted}."""
    now = now or timezone.now()
    deleted = {}
    for label, (field, days) in settings.RETENTION.items():
        model = apps.get_model(label)
        old = Q(**{f"{field}__lt": now - timedelta(days=days)})
        if label == "collectivites.Invitation":
            old &= Q(accepted_at__isnull=False) | Q(expires_at__lt=now)
        deleted[label] = model.objects.filter(old).delete()[1].get(label, 0)
    deleted["sessions.Session"] = Session.objects.filter(expire_date__lt=now).delete()[0]
    return deleted
