import json

from django.core.management.base import BaseCommand

from bench.search import ensure_cases, time_searches
from cas_pratiques.models import CasPratique


class Command(BaseCommand):
    help = (
        "Add --cases published cases (seed_search_bench), then time the vitrine's search (broad "
        "and narrow terms, with facets) and print the timings as JSON (bench settings only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--repeats", type=int, default=20)
        parser.add_argument(
            "--budget", type=float, default=60.0, help="Seconds of timed runs per search, at most."
        )

    def handle(self, *args, cases, repeats, budget, **options):
        ensure_cases(cases)
        result = {
            "published_cases": CasPratique.objects.publies().count(),
            "repeats": repeats,
            "searches": time_searches(repeats, budget_s=budget),
        }
        self.stdout.write(json.dumps(result))
