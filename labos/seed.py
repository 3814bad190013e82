"""Demo labos drawn from the seeds (idempotent).

- Seed 002 (Intertransfo de Dunkerque, 26 janvier 2018, "Montre-moi où en est ton projet de
  labo ?"): the plans of Dunkerque, Paris, Occitanie and Mulhouse, one frozen version each,
  with their "le + inspirant", "le + risqué" and "la question en suspens" as reviews.
- Seed 000 (Intertransfo n°6, Strasbourg, 17 mai 2019): PACA's plan (équipe, transition,
  lieu, arbitrages), the ecosystems of Strasbourg, Metz, Mulhouse and Lille, and the priorities and
  next actions of Lille, Strasbourg and Metz.

The seeds place no labo on the spectrums and give no banque de temps figures: the demo
does not invent any.

The records are in labos/data/: plans.toml, acteurs.toml, priorites.toml (and
plan_strasbourg.toml for seed_territoire.py).
"""

from datetime import date

from django.db.models import OuterRef, Subquery

from cas_pratiques.models import CasPratique
from collectivites.models import Transfo
from labos import seed_territoire
from labos.axes import ensure_axes
from labos.choices import CleSection, Perimetre, Relation, StatutPriorite, TypeActeur, TypeRevue
from labos.models import Acteur, Axe, Plan, Priorite, RevisionActeur, Revue, Section, VersionPlan
from transfo import seeddata
from transfo.seeddata import OPTIONAL, REQUIRED, each, records

DUNKERQUE_2018 = "Intertransfo de Dunkerque, 26 janvier 2018"
STRASBOURG_2019 = "Intertransfo n°6, Strasbourg, 17 mai 2019"

TEXTES = {cle.value: OPTIONAL for cle in CleSection}

PLANS = seeddata.load(
    "labos",
    "plans",
    each(
        {
            "nom": REQUIRED,
            "textes": TEXTES,
            "revues": records({"type": REQUIRED, "texte": REQUIRED}),
        }
    ),
)
ACTEURS = seeddata.load(
    "labos",
    "acteurs",
    each(
        records(
            {
                "nom": REQUIRED,
                "type": REQUIRED,
                "perimetre": REQUIRED,
                "relation": REQUIRED,
                "notes": "",
                "projets": "",
                "cas_pratiques": [],
            }
        )
    ),
)
PRIORITES = seeddata.load("labos", "priorites", each(REQUIRED))


def run(*, scale, log):
    ensure_axes()
    transfos = {t.slug: t for t in Transfo.objects.filter(slug__in=[*PLANS, *ACTEURS, *PRIORITES])}
    for slug, spec in PLANS.items():
        if slug in transfos:
            seed_plan(transfos[slug], spec["nom"], spec["textes"], spec["revues"])
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
            plan=plan, cle=cle, defaults={"texte": textes.get(cle.value, "")}
        )
    version, _ = VersionPlan.objects.update_or_create(
        plan=plan,
        numero=1,
        defaults={
            "nom": nom,
            "textes": {cle.value: textes.get(cle.value, "") for cle in CleSection},
            "note": DUNKERQUE_2018 if revues else STRASBOURG_2019,
        },
    )
    for revue in revues:
        Revue.objects.update_or_create(
            version=version,
            type=TypeRevue(revue["type"]),
            texte=revue["texte"],
            defaults={"contexte": DUNKERQUE_2018, "date": date(2018, 1, 26)},
        )


def seed_acteurs(transfo, acteurs):
    cases = {c.slug: c for c in CasPratique.objects.filter(transfo=transfo)}
    for spec in acteurs:
        acteur, created = Acteur.objects.update_or_create(
            transfo=transfo,
            nom=spec["nom"],
            defaults={
                "type": TypeActeur(spec["type"]),
                "perimetre": Perimetre(spec["perimetre"]),
                "relation": Relation(spec["relation"]),
                "notes": spec["notes"],
                "projets": spec["projets"],
            },
        )
        acteur.cas_pratiques.set([cases[s] for s in spec["cas_pratiques"] if s in cases])
        if created:
            RevisionActeur.objects.create(
                acteur=acteur, auteur=None, resume=f"Création ({STRASBOURG_2019})"
            )
