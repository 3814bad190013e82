from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo drawn from the seeds (idempotent): each app's `seed.run()`, in the "
        "order of PROJECT_APPS, which is the order of their dependencies."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Add N times the demo's volume of synthetic data, for benchmarks.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (the demo accounts share a known password).",
        )

    def handle(self, *args, scale, force, verbosity, **options):
        self.verbosity = verbosity
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo refuse de s'exécuter quand DEBUG est désactivé : les comptes de "
                "démonstration ont un mot de passe connu. Ajoutez --force pour passer outre."
            )
        if scale < 0:
            raise CommandError("--scale doit être positif.")
        with transaction.atomic():
            for app_name in settings.PROJECT_APPS:
                module_name = f"{app_name}.seed"
                if find_spec(module_name) is None:
                    continue
                module = import_module(module_name)
                module.run(scale=scale, log=self.log)
        self.log(self.style.SUCCESS("Démo chargée."))

    def log(self, message):
        if self.verbosity:
            self.stdout.write(message)
