"""The demo world the security checks run against: seed_demo's data, the demo accounts (and a
staff account), plus the few objects the demo has none of."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from tests.conftest import load_demo, with_totp

User = get_user_model()

DEMO_ACCOUNTS = {
    "amb_a": "ambassadrice@demo.test",  # Strasbourg: author of the private entries
    "amb_b": "ambassadeur@demo.test",  # Strasbourg: her peer
    "amb_other": "ambassadeur.metz@demo.test",  # Metz
    "resident": "residente@demo.test",  # Strasbourg
    "pilote": "pilote@demo.test",  # Strasbourg
    "coordinateur": "coordination@demo.test",
    "editor": "editeur@demo.test",
}


@pytest.fixture
def demo_world(transactional_db, demo_snapshot, settings):
    """The demo, plus the few objects it has none of (an invitation, an attachment...)."""
    from allauth.account.models import EmailAddress
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from ambassadeurs.models import (
        AmbassadeurProfile,
        Attestation,
        Bilan,
        BilanPersonnel,
        Charte,
        Devoir,
        EntreeCarnet,
        PieceJointe,
        ReponseDevoir,
    )
    from ambassadeurs.tasks import render_attestation
    from blog.models import BlogIndexPage
    from cas_pratiques.models import CasPratique, Contact, FicheIdee, Immersion, Tamis
    from collectivites.models import Invitation, Methode, Session, Transfo
    from intertransfo.models import Moment, Participant
    from labos.choices import SensEchange
    from labos.models import Acteur, EchangeTemps, Intervention, Plan, Priorite
    from tests.cas_pratiques.factories import (
        ContactFactory,
        ImmersionFactory,
        LivrableFactory,
        PhotoFactory,
    )
    from tests.collectivites.factories import InvitationFactory
    from transfo.users.models import ExportDonnees
    from transfo.users.tasks import build_data_export

    load_demo(demo_snapshot, settings)

    strasbourg = Transfo.objects.get(slug="strasbourg")
    session = Session.objects.filter(transfo=strasbourg).order_by("numero").last()
    jour = session.jours.first()
    author = User.objects.get(email=DEMO_ACCOUNTS["amb_a"])
    entry = EntreeCarnet.objects.filter(auteur=author, visibilite="prive").first()
    piece = PieceJointe.objects.create(
        entree=entry,
        fichier=ContentFile(b"%PDF-1.4 canary", name="note.pdf"),
        nom="note.pdf",
        type="document",
        content_type="application/pdf",
        taille=15,
    )
    published = CasPratique.objects.publies().filter(transfo=strasbourg).first()
    public_photo = PhotoFactory(cas=published, public=True)
    # The case being worked on (seed 003's comptoir des services): its private material.
    case = Tamis.objects.filter(cas__transfo=strasbourg).first().cas
    private_livrable = LivrableFactory(cas=case, public=False)
    private_photo = PhotoFactory(cas=case, public=False)
    contact = Contact.objects.filter(cas=case).first() or ContactFactory(cas=case)
    invitation = Invitation.objects.filter(transfo=strasbourg).first() or InvitationFactory(
        transfo=strasbourg, invited_by=User.objects.get(email=DEMO_ACCOUNTS["pilote"])
    )
    # Strasbourg's labo: a published plan with one frozen version, and its ledger.
    plan = Plan.for_transfo(strasbourg)
    intervention = Intervention.objects.create(plan=plan, nom="Atelier de débogage", jours_homme=2)
    version = plan.freeze()
    plan.publish(True)
    priorite = Priorite.objects.filter(transfo=strasbourg).first()
    echange = EchangeTemps.objects.create(
        transfo=strasbourg,
        direction="Direction de l'éducation",
        sens=SensEchange.values[0],
        heures=6,
        description="Appui à la refonte des inscriptions",
    )
    acteur = Acteur.objects.filter(transfo=strasbourg).first()
    # Her charter, the demo's devoir and her answer to it.
    charte = Charte.objects.get(
        profil__participation__user=author, profil__participation__transfo=strasbourg
    )
    devoir = Devoir.objects.filter(transfo=strasbourg).first()
    reponse = ReponseDevoir.objects.filter(devoir=devoir, auteur=author).first() or (
        ReponseDevoir.objects.create(devoir=devoir, auteur=author, texte="Ma réponse")
    )
    # Her bilans (seed: the end-of-Transfo one, her private copy; the collective one).
    bilan = Bilan.objects.get(transfo=strasbourg, titre="Bilan de fin de Transfo")
    copie = BilanPersonnel.objects.get(bilan=bilan, auteur=author)
    question = Bilan.objects.get(transfo=strasbourg, titre__startswith="Bilan collectif").questions
    # Her attestation, built, and her "mes données" export, ready.
    participation = charte.profil.participation
    attestation = Attestation.objects.create(participation=participation)
    render_attestation(attestation.pk)
    export = ExportDonnees.objects.create(user=author)
    build_data_export(export.pk)
    staff = with_totp(User.objects.create_superuser("staff@demo.test", "transfo-demo"))
    EmailAddress.objects.get_or_create(user=staff, email=staff.email, verified=True, primary=True)
    # A document of a collection restricted to signed-in people.
    internal = Collection.get_first_root_node().add_child(name="Documents internes")
    document_restriction = CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    section = BlogIndexPage.objects.get(transfo=strasbourg)
    page_restriction = PageViewRestriction.objects.get(page=section)
    document = get_document_model().objects.create(
        title="Note interne",
        collection=internal,
        file=ContentFile(b"%PDF-1.4 note interne", name="note-interne.pdf"),
    )
    return {
        "users": {
            **{role: User.objects.get(email=email) for role, email in DEMO_ACCOUNTS.items()},
            "staff": staff,
        },
        # Values of the routes' parameters, by the literal segment before them.
        "segments": {
            "transfos": "strasbourg",
            "sessions": session.numero,
            "jours": jour.pk,
            "blocs": jour.blocs.first().pk,
            "invitations": invitation.pk,
            # A member of the group (the sign-in link's route).
            "membres": AmbassadeurProfile.objects.filter(participation__transfo=strasbourg)
            .first()
            .participation_id,
            "invitation": invitation.make_token(),
            "methodes": Methode.objects.first().slug,
            "cas": case.slug,
            "livrables": private_livrable.pk,
            "photos": private_photo.pk,
            "contacts": contact.pk,
            "immersions": (
                Immersion.objects.filter(cas=case).first() or ImmersionFactory(cas=case)
            ).pk,
            "fiches": FicheIdee.objects.filter(cas=case).first().pk,
            "tamis": Tamis.objects.filter(cas=case).first().pk,
            "carnet": entry.pk,
            "pieces": piece.pk,
            "groupe": AmbassadeurProfile.objects.filter(participation__transfo=strasbourg)
            .first()
            .participation_id,
            "calendrier": author.calendar_token,
            "documents": f"{document.pk}/{document.filename}",
            "restriction_document": document_restriction.pk,
            "restriction_page": f"{page_restriction.pk}/{section.pk}",
            "chartes": charte.profil.participation_id,
            "charte-n1": charte.pk,
            "devoirs": devoir.pk,
            "reponses": reponse.pk,
            "sections": "mission",
            "interventions": intervention.pk,
            "versions": version.numero,
            "priorites": priorite.pk,
            "banque-de-temps": echange.pk,
            "ecosysteme": acteur.pk,
            # The Intertransfo n°6 (Strasbourg, seed 000), its first group, programme item
            # and participant.
            "intertransfos": "n6-strasbourg-2019",
            "ateliers": 1,
            "programme": Moment.objects.filter(intertransfo__numero=6).first().pk,
            "participants": Participant.objects.filter(intertransfo__numero=6).first().pk,
            "bilans": bilan.pk,
            "personnels": copie.pk,
            "questions": question.first().pk,
            "attestations": participation.pk,
            "export": export.pk,
        },
        # The vitrine's and the API's routes name the published case and its public files.
        "public_segments": {
            "cas": published.slug,
            "livrables": published.livrables.filter(public=True).first().pk,
            "photos": public_photo.pk,
        },
    }
