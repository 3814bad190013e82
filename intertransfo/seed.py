"""Demo data of this app: three Intertransfos as the seeds record them.

Sources: seed 004 (L'Intertransfo n°1, Paris, 25 January 2017: its programme, the teams of
"On se présente !", the five workshop groups and their propositions), seed 002 (the
Intertransfo of Dunkerque, 26 January 2018, unnumbered in the seed: its programme, the
"montre-moi où en est ton labo" reviews of four future labos, the three themes worked on in
the afternoon, the restitution videos) and seed 000 (L'Intertransfo n°6, Strasbourg, 17 May
2019: its programme, the ecosystems workshops, the transition from Transfo to labo, and each
Transfo's priorities and next actions).

The labo reviews of Dunkerque and the priorities of n°6 belong to the labos app, whose seed
records them with these Intertransfos' names as their context ("Intertransfo de Dunkerque,
26 janvier 2018", "Intertransfo n°6, Strasbourg, 17 mai 2019"): the pages of this app find
them by that context (`Intertransfo.contexte`).
"""

from datetime import date, time

from django.contrib.auth import get_user_model

from collectivites.models import Transfo
from intertransfo.choices import TypeEquipe
from intertransfo.models import Atelier, Intertransfo, Moment, Participant, Proposition


def t(text):
    hours, _sep, minutes = text.partition("h")
    return time(int(hours), int(minutes or 0))


INTERTRANSFOS = [
    {
        "slug": "n1-paris-2017",
        "numero": 1,
        "date": date(2017, 1, 25),
        "lieu": "Paris",
        "hote": "paris",
        "theme": "Point d'étape sur le programme, la parole aux résidents, le blog Transfo et "
        "cinq ateliers",
        "transfos": ["mulhouse", "paris", "dunkerque", "occitanie"],
        "videos": [],
        "programme": [
            ("9h30", None, "Accueil & café."),
            ("10h", "11h", "Point d'étape sur le programme."),
            ("11h", "11h50", "La parole aux résidents."),
            ("11h50", "12h30", "Point sur le blog Transfo."),
            ("12h30", "14h", "Pause déjeuner."),
            ("14h", "16h30", "Au boulot ! Ateliers."),
            ("16h30", "17h", "Restitution et clôture."),
        ],
        "ateliers": [
            (
                "Communiquer sur la Transfo",
                [
                    "Comment parle-t-on de la Transfo ? Aux collègues, à l'ensemble de la "
                    "collectivité ?",
                    "Aux interlocuteurs sensibles (élus, syndicats) ?",
                    "Comment lever les idées préconçues, les incompréhensions ?",
                ],
                [
                    "Un guide « expliquer la Transfo » à destination des ambassadeurs.",
                    "Déminer les ambiguïtés / visions négatives.",
                    "Être pro-actif pour expliquer la Transfo (expos, témoignages "
                    "inter-services) et ne pas rester dans le secret.",
                    "Co-construire un argumentaire à destination des publics a priori réticents.",
                    "Définir les « points forts » de la Transfo pour les agents, montrer que ce "
                    "n'est pas en opposition avec d'autres initiatives en cours.",
                    "Réaffirmer les valeurs de la Transfo : neutralité, équité, essai-erreur, "
                    "liberté d'expression.",
                    "Une hotline pour répondre aux questions spécifiques (logistiques notamment).",
                    "Envoyer une newsletter à ses collègues, présenter la Transfo en réunion de "
                    "service.",
                ],
            ),
            (
                "Quelle gouvernance interne ? Comment choisir les cas pratiques ?",
                [
                    "Quelle est la stratégie des résidents dans le choix des cas pratiques ? "
                    "Comment impliquer les agents ?",
                    "Quel rôle pour l'agent référent de la collectivité (ou résident « à "
                    "domicile ») dans la préparation et la définition de la stratégie ?",
                ],
                [
                    "Les cas pratiques : partager un « tamis » de critères de sélection des "
                    "sujets.",
                    "Distinguer un sujet + un angle d'attaque (intérêt en terme de "
                    "formation-action).",
                    "Point de vigilance sur l'attention politique trop forte sur certains "
                    "sujets...",
                    "Clarifier le rôle du cas / de l'exercice dans la stratégie globale de la "
                    "Transfo.",
                    "Enjeu fort sur le partage et la transmission des critères de choix des "
                    "sujets : travailler la réflexivité du labo dans le choix et la "
                    "formulation des sujets de travail.",
                    "Point de vigilance sur le premier cas : doit être démonstratif mais sans "
                    "générer trop d'attentes.",
                    "Le résident à domicile... suit une trajectoire individuelle : d'agent "
                    "ambassadeur il devient animateur à part entière de la démarche.",
                    "Attention spécifique à ce rôle pivot : confiance, transparence et dialogue "
                    "dans les deux sens...",
                ],
            ),
            (
                "Comment créer le collectif « Transfo » ?",
                [
                    "Comment permettre à chacun de s'impliquer à sa juste mesure, et respecter "
                    "l'évolution de la posture professionnelle de chacun ?",
                    "Comment identifier les compétences acquises ?",
                    "Comment donner la parole aux plus silencieux, créer un équilibre...",
                ],
                [
                    "Point de vigilance sur un groupe hétérogène ou à plusieurs vitesses "
                    "(disponibilité de chaque agent).",
                    "Ritualiser l'entrée et la sortie de chaque nouvelle personne (transparence "
                    "et partage).",
                    "Formaliser des moments de construction du collectif (préparation, "
                    "feedback, météo du groupe).",
                    "Privilégier les moments agréables où la communication se libère (repas...).",
                    "Lever les ambiguïtés (gestion du temps).",
                ],
            ),
            (
                "Comment transférer les méthodes ?",
                [
                    "Comment dépasser les complexes des agents : être dans la capacitation des "
                    "agents.",
                    "Comment créer de la réflexivité sur les outils (pas d'application prête à "
                    "l'emploi) ?",
                    "Comment valoriser la création de savoir-faire, de détournement, de trucs "
                    "et astuces, plutôt que des outils formalisés ?",
                ],
                [
                    "Opérer un transfert de méthodes dans les deux sens : des résidents aux "
                    "agents, des agents aux résidents.",
                    "Intégrer progressivement les agents dans la préparation des sessions : "
                    "conscientiser le processus.",
                    "Proposition de voyages d'études dans les collectivités qui ont déjà "
                    "traversé la Transfo.",
                    "Expliciter les sessions dont l'objectif est de tester le labo avant sa "
                    "mise en œuvre effective.",
                    "Partager une stratégie sur la gestion du temps (pour créer une vision "
                    "globale de la progression de la Transfo).",
                    "Équilibrer vie de groupe, exercices pratiques et recul théorique.",
                    "Associer les N+1 et les élus à des temps spécifiques de la démarche (choix "
                    "des cas pratiques, expositions...).",
                    "Valoriser une démarche au temps long, dont les résultats ne peuvent se "
                    "mesurer immédiatement.",
                ],
            ),
            (
                "Quel rôle pour les élus dans la Transfo ?",
                [
                    "Comment protéger la démarche des clivages politiques ? Comment assurer le "
                    "portage politique de la Transfo et du futur labo (engagements pour la "
                    "suite...) ?",
                    "Le labo : un objet à la fois technique et politique.",
                    "Sensibiliser et informer les élus sur le sens d'une démarche d'innovation "
                    "publique.",
                    "Quel stade d'avancement du labo à la fin ?",
                ],
                [
                    "À l'issue de la Transfo, le labo est un produit à géométrie variable dont "
                    "les points clés sont :\n- un outil qui traite certains sujets\n- une "
                    "équipe dédiée, des ressources\n- des méthodes, une ingénierie de projet\n"
                    "- un positionnement, une offre d'accompagnement des services\n- un "
                    "objectif de résultat, de production\n- des valeurs (essai-erreur, "
                    "empathie)",
                ],
            ),
        ],
        # (team, names): "On se présente !" (first names only, people without an account).
        "equipes": [
            (TypeEquipe.REGION_27, None, ["Nadège", "Stéphane", "Anna", "Louise"]),
            (
                TypeEquipe.INVITE,
                "Les résidents",
                [
                    "Anne Laure",
                    "Christine",
                    "Yoan",
                    "Julien",
                    "Arnaud",
                    "Lilas",
                    "Caroline",
                    "Alexane",
                    "Laura",
                    "Frédérique",
                    "Lucas",
                    "Emma",
                ],
            ),
            (
                "mulhouse",
                None,
                [
                    "Sébastien",
                    "Véronique",
                    "Brigitte",
                    "Loïc",
                    "Laura",
                    "Catherine",
                    "Caroline",
                    "Touria",
                ],
            ),
            (
                "paris",
                None,
                ["Clémence", "Sabine", "Agnès", "Sophie", "Isabelle", "Maxime", "Mehdi"],
            ),
            ("dunkerque", None, ["Mathilde"]),
            ("occitanie", None, ["Laure", "Nicolas", "Ghislaine"]),
            (
                TypeEquipe.INVITE,
                "Bloomberg Philanthropies",
                ["Stephanie", "Andrea", "Sarah", "Bjorn"],
            ),
        ],
    },
    {
        "slug": "dunkerque-2018",
        "numero": None,
        "date": date(2018, 1, 26),
        "lieu": "Dunkerque",
        "hote": "dunkerque",
        "theme": "Foire aux Transfos, « montre-moi où en est ton projet de labo ? », et "
        "l'après-Transfo des labos",
        "transfos": ["dunkerque", "paris", "occitanie", "mulhouse"],
        "videos": ["https://youtu.be/we-Obs2KR28", "https://youtu.be/cAGqrG5Moc0"],
        "programme": [
            ("10h", "11h", "Foire aux Transfos"),
            ("11h", "12h30", "Montre-moi où en est ton projet de labo ?"),
            ("12h30", "14h", "Pause déjeuner."),
            ("14h", "14h30", "Surprise !"),
            ("14h30", "17h15", "Au boulot !"),
            ("17h30", None, "After & carnaval..."),
        ],
        "ateliers": [
            (
                "Capitalisation inter-labos",
                [
                    "Qui s'en occupe ? Quel périmètre ? Comment préserver la liberté de "
                    "parole / le « capot ouvert » ? Comment en faire une routine ?",
                ],
                [
                    "Une communauté professionnelle qui accepte de travailler à capot ouvert, "
                    "et qui utilise des outils de capitalisation similaires à ceux mis en "
                    "place dans la Transfo.",
                    "Un site web commun sur le modèle du blog Transfo, avec une partie "
                    "publique (vitrine des cas : sujet, méthode, résultats, livrables, "
                    "contacts) et privée (capot ouvert : bilans perso & collectifs, carnet de "
                    "bord sensible ou capsule vidéo).",
                    "Des temps de rencontre : des Interlabos sur le modèle des InterTransfos, "
                    "des visites et immersions dans d'autres labos, une Chat'roulette au sein "
                    "de la communauté, des petits déjeuners.",
                ],
            ),
            (
                "Gestion des questions RH épineuses",
                [
                    "Participation au labo & contrats ; le labo comme catalyseur de compétences "
                    "alternatives ; maintenir la mixité dans les labos."
                ],
                [
                    "Une charte d'engagement qui implique toutes les parties, et que chacune "
                    "peut dénoncer.",
                    "Une banque de temps entre les services (dette & don, redevabilité).",
                    "Une clause de transversalité dans les fiches de poste des agents, qui leur "
                    "permet de participer au Labo et à d'autres projets de la collectivité.",
                    "Intégrer la participation au labo dans les entretiens annuels.",
                    "Éviter d'en faire un truc d'intellos, assurer la rotation et le "
                    "renouvellement.",
                ],
            ),
            (
                "Alternatives à l'institutionnalisation",
                [],
                [
                    "Régulièrement, le labo donne une carte blanche à une personne extérieure "
                    "pour questionner/réinventer le labo.",
                    "La loterie comme moyen de désignation des personnes en renouvellement.",
                    "Une banque du temps des ambassadeurs permettant à des départements de "
                    "solliciter le labo pour des projets à condition qu'en échange ils "
                    "libèrent du temps-homme d'ambassadeur.",
                    "Un labo qui identifie / met en visibilité l'innovation diffuse déjà "
                    "présente dans les services.",
                ],
            ),
        ],
        "equipes": [],
    },
    {
        "slug": "n6-strasbourg-2019",
        "numero": 6,
        "date": date(2019, 5, 17),
        "lieu": "Strasbourg",
        "hote": "strasbourg",
        "theme": "Écosystèmes internes et externes de l'innovation ; gérer la transition de la "
        "Transfo au labo",
        "transfos": ["strasbourg", "lille", "metz", "mulhouse", "dunkerque", "paca"],
        "videos": [],
        "programme": [
            ("9h30", "10h30", "Labos grand-estois, unissez-vous !"),
            (
                "10h30",
                "12h30",
                "Ecosystèmes épisode 2 - actions et idées pour mieux s'articuler avec les "
                "acteurs internes et externes de l'innovation",
            ),
            ("12h30", "14h", "Pause déj et pétanque humaine"),
            (
                "14h",
                "16h",
                "Comment gérer la transition de la Transfo au labo ? Retours d'expériences de "
                "PACA, Dunkerque et Mulhouse et enseignements",
            ),
            ("16h", "16h30", "Partage des prochaines actions prioritaires dans chaque Transfo"),
        ],
        "ateliers": [
            (
                "Écosystème externe",
                [
                    "Quelle articulation entre les labos et avec les autres acteurs de "
                    "l'innovation sur le territoire ?",
                    "Quelles sont les étapes de construction d'un écosystème, notamment pour "
                    "créer un cadre de confiance ?",
                    "Quelle gouvernance et quelle animation de cet écosystème ?",
                    "Quid d'un outil de cartographie / repérage des acteurs et des "
                    "communautés, qui permettrait à chacun d'ajouter des projets ?",
                    "Une communauté n'existe que si elle est documentée : comment et qui "
                    "documente ?",
                    "Quels outils d'échange, d'animation, de prise de décision ?",
                    "Comment aller voir sous le radar, signaux faibles et acteurs émergents ?",
                ],
                [
                    "La construction de l'écosystème comme une enquête partagée, avec des "
                    "étapes de visites, événements, tournée des petits et grands ducs.",
                    "Mise en place d'un (ou plusieurs) outils de partage + stratégie de "
                    "documentation.",
                    "Travailler un pitch du labo : le récit.",
                ],
            ),
            (
                "Écosystème interne",
                [
                    "Quelle articulation entre le labo et les acteurs et démarches internes "
                    "d'innovation et d'approche usagers, notamment la participation citoyenne ?",
                ],
                [
                    "Des équipes projets mixtes mêlant membres du labo et membres du service "
                    "en charge du projet.",
                    "Co-construire avec les autres porteurs de démarches d'innovation, pousser "
                    "la controverse autour des méthodes et pratiques après une immersion "
                    "croisée.",
                    "À terme, co-portage d'un projet par le labo et le service participation.",
                    "Formations en commun.",
                    "Une réunion commune tous les vendredis pour traiter collectivement les "
                    "sollicitations et décider qui fait quoi (retour d'expérience Région "
                    "Bretagne).",
                ],
            ),
            (
                "Gérer la transition de la Transfo au labo",
                ["Comment gérer la transition de la Transfo au labo ?"],
                [
                    "Si renouvellement, privilégier un profil « MacGyver » + connaît bien la "
                    "maison + a l'oreille du DG.",
                    "Une stratégie de recrutement de nouveaux contributeurs ; une compétence / "
                    "un rôle com'.",
                    "Ritualiser temps collectifs et orga (déj hebdo, « chantiers » prépa labo, "
                    "« bureau » du labo).",
                    "On peut avancer sans avoir de lieu ou tranché cette question.",
                    "Caler et provoquer des temps d'arbitrage, de prise de décision.",
                ],
            ),
        ],
        "equipes": [],
    },
]

SYNTHESE_N6 = (
    "Le 17 mai 2019, les équipes des Transfos de Strasbourg, Lille, Metz, Mulhouse, Dunkerque "
    "et PACA se sont retrouvées à Strasbourg. Le matin, les labos grand-estois ont cherché ce "
    "qui les unit, puis trois ateliers ont poursuivi l'épisode 2 des écosystèmes : comment "
    "les labos s'articulent avec les acteurs internes et externes de l'innovation.\n\n"
    "L'après-midi, PACA, Dunkerque et Mulhouse ont raconté comment elles gèrent la transition "
    "de la Transfo au labo. Chaque Transfo est repartie avec ses prochaines actions "
    "prioritaires."
)

# Demo accounts registered to n°6, so that the demo shows registration and live ateliers.
DEMO_PARTICIPANTS = [
    "coordination@demo.test",
    "residente@demo.test",
    "ambassadeur@demo.test",
    "ambassadeur.metz@demo.test",
]


def run(*, scale, log):
    transfos = {t.slug: t for t in Transfo.objects.all()}
    for data in INTERTRANSFOS:
        intertransfo, _created = Intertransfo.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "numero": data["numero"],
                "date": data["date"],
                "lieu": data["lieu"],
                "transfo_hote": transfos.get(data["hote"]),
                "theme": data["theme"],
                "videos": "\n".join(data["videos"]),
            },
        )
        intertransfo.transfos.set([transfos[s] for s in data["transfos"] if s in transfos])
        for debut, fin, titre in data["programme"]:
            Moment.objects.update_or_create(
                intertransfo=intertransfo,
                debut=t(debut),
                defaults={"fin": t(fin) if fin else None, "titre": titre},
            )
        for numero, (titre, questions, propositions) in enumerate(data["ateliers"], start=1):
            atelier, _created = Atelier.objects.update_or_create(
                intertransfo=intertransfo,
                numero=numero,
                defaults={"titre": titre, "questions": "\n".join(questions)},
            )
            for texte in propositions:
                Proposition.objects.get_or_create(atelier=atelier, texte=texte)
        for team, organisation, names in data["equipes"]:
            transfo = transfos.get(team)
            if team not in (TypeEquipe.REGION_27, TypeEquipe.INVITE) and transfo is None:
                continue
            for nom in names:
                Participant.objects.get_or_create(
                    intertransfo=intertransfo,
                    user=None,
                    nom=nom,
                    type_equipe=TypeEquipe.TRANSFO if transfo else team,
                    transfo=transfo,
                    organisation=organisation or "",
                    defaults={"present": True},
                )

    n6 = Intertransfo.objects.get(slug="n6-strasbourg-2019")
    # The coordination published n°6's summary (seed 000): its public page /intertransfos/.
    if n6.synthese != SYNTHESE_N6:
        n6.synthese = SYNTHESE_N6
        n6.save(update_fields=["synthese"])
    n6.publier_synthese()
    for user in get_user_model().objects.filter(email__in=DEMO_PARTICIPANTS):
        if not n6.participants.filter(user=user).exists():
            type_equipe, transfo = Participant.team_of(user)
            Participant.objects.create(
                intertransfo=n6, user=user, type_equipe=type_equipe, transfo=transfo, present=True
            )
    log(f"  {len(INTERTRANSFOS)} Intertransfos, leurs programmes, ateliers et propositions")
    if scale:
        seed_synthetic(scale, log)


# Volume for --scale (issue 10): one Intertransfo per ten of scale (at least one), each
# gathering 80 synthetic Transfos, their three résidents and two ambassadeurs each.
SYNTHETIC_TRANSFOS_PER_INTERTRANSFO = 80
SYNTHETIC_PARTICIPANTS_PER_TRANSFO = 5
SYNTHETIC_PROGRAMME = [
    ("9h30", "10h00", "Accueil et café"),
    ("10h00", "11h00", "On se présente ! Chaque équipe en trois minutes"),
    ("11h00", "12h30", "Foire aux Transfos : les infos clés de chaque Transfo"),
    ("14h00", "15h30", "Montre-moi où en est ton labo"),
    ("15h30", "16h30", "Ateliers en groupes"),
    ("16h30", "17h00", "Priorités et prochaines actions"),
]
SYNTHETIC_ATELIERS = [
    (
        "Faire durer le groupe des ambassadeurs",
        "Comment garder les ambassadeurs mobilisés après la Transfo ?",
        ["Une communauté d'anciens", "Un temps de travail reconnu par les RH"],
    ),
    (
        "Le labo et les élus",
        "Comment embarquer les élus sans perdre la liberté d'expérimenter ?",
        ["Une revue de projets avec l'élu·e référent·e", "Des démonstrations régulières"],
    ),
]


def seed_synthetic(scale, log):
    """A few Intertransfos of the synthetic Transfos with their participants (idempotent)."""
    User = get_user_model()
    transfo_ids = list(
        Transfo.objects.filter(slug__startswith="synthetique-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not transfo_ids:
        return
    members = {}
    for user_id, transfo_id in (
        User.objects.filter(
            email__startswith="synthetique-", participations__transfo__in=transfo_ids
        )
        .order_by("pk")
        .values_list("pk", "participations__transfo_id")
    ):
        members.setdefault(transfo_id, []).append(user_id)
    count = max(1, scale // 10)
    added = 0
    for k in range(count):
        intertransfo, created = Intertransfo.objects.get_or_create(
            slug=f"synthetique-intertransfo-{k}",
            defaults={
                "date": date(2024, 1 + (k * 3) % 12, 15),
                "lieu": f"Ville synthétique {k}",
                "theme": "Faire durer les labos",
                "resume": "Une Intertransfo de volume pour les mesures de performance.",
            },
        )
        if not created:
            continue
        added += 1
        start = (k * SYNTHETIC_TRANSFOS_PER_INTERTRANSFO) % len(transfo_ids)
        teams = (transfo_ids * 2)[start : start + SYNTHETIC_TRANSFOS_PER_INTERTRANSFO]
        teams = list(dict.fromkeys(teams))
        intertransfo.transfos.set(teams)
        Moment.objects.bulk_create(
            [
                Moment(intertransfo=intertransfo, debut=t(debut), fin=t(fin), titre=titre)
                for debut, fin, titre in SYNTHETIC_PROGRAMME
            ]
        )
        for numero, (titre, question, propositions) in enumerate(SYNTHETIC_ATELIERS, start=1):
            atelier = Atelier.objects.create(
                intertransfo=intertransfo, numero=numero, titre=titre, questions=question
            )
            Proposition.objects.bulk_create(
                [Proposition(atelier=atelier, texte=texte) for texte in propositions]
            )
        Participant.objects.bulk_create(
            [
                Participant(
                    intertransfo=intertransfo,
                    user_id=user_id,
                    type_equipe=TypeEquipe.TRANSFO,
                    transfo_id=transfo_id,
                    present=(user_id + k) % 6 != 0,
                )
                for transfo_id in teams
                for user_id in members.get(transfo_id, [])[:SYNTHETIC_PARTICIPANTS_PER_TRANSFO]
            ],
            batch_size=1000,
        )
    log(f"  volume synthétique : {added} Intertransfos ajoutées")
