"""Demo: the Strasbourg plan du labo's draft and the Grand Est labos sharing their écosystème.

- The plan of the Transfo Strasbourg as seeds 000 and 003 tell it: the DG's position (a
  laboratoire interne de l'innovation), the débat mouvant of session #9 (catalyseur, espace
  permanent, pas exclusivement dédié au citoyen, budget propre : réponse mitigée), the
  scenarios "Et si le Labo se mêlait de…", the priorities of the Intertransfo n°6. A draft
  only: the seeds record no frozen version of it.
- Seed 001 (retex, écosystème): "Les Transfos de Metz et Strasbourg ont commencé à bâtir, avec
  la cellule innovation de la Région et le labo Mulhousien, un réseau inter-territorial de
  labos publics : veille partagée, partage de contacts…": those three labos share their
  écosystème with each other.
"""

from collectivites.models import Transfo
from labos.choices import CleSection
from labos.models import PartageEcosysteme, Plan, Section

STRASBOURG_NOM = "Le (futur) labo de Strasbourg"

STRASBOURG_TEXTES = {
    CleSection.MISSION: (
        "Un laboratoire interne de l'innovation : c'est la position de la direction générale "
        "(session #9), qui demande de travailler sa fonction, les modalités de son "
        "intervention et la manière d'en diffuser les résultats.\n"
        "Un catalyseur (débat mouvant : globalement oui) : accélérer l'amélioration et le suivi "
        "des politiques publiques, mettre en place des indicateurs nouveaux, capitaliser les "
        "bonnes expériences, être un lieu de rencontre et de consolidation pour les "
        "innovateurs.\n"
        "Pas exclusivement dédié au citoyen : les agents aussi doivent bénéficier du labo, qui "
        "doit être capable de les emmener dans l'innovation.\n"
        "Accompagner les projets lauréats du concours interne de l'innovation pendant la "
        "transition Transfo / labo."
    ),
    CleSection.GOUVERNANCE: (
        "Poser la V1 d'une organisation du futur labo (Intertransfo n°6, 17 mai 2019).\n"
        "Rencontrer l'écosystème interne (groupe projet innovation, RH, service conseil appui "
        "pilotage, digital) pour confronter les visions de ce que devrait être un labo, ne pas "
        "doubler, ne pas générer de frustrations et trouver les mutualisations possibles.\n"
        "La synthèse de la session #9 est transmise à la direction générale, notamment pour "
        "faire valider un budget."
    ),
    CleSection.EQUIPE: (
        "Un espace permanent (débat mouvant : globalement oui), avec une vigilance sur le "
        "brassage et le renouvellement des contributeurs.\n"
        "Une formation renforcée de certains ambassadeurs, pour les faire monter en compétences "
        "pour le futur labo ou au sein de leur direction.\n"
        "Ne pas oublier la question du temps à libérer pour les agents contributeurs."
    ),
    CleSection.OUTILLAGE: (
        "Coopérer et mutualiser des ressources matérielles, humaines et méthodologiques avec "
        "les acteurs de l'innovation de l'Eurométropole, pour amplifier l'action de chacun, "
        "surtout en période de disette budgétaire."
    ),
    CleSection.BUDGET: (
        "Réponse mitigée au débat mouvant : un labo indépendant, qui puisse traiter de sujets "
        "transversaux et faire appel à des compétences spécifiques, donc doté d'un budget "
        "propre ; et la nécessité d'impliquer les directions, y compris financièrement, dans "
        "l'innovation."
    ),
    CleSection.RECIT: (
        "Fédérer un maximum les énergies des acteurs de l'innovation de l'Eurométropole et "
        "penser les articulations entre le futur labo et les acteurs existants."
    ),
    CleSection.QUESTIONS: (
        "Et si le labo se mêlait de… ? Quels scénarios, avec quelles tâches, quels moyens "
        "humains et matériels, quelles compétences et quelles articulations avec les services "
        "de l'Eurométropole ?\n"
        "Comment libérer du temps pour les agents contributeurs ?\n"
        "Comment évaluer les actions engagées ?"
    ),
}

# The "réseau inter-territorial de labos publics" of seed 001.
PARTAGE_GRAND_EST = ["strasbourg", "metz", "mulhouse"]


def run(log):
    transfos = {
        t.slug: t for t in Transfo.objects.filter(slug__in=["strasbourg", *PARTAGE_GRAND_EST])
    }
    strasbourg = transfos.get("strasbourg")
    if strasbourg is not None:
        plan, _created = Plan.objects.update_or_create(
            transfo=strasbourg, defaults={"nom": STRASBOURG_NOM}
        )
        for cle in CleSection:
            Section.objects.update_or_create(
                plan=plan, cle=cle, defaults={"texte": STRASBOURG_TEXTES.get(cle, "")}
            )
    for slug in PARTAGE_GRAND_EST:
        if slug in transfos:
            PartageEcosysteme.objects.update_or_create(
                transfo=transfos[slug], defaults={"actif": True}
            )
    log(
        f"  plan du labo de Strasbourg (brouillon) ; écosystèmes partagés : "
        f"{', '.join(s for s in PARTAGE_GRAND_EST if s in transfos)}"
    )
