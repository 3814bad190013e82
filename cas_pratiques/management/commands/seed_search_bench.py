from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from cas_pratiques.models import CasPratique
from cas_pratiques.synthetic import link_methodes, synthetic_case
from collectivites.choices import StatutTransfo, TypeCollectivite
from collectivites.models import Collectivite, Methode, Transfo

PREFIX = "recherche-synthetique-"
CASE_PREFIX = "cas-recherche-"
TRANSFOS = 50
BATCH = 5000
# Real names, so that the collectivité facet and the search on a town's name have values.
VILLES = [
    "Strasbourg",
    "Metz",
    "Mulhouse",
    "Lille",
    "Dunkerque",
    "Paris",
    "Nantes",
    "Rennes",
    "Grenoble",
    "Bordeaux",
]


class Command(BaseCommand):
    help = (
        "Add N published synthetic cases for the vitrine's search benchmark (issue 10), "
        "spread over 50 Transfos of their own, with French texts drawn from the seeds' "
        "vocabulary. Idempotent: the cases already there are kept, the missing ones added."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=100_000, help="Number of cases.")
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (a benchmark database)."
        )

    def handle(self, *args, cases, force, verbosity, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_search_bench ajoute des données de volume : refusé quand DEBUG est "
                "désactivé. Ajoutez --force pour une base de mesure."
            )
        if cases < 0:
            raise CommandError("--cases doit être positif.")
        transfos = self.transfos()
        existing = set(
            CasPratique.objects.filter(slug__startswith=CASE_PREFIX).values_list("slug", flat=True)
        )
        numeros = dict(
            CasPratique.objects.filter(transfo__in=transfos)
            .values("transfo_id")
            .annotate(n=Max("numero"))
            .values_list("transfo_id", "n")
        )
        methode_ids = list(Methode.objects.order_by("pk").values_list("pk", flat=True))
        now = timezone.now()
        added = 0
        missing = [i for i in range(cases) if f"{CASE_PREFIX}{i}" not in existing]
        for start in range(0, len(missing), BATCH):
            batch = []
            for i in missing[start : start + BATCH]:
                transfo = transfos[i % len(transfos)]
                numeros[transfo.pk] = numeros.get(transfo.pk, 0) + 1
                batch.append(
                    synthetic_case(i, transfo, numeros[transfo.pk], now=now, prefix=CASE_PREFIX)
                )
            with transaction.atomic():
                created = CasPratique.objects.bulk_create(batch, batch_size=1000)
                if created and created[0].pk is None:
                    created = list(CasPratique.objects.filter(slug__in=[c.slug for c in batch]))
                link_methodes(created, methode_ids)
            added += len(batch)
            if verbosity:
                self.stdout.write(f"  {added}/{len(missing)} cas ajoutés")
        if verbosity:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Banc de recherche : {added} cas ajoutés, "
                    f"{CasPratique.objects.filter(slug__startswith=CASE_PREFIX).count()} au total."
                )
            )

    def transfos(self):
        """The benchmark's 50 Transfos (created once), with their collectivités loaded."""
        with transaction.atomic():
            Collectivite.objects.bulk_create(
                [
                    Collectivite(
                        slug=f"{PREFIX}{k}",
                        nom=f"{VILLES[k % len(VILLES)]} (recherche {k})",
                        type=TypeCollectivite.COMMUNE,
                        region="Synthétique",
                    )
                    for k in range(TRANSFOS)
                ],
                ignore_conflicts=True,
            )
            collectivites = dict(
                Collectivite.objects.filter(slug__startswith=PREFIX).values_list("slug", "pk")
            )
            Transfo.objects.bulk_create(
                [
                    Transfo(
                        slug=f"{PREFIX}{k}",
                        nom=f"Transfo {VILLES[k % len(VILLES)]} (recherche {k})",
                        collectivite_id=collectivites[f"{PREFIX}{k}"],
                        date_debut=date(2016 + k % 9, 1 + k % 12, 1),
                        statut=StatutTransfo.TERMINEE,
                    )
                    for k in range(TRANSFOS)
                ],
                ignore_conflicts=True,
            )
        return list(
            Transfo.objects.filter(slug__startswith=PREFIX)
            .select_related("collectivite")
            .order_by("pk")
        )
