"""Demo labos drawn from the seeds (idempotent).

- Seed 002 (Intertransfo de Dunkerque, 26 janvier 2018, "Montre-moi où en est ton projet de
  labo ?"): the plans of Dunkerque, Paris, Occitanie and Mulhouse, one frozen version each,
  with their "le + inspirant", "le + risqué" and "la question en suspens" as reviews.
- Seed 000 (Intertransfo n°6, Strasbourg, 17 mai 2019): PACA's plan (équipe, transition,
  lieu, arbitrages), the ecosystems of Strasbourg, Metz, Mulhouse and Lille, and the priorities and
  next actions of Lille, Strasbourg and Metz.

The seeds place no labo on the spectrums and give no banque de temps figures: the demo
does not invent any.
"""

from datetime import date

from django.db.models import OuterRef, Subquery

from cas_pratiques.models import CasPratique
from collectivites.models import Transfo
from labos import seed_territoire
from labos.axes import ensure_axes
from labos.choices import CleSection, Perimetre, Relation, StatutPriorite, TypeActeur, TypeRevue
from labos.models import Acteur, Axe, Plan, Priorite, RevisionActeur, Revue, Section, VersionPlan

DUNKERQUE_2018 = "Intertransfo de Dunkerque, 26 janvier 2018"
STRASBOURG_2019 = "Intertransfo n°6, Strasbourg, 17 mai 2019"

M, G, E, L, B, R, Q = (
    CleSection.MISSION,
    CleSection.GOUVERNANCE,
    CleSection.EQUIPE,
    CleSection.LIEU,
    CleSection.BUDGET,
    CleSection.RECIT,
    CleSection.QUESTIONS,
)
INSPIRANT, RISQUE, QUESTION = TypeRevue.INSPIRANT, TypeRevue.RISQUE, TypeRevue.QUESTION

# Transfo slug: (labo name, {section: text}, [(review kind, text), ...])
PLANS = {
    "dunkerque": (
        "Le (futur) labo de Dunkerque",
        {
            M: "Des « labos éphémères » : une façon légère d'adresser les sujets de gestion et "
            "d'organisation du labo à chaque session.\nLa non-obligation de résultats, "
            "revendiquée et assumée ; des livrables de qualité, y compris sur des projets non "
            "aboutis.\nSe saisir de « grands sujets » pour y apporter un regard Transfo / labo "
            "(hors projets), par exemple la participation citoyenne.",
            G: "Une division des tâches entre le stratégique et l'opérationnel.",
            E: "Un groupe d'ambassadeurs resté ouvert tout au long de La Transfo.",
            Q: "Quelle place pour les ambassadeurs dans le futur labo ?",
        },
        [
            (
                INSPIRANT,
                "Le principe des « labos éphémères » : une façon légère d'adresser les sujets "
                "de gestion et d'organisation du labo à chaque session",
            ),
            (INSPIRANT, "La non-obligation de résultats revendiquée et assumée"),
            (
                INSPIRANT,
                "Le fait de produire des livrables de qualité, y compris sur des projets non "
                "aboutis",
            ),
            (
                INSPIRANT,
                "La possibilité de se saisir de « grands sujets » pour y apporter un regard "
                "transfo / labo (hors projets). Ex : la participation citoyenne",
            ),
            (RISQUE, "La division des tâches stratégique / opérationnel"),
            (
                RISQUE,
                "Le portage politique flottant (et le risque de commande hors sol qui va avec)",
            ),
            (
                QUESTION,
                "Le manque d'ambassadeurs et la place des ambassadeurs dans le futur labo",
            ),
        ],
    ),
    "paris": (
        "Le (futur) labo de Paris",
        {
            M: "Le chiffrage de la gamme d'interventions du labo en temps homme (il manque "
            "encore le nombre de personnes impliquées pour compléter le calcul).",
            G: "Des COPILS institutionnalisés : comment bousculer le format ? Des copils "
            "inversés ?",
            E: "Des journées annuelles du labo au vert.",
            Q: "Les marges d'évolution du labo : comment les afficher dès le début pour les "
            "préserver dans le temps ?",
        },
        [
            (INSPIRANT, "Les journées annuelles du labo au vert"),
            (
                INSPIRANT,
                "Le chiffrage de la gamme d'interventions du labo en temps homme (mais il "
                "manque le nombre de personnes impliquées pour compléter le calcul...)",
            ),
            (
                RISQUE,
                "Les COPILS institutionnalisés : comment bousculer le format ? des copils "
                "inversés ?",
            ),
            (RISQUE, "Le formalisme / le risque de l'excès de cadrage"),
            (
                QUESTION,
                "Les marges d'évolution du labo : comment les afficher dès le début pour les "
                "préserver dans le temps ?",
            ),
        ],
    ),
    "occitanie": (
        "Le (futur) labo de l'Occitanie",
        {
            M: "Un labo « zone franche », qui laisse sa place à l'inattendu.\nUne banque de "
            "projets déjà arrêtée pour 3 ans.",
            E: "Des outils de repérage des rôles, passions et talents des ambassadeurs.",
            Q: "Comment diffuser la possibilité de prendre des risques hors de la zone franche ?",
        },
        [
            (INSPIRANT, "Les outils de repérage des rôles, passions et talents des ambassadeurs"),
            (INSPIRANT, "Le côté « zone franche » du labo, la place de l'inattendu"),
            (
                RISQUE,
                "Le fait d'avoir une banque de projets déjà arrêtée pour 3 ans : quelle place "
                "pour l'agilité ? la visibilité est-elle suffisante à long terme ?",
            ),
            (
                QUESTION,
                "Comment diffuser la possibilité de prendre des risques hors de la zone franche ?",
            ),
        ],
    ),
    "mulhouse": (
        "Le labo de Mulhouse",
        {
            M: "Des méthodes clarifiées et formalisées dans le document « plan d'usages du Labo ».",
            G: "Un labo mutualisé Ville / agglomération, surtout porté par la Ville ; des "
            "points réguliers en CODG (DG + DGA).",
            E: "Une charte d'engagement tripartite ambassadeur / N+1 / labo.\nLes N+1 des "
            "contributeurs : on les chouchoute (une session spécifique pour eux).",
            CleSection.OUTILLAGE: "Outils de com' interne pour toucher l'ensemble des agents, "
            "Flickr ; en développement : cartes de visite des contributeurs, marque-pages, "
            "cartes de correspondance, documents de présentation du labo pour les managers, "
            "cartes postales, film sur le labo.",
            Q: "Le portage, suspendu à l'arrivée du nouveau DGS en mars.",
        },
        [
            (INSPIRANT, "La charte d'engagement tripartite ambassadeur / n+1 / labo"),
            (
                INSPIRANT,
                "Le niveau d'aboutissement de la proposition de labo, la clarification de ses "
                "méthodes et sa formalisation à travers le document « plan d'usages du Labo »",
            ),
            (
                INSPIRANT,
                "Le travail préalable de repérage des acteurs et des services complémentaires "
                "au sein de la collectivité, et la recherche d'une bonne coordination avec les "
                "activités du labo",
            ),
            (
                RISQUE,
                "La place que prennent les résidents actuellement et le potentiel effet « trou "
                "d'air » en fin de Transfo",
            ),
            (
                QUESTION,
                "Les incertitudes sur le portage, suspendu à l'arrivée du nouveau DGS en mars",
            ),
        ],
    ),
    "paca": (
        "Le labo de PACA",
        {
            E: "Équipe : ICUD, coordo ; designer / administratif.\nSi renouvellement, "
            "privilégier un profil « Mc Gyver » qui connaît bien la maison et a l'oreille du "
            "DG.\nUne stratégie de recrutement de nouveaux contributeurs ; une compétence, un "
            "rôle com'.",
            G: "Caler et provoquer des temps d'arbitrage et de prise de décision.\nTemps de "
            "transition : ritualiser les temps collectifs et l'organisation (déjeuner "
            "hebdomadaire, « chantiers » de préparation du labo, « bureau » du labo).",
            L: "On peut avancer sans avoir de lieu ni tranché cette question.",
            R: "Un labo qui parle à tout le monde : une dimension conceptuelle et très "
            "opérationnelle, un enjeu sociétal.",
            Q: "Le rôle de la 27e Région après la Transfo ?",
        },
        [],
    ),
}

# Transfo slug: [(name, kind, perimeter, relation, notes, projects, linked case slugs)]
ACTEURS = {
    "strasbourg": [
        (
            "Groupe projet innovation",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "À l'origine de la rencontre avec la 27e Région. Réunion prévue en juin pour "
            "confronter les visions de ce que devrait être un labo, ne pas doubler, ne pas "
            "générer de frustrations, trouver les mutualisations possibles.",
            "Concours interne de l'innovation (les lauréats accompagnés pendant la transition "
            "Transfo / labo)",
            [],
        ),
        (
            "Ressources humaines",
            TypeActeur.DIRECTION,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "2 ambassadeurs à la RH, et 2 autres personnes ambassadrices temporaires du 3e cas "
            "pratique, car elles font partie du groupe projet.",
            "",
            [],
        ),
        (
            "Service conseil appui pilotage",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "",
            "",
            [],
        ),
        ("Digital", TypeActeur.SERVICE_INTERNE, Perimetre.INTERNE, Relation.ALLIE, "", "", []),
        (
            "Accueil de la population",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.COMPLICE,
            "Service impliqué dans les deux premiers cas pratiques.",
            "",
            ["le-comptoir-des-services"],
        ),
        (
            "Direction de l'enfance et de l'éducation",
            TypeActeur.DIRECTION,
            Perimetre.INTERNE,
            Relation.COMPLICE,
            "Direction impliquée dans les deux premiers cas pratiques.",
            "",
            ["les-inscriptions-scolaires"],
        ),
        (
            "Labos Grand Est",
            TypeActeur.RESEAU,
            Perimetre.EXTERNE,
            Relation.PARTENAIRE_POTENTIEL,
            "« Labos grand-estois, unissez-vous ! » (Intertransfo n°6).",
            "",
            [],
        ),
    ],
    "metz": [
        (
            "M2D2 (Metz métropole développement durable)",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "Groupe de travail informel, rapproché via le cas pratique sur les mobilités "
            "professionnelles.",
            "",
            [],
        ),
        (
            "Conseil de développement durable",
            TypeActeur.ASSOCIATION,
            Perimetre.EXTERNE,
            Relation.PARTENAIRE_POTENTIEL,
            "83 bénévoles de la société civile qui se saisissent de projets métropolitains. "
            "Pas encore associés ; un lien possible vers les habitants.",
            "Avis et études pour éclairer la métropole",
            [],
        ),
        (
            "Pôle relation aux usagers",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "3 ambassadeurs, dont la cheffe de pôle, porteuse des deux premiers cas pratiques.",
            "",
            ["les-bureaux-volants"],
        ),
        (
            "Communication",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.COMPLICE,
            "Impliquée dans le 2e cas pratique.",
            "",
            [],
        ),
        (
            "Pôle stratégie numérique",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.A_RENCONTRER,
            "Pas encore de lien.",
            "",
            [],
        ),
        ("DRH", TypeActeur.DIRECTION, Perimetre.INTERNE, Relation.A_RENCONTRER, "", "", []),
        (
            "Ville de Metz",
            TypeActeur.AUTRE,
            Perimetre.EXTERNE,
            Relation.A_RENCONTRER,
            "A un service participation citoyenne.",
            "",
            [],
        ),
    ],
    "mulhouse": [
        (
            "Services supports",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.COMPLICE,
            "Tous les services supports auxquels le labo fait appel dans les chantiers "
            "(moyens généraux, ateliers, informatique...), et ceux qui ont participé à un "
            "chantier : temps collectifs, cf. lancement de la saison 1.",
            "",
            [],
        ),
        (
            "N+1 des contributeurs",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "On les chouchoute (par exemple une session spécifique pour eux).",
            "",
            [],
        ),
        (
            "Élus en charge des sujets des chantiers",
            TypeActeur.ELU,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "Présentation dans les différentes instances.",
            "",
            [],
        ),
        (
            "Cabinet du Maire",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.COMPLICE,
            "Facilite le montage de rendez-vous. Le chef de cabinet avait « commandé » le "
            "chantier sur les mégots ; ça repose souvent sur de l'interpersonnel.",
            "",
            ["les-megotiers"],
        ),
        (
            "Managers et école interne de management",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.A_RENCONTRER,
            "Environ 400 managers : cible privilégiée pour faire connaître le labo.",
            "",
            [],
        ),
        (
            "Chief digital officer",
            TypeActeur.DIRECTION,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "Sollicité sur des chantiers pour avoir son avis.",
            "",
            [],
        ),
        (
            "Agence de la participation citoyenne",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.PARTENAIRE_POTENTIEL,
            "Pas vraiment de relations pour l'instant.",
            "",
            [],
        ),
    ],
    "lille": [
        (
            "Service participation (bureau des temps)",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.CONCURRENT,
            "Rencontré à la fin de la Transfo dans le cadre d'un cas pratique, pour lever le "
            "risque de perception du labo comme un concurrent.",
            "",
            [],
        ),
        (
            "Mission WDC",
            TypeActeur.SERVICE_INTERNE,
            Perimetre.INTERNE,
            Relation.ALLIE,
            "Une personne embauchée à la MEL pour suivre les POC ; le labo aura parmi ses "
            "missions d'accompagner les POC.",
            "Club des porteurs de POC (projets labellisés par WDC)",
            [],
        ),
    ],
}

PRIORITES = {
    "lille": [
        "Un grand événement de fin de Transfo, très ouvert, qui mettra en scène des briques du "
        "futur labo et permettra un croisement avec le club des porteurs de POC.",
        "Un accord-cadre pour recruter des prestataires design",
        "Un plan d'action pour le labo combinant des projets en régie, le pilotage de projets "
        "accompagnés par des prestataires et une mini Transfo chaque année, avec des cas à visée "
        "plus pédagogique, pour construire la communauté du labo",
    ],
    "strasbourg": [
        "Poser la V1 d'une organisation du futur labo",
        "Formation renforcée de certains ambassadeurs pour les faire monter en compétences pour "
        "le futur labo ou au sein de leur direction",
        "Rencontre avec l'écosystème interne pour faire converger les visions et modes de "
        "fonctionnement des uns et des autres",
        "Evaluer les actions engagées",
    ],
    "metz": [
        "Intégrer plus les commanditaires des cas",
        "Veiller à la communication interne, notamment en s'entraînant à pitcher le labo",
        "Faire comprendre que le labo n'est pas figé",
        "Se préparer à la transition (qui pourrait prendre du temps) entre la Transfo et le labo",
        "Être plus présents dans les réseaux de l'innovation publique",
    ],
}


def run(*, scale, log):
    ensure_axes()
    transfos = {t.slug: t for t in Transfo.objects.filter(slug__in=[*PLANS, *ACTEURS, *PRIORITES])}
    for slug, (nom, textes, revues) in PLANS.items():
        if slug in transfos:
            seed_plan(transfos[slug], nom, textes, revues)
    for slug, acteurs in ACTEURS.items():
        if slug in transfos:
            seed_acteurs(transfos[slug], acteurs)
    for slug, textes in PRIORITES.items():
        if slug in transfos:
            for texte in textes:
                Priorite.objects.update_or_create(
                    transfo=transfos[slug],
                    texte=texte,
                    defaults={"contexte": STRASBOURG_2019, "statut": StatutPriorite.A_FAIRE},
                )
    seed_territoire.run(log)
    if scale:
        seed_synthetic(log)
    log(
        f"Labos : {Plan.objects.count()} plans, {Revue.objects.count()} revues, "
        f"{Acteur.objects.count()} acteurs, {Priorite.objects.count()} priorités."
    )


# Volume for --scale (issue 10): for each synthetic Transfo, a plan du labo with its eight
# sections and a first frozen version (published one time in two), five actors and three
# priorities.
SYNTHETIC_TEXTES = {
    CleSection.MISSION: "Accompagner les directions qui veulent tester une idée avec les usagers.",
    CleSection.GOUVERNANCE: "Rattaché à la direction générale, avec un comité de pilotage.",
    CleSection.EQUIPE: "Deux agents à temps plein et un réseau d'ambassadeurs contributeurs.",
    CleSection.LIEU: "Une salle de l'hôtel de ville, ouverte aux agents et aux habitants.",
    CleSection.OUTILLAGE: "La boîte à outils de la Transfo : immersion, fiches idées, tamis.",
    CleSection.BUDGET: "Un petit budget de fonctionnement et du don contre don.",
    CleSection.RECIT: "Le labo, c'est l'endroit où l'on essaie avant de décider.",
    CleSection.QUESTIONS: "Comment garder les ambassadeurs mobilisés après la Transfo ?",
}
SYNTHETIC_ACTEURS = [
    ("Direction générale des services", TypeActeur.DIRECTION, Perimetre.INTERNE, Relation.ALLIE),
    ("Service communication", TypeActeur.SERVICE_INTERNE, Perimetre.INTERNE, Relation.COMPLICE),
    ("Élue à l'innovation", TypeActeur.ELU, Perimetre.INTERNE, Relation.ALLIE),
    (
        "Association de quartier",
        TypeActeur.ASSOCIATION,
        Perimetre.EXTERNE,
        Relation.PARTENAIRE_POTENTIEL,
    ),
    ("École de design", TypeActeur.ECOLE, Perimetre.EXTERNE, Relation.A_RENCONTRER),
]
SYNTHETIC_PRIORITES = [
    ("Présenter le plan du labo au comité de direction", StatutPriorite.FAIT),
    ("Trouver un lieu pour le labo", StatutPriorite.EN_COURS),
    ("Former un deuxième cercle d'ambassadeurs", StatutPriorite.A_FAIRE),
]


def seed_synthetic(log):
    """Labos of the synthetic Transfos (bulk, idempotent: Transfos without a plan only)."""
    transfos = list(
        Transfo.objects.filter(slug__startswith="synthetique-", plan_labo__isnull=True)
        .order_by("pk")
        .values_list("pk", "nom")
    )
    if not transfos:
        return
    axes = list(Axe.objects.all())
    plans = Plan.objects.bulk_create(
        [
            Plan(
                transfo_id=pk,
                nom=f"Le labo de la {nom}",
                publie=pk % 2 == 0,
                positions={axe.slug: pk % (axe.maximum + 1) for axe in axes},
            )
            for pk, nom in transfos
        ],
        batch_size=1000,
    )
    if plans and plans[0].pk is None:  # backends that return no ids
        plans = list(Plan.objects.filter(transfo_id__in=[pk for pk, _nom in transfos]))
    Section.objects.bulk_create(
        [
            Section(plan_id=plan.pk, cle=cle, texte=texte)
            for plan in plans
            for cle, texte in SYNTHETIC_TEXTES.items()
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    VersionPlan.objects.bulk_create(
        [
            VersionPlan(
                plan_id=plan.pk,
                numero=1,
                nom=plan.nom,
                note="Première version, à la session 6",
                textes={cle.value: texte for cle, texte in SYNTHETIC_TEXTES.items()},
                positions=plan.positions,
            )
            for plan in plans
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    # A published plan shows its version 1 (Plan.publish).
    Plan.objects.filter(pk__in=[plan.pk for plan in plans], publie=True).update(
        version_publiee=Subquery(
            VersionPlan.objects.filter(plan=OuterRef("pk"), numero=1).values("pk")[:1]
        )
    )
    Acteur.objects.bulk_create(
        [
            Acteur(
                transfo_id=pk,
                nom=nom,
                type=type_,
                perimetre=perimetre,
                relation=relation,
                projets="Un projet avec le labo",
            )
            for pk, _nom in transfos
            for nom, type_, perimetre, relation in SYNTHETIC_ACTEURS
        ],
        batch_size=2000,
    )
    Priorite.objects.bulk_create(
        [
            Priorite(
                transfo_id=pk,
                texte=texte,
                statut=statut,
                echeance=date(2025, 1 + n * 3, 1),
                contexte="Intertransfo synthétique",
            )
            for pk, _nom in transfos
            for n, (texte, statut) in enumerate(SYNTHETIC_PRIORITES)
        ],
        batch_size=2000,
    )
    log(f"  volume synthétique : {len(plans)} labos, leurs acteurs et priorités")


def seed_plan(transfo, nom, textes, revues):
    plan, _ = Plan.objects.update_or_create(transfo=transfo, defaults={"nom": nom})
    for cle in CleSection:
        Section.objects.update_or_create(
            plan=plan, cle=cle, defaults={"texte": textes.get(cle, "")}
        )
    version, _ = VersionPlan.objects.update_or_create(
        plan=plan,
        numero=1,
        defaults={
            "nom": nom,
            "textes": {cle.value: textes.get(cle, "") for cle in CleSection},
            "note": DUNKERQUE_2018 if revues else STRASBOURG_2019,
        },
    )
    for kind, texte in revues:
        Revue.objects.update_or_create(
            version=version,
            type=kind,
            texte=texte,
            defaults={"contexte": DUNKERQUE_2018, "date": date(2018, 1, 26)},
        )


def seed_acteurs(transfo, acteurs):
    cases = {c.slug: c for c in CasPratique.objects.filter(transfo=transfo)}
    for nom, type_, perimetre, relation, notes, projets, case_slugs in acteurs:
        acteur, created = Acteur.objects.update_or_create(
            transfo=transfo,
            nom=nom,
            defaults={
                "type": type_,
                "perimetre": perimetre,
                "relation": relation,
                "notes": notes,
                "projets": projets,
            },
        )
        acteur.cas_pratiques.set([cases[s] for s in case_slugs if s in cases])
        if created:
            RevisionActeur.objects.create(
                acteur=acteur, auteur=None, resume=f"Création ({STRASBOURG_2019})"
            )
