from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from labos.choices import Perimetre, Relation, SensEchange, StatutPriorite, TypeActeur, TypeRevue
from labos.models import Acteur, EchangeTemps, Plan, Priorite, Revue
from tests.collectivites.factories import TransfoFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ["transfo"]

    transfo = factory.SubFactory(TransfoFactory)
    nom = "Le labo"


class RevueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revue

    type = TypeRevue.INSPIRANT
    texte = "Le principe des labos éphémères."
    contexte = "Intertransfo de Dunkerque, 26 janvier 2018"


class PrioriteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priorite

    transfo = factory.SubFactory(TransfoFactory)
    texte = factory.Sequence(lambda n: f"Action n°{n}")
    statut = StatutPriorite.A_FAIRE


class ActeurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Acteur

    transfo = factory.SubFactory(TransfoFactory)
    nom = factory.Sequence(lambda n: f"Acteur {n}")
    type = TypeActeur.SERVICE_INTERNE
    perimetre = Perimetre.INTERNE
    relation = Relation.ALLIE


class EchangeTempsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EchangeTemps

    transfo = factory.SubFactory(TransfoFactory)
    direction = "Direction de l'enfance"
    sens = SensEchange.DONNE
    heures = Decimal("7")
    date = date(2019, 3, 1)
    description = "Un atelier."

    class Params:
        confirme = factory.Trait(
            confirme_labo_le=factory.LazyFunction(timezone.now),
            confirme_direction_le=factory.LazyFunction(timezone.now),
        )
