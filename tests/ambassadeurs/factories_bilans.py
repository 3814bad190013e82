"""Factories of the bilans: campaigns with their questions, personal bilans, shared answers."""

from datetime import timedelta

import factory
from django.utils import timezone

from ambassadeurs.choices import JalonBilan, StatutBilan, TypeBilan, Visibilite
from ambassadeurs.models import (
    Bilan,
    BilanPersonnel,
    ReponseBilan,
    ReponseCollective,
)
from tests.collectivites.factories import TransfoFactory, UserFactory

QUESTIONS = [
    "Qu'avez-vous observé de votre administration que vous ne voyiez pas avant ?",
    "Qu'en retenez-vous pour votre travail ?",
]


class BilanFactory(factory.django.DjangoModelFactory):
    """An open campaign (since yesterday, for a month) with two questions."""

    class Meta:
        model = Bilan
        skip_postgeneration_save = True

    transfo = factory.SubFactory(TransfoFactory)
    type = TypeBilan.PERSONNEL
    jalon = JalonBilan.MI_PARCOURS
    titre = factory.Sequence(lambda n: f"Bilan {n}")
    ouverture = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))
    cloture = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))

    class Params:
        collectif = factory.Trait(type=TypeBilan.COLLECTIF)
        clos = factory.Trait(
            ouverture=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60)),
            cloture=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30)),
        )

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if create:
            self.set_questions(QUESTIONS if extracted is None else extracted)


class BilanPersonnelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BilanPersonnel

    bilan = factory.SubFactory(BilanFactory)
    auteur = factory.SubFactory(UserFactory)
    statut = StatutBilan.DEPOSE
    visibilite = Visibilite.PRIVE
    depose_le = factory.LazyFunction(timezone.now)

    class Params:
        brouillon = factory.Trait(statut=StatutBilan.BROUILLON, depose_le=None)


def answer_all(copie, texte):
    """Answer every question of the copy's campaign with `texte` (numbered)."""
    for question in copie.bilan.questions.all():
        ReponseBilan.objects.create(
            copie=copie, question=question, texte=f"{texte} {question.position}"
        )


def collective_answer(question, texte, user=None):
    return ReponseCollective.objects.create(
        question=question, texte=texte, version=1, updated_by=user, updated_at=timezone.now()
    )
