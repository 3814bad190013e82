from datetime import date

import factory
from django.contrib.auth import get_user_model

from collectivites.choices import Role, StatutTransfo, TypeCollectivite
from collectivites.models import Collectivite, Invitation, Participation, Transfo

PASSWORD = "mot-de-passe-de-test-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    full_name = factory.Sequence(lambda n: f"Personne {n}")
    password = factory.django.Password(PASSWORD)


class CollectiviteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collectivite

    nom = factory.Sequence(lambda n: f"Ville {n}")
    slug = factory.Sequence(lambda n: f"ville-{n}")
    type = TypeCollectivite.COMMUNE
    region = "Grand Est"


class TransfoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfo

    collectivite = factory.SubFactory(CollectiviteFactory)
    nom = factory.Sequence(lambda n: f"Transfo {n}")
    slug = factory.Sequence(lambda n: f"transfo-{n}")
    statut = StatutTransfo.EN_COURS
    date_debut = date(2025, 9, 1)

    class Params:
        terminee = factory.Trait(statut=StatutTransfo.TERMINEE, date_fin=date(2026, 12, 31))


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    user = factory.SubFactory(UserFactory)
    transfo = factory.SubFactory(TransfoFactory)
    role = Role.AMBASSADEUR

    class Params:
        sortie = factory.Trait(date_sortie=date(2026, 3, 1))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@exemple.test")
    transfo = factory.SubFactory(TransfoFactory)
    role = Role.AMBASSADEUR
