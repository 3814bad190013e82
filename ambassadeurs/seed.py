"""Demo carnets de bord: entries of each visibility for the demo ambassadrice and ambassadeur.

Drawn from the Transfo Strasbourg's path (seeds 000, 001, 003): the inscriptions scolaires,
the future labo, the comptoir des services, session #9 (débat mouvant, tamis de critères),
the devoirs de vacances; and from what the retex says hurts (seed 001): workload on top of
the day job, N+1 not on board, no recognition by HR, the group thinning out at the end.
"""

import random
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from ambassadeurs import seed_autres
from ambassadeurs.choices import Categorie, Genre, Humeur, MomentMeteo, PartieCharte, Visibilite
from ambassadeurs.models import (
    DEFAULT_CHARTE_TEXT,
    AmbassadeurProfile,
    Bilan,
    BilanPersonnel,
    Charte,
    CommentaireDevoir,
    Devoir,
    EntreeCarnet,
    Meteo,
    Presence,
    ReponseBilan,
    ReponseCollective,
    ReponseDevoir,
    SignatureCharte,
    TexteCharte,
)
from collectivites.choices import CERCLE_ROLES, Role
from collectivites.models import Jour, Participation, Session, Transfo

P, R, G = Visibilite.PRIVE, Visibilite.RESIDENTS, Visibilite.GROUPE

ENTRIES = {
    "ambassadrice@demo.test": [
        # session, date, visibility, mood, title, text
        (
            2,
            date(2018, 6, 21),
            P,
            Humeur.ECLAIRCIES,
            "Première immersion : les inscriptions scolaires",
            "J'étais **observatrice** dans notre trinôme, avec Karim en journaliste.\n\n"
            "- Au guichet, les parents attendent debout, leur dossier à la main, sans savoir "
            "s'il est complet.\n"
            "- Une mère est revenue trois fois pour le même justificatif de domicile.\n"
            "- Les agents connaissent tous les contournements, mais rien n'est écrit.\n\n"
            "Je n'avais jamais regardé mon propre service avec les yeux d'un usager. "
            "Un peu vertigineux.",
        ),
        (
            4,
            date(2018, 10, 18),
            G,
            Humeur.SOLEIL,
            "Tester un prototype au guichet",
            "On a testé la **fiche « ce qu'il faut apporter »** en carton, directement dans "
            "la file d'attente. Dix parents interrogés en une matinée.\n\n"
            "Ce qui a marché : le schéma plutôt que le texte. Ce qui n'a pas marché : "
            "le mot *justificatif*, que personne ne comprend pareil.\n\n"
            "Merci au groupe pour l'énergie de ce jour-là !",
        ),
        (
            6,
            date(2019, 1, 24),
            R,
            Humeur.NUAGES,
            "Le labo, on en parle enfin",
            "Première session consacrée au futur labo, avec la Fabrique de l'hospitalité.\n\n"
            "Je me demande quelle place on aura, nous les ambassadeurs, une fois La Transfo "
            "terminée. Est-ce que le labo sera un lieu, une équipe, une manière de faire ?\n\n"
            "Question pour les résident·es : comment on embarque les directions qui ne "
            "sont jamais venues en session ?",
        ),
        (
            7,
            date(2019, 3, 21),
            P,
            Humeur.PLUIE,
            "Ce que je n'ose pas dire en session",
            "Mon N+1 m'a encore demandé « à quoi ça sert, ces journées ». Les dossiers "
            "s'empilent quand je suis en session, et personne ne les reprend.\n\n"
            "Aucune reconnaissance côté RH pour l'instant : ni dans l'entretien annuel, ni "
            "dans le plan de formation. Je continue parce que le groupe me porte, mais je "
            "comprends ceux qui décrochent.",
        ),
        (
            9,
            date(2019, 6, 27),
            G,
            Humeur.SOLEIL,
            "Débat mouvant : le labo doit-il avoir un budget propre ?",
            "Quatre questions clivantes, et cette fois je me suis placée côté **oui** pour "
            "le budget propre.\n\n"
            "> Un labo sans budget, c'est un labo qui demande la permission pour tout.\n\n"
            "Karim a fini par changer de côté. L'après-midi avec les acteurs de l'innovation "
            "de l'Eurométropole m'a rassurée : on n'est pas seuls à porter ce projet.",
        ),
        (
            9,
            date(2019, 6, 28),
            R,
            Humeur.ECLAIRCIES,
            "Tamis de critères pour le comptoir des services",
            "Par binôme, on a placé les idées de la phase créative de mai sur les grilles : "
            "autonomie de l'usager ↔ présence physique, fréquent ↔ exceptionnel, "
            "décentralisé ↔ centralisé.\n\n"
            "Les idées « fréquent + autonomie » sautent aux yeux : prise de rendez-vous, "
            "suivi de dossier. Je ne suis pas sûre que le questionnaire de la V1 pose les "
            "bonnes questions ; j'aimerais en parler avec vous avant septembre.",
        ),
        (
            None,
            date(2019, 8, 20),
            P,
            Humeur.NUAGES,
            "Devoirs de vacances",
            "Exercice : raconter à un proche ce que j'ai appris cette année.\n\n"
            "J'ai parlé d'**écoute** et de **prototypes**, pas de méthodes. "
            "Je redoute la rentrée : on sera moins nombreux, on le sent déjà.",
        ),
    ],
    "ambassadeur@demo.test": [
        (
            8,
            date(2019, 5, 23),
            P,
            Humeur.NUAGES,
            "Phase créative : trop d'idées ?",
            "Plus de soixante fiches idées sur le comptoir des services. Je ne vois pas "
            "encore comment on va trier sans frustrer personne.",
        ),
        (
            9,
            date(2019, 6, 27),
            G,
            Humeur.ECLAIRCIES,
            "Mon côté du débat mouvant",
            "J'ai commencé côté **non** sur le budget propre : un budget, ça se défend chaque "
            "année et ça isole. Claire m'a convaincu qu'un labo sans moyens reste une "
            "démonstration. J'ai changé de côté, ce qui est tout l'intérêt de l'exercice.",
        ),
        (
            10,
            date(2019, 9, 19),
            R,
            Humeur.PLUIE,
            "Retour de vacances, le groupe a fondu",
            "Nous étions une douzaine ce matin. Plusieurs collègues de catégorie C n'ont pas "
            "pu se libérer. Comment faire revenir ceux qui ont décroché ?",
        ),
    ],
}


def run(*, scale, log):
    seed_autres.run(log)
    User = get_user_model()
    strasbourg = Transfo.objects.filter(slug="strasbourg").first()
    if strasbourg is None:
        log("  carnets de bord : pas de Transfo Strasbourg, rien à faire")
        return
    sessions = dict(
        Session.objects.programmes().filter(transfo=strasbourg).values_list("numero", "pk")
    )
    count = 0
    for email, entries in ENTRIES.items():
        auteur = User.objects.get(email=email)
        for numero, day, visibilite, humeur, titre, texte in entries:
            shared_at = (
                None
                if visibilite == Visibilite.PRIVE
                else timezone.make_aware(datetime.combine(day, time(18, 0)))
            )
            EntreeCarnet.objects.update_or_create(
                auteur=auteur,
                titre=titre,
                defaults={
                    "transfo": strasbourg,
                    "session_id": sessions.get(numero),
                    "date": day,
                    "texte": texte,
                    "humeur": humeur,
                    "visibilite": visibilite,
                    "partagee_le": shared_at,
                },
            )
            count += 1
    log(f"  {count} entrées de carnet de bord (Transfo Strasbourg)")
    seed_group(strasbourg, log)
    seed_presences(strasbourg, log)
    seed_chartes(strasbourg, log)
    seed_devoirs(strasbourg, log)
    seed_bilans(strasbourg, log)
    if scale:
        seed_synthetic(scale, log)


EDUC = "Direction de l'éducation"
SOLI = "Direction des solidarités"
CULT = "Direction de la culture"
DRH = "Direction des ressources humaines"
ESPU = "Direction des espaces publics"
NUM = "Direction du numérique"
POP = "Direction de la population"
A, B, C = Categorie.A, Categorie.B, Categorie.C
F, H = Genre.FEMME, Genre.HOMME
AMB, REL = Role.AMBASSADEUR, Role.RELAIS

# Volume for --scale (issue 10): per synthetic Transfo of 20 ambassadeurs, 50 carnet entries
# (2 or 3 each, of the three visibilities), a profile each, and the attendance and météos of
# the first sessions. 8,000 ambassadeurs and 20,000 entries at --scale 50.
SYNTHETIC_ENTRIES = [
    (
        Visibilite.PRIVE,
        Humeur.NUAGES,
        "Notes après la session",
        "Ce que j'ai retenu de la journée.",
    ),
    (
        Visibilite.GROUPE,
        Humeur.SOLEIL,
        "Pour le groupe",
        "Merci à toutes et à tous pour cette session : l'immersion m'a ouvert les yeux.",
    ),
    (
        Visibilite.RESIDENTS,
        Humeur.PLUIE,
        "Pour les résident·es",
        "Mon N+1 ne me libère plus facilement : comment en parler avec lui ?",
    ),
]
SYNTHETIC_PAST_SESSIONS = 3
SYNTHETIC_PERSONAL_METEOS = 5
SYNTHETIC_PROFILES = [
    (EDUC, "Inscriptions scolaires", "Gestionnaire des inscriptions", Categorie.B, Genre.FEMME),
    (POP, "Accueil et état civil", "Agent d'accueil", Categorie.C, Genre.HOMME),
    (SOLI, "Insertion", "Conseillère en insertion", Categorie.A, Genre.FEMME),
    (NUM, "Études et projets", "Chef de projet informatique", Categorie.A, Genre.HOMME),
    (DRH, "Formation", "Responsable formation", Categorie.A, Genre.FEMME),
    (ESPU, "Propreté", "Chef d'équipe propreté", Categorie.C, Genre.HOMME),
    (CULT, "Médiathèques", "Médiatrice culturelle", Categorie.A, Genre.FEMME),
]
SYNTHETIC_PASSIONS = ["photo, écriture", "vélo, cuisine", "théâtre, dessin", "jardinage", ""]


def synthetic_people():
    """(participation id, user id, transfo id) of the synthetic Transfos' ambassadeurs."""
    return Participation.objects.filter(
        user__email__startswith="synthetique-", role=Role.AMBASSADEUR
    ).order_by("pk")


def seed_synthetic(scale, log):
    """Profiles, carnet entries, attendance and météos of the synthetic ambassadeurs
    (bulk, idempotent: only what is missing is added)."""
    profiles = seed_synthetic_profiles()
    entries = seed_synthetic_entries()
    presences, meteos = seed_synthetic_attendance()
    log(
        f"  volume synthétique : {profiles} profils, {entries} entrées de carnet de bord, "
        f"{presences} présences, {meteos} météos"
    )


def seed_synthetic_profiles():
    missing = synthetic_people().filter(profil__isnull=True).values_list("pk", flat=True)
    profiles = []
    for index, participation_id in enumerate(missing):
        direction, service, metier, categorie, genre = SYNTHETIC_PROFILES[
            index % len(SYNTHETIC_PROFILES)
        ]
        profiles.append(
            AmbassadeurProfile(
                participation_id=participation_id,
                direction=direction,
                service=service,
                metier=metier,
                categorie=categorie,
                genre=genre,
                n1_nom="Responsable synthétique",
                n1_email=f"n1-{participation_id}@synthetique.test",
                passions=SYNTHETIC_PASSIONS[index % len(SYNTHETIC_PASSIONS)],
            )
        )
    AmbassadeurProfile.objects.bulk_create(profiles, batch_size=1000, ignore_conflicts=True)
    return len(profiles)


def seed_synthetic_entries():
    people = (
        synthetic_people()
        .filter(user__entrees_carnet__isnull=True)
        .values_list("user_id", "transfo_id", "user__email")
    )
    transfo_ids = {transfo_id for _user, transfo_id, _email in people}
    sessions = {
        (transfo_id, numero): pk
        for pk, transfo_id, numero in Session.objects.filter(
            transfo_id__in=transfo_ids, numero__lte=SYNTHETIC_PAST_SESSIONS
        ).values_list("pk", "transfo_id", "numero")
    }
    entries = []
    for user_id, transfo_id, email in people:
        # synthetique-<transfo>-<n>@demo.test: ambassadeurs of odd rank write a third entry.
        rank = int(email.split("@")[0].rsplit("-", 1)[1])
        for n, (visibilite, humeur, titre, texte) in enumerate(SYNTHETIC_ENTRIES[: 2 + rank % 2]):
            day = date(2024, 1 + n, 15)
            entries.append(
                EntreeCarnet(
                    auteur_id=user_id,
                    transfo_id=transfo_id,
                    session_id=sessions.get((transfo_id, 1 + n)),
                    date=day,
                    titre=titre,
                    texte=texte,
                    humeur=humeur,
                    visibilite=visibilite,
                    partagee_le=None
                    if visibilite == Visibilite.PRIVE
                    else timezone.make_aware(datetime.combine(day, time(18, 0))),
                )
            )
    EntreeCarnet.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def seed_synthetic_attendance():
    """Attendance of the first sessions' days (nine in ten there), the group's météo at both
    moments and five personal ones at the opening, for the days that have none yet."""
    days = list(
        Jour.objects.filter(
            session__transfo__slug__startswith="synthetique-",
            session__numero__lte=SYNTHETIC_PAST_SESSIONS,
            presences__isnull=True,
        ).values_list("pk", "session__transfo_id")
    )
    group = {}
    for participation_id, transfo_id in synthetic_people().values_list("pk", "transfo_id"):
        group.setdefault(transfo_id, []).append(participation_id)
    presences, meteos = [], []
    for day_id, transfo_id in days:
        members = group.get(transfo_id, [])
        presences.extend(
            Presence(jour_id=day_id, participation_id=pk, present=(day_id + pk) % 10 != 0)
            for pk in members
        )
        for moment in MomentMeteo:
            meteos.append(Meteo(jour_id=day_id, moment=moment, note=3 + day_id % 3))
        meteos.extend(
            Meteo(
                jour_id=day_id,
                moment=MomentMeteo.OUVERTURE,
                participation_id=pk,
                note=1 + (day_id + pk) % 5,
                mot="Motivé·e" if (day_id + pk) % 2 else "Fatigué·e",
            )
            for pk in members[:SYNTHETIC_PERSONAL_METEOS]
        )
    Presence.objects.bulk_create(presences, batch_size=2000, ignore_conflicts=True)
    Meteo.objects.bulk_create(meteos, batch_size=2000, ignore_conflicts=True)
    return len(presences), len(meteos)


# The Strasbourg group (invented people): email, name, cercle, direction, service, métier,
# catégorie, genre, N+1, rôles, passions, (date of exit, reason) or None. As the retex says
# (seed 001): more A than C, more women than men, and the C leaving first.
# fmt: off
GROUP = [
    ("ambassadrice@demo.test", "Claire Muller", AMB, EDUC, "Inscriptions scolaires", "Gestionnaire des inscriptions", B, F, "Hélène Roos", "observatrice d'immersion, porte-parole", "photo, écriture, couture", None),
    ("ambassadeur@demo.test", "Karim Benali", AMB, POP, "Accueil et état civil", "Agent d'accueil", C, H, "Marc Lienhardt", "journaliste d'immersion", "football, vidéo, arabe", None),
    ("lea.fischer@demo.test", "Léa Fischer", AMB, SOLI, "Insertion", "Conseillère en insertion", A, F, "Nadia Kessler", "facilitatrice", "théâtre d'improvisation, dessin", None),
    ("julien.weber@demo.test", "Julien Weber", AMB, NUM, "Études et projets", "Chef de projet informatique", A, H, "Sophie Ott", "photographe d'immersion", "photo, tableur, vélo", None),
    ("amina.haddad@demo.test", "Amina Haddad", AMB, SOLI, "Action sociale de proximité", "Assistante sociale", B, F, "Nadia Kessler", "journaliste d'immersion", "cuisine, écoute", None),
    ("nathalie.schaeffer@demo.test", "Nathalie Schaeffer", AMB, DRH, "Formation", "Responsable formation", A, F, "Pierre Hoffmann", "gardienne du temps", "animation, jardinage", None),
    ("sebastien.klein@demo.test", "Sébastien Klein", AMB, ESPU, "Propreté", "Chef d'équipe propreté", C, H, "Olivier Bauer", "testeur de prototypes", "bricolage, pêche", None),
    ("camille.zimmermann@demo.test", "Camille Zimmermann", AMB, CULT, "Médiathèques", "Médiatrice culturelle", A, F, "Anne Wolff", "facilitatrice, scribe", "lecture à voix haute, illustration", None),
    ("thomas.meyer@demo.test", "Thomas Meyer", AMB, ESPU, "Espaces verts", "Technicien espaces verts", B, H, "Olivier Bauer", "prototypeur", "menuiserie, botanique", None),
    ("sarah.wolff@demo.test", "Sarah Wolff", AMB, EDUC, "Restauration scolaire", "Diététicienne", A, F, "Hélène Roos", "observatrice d'immersion", "cuisine, course à pied", None),
    ("ines.roth@demo.test", "Inès Roth", AMB, DRH, "Qualité de vie au travail", "Chargée de mission QVT", A, F, "Pierre Hoffmann", "facilitatrice", "yoga, podcasts", None),
    ("mathieu.koenig@demo.test", "Mathieu Koenig", AMB, NUM, "Support", "Technicien support", B, H, "Sophie Ott", "scribe", "jeux de société, vidéo", None),
    ("fatima.benmoussa@demo.test", "Fatima Benmoussa", AMB, POP, "Élections", "Agente administrative", C, F, "Marc Lienhardt", "journaliste d'immersion", "chant, langues", None),
    ("elodie.huber@demo.test", "Élodie Huber", AMB, CULT, "Musées", "Chargée des publics", A, F, "Anne Wolff", "porte-parole", "danse, photo", None),
    ("claude.sutter@demo.test", "Claude Sutter", REL, EDUC, "Direction", "Directeur adjoint", A, H, "Hélène Roos", "relais auprès de la direction", "histoire locale", None),
    ("aurelie.gross@demo.test", "Aurélie Gross", REL, SOLI, "Direction", "Cheffe de service", A, F, "Nadia Kessler", "relais auprès de la direction", "randonnée", None),
    ("nicolas.frey@demo.test", "Nicolas Frey", AMB, ESPU, "Voirie", "Agent de maîtrise", C, H, "Olivier Bauer", "testeur de prototypes", "mécanique, cuisine", (date(2019, 2, 28), "Charge de travail : son équipe ne pouvait plus le remplacer pendant les sessions.")),
    ("sandrine.ehrhart@demo.test", "Sandrine Ehrhart", AMB, EDUC, "Entretien des écoles", "Agente d'entretien", C, F, "Hélène Roos", "observatrice d'immersion", "couture, chorale", (date(2019, 6, 15), "Ne trouvait plus sa place dans le groupe ; son N+1 ne la libérait plus pour les sessions.")),
    ("yannick.braun@demo.test", "Yannick Braun", AMB, POP, "Accueil et état civil", "Agent d'accueil", C, H, "Marc Lienhardt", "journaliste d'immersion", "football, photo", (date(2019, 9, 10), "Pas revenu après l'été : dossiers en retard, aucune reconnaissance côté RH.")),
    ("martine.vogel@demo.test", "Martine Vogel", AMB, DRH, "Paie", "Gestionnaire de paie", B, F, "Pierre Hoffmann", "scribe", "tableur, jardinage", (date(2019, 5, 20), "Mobilité : nouveau poste à l'Eurométropole.")),
]
# fmt: on


def _mail(name):
    return (
        name.lower().replace(" ", ".").replace("é", "e").replace("è", "e") + "@eurometropole.test"
    )


def seed_group(strasbourg, log):
    """The Strasbourg group: about 20 profiles, some relais, four exits (idempotent)."""
    User = get_user_model()
    left = 0
    for row in GROUP:
        (
            email,
            nom,
            cercle,
            direction,
            service,
            metier,
            categorie,
            genre,
            n1,
            roles,
            passions,
            sortie,
        ) = row
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": nom})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        participation, _created = Participation.objects.update_or_create(
            user=user,
            transfo=strasbourg,
            defaults={
                "role": cercle,
                "date_entree": strasbourg.date_debut,
                "date_sortie": sortie[0] if sortie else None,
            },
        )
        AmbassadeurProfile.objects.update_or_create(
            participation=participation,
            defaults={
                "direction": direction,
                "service": service,
                "metier": metier,
                "categorie": categorie,
                "genre": genre,
                "n1_nom": n1,
                "n1_email": _mail(n1),
                "roles": roles,
                "passions": passions,
                "raison_sortie": sortie[1] if sortie else "",
            },
        )
        left += bool(sortie)
    log(f"  le groupe de la Transfo Strasbourg : {len(GROUP)} profils, dont {left} sorties")


# Attendance over the sessions, showing the drop-off of the retex (seed 001: "dans les
# dernières sessions, [...] une participation en pointillé et un groupe réduit à une dizaine
# de personnes"; the category C agents leaving first; Karim's carnet at session 10: "nous
# étions une douzaine ce matin"). Deterministic: the same draw on every run.
PRESENCE_RATE = {
    1: 0.97,
    2: 0.95,
    3: 0.93,
    4: 0.92,
    5: 0.88,
    6: 0.85,
    7: 0.8,
    8: 0.76,
    9: 0.74,
    10: 0.66,
    11: 0.6,
}
CATEGORY_C_PENALTY = 0.15
ALWAYS_THERE = {"ambassadrice@demo.test", "ambassadeur@demo.test"}
# Absent from the last two sessions: on the "à relancer" list.
GONE_QUIET = {"sebastien.klein@demo.test": {10, 11}, "mathieu.koenig@demo.test": {10, 11}}

# The résidents' météo of the group, at the opening and closing of each day.
# fmt: off
METEO_GROUPE = [
    (4, "curieux"), (5, "enthousiastes"), (4, "impatients"), (3, "fatigués"),
    (5, "inspirés"), (4, "concentrés"), (3, "dense"), (4, "fiers"),
]
# fmt: on
# Session 9 (seed 003): each person's météo at the opening of the débat mouvant.
METEO_SESSION_9 = {
    "ambassadrice@demo.test": (5, "convaincue"),
    "ambassadeur@demo.test": (3, "partagé"),
    "lea.fischer@demo.test": (4, "curieuse"),
    "julien.weber@demo.test": (4, "motivé"),
    "amina.haddad@demo.test": (2, "débordée"),
    "camille.zimmermann@demo.test": (4, "joyeuse"),
}


def _present(email, categorie, numero, position):
    if email in ALWAYS_THERE:
        return True
    if numero in GONE_QUIET.get(email, ()):
        return False
    rate = PRESENCE_RATE[numero] - (
        CATEGORY_C_PENALTY if categorie == Categorie.C and numero >= 5 else 0
    )
    return random.Random(f"{email}-{numero}-{position}").random() < rate


def seed_presences(strasbourg, log):
    """The attendance of the Strasbourg group over its sessions and the group's météo
    (idempotent: every row is keyed on its day and person)."""
    members = {
        p.user.email: p
        for p in Participation.objects.filter(
            transfo=strasbourg, role__in=CERCLE_ROLES
        ).select_related("user", "profil")
    }
    residente = Participation.objects.filter(
        transfo=strasbourg, role=Role.RESIDENT, user__email="residente@demo.test"
    ).first()
    jours = list(
        Jour.objects.filter(
            session__transfo=strasbourg, session__est_modele=False, date__isnull=False
        )
        .select_related("session")
        .order_by("date", "pk")
    )
    rows = []
    for jour in jours:
        for email, participation in members.items():
            left = participation.date_sortie
            if participation.date_entree > jour.date or (left and left <= jour.date):
                continue
            categorie = getattr(getattr(participation, "profil", None), "categorie", "")
            rows.append(
                Presence(
                    jour=jour,
                    participation=participation,
                    present=_present(email, categorie, jour.session.numero, jour.position),
                    saisie_par=residente.user if residente else None,
                )
            )
    Presence.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["jour", "participation"],
        update_fields=["present", "saisie_par"],
    )
    meteos = 0
    for index, jour in enumerate(jours):
        for offset, moment in enumerate(MomentMeteo):
            note, mot = METEO_GROUPE[(2 * index + offset) % len(METEO_GROUPE)]
            Meteo.objects.update_or_create(
                jour=jour,
                moment=moment,
                participation=None,
                defaults={
                    "note": note,
                    "mot": mot,
                    "saisie_par": residente.user if residente else None,
                },
            )
            meteos += 1
        if jour.session.numero == 9 and jour.position == 0:
            for email, (note, mot) in METEO_SESSION_9.items():
                if email in members:
                    Meteo.objects.update_or_create(
                        jour=jour,
                        moment=MomentMeteo.OUVERTURE,
                        participation=members[email],
                        defaults={"note": note, "mot": mot},
                    )
                    meteos += 1
    log(
        f"  présences du groupe de Strasbourg : {len(rows)} saisies sur {len(jours)} jours, {meteos} météos"
    )


# The charter's second version adds the "clause de transversalité" of the Intertransfo of
# Dunkerque (seed 002).
CHARTE_V2 = DEFAULT_CHARTE_TEXT + (
    "\nUne **clause de transversalité** dans la fiche de poste de l'agent·e lui permet de "
    "participer au labo et à d'autres projets de la collectivité.\n"
)
V2_DATE = date(2018, 9, 1)


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


# Who signed what, by e-mail; everyone else: ambassadeur and labo at the launch, N+1 within
# the month. Claire's N+1 never signed (her carnet, session 7: "mon N+1 m'a encore demandé
# « à quoi ça sert, ces journées »").
N1_UNSIGNED = {
    "ambassadrice@demo.test",
    "amina.haddad@demo.test",
    "sebastien.klein@demo.test",
    "fatima.benmoussa@demo.test",
    "thomas.meyer@demo.test",
}
NOT_SIGNED_YET = {"mathieu.koenig@demo.test", "elodie.huber@demo.test"}
# (party, date, reason) of the denunciations.
DENOUNCED = {
    "sandrine.ehrhart@demo.test": (
        PartieCharte.N1,
        date(2019, 6, 1),
        "Le service ne peut plus libérer l'agente pour les sessions.",
    ),
    "yannick.braun@demo.test": (
        PartieCharte.AMBASSADEUR,
        date(2019, 9, 5),
        "Dossiers en retard et aucune reconnaissance côté RH.",
    ),
}


def seed_chartes(strasbourg, log):
    """The charter's two versions and the charters of the group in various states
    (idempotent: signatures are keyed on their charter, party and date)."""
    v1, _created = TexteCharte.objects.get_or_create(
        transfo=strasbourg, version=1, defaults={"texte": DEFAULT_CHARTE_TEXT}
    )
    pilote = (
        Participation.objects.filter(transfo=strasbourg, role=Role.PILOTE)
        .select_related("user")
        .first()
    )
    v2, _created = TexteCharte.objects.get_or_create(
        transfo=strasbourg,
        version=2,
        defaults={"texte": CHARTE_V2, "auteur": pilote.user if pilote else None},
    )
    profils = AmbassadeurProfile.objects.filter(participation__transfo=strasbourg).select_related(
        "participation__user"
    )
    signed = 0
    for profil in profils.order_by("participation__user__email"):
        email = profil.participation.user.email
        if email in NOT_SIGNED_YET:
            continue
        charte = Charte.of_profil(profil)
        start = profil.participation.date_entree
        parties = [
            (
                PartieCharte.AMBASSADEUR,
                start,
                profil.participation.user.get_full_name(),
                profil.participation.user,
            ),
            (
                PartieCharte.LABO,
                start,
                pilote.user.get_full_name() if pilote else "Isabelle Roth",
                pilote.user if pilote else None,
            ),
        ]
        if email not in N1_UNSIGNED:
            parties.append(
                (PartieCharte.N1, date(start.year, start.month, 28), profil.n1_nom, None)
            )
        for partie, day, nom, user in parties:
            denounced = DENOUNCED.get(email)
            ended = denounced if denounced and denounced[0] == partie else None
            SignatureCharte.objects.update_or_create(
                charte=charte,
                partie=partie,
                signee_le=_at(day),
                defaults={
                    "texte": v1 if day < V2_DATE else v2,
                    "nom": nom,
                    "signataire": user,
                    "denoncee_le": _at(ended[1]) if ended else None,
                    "motif_denonciation": ended[2] if ended else "",
                },
            )
            signed += 1
    log(f"  chartes d'engagement de Strasbourg : 2 versions du texte, {signed} signatures")


# The devoirs de vacances of summer 2019, shared at session 10 ("Retour des devoirs de
# vacances"; the retex, seed 001: "rythmer l'été avec des exercices pratiques"; Claire's
# carnet: "raconter à un proche ce que j'ai appris cette année").
DEVOIR_VACANCES = {
    "titre": "Devoirs de vacances",
    "consignes": (
        "Pendant l'été, **racontez à un proche** ce que vous avez appris cette année dans "
        "La Transfo, puis notez en quelques lignes :\n\n"
        "- les mots que vous avez employés ;\n"
        "- ce qui a surpris votre interlocuteur ;\n"
        "- une question qu'il ou elle vous a posée et à laquelle vous n'avez pas su répondre.\n\n"
        "Nous partagerons vos réponses à la session de rentrée."
    ),
    "echeance": date(2019, 9, 19),
}
REPONSES_VACANCES = {
    "ambassadrice@demo.test": "J'ai parlé d'**écoute** et de **prototypes**, pas de méthodes. "
    "Ma sœur a été surprise qu'on teste des fiches en carton au guichet. Sa question : "
    "« et après la Transfo, qui continue ? ». Je n'ai pas su répondre.",
    "ambassadeur@demo.test": "J'ai raconté l'immersion aux inscriptions scolaires à mon "
    "voisin. Il ne savait pas qu'un agent pouvait proposer de changer un formulaire.",
    "lea.fischer@demo.test": "Ma mère m'a demandé si le labo aurait un budget. Le débat "
    "mouvant de juin m'a donné des arguments !",
}


def seed_devoirs(strasbourg, log):
    """The devoirs de vacances and three answers, one commented (idempotent)."""
    User = get_user_model()
    residente = User.objects.filter(email="residente@demo.test").first()
    devoir, _created = Devoir.objects.update_or_create(
        transfo=strasbourg,
        titre=DEVOIR_VACANCES["titre"],
        defaults={**DEVOIR_VACANCES, "auteur": residente},
    )
    for email, texte in REPONSES_VACANCES.items():
        auteur = User.objects.filter(email=email).first()
        if auteur is None:
            continue
        reponse, _created = ReponseDevoir.objects.update_or_create(
            devoir=devoir, auteur=auteur, defaults={"texte": texte}
        )
        if email == "ambassadrice@demo.test" and residente:
            CommentaireDevoir.objects.get_or_create(
                reponse=reponse,
                auteur=residente,
                texte="Belle question : on la met au programme de la session sur le plan du labo.",
            )
    log(f"  devoirs de Strasbourg : « {devoir.titre} », {len(REPONSES_VACANCES)} réponses")


# Bilans of the Transfo Strasbourg, in the tone of the retex sheets (seed 001: observations,
# enseignements, défis; "le rythme", "impliquer et former les agents", "se projeter dans le
# futur") and of seed 002's "capot ouvert : bilans perso & collectifs".
BILAN_MI_PARCOURS = {
    "titre": "Bilan à mi-parcours",
    "jalon": "mi_parcours",
    "ouverture": date(2019, 3, 21),
    "cloture": date(2019, 4, 30),
    "questions": [
        "Qu'avez-vous observé de votre administration que vous ne voyiez pas avant La Transfo ?",
        "Qu'en retenez-vous pour votre propre travail ?",
        "Le rythme des sessions sur votre temps de travail : qu'est-ce qui tient, qu'est-ce "
        "qui coince ?",
        "Quel défi voulez-vous que le groupe relève d'ici la fin, pour le labo ?",
    ],
}
BILAN_FIN = {
    "titre": "Bilan de fin de Transfo",
    "jalon": "fin",
    "ouverture": date(2019, 11, 21),
    "cloture": None,
    "questions": [
        "Qu'est-ce qui a changé dans votre manière de travailler ?",
        "Qu'emportez-vous de La Transfo dans votre service ?",
        "Et après la Transfo, qui continue ? Quelle place voulez-vous prendre dans le labo ?",
    ],
}
BILAN_COLLECTIF = {
    "titre": "Bilan collectif : de la Transfo au labo",
    "jalon": "fin",
    "ouverture": date(2019, 11, 21),
    "cloture": None,
    "questions": [
        "Nos observations : ce que le groupe a appris de l'Eurométropole",
        "Nos enseignements : ce qui a marché, ce qui n'a pas marché",
        "Nos défis pour le labo",
    ],
}
# (email, bilan, visibility, handed in, answers in the order of the questions)
BILANS_PERSONNELS = [
    (
        "ambassadrice@demo.test",
        BILAN_MI_PARCOURS,
        Visibilite.RESIDENTS,
        True,
        [
            "Les contournements : au guichet des inscriptions scolaires, chaque agent a ses "
            "astuces pour que le dossier passe, mais **rien n'est écrit**.",
            "Regarder mon service avec les yeux d'un usager avant de proposer quoi que ce soit. "
            "Et tester en carton avant de commander un logiciel.",
            "Ce qui coince : les dossiers s'empilent pendant les sessions et personne ne les "
            "reprend. Mon N+1 demande encore « à quoi ça sert ». J'aimerais en parler avec "
            "vous avant la session de juin.",
            "Que le labo ait un budget propre, et que l'entretien annuel reconnaisse ce que nous "
            "faisons ici.",
        ],
    ),
    (
        "ambassadeur@demo.test",
        BILAN_MI_PARCOURS,
        Visibilite.PRIVE,
        True,
        [
            "Que les agents d'accueil savent beaucoup de choses que les directions ignorent.",
            "Oser proposer de changer un formulaire.",
            "Deux jours par mois, c'est beaucoup quand on est seul à l'accueil le samedi.",
            "Faire revenir ceux qui ont décroché.",
        ],
    ),
    (
        "ambassadrice@demo.test",
        BILAN_FIN,
        Visibilite.PRIVE,
        False,
        [
            "J'écoute avant de proposer, et je prototype avant d'écrire une note.",
            "",
            "",
        ],
    ),
]
# The collective bilan, started: (question number, email of the last editor, text).
REPONSES_COLLECTIVES = [
    (
        1,
        "residente@demo.test",
        "- Les agents connaissent les contournements, mais rien n'est écrit.\n"
        "- Les directions se parlent peu : le comptoir des services l'a montré.",
    ),
    (
        2,
        "ambassadrice@demo.test",
        "Ce qui a marché : les immersions en trinôme, les prototypes en carton au guichet. "
        "Ce qui n'a pas marché : l'été, le groupe a fondu.",
    ),
]


def _seed_campaign(strasbourg, data, type_, auteur):
    """A campaign with its questions, keyed on its Transfo and title (idempotent)."""
    fields = {k: v for k, v in data.items() if k != "questions"}
    bilan, _created = Bilan.objects.update_or_create(
        transfo=strasbourg,
        titre=fields.pop("titre"),
        defaults={**fields, "type": type_, "created_by": auteur},
    )
    if [q.texte for q in bilan.questions.all()] != data["questions"] and not bilan.has_answers():
        bilan.set_questions(data["questions"])
    return bilan


def seed_bilans(strasbourg, log):
    """Strasbourg's bilans: at mid-term (closed), at the end (open) and the group's collective
    one, started (idempotent)."""
    User = get_user_model()
    residente = User.objects.filter(email="residente@demo.test").first()
    campaigns = {
        id(data): _seed_campaign(strasbourg, data, "personnel", residente)
        for data in (BILAN_MI_PARCOURS, BILAN_FIN)
    }
    for email, data, visibilite, depose, textes in BILANS_PERSONNELS:
        auteur = User.objects.filter(email=email).first()
        if auteur is None:
            continue
        bilan = campaigns[id(data)]
        day = timezone.make_aware(datetime.combine(data["cloture"] or data["ouverture"], time(18)))
        copie, _created = BilanPersonnel.objects.update_or_create(
            bilan=bilan,
            auteur=auteur,
            defaults={
                "statut": "depose" if depose else "brouillon",
                "depose_le": day if depose else None,
                "visibilite": visibilite,
                "partage_le": None if visibilite == Visibilite.PRIVE else day,
            },
        )
        for question, texte in zip(bilan.questions.all(), textes, strict=True):
            ReponseBilan.objects.update_or_create(
                copie=copie, question=question, defaults={"texte": texte}
            )
    collectif = _seed_campaign(strasbourg, BILAN_COLLECTIF, "collectif", residente)
    questions = {q.position: q for q in collectif.questions.all()}
    for position, email, texte in REPONSES_COLLECTIVES:
        ReponseCollective.objects.update_or_create(
            question=questions[position],
            defaults={
                "texte": texte,
                "version": 1,
                "updated_by": User.objects.filter(email=email).first(),
                "updated_at": timezone.make_aware(
                    datetime.combine(BILAN_COLLECTIF["ouverture"], time(17))
                ),
            },
        )
    log(
        f"  bilans de Strasbourg : 3 bilans, {len(BILANS_PERSONNELS)} bilans personnels, "
        f"{len(REPONSES_COLLECTIVES)} réponses collectives"
    )
