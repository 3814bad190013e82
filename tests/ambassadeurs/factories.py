import io
from datetime import date

import factory
from django.utils import timezone
from PIL import Image

from ambassadeurs.choices import Categorie, Genre, Humeur, TypePiece, Visibilite
from ambassadeurs.models import AmbassadeurProfile, Brouillon, EntreeCarnet, PieceJointe
from collectivites.choices import Role
from tests.collectivites.factories import ParticipationFactory, TransfoFactory, UserFactory


def image_bytes(fmt="PNG", size=(4, 3)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


# The first bytes of real MP4 (ftyp box) and WebM (EBML header with its doctype) files.
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200
WEBM_BYTES = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 200


def read_file_response(response):
    """Read a file response to its end (its content in `.body`): the test client then closes
    it, and its file, without closing the database connection as `response.close()` would."""
    if getattr(response, "streaming", False):
        response.body = b"".join(response.streaming_content)
    return response


class EntreeCarnetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntreeCarnet

    auteur = factory.SubFactory(UserFactory)
    transfo = factory.SubFactory(TransfoFactory)
    date = date(2026, 6, 25)
    titre = factory.Sequence(lambda n: f"Entrée {n}")
    texte = "Ce que j'ai retenu de la session : **écouter** avant de proposer."
    humeur = Humeur.ECLAIRCIES
    visibilite = Visibilite.PRIVE

    class Params:
        residents = factory.Trait(
            visibilite=Visibilite.RESIDENTS,
            partagee_le=factory.LazyFunction(timezone.now),
        )
        groupe = factory.Trait(
            visibilite=Visibilite.GROUPE,
            partagee_le=factory.LazyFunction(timezone.now),
        )


class PieceJointeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PieceJointe

    entree = factory.SubFactory(EntreeCarnetFactory)
    fichier = factory.django.FileField(filename="photo.png", data=factory.LazyFunction(image_bytes))
    nom = "photo.png"
    type = TypePiece.PHOTO
    content_type = "image/png"
    taille = 1024

    class Params:
        video = factory.Trait(
            fichier=factory.django.FileField(filename="capsule.mp4", data=MP4_BYTES),
            nom="capsule.mp4",
            type=TypePiece.VIDEO,
            content_type="video/mp4",
        )


class BrouillonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brouillon

    auteur = factory.SubFactory(UserFactory)
    cle = "nouvelle"
    donnees = factory.LazyFunction(lambda: {"titre": "Brouillon", "texte": "Un texte en cours"})


class AmbassadeurProfileFactory(factory.django.DjangoModelFactory):
    """The profile of a member of the group (creates an ambassadeur participation)."""

    class Meta:
        model = AmbassadeurProfile

    participation = factory.SubFactory(ParticipationFactory, role=Role.AMBASSADEUR)
    direction = "Direction de l'éducation"
    service = "Inscriptions scolaires"
    metier = "Gestionnaire"
    categorie = Categorie.B
    genre = Genre.FEMME
    n1_nom = "Hélène Roos"
    n1_email = factory.Sequence(lambda n: f"n1-{n}@exemple.test")
    roles = "observatrice d'immersion"
    passions = "photo, couture"

    class Params:
        sortie = factory.Trait(
            participation=factory.SubFactory(
                ParticipationFactory, role=Role.AMBASSADEUR, date_sortie=date(2026, 3, 1)
            ),
            raison_sortie="Charge de travail.",
        )


def group_of(transfo, count, **kwargs):
    """`count` profiled ambassadeurs of the Transfo."""
    return [
        AmbassadeurProfileFactory(participation__transfo=transfo, **kwargs) for _ in range(count)
    ]


def session_days(transfo, numero, days=2, first=None, **kwargs):
    """A published session of `days` consecutive days (from `first`, default: by number in
    2026, all in the past), without a programme."""
    from datetime import timedelta

    from collectivites.choices import StatutSession
    from tests.collectivites.factories import JourFactory, SessionFactory

    session = SessionFactory(transfo=transfo, numero=numero, statut=StatutSession.PUBLIEE, **kwargs)
    first = first or date(2026, 1, 1) + timedelta(days=14 * numero)
    for position in range(days):
        JourFactory(session=session, position=position, date=first + timedelta(days=position))
    return session


def record(session, participation, *presences):
    """Record a person's attendance at the days of a session (True: present)."""
    from ambassadeurs.models import Presence

    for jour, present in zip(session.jours.order_by("position"), presences, strict=False):
        Presence.objects.update_or_create(
            jour=jour, participation=participation, defaults={"present": present}
        )


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class DevoirFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ambassadeurs.Devoir"

    transfo = factory.SubFactory(TransfoFactory)
    titre = factory.Sequence(lambda n: f"Devoir {n}")
    consignes = "Racontez à un proche ce que vous avez appris cette année."
    echeance = date(2026, 9, 1)


class ReponseDevoirFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "ambassadeurs.ReponseDevoir"

    devoir = factory.SubFactory(DevoirFactory)
    auteur = factory.SubFactory(UserFactory)
    texte = "J'ai parlé d'écoute et de prototypes."
