"""Demo data of this app: the emblematic cas pratiques of the retex (seed 001) and others.

Sources: seed 001 (the retex of May 2020: les bureaux volants, Amelio / le Brico Concierge,
les mégotiers, les inscriptions scolaires, les pieds d'arbres, le Bois des Forts, and its
"conditions de réussite d'un cas"), seed 004 (Intertransfo n°1: la carte Max, la carte
citoyenne), seed 003 (Transfo Strasbourg, session #9: le comptoir des services) and seed 000
(the mégots "commandé" by the mayor's chief of staff in Mulhouse).

Working material (private): the tamis de critères of seed 003 with the comptoir des
services' ideas placed on it, the fiche idée of the carte citoyenne (seed 004) and its
pistes, and an immersion trinôme of the inscriptions scolaires.
"""

import io
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from cas_pratiques.choices import (
    EtatPublication,
    Finalite,
    ModeIntervention,
    ModeSaisine,
    StatutCas,
    TypeLivrable,
    TypeSujet,
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
from cas_pratiques.synthetic import link_methodes, synthetic_case
from collectivites.models import Methode, Session, Transfo

S, T, F, M = ModeSaisine, TypeSujet, Finalite, ModeIntervention
PUBLIE, A_RELIRE, BROUILLON = (
    EtatPublication.PUBLIE,
    EtatPublication.A_RELIRE,
    EtatPublication.BROUILLON,
)

CASES = [
    {
        "transfo": "metz",
        "numero": 1,
        "titre": "Les bureaux volants",
        "sujet": "Comment améliorer l'usage de la flotte de vélos de la métropole ?",
        "problematique": "Comment favoriser des mobilités plus respectueuses de l'environnement "
        "et le bien-être au travail des agents ?",
        "mode_saisine": S.AUTOSAISINE,
        "type_sujet": T.ORGANISATION_INTERNE,
        "finalites": [F.CONNAISSANCE_USAGES, F.NOUVEAU_SERVICE],
        "modes_intervention": [M.IMMERSION, M.PROTOTYPAGE],
        "methodes": ["immersion-en-trinome", "fiche-idee", "prototypage"],
        "statut": StatutCas.TERMINE,
        "dates": (date(2018, 5, 1), date(2018, 10, 31)),
        "resume": "Le premier cas pratique de la Transfo Metz : parti de la flotte de vélos de "
        "la métropole, il a glissé, enquête à l'appui, vers les mobilités plus respectueuses de "
        "l'environnement et le bien-être au travail.",
        "methode": "Enquête auprès des agents utilisateurs et non-utilisateurs des vélos\n"
        "Reformulation du sujet à partir de l'enquête\nIdées et prototypes\n"
        "Test auprès des agents",
        "resultats": "Un bon exemple de cas en autosaisine, portant sur un sujet interne, qui "
        "forme les agents sur l'ensemble d'un processus méthodologique de design de service.",
        "etat": PUBLIE,
    },
    {
        "transfo": "lille",
        "numero": 1,
        "titre": "Amelio et le Brico Concierge",
        "sujet": "Amelio, un dispositif d'accompagnement et de financement des travaux de "
        "rénovation énergétique porté par la Métropole européenne de Lille, aujourd'hui "
        "sous-utilisé.",
        "problematique": "Comment améliorer l'accès à un dispositif de lutte contre la "
        "précarité énergétique ?",
        "direction_porteuse": "Métropole européenne de Lille",
        "mode_saisine": S.AUTOSAISINE,
        "type_sujet": T.INNOVATION_SERVICE,
        "finalites": [F.RECOURS_DISPOSITIF, F.NOUVEAU_SERVICE],
        "modes_intervention": [M.IMMERSION, M.PROTOTYPAGE],
        "methodes": ["immersion-en-trinome", "prototypage"],
        "statut": StatutCas.SUITES,
        "dates": (date(2018, 4, 1), date(2018, 12, 31)),
        "resume": "Le premier cas de la Transfo Lille : améliorer le recours à Amelio, "
        "dispositif de rénovation énergétique de la Métropole. Deux expérimentations en sont "
        "nées : le carnet de santé du logement et le Brico Concierge.",
        "methode": "Immersion auprès des ménages et des partenaires du dispositif\n"
        "Idées de services\nPrototypage de deux pistes\nExpérimentation",
        "resultats": "Deux expérimentations : un dispositif de médiation (le carnet de santé "
        "du logement) et un service de proximité (le Brico Concierge).",
        "etat": PUBLIE,
    },
    {
        "transfo": "mulhouse",
        "numero": 2,
        "titre": "Les mégotiers",
        "sujet": "Lutter contre le jet de mégots dans le centre-ville.",
        "problematique": "Comment inciter les fumeurs à ne plus jeter leurs mégots au sol ?",
        "direction_porteuse": "Pôle prévention et sécurité",
        "porteur": "Le directeur du pôle prévention et sécurité, devenu chef de cabinet",
        "mode_saisine": S.COMMANDE_DECIDEUR,
        "type_sujet": T.ESPACE_PUBLIC,
        "finalites": [F.NOUVEAU_SERVICE],
        "modes_intervention": [M.PROTOTYPAGE, M.IMMERSION],
        "methodes": ["immersion-en-trinome", "prototypage", "restitution"],
        "statut": StatutCas.SUITES,
        "dates": (date(2016, 11, 1), date(2017, 6, 30)),
        "resume": "Conçus et testés dans le cadre du deuxième cas de la Transfo à Mulhouse, les "
        "mégotiers sont un ensemble de cendriers mobiles visant à lutter contre le jet de "
        "mégots.",
        "methode": "Observation des lieux où les mégots sont jetés\nIdées de cendriers\n"
        "Prototypes fabriqués avec les agents de terrain\nTest dans la rue par les agents de la "
        "Ville et de la Communauté d'agglomération",
        "resultats": "Testés par les agents de la Ville et de la Communauté d'agglomération, "
        "ces dispositifs ont fait leur preuve.",
        "suites": "Les mégotiers sont depuis déployés sur l'ensemble du centre-ville.",
        "notes_internes": "Le chantier a été commandé par le cabinet : garder le lien avec "
        "lui pour les suites.",
        "etat": PUBLIE,
        "livrables": [
            ("Les mégotiers : la fiche du cas", True),
            ("Compte rendu interne des tests", False),
        ],
        "photo": ("Un mégotier, cendrier mobile, fixé à un poteau du centre-ville", True),
        "contacts": [
            ("Service propreté urbaine", "Déploiement des mégotiers", "proprete@demo.test", True),
            ("Agent de terrain référent", "Tests dans la rue", "terrain@demo.test", False),
        ],
    },
    {
        "transfo": "strasbourg",
        "numero": 1,
        "titre": "Les inscriptions scolaires",
        "sujet": "Accompagner la Direction de l'Enfance et de l'Éducation dans le "
        "renouvellement de son logiciel de gestion des inscriptions scolaires et périscolaires.",
        "problematique": "De quoi les familles et les agents ont-ils besoin pour s'inscrire et "
        "inscrire à l'école et au périscolaire ?",
        "direction_porteuse": "Direction de l'Enfance et de l'Éducation",
        "porteur": "Responsable du service des inscriptions",
        "mode_saisine": S.COMMANDE_DIRECTION,
        "type_sujet": T.PROJET_NUMERIQUE,
        "finalites": [F.CONNAISSANCE_USAGES],
        "modes_intervention": [M.IMMERSION, M.PROTOTYPAGE],
        "methodes": ["immersion-en-trinome", "fiche-idee", "prototypage"],
        "sessions": "Cas pratique 1",
        "statut": StatutCas.TERMINE,
        "dates": (date(2018, 6, 1), date(2018, 10, 31)),
        "resume": "La mission a consisté à nourrir un cahier des charges par une exploration "
        "des besoins et une meilleure compréhension des usages.",
        "methode": "Immersion dans les points d'accueil et auprès des familles\n"
        "Idées sur fiches\nPrototypes et tests",
        "resultats": "Un apport très opérationnel, directement utile au service commanditaire : "
        "un cahier des charges nourri des besoins des usagers.",
        "etat": PUBLIE,
        "livrables": [("Synthèse des besoins pour le cahier des charges", True)],
        "contacts": [
            ("Direction de l'Enfance et de l'Éducation", "Service commanditaire", "", True)
        ],
    },
    {
        "transfo": "paris",
        "numero": 2,
        "titre": "Les pieds d'arbres",
        "sujet": "L'amélioration du processus de gestion des pieds d'arbres.",
        "problematique": "Qui fait quoi, et quand, dans la gestion d'un pied d'arbre ?",
        "mode_saisine": S.COMMANDE_DIRECTION,
        "type_sujet": T.ORGANISATION_INTERNE,
        "finalites": [F.VISION_PARTAGEE],
        "modes_intervention": [M.CARTOGRAPHIE],
        "methodes": ["blue-print"],
        "statut": StatutCas.TERMINE,
        "dates": (date(2017, 9, 1), date(2018, 1, 31)),
        "resume": "Après un cas pratique sur un dispositif citoyen, la Transfo Paris s'attaque "
        "à une problématique interne, très technique : la gestion des pieds d'arbres.",
        "methode": "Recueil des témoignages des acteurs et services du processus\n"
        "Cartographie du processus\nÉlaboration d'un blue print",
        "resultats": "Un « blue print » détaillant un processus beaucoup plus complexe qu'on "
        "ne pourrait le penser : une intervention très ciblée sur un sujet vaste et épineux de "
        "réorganisation interne.",
        "etat": PUBLIE,
    },
    {
        "transfo": "dunkerque",
        "numero": 3,
        "titre": "Le Bois des Forts",
        "sujet": "La transformation des usages et des modes de gestion des espaces verts, en "
        "partant d'un espace précis, le Bois des Forts.",
        "problematique": "Comment partager la gestion d'un espace vert entre agents techniques, "
        "services administratifs et habitants-usagers ?",
        "mode_saisine": S.AUTOSAISINE,
        "type_sujet": T.ESPACE_PUBLIC,
        "finalites": [F.VISION_PARTAGEE, F.CONNAISSANCE_USAGES],
        "modes_intervention": [M.IMMERSION],
        "methodes": ["immersion-en-trinome"],
        "statut": StatutCas.EN_COURS,
        "dates": (date(2018, 2, 1), None),
        "resume": "Conduit en quasi-autonomie, le dernier cas pratique de la Transfo "
        "Dunkerque fait le « tuilage » entre la fin de la Transfo et le labo.",
        "methode": "Immersion au Bois des Forts\nRencontres avec les agents techniques et les "
        "habitants",
        "etat": BROUILLON,
        "commentaire_relecture": "Il manque les résultats et les suites avant publication.",
    },
    {
        "transfo": "mulhouse",
        "numero": 1,
        "titre": "La carte Max",
        "sujet": "La carte Max, un dispositif de la politique jeunesse.",
        "mode_saisine": S.COMMANDE_DIRECTION,
        "type_sujet": T.INNOVATION_SERVICE,
        "finalites": [F.RECOURS_DISPOSITIF, F.CONNAISSANCE_USAGES],
        "modes_intervention": [M.IMMERSION, M.PROTOTYPAGE],
        "methodes": ["immersion-en-trinome", "fiche-idee", "prototypage"],
        "statut": StatutCas.TERMINE,
        "dates": (date(2016, 6, 1), date(2016, 10, 31)),
        "resume": "Le premier cas pratique de la Transfo Mulhouse : immersion, prototypage, "
        "maquette et bilan méthodologique.",
        "methode": "Immersion en trinômes journaliste, observateur, photographe\nPrototypage\n"
        "Maquette\nBilan méthodologique",
        "etat": PUBLIE,
    },
    {
        "transfo": "paris",
        "numero": 1,
        "titre": "La carte citoyenne",
        "sujet": "La carte citoyenne de la Ville de Paris.",
        "mode_saisine": S.COMMANDE_DECIDEUR,
        "type_sujet": T.INNOVATION_SERVICE,
        "finalites": [F.RECOURS_DISPOSITIF, F.NOUVEAU_SERVICE],
        "modes_intervention": [M.IMMERSION],
        "methodes": ["immersion-en-trinome", "fiche-idee"],
        "statut": StatutCas.TERMINE,
        "dates": (date(2016, 11, 1), date(2017, 3, 31)),
        "resume": "Le premier cas pratique de la Transfo Paris, sur un dispositif citoyen : "
        "immersion, synthèse créative, scénarisation de pistes.",
        "methode": "Immersion\nSynthèse créative\nScénarisation de pistes",
        "resultats": "Quatre pistes : la carte citoyenne participative ; un programme "
        "d'éducation à la citoyenneté ; la carte citoyenne personnalisable ; un système "
        "d'échange local.",
        "etat": PUBLIE,
    },
    {
        "transfo": "strasbourg",
        "numero": 3,
        "titre": "Le comptoir des services",
        "sujet": "La mise en place d'un comptoir de services au sein de l'Eurométropole.",
        "problematique": "De quels services les agents ont-ils besoin, au-delà de la V1 du "
        "comptoir dont le calendrier est déjà fixé ?",
        "porteur": "Joana, cheffe de projet et porte-parole du groupe de pilotage interne",
        "mode_saisine": S.COMMANDE_DIRECTION,
        "type_sujet": T.INNOVATION_SERVICE,
        "finalites": [F.NOUVEAU_SERVICE, F.CONNAISSANCE_USAGES],
        "modes_intervention": [M.IMMERSION, M.DEBOGAGE],
        "methodes": ["tamis-de-criteres", "debat-mouvant", "fiche-idee"],
        "sessions": "Cas pratique 3",
        "statut": StatutCas.EN_COURS,
        "dates": (date(2019, 3, 1), None),
        "resume": "Le cas pratique n°3 de la Transfo Strasbourg, dont le dernier volet s'est "
        "tenu lors de la session n°9, les 27 et 28 juin 2019.",
        "methode": "Enquête auprès des agents\nPhase créative\nTamis de critères pour classer "
        "les idées\nRédaction du questionnaire de la V1 et d'un carnet de préconisations",
        "resultats": "Un double livrable rapidement exploitable : un questionnaire qui doit "
        "éclairer la V1 du comptoir des services et un carnet de préconisations pour réfléchir "
        "à d'autres possibles.",
        "notes_internes": "La direction veut une V1 très vite : peu de latitude pour une "
        "démarche prospective.",
        "etat": A_RELIRE,
        "contacts": [("Joana", "Cheffe de projet", "", False)],
    },
]


# The tamis of seed 003 (Strasbourg, session #9, cas pratique 3), with ideas of services
# from the creative phase of May: (nom, piste, viabilité, mon projet c'est, x, y). x runs
# from 1 "autonomie de l'usager" to 5 "présence physique nécessaire", y from 1 "fréquent"
# to 5 "exceptionnel".
TAMIS_COMPTOIR = {
    "titre": "Le tamis des services du comptoir",
    "critere_gauche": "autonomie de l'usager",
    "critere_droite": "présence physique nécessaire",
    "critere_haut": "fréquent",
    "critere_bas": "exceptionnel",
}
FICHES_COMPTOIR = [
    (
        "Conciergerie colis",
        "Services du quotidien",
        3,
        "un point où déposer et retirer ses colis et courses sur le lieu de travail",
        4,
        1,
    ),
    (
        "Pressing au bureau",
        "Services du quotidien",
        2,
        "déposer son linge le lundi au comptoir et le retrouver repassé le jeudi",
        4,
        2,
    ),
    (
        "Paniers de légumes",
        "Services du quotidien",
        3,
        "des paniers de producteurs de l'Eurométropole livrés chaque semaine au comptoir",
        3,
        1,
    ),
    (
        "Garde d'enfants ponctuelle",
        "Famille",
        1,
        "une solution de garde pour un mercredi imprévu ou une réunion tardive",
        5,
        5,
    ),
    (
        "Aide administrative",
        "Démarches",
        2,
        "une permanence pour être aidé dans ses démarches : impôts, CAF, retraite",
        5,
        4,
    ),
    (
        "Réservation en ligne",
        "Services du quotidien",
        3,
        "réserver soi-même une salle, un vélo ou un véhicule de service en ligne",
        1,
        2,
    ),
    (
        "Bourse d'échange entre agents",
        "Échanges entre agents",
        2,
        "un tableau où les agents proposent et demandent des coups de main",
        2,
        3,
    ),
    (
        "Retouches et cordonnerie",
        "Services du quotidien",
        2,
        "un artisan de passage une fois par semaine pour les retouches et les chaussures",
        4,
        3,
    ),
    (
        "Prêt d'outils",
        "Échanges entre agents",
        2,
        "emprunter une perceuse ou un escabeau pour le week-end, comme à la bibliothèque",
        2,
        4,
    ),
    (
        "Lavage de voiture",
        "Services du quotidien",
        1,
        "faire laver sa voiture sur le parking pendant la journée de travail",
        4,
        4,
    ),
    (
        "Covoiturage domicile-travail",
        "Mobilité",
        3,
        "trouver des collègues qui font le même trajet, sur une plateforme en ligne",
        1,
        1,
    ),
    (
        "Billetterie de l'Amicale",
        "Loisirs",
        3,
        "les offres culturelles et de loisirs de l'Amicale en ligne, avec retrait au comptoir",
        1,
        3,
    ),
]

# The fiche idée of the carte citoyenne (seed 004, Intertransfo n°1, Paris) as written on
# the card, and the other pistes of its synthèse créative.
FICHES_CARTE_CITOYENNE = [
    {
        "piste": "La carte citoyenne personnalisable",
        "equipe": "Elia, Vauvraque, Arié",
        "nom": "La carte surpate",
        "mon_projet": "la création d'un système de collecte et de diffusion de l'offre par les "
        "citoyens pour les citoyens, à l'échelle d'un arrondissement / quartier",
        "fonctionnement": "Le kiosque recueille les idées / offres des habitants qui n'ont pas "
        "de horaires adaptés aux habitants. Le kiosque diffuse l'offre : dans le kiosque - sur "
        "le web. Le kiosque c'est aussi un lieu de service aux habitants / AMAP / du quartier / "
        "conciergerie.",
        "obstacles": "Offre exclusivement de l'arrondissement ou d'une ville ? Ne pas se faire "
        "écraser par les grosses initiatives de la ville. Motiver les acteurs locaux.",
        "leviers": "Offre de services du quotidien, qui fait que tu y passes (AMAP...), recharge "
        "d'imprimante, baby foot / ludothèque... (général)",
        "post_it": "Kiosque citoyen\nLe Trocateur citoyen\nBudget participatif\nOffre citoyenne",
        "schemas": "Kiosque de la place de la République, en plusieurs parties ; atelier",
    },
    {
        "piste": "La carte citoyenne participative",
        "nom": "La carte contributive",
        "mon_projet": "une carte dont le contenu s'appuie sur - et favorise - les contributions "
        "des utilisateurs",
    },
    {
        "piste": "La carte citoyenne, un système d'échange local",
        "nom": "Le Trocateur citoyen",
        "mon_projet": "un support au troc, à l'échange non monétaire, un système qui intègre "
        "les acteurs locaux",
    },
    {
        "piste": "La carte citoyenne, un programme d'éducation à la citoyenneté",
        "nom": "Le parcours citoyen",
        "mon_projet": "un programme d'éducation à la citoyenneté porté par la carte",
    },
]

# An immersion of the inscriptions scolaires (seed 001: "immersion dans les points d'accueil
# et auprès des familles"), by a trinôme of demo members of the Transfo Strasbourg.
IMMERSION_INSCRIPTIONS = {
    "lieu": "Point d'accueil des inscriptions scolaires, centre administratif",
    "date": date(2018, 6, 19),
    "journaliste": "ambassadeur@demo.test",
    "observateur": "ambassadrice@demo.test",
    "photographe": "pilote@demo.test",
    "notes": "Entretiens avec trois familles venues inscrire leur enfant et avec deux agents "
    "d'accueil.\nLes familles arrivent sans savoir quelles pièces apporter ; beaucoup "
    "reviennent une deuxième fois.\nLes agents ressaisissent les mêmes informations dans "
    "deux logiciels.\nVerbatim : « On m'a dit de venir ici, puis à la mairie de quartier. »",
}


def seed_travail(log):
    """The working material of three cases; each part is found again by its name."""
    cases = {
        (cas.transfo.slug, cas.numero): cas
        for cas in CasPratique.objects.select_related("transfo").filter(
            transfo__slug__in=["strasbourg", "paris"]
        )
    }
    comptoir = cases.get(("strasbourg", 3))
    if comptoir is not None:
        tamis, _created = Tamis.objects.update_or_create(
            cas=comptoir, titre=TAMIS_COMPTOIR["titre"], defaults=TAMIS_COMPTOIR
        )
        for nom, piste, viabilite, mon_projet, x, y in FICHES_COMPTOIR:
            fiche, _created = FicheIdee.objects.update_or_create(
                cas=comptoir,
                nom=nom,
                defaults={
                    "piste": piste,
                    "equipe": "Binôme d'ambassadeurs",
                    "viabilite": viabilite,
                    "mon_projet": mon_projet,
                },
            )
            TamisPlacement.objects.update_or_create(
                tamis=tamis, fiche=fiche, defaults={"x": x, "y": y}
            )
    carte = cases.get(("paris", 1))
    if carte is not None:
        for spec in FICHES_CARTE_CITOYENNE:
            FicheIdee.objects.update_or_create(
                cas=carte, nom=spec["nom"], defaults={k: v for k, v in spec.items() if k != "nom"}
            )
    inscriptions = cases.get(("strasbourg", 1))
    if inscriptions is not None:
        spec = dict(IMMERSION_INSCRIPTIONS)
        users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.test")}
        for role in Immersion.ROLES:
            spec[role] = users.get(spec[role])
        Immersion.objects.update_or_create(cas=inscriptions, lieu=spec.pop("lieu"), defaults=spec)
    log("  matériau de travail : tamis et fiches idées (seeds 003, 004), immersion")


def tiny_pdf(title, lines):
    """A one-page PDF written by hand: enough for a real download of the demo."""
    text = [f"BT /F1 18 Tf 72 770 Td ({_pdf_escape(title)}) Tj ET"]
    for n, line in enumerate(lines):
        text.append(f"BT /F1 11 Tf 72 {740 - 16 * n} Td ({_pdf_escape(line)}) Tj ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_png(label):
    image = Image.new("RGB", (640, 400), (238, 242, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((270, 80, 370, 320), fill=(30, 58, 138))
    draw.text((24, 360), label[:80], fill=(17, 28, 61))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def run(*, scale, log):
    transfos = {t.slug: t for t in Transfo.objects.select_related("collectivite")}
    methodes = {m.slug: m for m in Methode.objects.all()}
    count = 0
    for spec in CASES:
        transfo = transfos.get(spec["transfo"])
        if transfo is None:
            continue
        seed_case(transfo, spec, methodes)
        count += 1
    log(f"  {count} cas pratiques (seeds 001, 003, 004)")
    seed_travail(log)
    if scale:
        seed_synthetic(scale, log)


def seed_case(transfo, spec, methodes):
    debut, fin = spec["dates"]
    etat = spec["etat"]
    fields = {
        "titre": spec["titre"],
        "sujet": spec["sujet"],
        "problematique": spec.get("problematique", ""),
        "direction_porteuse": spec.get("direction_porteuse", ""),
        "porteur": spec.get("porteur", ""),
        "mode_saisine": spec["mode_saisine"],
        "type_sujet": spec["type_sujet"],
        "finalites": list(spec["finalites"]),
        "modes_intervention": list(spec["modes_intervention"]),
        "statut": spec["statut"],
        "date_debut": debut,
        "date_fin": fin,
        "resume": spec.get("resume", ""),
        "methode": spec.get("methode", ""),
        "resultats": spec.get("resultats", ""),
        "suites": spec.get("suites", ""),
        "notes_internes": spec.get("notes_internes", ""),
        "cadre_experimental_partage": True,
        "engagement_porteur": etat == PUBLIE,
        "portage_politique_technique": True,
        "perimetre_clair": etat != BROUILLON,
        "etat": etat,
        "commentaire_relecture": spec.get("commentaire_relecture", ""),
    }
    cas = CasPratique.objects.filter(transfo=transfo, numero=spec["numero"]).first()
    if cas is None:
        cas = CasPratique(transfo=transfo, numero=spec["numero"])
    for name, value in fields.items():
        setattr(cas, name, value)
    if etat == PUBLIE and cas.publie_le is None:
        cas.publie_le = timezone.make_aware(datetime.combine(fin or debut, time(12, 0)))
    if etat == A_RELIRE and cas.soumis_le is None:
        cas.soumis_le = timezone.now()
    cas.save()
    cas.methodes.set([methodes[s] for s in spec["methodes"] if s in methodes])
    # The demo's sessions are titled after the case they work on ("Cas pratique 2 : ...").
    prefix = spec.get("sessions", f"Cas pratique {spec['numero']} ")
    sessions = Session.objects.programmes().filter(transfo=transfo, titre__startswith=prefix)
    if spec.get("sessions") == "Cas pratique 3":
        sessions = sessions | Session.objects.programmes().filter(transfo=transfo, numero=9)
    cas.sessions.set(sessions)
    for titre, public in spec.get("livrables", []):
        if not cas.livrables.filter(titre=titre).exists():
            content = tiny_pdf(titre, [cas.titre, transfo.nom, "La Transfo, La 27e Région"])
            livrable = Livrable(
                cas=cas, titre=titre, public=public, type=TypeLivrable.PDF, taille=len(content)
            )
            livrable.fichier.save(f"{slugify(titre)}.pdf", ContentFile(content), save=False)
            livrable.save()
    if "photo" in spec:
        alt, public = spec["photo"]
        if not cas.photos.filter(alt=alt).exists():
            photo = Photo(cas=cas, alt=alt, public=public, legende=cas.titre)
            photo.image.save(f"{cas.slug}.png", ContentFile(tiny_png(alt)), save=False)
            photo.save()
    # Consent recorded when the case ended (a fixed date keeps the seed idempotent).
    recorded = timezone.make_aware(datetime.combine(fin or debut, time(12, 0)))
    for nom, role, email, consent in spec.get("contacts", []):
        Contact.objects.update_or_create(
            cas=cas,
            nom=nom,
            defaults={
                "role": role,
                "email": email,
                "consentement_le": recorded if consent else None,
                "consentement_source": "Accord écrit recueilli par la résidente" if consent else "",
            },
        )
    return cas


# Five cases a synthetic Transfo: 2,000 at --scale 50 (issue 10), four in five published in
# the vitrine with their méthodes and sessions, the fifth in review or draft.
SYNTHETIC_CASES_PER_TRANSFO = 5


def seed_synthetic(scale, log):
    """Cases of the synthetic Transfos, from the seeds' vocabulary (bulk, idempotent)."""
    transfos = list(
        Transfo.objects.filter(slug__startswith="synthetique-")
        .select_related("collectivite")
        .order_by("pk")
    )
    if not transfos:
        return
    total = SYNTHETIC_CASES_PER_TRANSFO * len(transfos)
    existing = set(
        CasPratique.objects.filter(slug__startswith="cas-synthetique-").values_list(
            "slug", flat=True
        )
    )
    numeros = dict(
        CasPratique.objects.filter(transfo__in=transfos)
        .values("transfo_id")
        .annotate(n=Max("numero"))
        .values_list("transfo_id", "n")
    )
    now = timezone.now()
    cases = []
    for i in range(total):
        if f"cas-synthetique-{i}" in existing:
            continue
        transfo = transfos[i % len(transfos)]
        numeros[transfo.pk] = numeros.get(transfo.pk, 0) + 1
        etat = (PUBLIE, PUBLIE, PUBLIE, PUBLIE, A_RELIRE if i % 2 else BROUILLON)[
            (i // len(transfos)) % SYNTHETIC_CASES_PER_TRANSFO
        ]
        cases.append(synthetic_case(i, transfo, numeros[transfo.pk], etat=etat, now=now))
    created = CasPratique.objects.bulk_create(cases, batch_size=1000)
    if created and created[0].pk is None:  # backends that return no ids
        created = list(CasPratique.objects.filter(slug__in=[c.slug for c in cases]))
    link_methodes(created, list(Methode.objects.order_by("pk").values_list("pk", flat=True)))
    link_sessions(created)
    log(f"  volume synthétique : {len(cases)} cas pratiques ajoutés")


def link_sessions(cases):
    """Each synthetic case worked on in two sessions of its Transfo."""
    sessions = {}
    for pk, transfo_id, numero in Session.objects.filter(
        transfo_id__in={cas.transfo_id for cas in cases}, numero__isnull=False
    ).values_list("pk", "transfo_id", "numero"):
        sessions[transfo_id, numero] = pk
    through = CasPratique.sessions.through
    links = []
    for cas in cases:
        for numero in (1 + 2 * (cas.numero % 7), 2 + 2 * (cas.numero % 7)):
            session_id = sessions.get((cas.transfo_id, numero))
            if session_id:
                links.append(through(caspratique_id=cas.pk, session_id=session_id))
    through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
