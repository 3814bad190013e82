"""Demo carnets de bord: entries of each visibility for the demo ambassadrice and ambassadeur.

Drawn from the Transfo Strasbourg's path (seeds 000, 001, 003): the inscriptions scolaires,
the future labo, the comptoir des services, session #9 (débat mouvant, tamis de critères),
the devoirs de vacances; and from what the retex says hurts (seed 001): workload on top of
the day job, N+1 not on board, no recognition by HR, the group thinning out at the end.
"""

from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from ambassadeurs.choices import Categorie, Genre, Humeur, Visibilite
from ambassadeurs.models import AmbassadeurProfile, EntreeCarnet
from collectivites.choices import Role
from collectivites.models import Participation, Session, Transfo

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
    if scale:
        seed_synthetic(scale, log)


SYNTHETIC_ENTRIES = [
    (Visibilite.PRIVE, "Notes après la session", "Ce que j'ai retenu de la journée."),
    (Visibilite.GROUPE, "Pour le groupe", "Merci à toutes et à tous pour cette session."),
]


def seed_synthetic(scale, log):
    """Two entries (one private, one for the group) per synthetic ambassadeur (idempotent)."""
    people = (
        Participation.objects.filter(
            user__email__startswith="synthetique-",
            role=Role.AMBASSADEUR,
            user__entrees_carnet__isnull=True,
        )
        .order_by("pk")
        .values_list("user_id", "transfo_id")
    )
    entries = [
        EntreeCarnet(
            auteur_id=user_id,
            transfo_id=transfo_id,
            date=date(2024, 1 + n, 15),
            titre=titre,
            texte=texte,
            visibilite=visibilite,
        )
        for user_id, transfo_id in people
        for n, (visibilite, titre, texte) in enumerate(SYNTHETIC_ENTRIES)
    ]
    EntreeCarnet.objects.bulk_create(entries, batch_size=1000)
    log(f"  volume synthétique : {len(entries)} entrées de carnet de bord")


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
