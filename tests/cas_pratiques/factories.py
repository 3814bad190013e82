from datetime import date

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from cas_pratiques.choices import (
    EtatPublication,
    Finalite,
    ModeIntervention,
    ModeSaisine,
    StatutCas,
    TypeLivrable,
    TypeSujet,
    Viabilite,
)
from cas_pratiques.models import (
    CasPratique,
    Contact,
    FicheIdee,
    Immersion,
    Livrable,
    Photo,
    Tamis,
    TamisPlacement,
)
from cas_pratiques.seed import tiny_pdf, tiny_png
from tests.collectivites.factories import TransfoFactory


class CasPratiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CasPratique
        skip_postgeneration_save = True

    transfo = factory.SubFactory(TransfoFactory)
    numero = factory.Sequence(lambda n: n + 1)
    titre = factory.Sequence(lambda n: f"Cas pratique {n}")
    sujet = "Un sujet confié par une direction."
    mode_saisine = ModeSaisine.COMMANDE_DIRECTION
    type_sujet = TypeSujet.INNOVATION_SERVICE
    finalites = factory.LazyFunction(lambda: [Finalite.NOUVEAU_SERVICE])
    modes_intervention = factory.LazyFunction(lambda: [ModeIntervention.IMMERSION])
    statut = StatutCas.EN_COURS
    date_debut = date(2018, 6, 1)
    resume = "Un résumé public."
    etat = EtatPublication.BROUILLON

    class Params:
        a_relire = factory.Trait(
            etat=EtatPublication.A_RELIRE, soumis_le=factory.LazyFunction(timezone.now)
        )
        publie = factory.Trait(
            etat=EtatPublication.PUBLIE, publie_le=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def methodes(self, create, extracted, **kwargs):
        if create and extracted:
            self.methodes.set(extracted)

    @factory.post_generation
    def sessions(self, create, extracted, **kwargs):
        if create and extracted:
            self.sessions.set(extracted)


class LivrableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Livrable

    cas = factory.SubFactory(CasPratiqueFactory)
    titre = factory.Sequence(lambda n: f"Livrable {n}")
    fichier = factory.LazyAttribute(
        lambda o: ContentFile(tiny_pdf(o.titre, ["test"]), name="livrable.pdf")
    )
    type = TypeLivrable.PDF
    taille = 800
    public = False

    class Params:
        est_public = factory.Trait(public=True)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Photo

    cas = factory.SubFactory(CasPratiqueFactory)
    image = factory.LazyFunction(lambda: ContentFile(tiny_png("photo"), name="photo.png"))
    alt = "Des agents testent un prototype dans la rue"
    public = False

    class Params:
        est_public = factory.Trait(public=True)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    cas = factory.SubFactory(CasPratiqueFactory)
    nom = factory.Sequence(lambda n: f"Contact {n}")
    role = "Cheffe de projet"
    email = factory.Sequence(lambda n: f"contact{n}@exemple.test")
    consentement_le = None

    class Params:
        consentant = factory.Trait(consentement_le=factory.LazyFunction(timezone.now))


class ImmersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Immersion

    cas = factory.SubFactory(CasPratiqueFactory)
    lieu = factory.Sequence(lambda n: f"Point d'accueil {n}")
    date = date(2018, 6, 19)
    notes = "Des familles reviennent une deuxième fois."


class FicheIdeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FicheIdee

    cas = factory.SubFactory(CasPratiqueFactory)
    piste = "Services du quotidien"
    equipe = "Elia, Arié"
    nom = factory.Sequence(lambda n: f"Idée de service {n}")
    viabilite = Viabilite.MOYENNE
    mon_projet = "un service rendu aux agents sur leur lieu de travail"


class TamisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tamis

    cas = factory.SubFactory(CasPratiqueFactory)
    titre = "Le tamis des services"
    critere_gauche = "autonomie de l'usager"
    critere_droite = "présence physique nécessaire"
    critere_haut = "fréquent"
    critere_bas = "exceptionnel"


class TamisPlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TamisPlacement

    tamis = factory.SubFactory(TamisFactory)
    fiche = factory.SubFactory(FicheIdeeFactory, cas=factory.SelfAttribute("..tamis.cas"))
    x = 1
    y = 1
