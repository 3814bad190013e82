"""Synthetic cases for the benchmarks (issue 10): `seed_demo --scale N` and
`seed_search_bench`.

The texts are drawn from the seeds' vocabulary (seeds 000–004: the cases of seed 001, the
vade-mecum's méthodes) so that the vitrine's full-text search has broad terms (« usagers »,
« agents », found in most cases) and narrow ones (« mégotiers », « conciergerie », found in
about one case in a hundred). Everything is deterministic: case i always gets the same text.
"""

import random
from datetime import date

from django.utils import timezone

from cas_pratiques.choices import (
    EtatPublication,
    Finalite,
    ModeIntervention,
    ModeSaisine,
    StatutCas,
    TypeSujet,
)
from cas_pratiques.models import CasPratique
from transfo.text import normalize

# (subject, what the case is about, the direction that carries it). The first ones are
# common, the last ones rare (see `_subject`).
SUBJECTS = [
    ("l'accueil des usagers", "l'accueil physique et téléphonique", "Direction de la population"),
    ("les démarches en ligne", "les démarches administratives", "Direction du numérique"),
    ("les inscriptions scolaires", "le parcours des familles", "Direction de l'éducation"),
    ("la restauration scolaire", "la cantine et ses menus", "Direction de l'éducation"),
    ("les espaces de travail", "les bureaux et le télétravail", "Direction de l'immobilier"),
    ("les médiathèques", "les publics éloignés de la lecture", "Direction de la culture"),
    ("l'accompagnement social", "l'accès aux droits", "Direction des solidarités"),
    ("la propreté urbaine", "les déchets de l'espace public", "Direction des espaces publics"),
    ("l'intégration des nouveaux agents", "le premier jour des agents", "Direction des RH"),
    ("les pieds d'arbres", "la végétalisation par les habitants", "Direction des espaces verts"),
    ("la carte citoyenne", "la participation des habitants", "Direction de la démocratie locale"),
    ("les bureaux volants", "le partage des bureaux", "Direction de l'immobilier"),
    ("la conciergerie d'agents", "les petits services aux agents", "Direction des RH"),
    ("les mégotiers", "les mégots jetés sur les trottoirs", "Direction de la propreté"),
    ("le bois des forts", "un espace naturel à réinventer", "Direction de l'environnement"),
    ("le comptoir des services", "un guichet unique de quartier", "Direction de la population"),
]
PUBLICS = [
    "les usagers",
    "les agents",
    "les habitants",
    "les familles",
    "les seniors",
    "les jeunes",
    "les associations",
    "les élus",
]
VERBS = ["repenser", "simplifier", "améliorer", "réinventer", "rendre plus lisible", "tester"]
METHODS = [
    "une immersion en trinôme (journaliste, observateur, photographe)",
    "des fiches idées puis un tamis de critères",
    "un débat mouvant sur les priorités",
    "un prototypage rapide en carton",
    "un blue print du service",
    "des entretiens avec les usagers et les agents",
    "un test grandeur nature pendant deux semaines",
]
RESULTS = [
    "un prototype testé avec les usagers",
    "une maquette du futur parcours",
    "un guide pratique pour les agents",
    "une expérimentation prolongée par la direction",
    "une signalétique repensée",
    "un nouveau formulaire en langage clair",
]
FOLLOW_UPS = [
    "La direction porteuse poursuit l'expérimentation.",
    "Le labo reprend le projet et l'élargit à d'autres services.",
    "Le projet attend un arbitrage budgétaire.",
    "Les ambassadeurs restent en contact avec les usagers testeurs.",
]


def _subject(rng):
    """Common subjects most of the time, rare ones sometimes: broad and narrow terms."""
    if rng.random() < 0.9:
        return SUBJECTS[rng.randrange(10)]
    return SUBJECTS[rng.randrange(10, len(SUBJECTS))]


def case_texts(i):
    """The texts of synthetic case i (a dict of CasPratique fields)."""
    rng = random.Random(i)
    subject, about, direction = _subject(rng)
    public = rng.choice(PUBLICS)
    verb = rng.choice(VERBS)
    method = rng.choice(METHODS)
    result = rng.choice(RESULTS)
    return {
        "titre": f"{verb.capitalize()} {subject} ({i})",
        "sujet": f"Comment {verb} {subject} pour {public} ? Le cas porte sur {about}.",
        "problematique": (
            f"Comment {public} vivent-ils {about}, et que pourrions-nous changer avec eux ?"
        ),
        "direction_porteuse": direction,
        "resume": (
            f"Les ambassadeurs ont travaillé sur {subject} avec {public} : {method}, "
            f"jusqu'à {result}."
        ),
        "methode": f"Nous avons mené {method}, puis {rng.choice(METHODS)}.",
        "resultats": f"Le groupe a produit {result} et {rng.choice(RESULTS)}.",
        "suites": rng.choice(FOLLOW_UPS),
    }


def synthetic_case(
    i, transfo, numero, *, etat=EtatPublication.PUBLIE, now=None, prefix="cas-synthetique-"
):
    """An unsaved synthetic case (slug `<prefix><i>`), with its search fields filled as
    `CasPratique.save()` would, for bulk_create; `transfo` has its collectivité loaded."""
    texts = case_texts(i)
    saisines, sujets = ModeSaisine.values, TypeSujet.values
    finalites, modes = Finalite.values, ModeIntervention.values
    cas = CasPratique(
        transfo=transfo,
        numero=numero,
        slug=f"{prefix}{i}",
        mode_saisine=saisines[i % len(saisines)],
        type_sujet=sujets[(i // len(saisines)) % len(sujets)],
        finalites=sorted({finalites[i % len(finalites)], finalites[(i // 3) % len(finalites)]}),
        modes_intervention=[modes[i % len(modes)]],
        statut=StatutCas.TERMINE,
        date_debut=date(2016 + i % 9, 1 + i % 12, 1),
        date_fin=date(2016 + i % 9, 1 + i % 12, 28),
        cadre_experimental_partage=True,
        engagement_porteur=True,
        portage_politique_technique=True,
        perimetre_clair=True,
        etat=etat,
        publie_le=(now or timezone.now()) if etat == EtatPublication.PUBLIE else None,
        **texts,
    )
    cas.recherche_titre = normalize(cas.titre)
    cas.recherche = normalize("\n".join(cas.public_texts()))
    return cas


def link_methodes(cases, methode_ids, per_case=2):
    """Two méthodes for each case (bulk, through the M2M table)."""
    if not methode_ids:
        return
    through = CasPratique.methodes.through
    through.objects.bulk_create(
        [
            through(caspratique_id=cas.pk, methode_id=methode_ids[(cas.pk + k) % len(methode_ids)])
            for cas in cases
            for k in range(min(per_case, len(methode_ids)))
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
