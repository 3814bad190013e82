from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's server-side parts, installed only by transfo.settings_bench."""

    name = "bench"
    default_auto_field = "django.db.models.BigAutoField"
