"""The Celery application: configured from Django's settings (CELERY_*)."""

import os

from celery import Celery

from transfo import observability

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "transfo.settings")

app = Celery("transfo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Request ids from the request to its tasks; the worker logs as settings.LOGGING says.
observability.connect_celery_signals()
