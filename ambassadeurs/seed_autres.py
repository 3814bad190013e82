"""Demo groups of ambassadeurs of the seven Transfos other than Strasbourg, and their attendance.

Invented people, in groups shaped by what the seeds say of each Transfo:

- Mulhouse: 20 agents ambassadeurs and 20 agents relais (its "infos clés", seed 004); the
  relais, a second circle, come only to a few sessions (seed 001). Paris: 20 ambassadeurs.
  The first names of the teams at the Intertransfo n°1 (seed 004) are used for a few of them.
- Dunkerque and Lille: groups that opened along the way, Dunkerque "faute de candidats en
  nombre suffisant" and lacking ambassadeurs (seeds 001, 002), Lille joined by the agents of
  its direction R&D, "open data, intelligence collective, égalité femme/homme" (seed 001).
- Metz: 3 ambassadeurs of the pôle relation aux usagers, its cheffe among them (seed 000),
  and the demo account Thomas Schmitt.
- Every group has more women than men and more A than C, and loses a few people along the
  way, the C first (seed 001); attendance thins out to "une participation en pointillé et un
  groupe réduit à une dizaine de personnes" in the last sessions. Occitanie's last sessions
  are "modules de formation pour un plus petit nombre, sur volontariat" (seed 001).
- Chartes d'engagement: Mulhouse invented the charte tripartite ambassadeur / N+1 / labo
  (seed 002); Lille and Metz, which started after the Intertransfo of Dunkerque proposed it
  to every labo, have one too. Some N+1 never sign, as the retex says of the N+1 (seed 001).

Deterministic and idempotent (the same draw every run), in bulk.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from ambassadeurs.choices import Categorie, Genre, MomentMeteo, PartieCharte
from ambassadeurs.models import (
    DEFAULT_CHARTE_TEXT,
    AmbassadeurProfile,
    Charte,
    Meteo,
    Presence,
    SignatureCharte,
    TexteCharte,
    normalise_tags,
)
from collectivites.choices import Role
from collectivites.models import Jour, Participation, Transfo

A, B, C = Categorie.A, Categorie.B, Categorie.C
F, H = Genre.FEMME, Genre.HOMME
AMB, REL = Role.AMBASSADEUR, Role.RELAIS

# direction: [(service, métier, catégorie)], picked in turn.
# fmt: off
METIERS = {
    "Direction de l'éducation": [("Inscriptions scolaires", "Gestionnaire administrative", B), ("Restauration scolaire", "Agente de restauration", C), ("Projets éducatifs", "Chargée de mission", A)],
    "Direction des solidarités": [("Action sociale", "Travailleuse sociale", B), ("Insertion", "Conseiller en insertion", A), ("Accueil social", "Agent d'accueil", C)],
    "Direction de la culture": [("Médiathèques", "Bibliothécaire", B), ("Musées", "Chargée des publics", A), ("Archives", "Agent du patrimoine", C)],
    "Direction des ressources humaines": [("Formation", "Responsable formation", A), ("Paie", "Gestionnaire de paie", B), ("Recrutement", "Chargée de recrutement", A)],
    "Direction des espaces publics": [("Propreté", "Chef d'équipe", C), ("Espaces verts", "Technicien", B), ("Voirie", "Ingénieur voirie", A)],
    "Direction du numérique": [("Études et projets", "Cheffe de projet", A), ("Support", "Technicien support", B)],
    "Direction de la relation aux usagers": [("Accueil", "Agente d'accueil", C), ("État civil", "Officier d'état civil", B), ("Qualité de service", "Chargée de mission qualité", A)],
    "Direction des finances": [("Budget", "Analyste financier", A), ("Comptabilité", "Gestionnaire comptable", B)],
    "Direction de la communication": [("Communication interne", "Chargée de communication", A), ("Création graphique", "Graphiste", B)],
    "Direction de l'environnement": [("Déchets", "Agent de collecte", C), ("Transition écologique", "Chargée de mission climat", A)],
}
# fmt: on
DIRECTIONS = list(METIERS)
ROLES = [
    "journaliste d'immersion",
    "observatrice d'immersion",
    "photographe d'immersion",
    "facilitatrice",
    "scribe",
    "gardien du temps",
    "porte-parole",
    "testeur de prototypes",
]
PASSIONS = [
    "photo, écriture",
    "théâtre, dessin",
    "vélo, bricolage",
    "cuisine, jardinage",
    "tableur, jeux de société",
    "chant, langues",
    "vidéo, podcasts",
    "randonnée, couture",
    "musique, illustration",
]
N1 = ["Hélène", "Marc", "Nadia", "Pierre", "Sophie", "Olivier", "Anne", "Bruno", "Claire"]
RAISONS = [
    "Charge de travail : son équipe ne pouvait plus le ou la remplacer pendant les sessions.",
    "Mobilité : nouveau poste dans une autre collectivité.",
    "Son N+1 ne la ou le libérait plus pour les sessions.",
    "Ne trouvait plus sa place dans le groupe.",
    "Pas revenu·e après l'été : dossiers en retard, aucune reconnaissance côté RH.",
]

# Per Transfo: (first names, genre) and family names of the group, in the same order; then
# how many relais (the last ones), the exits (index, session before which the person left),
# the late arrivals (index, session at which the person joined), fixed people (index: email,
# direction, service, métier, catégorie) and how the attendance differs from the usual curve.
# fmt: off
GROUPES = {
    "mulhouse": {
        "prenoms": [("Sébastien", H), ("Véronique", F), ("Brigitte", F), ("Loïc", H), ("Laura", F), ("Catherine", F), ("Caroline", F), ("Touria", F), ("Aline", F), ("Jérôme", H), ("Myriam", F), ("Pascal", H), ("Delphine", F), ("Nadine", F), ("Rémi", H), ("Sonia", F), ("Audrey", F), ("Didier", H), ("Émilie", F), ("Fabien", H),
                    ("Agnès", F), ("Bernard", H), ("Chantal", F), ("Denis", H), ("Estelle", F), ("Francis", H), ("Gaëlle", F), ("Hervé", H), ("Isabelle", F), ("Joël", H), ("Karine", F), ("Luc", H), ("Martine", F), ("Noël", H), ("Odile", F), ("Patrick", H), ("Régine", F), ("Serge", H), ("Sylvie", F), ("Thierry", H)],
        "noms": ["Baumann", "Schwartz", "Keller", "Muller", "Heitz", "Wittmann", "Lang", "Bentaleb", "Ritter", "Jenny", "Blind", "Frey", "Haas", "Meyer", "Spiess", "Kuntz", "Walch", "Brun", "Gerber", "Hug",
                 "Zimmer", "Ehret", "Stoll", "Roth", "Vogt", "Hummel", "Feltz", "Meister", "Graff", "Kieffer", "Loeb", "Marx", "Nussbaum", "Obrecht", "Pfister", "Rapp", "Sutter", "Troxler", "Ulrich", "Weiss"],
        "relais": 20,
        "sorties": [(12, 8), (14, 11), (17, 13)],
    },
    "paris": {
        "prenoms": [("Clémence", F), ("Sabine", F), ("Agnès", F), ("Sophie", F), ("Isabelle", F), ("Maxime", H), ("Mehdi", H), ("Julie", F), ("Antoine", H), ("Fatou", F), ("Hugo", H), ("Marion", F), ("Karima", F), ("Vincent", H), ("Lucie", F), ("Samuel", H), ("Élise", F), ("Nora", F), ("Xavier", H), ("Pauline", F)],
        "noms": ["Lefèvre", "Moreau", "Girard", "Lambert", "Fontaine", "Rousseau", "Benyahia", "Chevalier", "Mercier", "Diallo", "Faure", "Blanc", "Ouali", "Garnier", "Perrin", "Cohen", "Roux", "Haddad", "Morel", "Lemoine"],
        "sorties": [(13, 6), (19, 10), (16, 12)],
    },
    "dunkerque": {
        "prenoms": [("Mathilde", F), ("Grégory", H), ("Ludivine", F), ("Sandrine", F), ("Frédéric", H), ("Aurélie", F), ("Kévin", H), ("Virginie", F), ("Cédric", H), ("Stéphanie", F), ("Anthony", H), ("Céline", F), ("Jessica", F), ("Yannick", H), ("Mélanie", F), ("Thibault", H)],
        "noms": ["Vandenberghe", "Declerck", "Dewitte", "Vanhove", "Lemaire", "Deschamps", "Vermeulen", "Caron", "Decock", "Boulanger", "Verhaeghe", "Lefebvre", "Dufour", "Delattre", "Hennebelle", "Coppin"],
        "arrivees": [(12, 5), (13, 7), (14, 9), (15, 10)],
        "sorties": [(7, 9), (9, 12)],
    },
    "occitanie": {
        "prenoms": [("Laure", F), ("Nicolas", H), ("Ghislaine", F), ("Jordi", H), ("Margaux", F), ("Bastien", H), ("Amandine", F), ("Sylvain", H), ("Nadia", F), ("Thomas", H), ("Marie", F), ("Florian", H), ("Hélène", F), ("Romain", H), ("Coralie", F), ("Yasmina", F), ("Jean", H), ("Anaïs", F), ("Laetitia", F), ("Benoît", H)],
        "noms": ["Fabre", "Castan", "Vidal", "Puig", "Roques", "Bousquet", "Cazals", "Rouquette", "Benali", "Delmas", "Esteve", "Marty", "Salvat", "Cabanes", "Teisseire", "Amrani", "Bonnet", "Calvet", "Sabatier", "Granier"],
        "sorties": [(18, 9), (10, 11), (15, 12)],
        # The last three sessions, modules de formation for a smaller group of volunteers.
        "taux_fin": (12, 0.5),
    },
    "lille": {
        "prenoms": [("Amandine", F), ("Quentin", H), ("Manon", F), ("Sylvie", F), ("Damien", H), ("Charlotte", F), ("Rachid", H), ("Émeline", F), ("Jonathan", H), ("Hélène", F), ("Alexandra", F), ("Olivier", H), ("Nathalie", F), ("Mickaël", H), ("Sarah", F), ("Laurent", H), ("Inès", F), ("Guillaume", H), ("Claire", F), ("Nassim", H)],
        "noms": ["Dupont", "Leclercq", "Delannoy", "Lemaire", "Carpentier", "Lecomte", "Bouzid", "Devos", "Wallart", "Desmet", "Pruvost", "Vasseur", "Dhaussy", "Leroy", "Lambin", "Delcroix", "Saidi", "Ducrocq", "Hochart", "Messaoudi"],
        # The agents of the direction R&D join at session 6.
        "arrivees": [(16, 6), (17, 6), (18, 6), (19, 6)],
        "fixes": {
            16: ("Direction R&D", "Open data", "Chargée de mission open data", A),
            17: ("Direction R&D", "Intelligence collective", "Chef de projet intelligence collective", A),
            18: ("Direction R&D", "Égalité femmes-hommes", "Chargée de mission égalité femmes-hommes", A),
            19: ("Direction R&D", "Innovation", "Chargé de mission innovation", A),
        },
        "sorties": [(6, 9), (12, 12)],
    },
    "metz": {
        "prenoms": [("Thomas", H), ("Valérie", F), ("Noémie", F), ("Christelle", F), ("Arnaud", H), ("Jennifer", F), ("Mathieu", H), ("Sandra", F), ("Fabrice", H), ("Laurence", F), ("Julie", F), ("Cyril", H), ("Nathalie", F), ("Djamila", F), ("Florence", F), ("Stéphane", H), ("Anne", F), ("Patrice", H), ("Élodie", F), ("Gilles", H)],
        "noms": ["Schmitt", "Thiriet", "Weber", "Becker", "Lorrain", "Mangin", "Klein", "Hoffmann", "Gaspard", "Colin", "Simon", "Marchal", "Ferry", "Khelifi", "Laurent", "Thomas", "Didier", "Nicolas", "Jacquot", "Antoine"],
        "fixes": {
            1: ("Pôle relation aux usagers", "Direction", "Cheffe du pôle relation aux usagers", A),
            2: ("Pôle relation aux usagers", "Accueil", "Agente d'accueil", C),
            3: ("Direction de la communication", "Communication interne", "Chargée de communication", A),
        },
        "comptes": {0: "ambassadeur.metz@demo.test"},
        "fixes_0": ("Pôle relation aux usagers", "Accueil", "Conseiller usagers", B),
        "sorties": [(5, 8), (14, 10), (11, 13)],
    },
    "paca": {
        "prenoms": [("Magali", F), ("Olivier", H), ("Séverine", F), ("Fabienne", F), ("Christophe", H), ("Karima", F), ("Lionel", H), ("Estelle", F), ("Julien", H), ("Muriel", F), ("Nathalie", F), ("Frédéric", H), ("Samia", F), ("Alain", H), ("Corinne", F), ("Marion", F), ("Gérald", H), ("Mireille", F)],
        "noms": ["Bernard", "Giraud", "Roux", "Martin", "Arnaud", "Belkacem", "Blanc", "Pellegrin", "Gautier", "Michel", "Aubert", "Reynaud", "Ziani", "Olivier", "Bonnet", "Chabert", "Meyer", "Fabre"],
        "sorties": [(6, 7), (13, 10), (16, 12)],
    },
}
# fmt: on

# The share of the group present at each session: the usual drop-off (seed 001).
TAUX = [0.97, 0.95, 0.93, 0.92, 0.9, 0.88, 0.85, 0.82, 0.8, 0.76, 0.72, 0.68, 0.64, 0.62]
PENALITE_C = 0.15
# Relais come to the launch, the middle and the closing of the Transfo.
SESSIONS_RELAIS = {1, 7, 14}
METEO_GROUPE = [
    (4, "curieux"),
    (5, "enthousiastes"),
    (4, "concentrés"),
    (3, "fatigués"),
    (4, "inspirés"),
    (2, "débordés"),
    (4, "soudés"),
    (5, "fiers"),
]


# The Transfos with a charte d'engagement, and who among their ambassadeurs (by index) has a
# N+1 who never signed it.
CHARTES = {"mulhouse": {3, 9, 15}, "lille": {2, 7}, "metz": {4, 10, 13}}


def email_of(slug, prenom, nom):
    return f"{slugify(prenom)}.{slugify(nom)}@{slug}.demo.test"


def people_of(slug, groupe):
    """[(email, full name, rôle, genre, profile fields, entry session, exit session)]."""
    relais_from = len(groupe["prenoms"]) - groupe.get("relais", 0)
    arrivees = dict(groupe.get("arrivees", []))
    sorties = dict(groupe.get("sorties", []))
    fixes = groupe.get("fixes", {})
    people = []
    for index, ((prenom, genre), nom) in enumerate(
        zip(groupe["prenoms"], groupe["noms"], strict=True)
    ):
        email = groupe.get("comptes", {}).get(index) or email_of(slug, prenom, nom)
        if index in fixes:
            direction, service, metier, categorie = fixes[index]
        elif index == 0 and "fixes_0" in groupe:
            direction, service, metier, categorie = groupe["fixes_0"]
        else:
            direction = DIRECTIONS[index % len(DIRECTIONS)]
            choices = METIERS[direction]
            service, metier, categorie = choices[(index // len(DIRECTIONS)) % len(choices)]
        n1 = f"{N1[index % len(N1)]} {groupe['noms'][(index * 7 + 3) % len(groupe['noms'])]}"
        profil = {
            "direction": direction,
            "service": service,
            "metier": metier,
            "categorie": categorie,
            "genre": genre,
            "n1_nom": n1,
            "n1_email": f"{slugify(n1).replace('-', '.')}@{slug}.demo.test",
            "roles": ROLES[index % len(ROLES)] if index < relais_from else "relais",
            "passions": normalise_tags(PASSIONS[index % len(PASSIONS)]),
            "raison_sortie": RAISONS[index % len(RAISONS)] if index in sorties else "",
        }
        role = REL if index >= relais_from else AMB
        people.append(
            (email, f"{prenom} {nom}", role, profil, arrivees.get(index, 1), sorties.get(index))
        )
    return people


def _present(groupe, email, role, categorie, numero, position):
    if role == REL:
        return random.Random(f"{email}-{numero}-{position}").random() < 0.7
    rate = TAUX[numero - 1] - (PENALITE_C if categorie == C and numero >= 5 else 0)
    taux_fin = groupe.get("taux_fin")
    if taux_fin and numero >= taux_fin[0]:
        rate = taux_fin[1]
    return random.Random(f"{email}-{numero}-{position}").random() < rate


def run(log):
    transfos = {t.slug: t for t in Transfo.objects.filter(slug__in=GROUPES)}
    if not transfos:
        return
    User = get_user_model()
    days = {}
    for jour in (
        Jour.objects.filter(
            session__transfo__in=transfos.values(),
            session__est_modele=False,
            date__isnull=False,
        )
        .select_related("session")
        .order_by("date", "pk")
    ):
        days.setdefault(jour.session.transfo_id, []).append(jour)
    groups = {slug: people_of(slug, GROUPES[slug]) for slug in transfos}

    User.objects.bulk_create(
        [
            User(email=email, full_name=nom, password="!")
            for people in groups.values()
            for email, nom, *_rest in people
        ],
        ignore_conflicts=True,
    )
    users = dict(
        User.objects.filter(
            email__in=[p[0] for people in groups.values() for p in people]
        ).values_list("email", "pk")
    )

    def start_of(transfo, numero):
        first = [j.date for j in days.get(transfo.pk, []) if j.session.numero == numero]
        return min(first) if first else transfo.date_debut

    rows = []
    for slug, people in groups.items():
        transfo = transfos[slug]
        for email, _nom, role, _profil, entree, sortie in people:
            rows.append(
                Participation(
                    user_id=users[email],
                    transfo=transfo,
                    role=role,
                    date_entree=transfo.date_debut if entree == 1 else start_of(transfo, entree),
                    date_sortie=start_of(transfo, sortie) - timedelta(days=7) if sortie else None,
                )
            )
    Participation.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "transfo"],
        update_fields=["role", "date_entree", "date_sortie"],
    )
    participations = {
        (transfo_id, user_id): participation
        for participation in Participation.objects.filter(
            transfo__in=transfos.values(), user_id__in=users.values()
        )
        for transfo_id, user_id in [(participation.transfo_id, participation.user_id)]
    }
    profils = []
    for slug, people in groups.items():
        for email, _nom, _role, profil, *_dates in people:
            participation = participations[(transfos[slug].pk, users[email])]
            profils.append(AmbassadeurProfile(participation=participation, **profil))
    AmbassadeurProfile.objects.bulk_create(
        profils,
        update_conflicts=True,
        unique_fields=["participation"],
        update_fields=[
            "direction",
            "service",
            "metier",
            "categorie",
            "genre",
            "n1_nom",
            "n1_email",
            "roles",
            "passions",
            "raison_sortie",
        ],
    )

    presences = []
    meteos = []
    for slug, people in groups.items():
        transfo = transfos[slug]
        for index, jour in enumerate(days.get(transfo.pk, [])):
            numero = jour.session.numero
            for email, _nom, role, profil, _entree, _sortie in people:
                participation = participations[(transfo.pk, users[email])]
                left = participation.date_sortie
                if participation.date_entree > jour.date or (left and left <= jour.date):
                    continue
                if role == REL and numero not in SESSIONS_RELAIS:
                    continue
                present = _present(
                    GROUPES[slug], email, role, profil["categorie"], numero, jour.position
                )
                presences.append(Presence(jour=jour, participation=participation, present=present))
            for offset, moment in enumerate(MomentMeteo):
                note, mot = METEO_GROUPE[(2 * index + offset + len(slug)) % len(METEO_GROUPE)]
                meteos.append(Meteo(jour=jour, moment=moment, note=note, mot=mot))
    Presence.objects.bulk_create(
        presences,
        update_conflicts=True,
        unique_fields=["jour", "participation"],
        update_fields=["present"],
        batch_size=1000,
    )
    Meteo.objects.bulk_create(meteos, ignore_conflicts=True, batch_size=1000)
    signatures = seed_chartes(transfos, groups, participations, users)
    log(
        f"  groupes des autres Transfos : {sum(len(p) for p in groups.values())} profils, "
        f"{len(presences)} présences, {len(meteos)} météos du groupe, {signatures} signatures de chartes"
    )


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def seed_chartes(transfos, groups, participations, users):
    """The charters of the ambassadeurs of CHARTES, signed by them and the labo at their entry
    and by their N+1 within three weeks, but for a few N+1 (idempotent: one signature in force
    per party)."""
    rows = []
    for slug, sans_n1 in CHARTES.items():
        if slug not in transfos:
            continue
        transfo = transfos[slug]
        texte, _created = TexteCharte.objects.get_or_create(
            transfo=transfo, version=1, defaults={"texte": DEFAULT_CHARTE_TEXT}
        )
        profils = {
            p.participation_id: p
            for p in AmbassadeurProfile.objects.filter(
                participation__transfo=transfo, participation__role=AMB
            )
        }
        Charte.objects.bulk_create(
            [Charte(profil=profil) for profil in profils.values()], ignore_conflicts=True
        )
        chartes = dict(
            Charte.objects.filter(profil__in=profils.values()).values_list(
                "profil__participation_id", "pk"
            )
        )
        for index, (email, nom, role, profil, _entree, _sortie) in enumerate(groups[slug]):
            if role != AMB:
                continue
            participation = participations[(transfo.pk, users[email])]
            start = participation.date_entree
            parties = [
                (PartieCharte.AMBASSADEUR, start, nom),
                (PartieCharte.LABO, start, f"Pilote interne, {transfo.nom}"),
            ]
            if index not in sans_n1:
                parties.append((PartieCharte.N1, start + timedelta(days=21), profil["n1_nom"]))
            rows += [
                SignatureCharte(
                    charte_id=chartes[participation.pk],
                    partie=partie,
                    texte=texte,
                    nom=signataire,
                    signee_le=_at(day),
                )
                for partie, day, signataire in parties
            ]
    SignatureCharte.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
