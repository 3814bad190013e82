from django.core.management.base import BaseCommand

from transfo.retention import purge_past_retention


class Command(BaseCommand):
    help = "Supprime ce qui a dépassé sa durée de conservation (voir la page Confidentialité)."

    def handle(self, *args, **options):
        for label, count in purge_past_retention().items():
            self.stdout.write(f"{label} : {count} supprimé(s)")
