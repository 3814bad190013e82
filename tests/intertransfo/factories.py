from datetime import date, time

import factory

from intertransfo.choices import TypeEquipe
from intertransfo.models import Atelier, Intertransfo, Moment, Participant, Proposition
from tests.collectivites.factories import UserFactory


class IntertransfoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intertransfo
        skip_postgeneration_save = True

    numero = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"intertransfo-{n}")
    date = date(2026, 5, 15)
    lieu = "Strasbourg"
    theme = "Écosystèmes de l'innovation"

    @factory.post_generation
    def transfos(self, create, extracted, **kwargs):
        if create and extracted:
            self.transfos.set(extracted)


class MomentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Moment

    intertransfo = factory.SubFactory(IntertransfoFactory)
    debut = time(9, 30)
    fin = time(10, 30)
    titre = factory.Sequence(lambda n: f"Temps {n}")


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    intertransfo = factory.SubFactory(IntertransfoFactory)
    user = factory.SubFactory(UserFactory)
    type_equipe = TypeEquipe.REGION_27

    class Params:
        invite = factory.Trait(
            user=None,
            type_equipe=TypeEquipe.INVITE,
            nom=factory.Sequence(lambda n: f"Invitée {n}"),
            organisation="Bloomberg Philanthropies",
            email=factory.Sequence(lambda n: f"invitee{n}@partenaire.test"),
        )


class AtelierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Atelier

    intertransfo = factory.SubFactory(IntertransfoFactory)
    numero = factory.Sequence(lambda n: n + 1)
    titre = factory.Sequence(lambda n: f"Groupe {n}")
    questions = "Comment parle-t-on de la Transfo ?\nAux élus ?"


class PropositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposition

    atelier = factory.SubFactory(AtelierFactory)
    texte = factory.Sequence(lambda n: f"Proposition {n}")
