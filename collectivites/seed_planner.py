"""Demo data of the planner: the toolbox of the seeds and the Transfo Strasbourg's sessions.

Session #9 (27–28 June 2019) follows the blog post of seed 003 day by day; the other
sessions follow the Transfo's path as seeds 000 and 001 tell it (cas pratiques, the first
session on the future labo in January 2019 with the Fabrique de l'hospitalité, the creative
phase of May 2019, the devoirs de vacances).
"""

from datetime import date, time

from collectivites.choices import FamilleMethode, Role, StatutSession
from collectivites.choices import TypeBloc as T
from collectivites.models import Bloc, Jour, Methode, MethodeRole, Participation, Session

METHODES = [
    {
        "slug": "immersion-en-trinome",
        "nom": "Immersion en trinôme",
        "famille": FamilleMethode.ENQUETE,
        "objectif": "Aller sur le terrain à la rencontre des usagers et des agents pour collecter des matériaux exploitables : chaque immersion est réalisée par un trinôme journaliste, observateur et photographe.",
        "etapes": "Préparer le guide d'entretien\nRépartir les rôles du trinôme\nMener l'entretien sur place\nDocumenter les lieux et l'environnement\nMettre en commun les matériaux au retour",
        "duree_typique": 180,
        "taille_groupe": "trinômes",
        "materiel": "Guide d'entretien, support de prise de notes, appareil photo",
        "source": "Intertransfo n°1, Paris, 25 janvier 2017 (Transfo Mulhouse)",
        "roles": [
            (
                "Journaliste",
                "Introduire l'entretien dans le contexte, poser les questions, participer, prendre les notes de l'entretien, noter des verbatims.",
                "Être acteur de l'entretien, pas un spectateur. Être à l'écoute : sentir l'expression ou aider à l'expression. Être bienveillant, empathique, faire passer l'entretien.",
                "Un guide d'entretien avec des questions à poser. Un support de prise de notes.",
            ),
            (
                "Observateur",
                "Rester en retrait et noter ses observations, tant sur les réponses et réactions des personnes interrogées que sur la façon dont l'entretien s'est passé.",
                "Discret, attentif aux détails, aux gestes et aux silences.",
                "Une grille d'observation, un carnet.",
            ),
            (
                "Photographe",
                "Documenter l'entretien, mais aussi les lieux visités, l'environnement.",
                "Demander l'accord des personnes, saisir l'ambiance sans la déranger.",
                "Un appareil photo ou un téléphone.",
            ),
        ],
    },
    {
        "slug": "fiche-idee",
        "nom": "Fiche idée",
        "famille": FamilleMethode.IDEATION,
        "objectif": "Formaliser une idée issue du brainstorming pour la partager et l'évaluer : piste, équipe, nom de l'idée, niveau de viabilité, « mon projet c'est », comment cela fonctionne, obstacles, leviers, post-it déclencheurs, schémas.",
        "etapes": "Choisir une piste\nNommer l'idée\nDécrire le projet et son fonctionnement\nLister obstacles et leviers\nDessiner un schéma",
        "duree_typique": 45,
        "taille_groupe": "équipes de 3 à 5",
        "materiel": "Fiches idées imprimées A3, post-it, feutres",
        "source": "Intertransfo n°1 (Transfo Paris, la carte citoyenne)",
    },
    {
        "slug": "tamis-de-criteres",
        "nom": "Tamis de critères",
        "famille": FamilleMethode.IDEATION,
        "objectif": "Passer toutes les idées à travers un tamis de critères contradictoires (autonomie de l'usager ↔ présence physique nécessaire, fréquent ↔ exceptionnel, décentralisé ↔ centralisé) pour distinguer les premières choses possibles à mettre en place.",
        "etapes": "Choisir deux axes de critères opposés\nPlacer les post-it des idées sur la grille, en binôme\nDébattre des placements\nIdentifier les zones les plus évidentes et arbitrer",
        "duree_typique": 90,
        "taille_groupe": "binômes",
        "materiel": "Grandes grilles au mur, post-it des idées",
        "source": "Transfo Strasbourg, session n°9 (28 juin 2019)",
    },
    {
        "slug": "debat-mouvant",
        "nom": "Débat mouvant",
        "famille": FamilleMethode.LABO,
        "objectif": "Faire se positionner physiquement les participants dans l'espace pour répondre à des questions clivantes, et faire émerger les arguments de chacun.",
        "etapes": "Annoncer une question clivante\nChacun se place côté oui ou côté non\nLes groupes argumentent à tour de rôle\nOn peut changer de côté si un argument convainc",
        "duree_typique": 45,
        "taille_groupe": "15 à 40 personnes",
        "materiel": "Une salle dégagée, 4 questions préparées",
        "source": "Transfo Strasbourg, session n°9 (27 juin 2019)",
    },
    {
        "slug": "meteo-du-groupe",
        "nom": "Météo du groupe",
        "famille": FamilleMethode.COHESION,
        "objectif": "Ouvrir et clore chaque journée en prenant le pouls du groupe : chacun donne sa météo et un mot.",
        "etapes": "Chacun choisit une météo (du soleil à l'orage) et un mot\nTour de parole rapide\nLes résidents notent la météo du groupe",
        "duree_typique": 15,
        "taille_groupe": "tout le groupe",
        "materiel": "Cartes météo",
        "source": "Intertransfo n°1, atelier « créer le collectif »",
    },
    {
        "slug": "prototypage",
        "nom": "Prototypage",
        "famille": FamilleMethode.PROTOTYPAGE,
        "objectif": "Rendre une idée tangible avec un kit de prototypage (maquette, parcours, site internet, application) pour la tester rapidement avec des usagers.",
        "etapes": "Choisir le dispositif à prototyper\nDécrire les étapes d'utilisation\nFabriquer la maquette\nTester et recueillir les retours",
        "duree_typique": 120,
        "taille_groupe": "équipes de 4 à 6",
        "materiel": "Kit de prototypage, carton, papier, feutres",
        "source": "Intertransfo n°1 (Transfo Mulhouse, la carte Max)",
    },
    {
        "slug": "blue-print",
        "nom": "Blue print",
        "famille": FamilleMethode.TEST,
        "objectif": "Cartographier un service de bout en bout, côté usager et côté coulisses, pour repérer les points de rupture.",
        "etapes": "Lister les étapes du parcours usager\nAjouter les interactions et les coulisses\nRepérer les irritants\nPrioriser les améliorations",
        "duree_typique": 90,
        "taille_groupe": "équipes de 4 à 6",
        "materiel": "Grand format mural, post-it",
        "source": "Boîte à outils de La 27e Région",
    },
    {
        "slug": "devoirs-de-vacances",
        "nom": "Devoirs de vacances",
        "famille": FamilleMethode.REFLEXIVITE,
        "objectif": "Des exercices à faire entre deux sessions (en juillet et août) pour prendre du recul sur les apprentissages acquis.",
        "etapes": "Annoncer les devoirs en fin de session\nChacun les réalise entre les sessions\nLes partager à la rentrée",
        "duree_typique": 15,
        "taille_groupe": "individuel",
        "materiel": "Une carte postale de consignes",
        "source": "Transfo Strasbourg, session n°9 ; Transfo Mulhouse",
    },
    {
        "slug": "restitution",
        "nom": "Restitution",
        "famille": FamilleMethode.REFLEXIVITE,
        "objectif": "Présenter le travail des groupes au reste du collectif, avec un outil maîtrisable par plusieurs personnes en simultané, et recueillir les réactions.",
        "etapes": "Chaque groupe prépare sa présentation\nPrésentations courtes\nQuestions et réactions",
        "duree_typique": 45,
        "taille_groupe": "tout le groupe",
        "materiel": "Supports partagés",
        "source": "Vade-mecum de la Transfo",
    },
    {
        "slug": "foire-aux-transfos",
        "nom": "Foire aux Transfos",
        "famille": FamilleMethode.COHESION,
        "objectif": "Chaque Transfo présente ses infos clés sur un stand, les autres équipes circulent et échangent.",
        "etapes": "Chaque équipe prépare ses infos clés\nTemps de stands\nVisites croisées",
        "duree_typique": 60,
        "taille_groupe": "toutes les équipes",
        "materiel": "Stands, affiches « infos clés »",
        "source": "Intertransfo de Dunkerque, 26 janvier 2018",
    },
    {
        "slug": "inspirant-risque-question",
        "nom": "Le + inspirant / le + risqué / la question en suspens",
        "famille": FamilleMethode.LABO,
        "objectif": "Faire relire un projet de labo par les autres équipes : pour chaque labo, ce qui inspire le plus, ce qui paraît le plus risqué et la question qui reste en suspens.",
        "etapes": "Chaque équipe présente où en est son labo\nLes autres notent le + inspirant, le + risqué, la question en suspens\nRetour à l'équipe",
        "duree_typique": 90,
        "taille_groupe": "toutes les équipes",
        "materiel": "Trois couleurs de post-it",
        "source": "Intertransfo de Dunkerque, « Montre-moi où en est ton labo »",
    },
]

SESSION_9 = {
    "numero": 9,
    "titre": "Labo et cas pratique",
    "lieu": "Centre administratif de l'Eurométropole, Strasbourg",
    "objectifs": "Construire le labo avec les acteurs de l'innovation de l'Eurométropole (jour 1), puis mener le dernier volet du cas pratique 3, le comptoir des services (jour 2).",
    "debut": date(2019, 6, 27),
    "days": [
        (
            "Construire le labo avec l'écosystème",
            time(9, 30),
            [
                (T.COLLECTIF, "Accueil et météo du groupe", 15, "meteo-du-groupe", ""),
                (
                    T.DEBRIEFING,
                    "Débrief de la session précédente",
                    90,
                    None,
                    "Étape par étape : ce que l'on a fait, pourquoi (les objectifs visés), ce qui a fonctionné, ce qui n'a pas fonctionné et comment améliorer chaque étape.",
                ),
                (
                    T.LABO,
                    "Préparation de l'atelier de l'après-midi",
                    90,
                    None,
                    "Guidée par les résidents, l'organisation de l'atelier est prise en charge par les ambassadeurs, en 3 sous-groupes.",
                ),
                (T.PAUSE, "Déjeuner", 60, None, ""),
                (
                    T.LABO,
                    "Ouverture par la direction générale",
                    15,
                    None,
                    "Rappel de la position de la DG : aboutir en fin de Transfo à un laboratoire interne de l'innovation.",
                ),
                (
                    T.LABO,
                    "Débat mouvant : quatre questions clivantes",
                    45,
                    "debat-mouvant",
                    "Le laboratoire est-il un catalyseur ? Doit-il être un espace permanent ? Doit-il être exclusivement dédié au citoyen ? Doit-il être doté d'un budget propre ?",
                ),
                (
                    T.LABO,
                    "Tour de table",
                    30,
                    None,
                    "« Ce que je fais » et « ce que le labo pourrait m'apporter ».",
                ),
                (
                    T.LABO,
                    "Scénarios : « Et si le Labo se mêlait de… »",
                    75,
                    None,
                    "Quatre tables : tâches, moyens humains, matériels, compétences, articulations avec les services de l'Eurométropole.",
                ),
                (T.COLLECTIF, "Clôture et météo", 15, "meteo-du-groupe", ""),
            ],
        ),
        (
            "Cas pratique 3 : le comptoir des services",
            time(9, 0),
            [
                (T.COLLECTIF, "Météo du groupe", 15, "meteo-du-groupe", ""),
                (
                    T.ATELIER,
                    "Point d'avancement du comptoir des services",
                    45,
                    None,
                    "La cheffe de projet présente l'avancement et la stratégie : un questionnaire pour la V1 et un carnet de préconisations.",
                ),
                (
                    T.ATELIER,
                    "Tamis de critères",
                    90,
                    "tamis-de-criteres",
                    "Par binôme, placer les idées de services issues de la phase créative de mai sur les grilles (autonomie de l'usager ↔ présence physique nécessaire, fréquent ↔ exceptionnel, décentralisé ↔ centralisé).",
                ),
                (T.PAUSE, "Déjeuner", 60, None, ""),
                (
                    T.ATELIER,
                    "Trois groupes de travail",
                    120,
                    None,
                    "Groupe 1 : le questionnaire de la V1. Groupe 2 : la méthodologie d'enquête, avec un recul critique. Groupe 3 : besoins issus de l'enquête et services qui peuvent en découler.",
                ),
                (T.RESTITUTION, "Restitution des groupes", 45, "restitution", ""),
                (
                    T.COLLECTIF,
                    "Les devoirs de vacances",
                    15,
                    "devoirs-de-vacances",
                    "Exercices à faire en juillet et août pour prendre du recul sur les apprentissages acquis.",
                ),
            ],
        ),
    ],
}


def _short(first, second):
    """A standard two-day programme: a day of practice, a day of practice and method."""
    return [
        (
            first[0],
            time(9, 30),
            [
                (T.COLLECTIF, "Accueil et météo du groupe", 15, "meteo-du-groupe", ""),
                *first[1],
                (T.PAUSE, "Déjeuner", 60, None, ""),
                (T.DEBRIEFING, "Débriefing de la journée", 45, None, ""),
            ],
        ),
        (
            second[0],
            time(9, 0),
            [
                (T.COLLECTIF, "Météo du groupe", 15, "meteo-du-groupe", ""),
                *second[1],
                (T.PAUSE, "Déjeuner", 60, None, ""),
                (T.RETOUR_METHODO, "Retour méthodo", 45, None, ""),
                (T.COLLECTIF, "Clôture", 15, None, ""),
            ],
        ),
    ]


STRASBOURG_SESSIONS = [
    (
        1,
        "Lancement de la Transfo",
        date(2018, 5, 17),
        _short(
            (
                "Faire connaissance",
                [
                    (T.COLLECTIF, "Se présenter, dire ses attentes", 90, None, ""),
                    (T.RETOUR_METHODO, "Le cadre expérimental de la Transfo", 60, None, ""),
                ],
            ),
            (
                "Choisir les cas pratiques",
                [(T.ATELIER, "Le tamis des sujets proposés", 120, "tamis-de-criteres", "")],
            ),
        ),
    ),
    (
        2,
        "Cas pratique 1 : les inscriptions scolaires, en immersion",
        date(2018, 6, 21),
        _short(
            (
                "Préparer l'enquête",
                [(T.ATELIER, "Guide d'entretien et rôles du trinôme", 120, None, "")],
            ),
            (
                "Sur le terrain",
                [
                    (
                        T.ATELIER,
                        "Immersions dans les mairies de quartier",
                        180,
                        "immersion-en-trinome",
                        "",
                    )
                ],
            ),
        ),
    ),
    (
        3,
        "Cas pratique 1 : idées",
        date(2018, 9, 20),
        _short(
            (
                "Synthèse de l'enquête",
                [(T.ATELIER, "Mise en commun des matériaux d'immersion", 120, None, "")],
            ),
            ("Idéation", [(T.ATELIER, "Fiches idées", 90, "fiche-idee", "")]),
        ),
    ),
    (
        4,
        "Cas pratique 1 : prototypes et tests",
        date(2018, 10, 18),
        _short(
            (
                "Prototyper",
                [(T.ATELIER, "Maquettes du parcours d'inscription", 150, "prototypage", "")],
            ),
            (
                "Tester",
                [
                    (T.ATELIER, "Test auprès de familles", 150, None, ""),
                    (T.LABO, "Ce que le cas nous apprend pour le labo", 45, None, ""),
                ],
            ),
        ),
    ),
    (
        5,
        "Cas pratique 2 : lancement",
        date(2018, 12, 6),
        _short(
            ("Cadrer le cas", [(T.ATELIER, "Rencontre avec la direction porteuse", 120, None, "")]),
            ("Explorer", [(T.ATELIER, "Blue print du service", 90, "blue-print", "")]),
        ),
    ),
    (
        6,
        "Construire le futur labo",
        date(2019, 1, 24),
        _short(
            (
                "Le labo, pour quoi faire ?",
                [
                    (
                        T.LABO,
                        "Témoignage de la Fabrique de l'hospitalité",
                        90,
                        None,
                        "Le labo des Hôpitaux universitaires de Strasbourg témoigne.",
                    ),
                    (T.LABO, "Premiers scénarios de labo", 90, None, ""),
                ],
            ),
            (
                "Cas pratique 2",
                [(T.ATELIER, "Prototypes du cas pratique 2", 150, "prototypage", "")],
            ),
        ),
    ),
    (
        7,
        "Cas pratique 3 : le comptoir des services, l'enquête",
        date(2019, 3, 21),
        _short(
            (
                "Enquête",
                [(T.ATELIER, "Immersions auprès des agents", 180, "immersion-en-trinome", "")],
            ),
            (
                "Synthèse",
                [
                    (T.ATELIER, "Besoins des agents", 120, None, ""),
                    (T.LABO, "L'écosystème interne du labo", 60, None, ""),
                ],
            ),
        ),
    ),
    (
        8,
        "Cas pratique 3 : la phase créative",
        date(2019, 5, 23),
        _short(
            ("Idéation", [(T.ATELIER, "Idées de services par thématique", 150, "fiche-idee", "")]),
            (
                "Prototypage avec l'In Situ Lab",
                [(T.ATELIER, "Session de prototypage avec les étudiants", 150, "prototypage", "")],
            ),
        ),
    ),
    (
        10,
        "Retour des devoirs de vacances",
        date(2019, 9, 19),
        _short(
            (
                "Rentrée",
                [
                    (T.COLLECTIF, "Partage des devoirs de vacances", 90, "devoirs-de-vacances", ""),
                    (T.LABO, "Plan du labo : l'offre de service", 90, None, ""),
                ],
            ),
            ("Le labo", [(T.LABO, "Gouvernance et rattachement", 120, None, "")]),
        ),
    ),
    (
        11,
        "Le plan du labo",
        date(2019, 10, 17),
        _short(
            (
                "Plan du labo",
                [
                    (
                        T.LABO,
                        "Relecture du plan : le + inspirant, le + risqué",
                        90,
                        "inspirant-risque-question",
                        "",
                    ),
                    (T.LABO, "Récit du labo", 60, None, ""),
                ],
            ),
            (
                "Clôture de la Transfo",
                [
                    (T.RESTITUTION, "Restitution à la direction générale", 90, "restitution", ""),
                    (T.COLLECTIF, "Rituel de sortie", 60, None, ""),
                ],
            ),
        ),
    ),
]


def run_planner(*, transfos, log):
    methodes = seed_methodes()
    strasbourg = transfos["strasbourg"]
    residents = list(
        Participation.objects.filter(transfo=strasbourg, role=Role.RESIDENT)
        .select_related("user")
        .order_by("user__full_name")
    )
    specs = [
        {
            "numero": n,
            "titre": t,
            "lieu": "Eurométropole de Strasbourg",
            "objectifs": "",
            "debut": d,
            "days": days,
        }
        for n, t, d, days in STRASBOURG_SESSIONS
    ] + [SESSION_9]
    for spec in specs:
        seed_session(strasbourg, spec, methodes, [p.user for p in residents])
    log(f"  {len(methodes)} méthodes, {len(specs)} sessions de la Transfo Strasbourg")


def seed_methodes():
    methodes = {}
    for spec in METHODES:
        data = {k: v for k, v in spec.items() if k not in {"slug", "roles"}}
        methode, _ = Methode.objects.update_or_create(slug=spec["slug"], defaults=data)
        for order, (nom, mission, posture, outils) in enumerate(spec.get("roles", [])):
            MethodeRole.objects.update_or_create(
                methode=methode,
                nom=nom,
                defaults={
                    "sort_order": order,
                    "mission": mission,
                    "posture": posture,
                    "outils": outils,
                },
            )
        methodes[spec["slug"]] = methode
    return methodes


def seed_session(transfo, spec, methodes, residents):
    from datetime import timedelta

    session, _ = Session.objects.update_or_create(
        transfo=transfo,
        numero=spec["numero"],
        defaults={
            "titre": spec["titre"],
            "lieu": spec["lieu"],
            "objectifs": spec["objectifs"],
            "statut": StatutSession.REALISEE,
            "est_modele": False,
        },
    )
    for position, (titre, start, blocks) in enumerate(spec["days"]):
        day, _ = Jour.objects.update_or_create(
            session=session,
            position=position,
            defaults={
                "titre": titre,
                "date": spec["debut"] + timedelta(days=position),
                "heure_debut": start,
            },
        )
        for order, (kind, title, minutes, methode, description) in enumerate(blocks):
            bloc, _ = Bloc.objects.update_or_create(
                jour=day,
                position=order,
                defaults={
                    "type": kind,
                    "titre": title,
                    "duree": minutes,
                    "methode": methodes.get(methode) if methode else None,
                    "description": description,
                    "supprime_le": None,
                },
            )
            if residents and kind not in {T.PAUSE}:
                bloc.animateurs.set([residents[order % len(residents)]])
        Bloc.objects.filter(jour=day, position__gte=len(blocks)).delete()
    session.jours.filter(position__gte=len(spec["days"])).delete()
    return session
