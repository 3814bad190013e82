from datetime import date, time

import factory
from django.contrib.auth import get_user_model

from collectivites.choices import (
    FamilleMethode,
    Role,
    StatutSession,
    StatutTransfo,
    TypeBloc,
    TypeCollectivite,
)
from collectivites.models import (
    Bloc,
    Collectivite,
    Invitation,
    Jour,
    Methode,
    Participation,
    Session,
    Transfo,
)

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
    # A member since the factory Transfo's start, so of its sessions (dated 2026): attendance
    # counts only those who were members on a session's dates.
    date_entree = date(2025, 9, 1)

    class Params:
        sortie = factory.Trait(date_sortie=date(2026, 3, 1))


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@exemple.test")
    transfo = factory.SubFactory(TransfoFactory)
    role = Role.AMBASSADEUR


class MethodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Methode

    nom = factory.Sequence(lambda n: f"Méthode {n}")
    slug = factory.Sequence(lambda n: f"methode-{n}")
    famille = FamilleMethode.IDEATION
    objectif = "Faire émerger des idées."
    duree_typique = 45


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    transfo = factory.SubFactory(TransfoFactory)
    numero = factory.Sequence(lambda n: n + 1)
    titre = factory.Sequence(lambda n: f"Session {n}")
    lieu = "Salle du conseil"
    statut = StatutSession.BROUILLON

    class Params:
        publiee = factory.Trait(statut=StatutSession.PUBLIEE)


class JourFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Jour

    session = factory.SubFactory(SessionFactory)
    position = factory.Sequence(lambda n: n)
    date = date(2026, 6, 25)
    heure_debut = time(9, 0)
    heure_fin_prevue = time(17, 0)


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bloc

    jour = factory.SubFactory(JourFactory)
    position = factory.Sequence(lambda n: n)
    type = TypeBloc.ATELIER
    titre = factory.Sequence(lambda n: f"Bloc {n}")
    duree = 60


def session_with_programme(
    transfo, numero=1, days=2, blocks=4, statut=StatutSession.BROUILLON, **kwargs
):
    """A session of `days` consecutive days from 25 June 2026, each of `blocks` blocks."""
    session = SessionFactory(transfo=transfo, numero=numero, statut=statut, **kwargs)
    for position in range(days):
        day = JourFactory(session=session, position=position, date=date(2026, 6, 25 + position))
        for order in range(blocks):
            BlocFactory(jour=day, position=order, titre=f"Bloc {position + 1}.{order + 1}")
    return session
