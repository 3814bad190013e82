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

The plan's records are in labos/data/plan_strasbourg.toml.
"""

from collectivites.models import Transfo
from labos.choices import CleSection
from labos.models import PartageEcosysteme, Plan, Section
from transfo import seeddata
from transfo.seeddata import OPTIONAL, REQUIRED

STRASBOURG = seeddata.load(
    "labos",
    "plan_strasbourg",
    {"nom": REQUIRED, "textes": {cle.value: OPTIONAL for cle in CleSection}},
)

# The "réseau inter-territorial de labos publics" of seed 001.
PARTAGE_GRAND_EST = ["strasbourg", "metz", "mulhouse"]


def run(log):
    transfos = {
        t.slug: t for t in Transfo.objects.filter(slug__in=["strasbourg", *PARTAGE_GRAND_EST])
    }
    strasbourg = transfos.get("strasbourg")
    if strasbourg is not None:
        plan, _created = Plan.objects.update_or_create(
            transfo=strasbourg, defaults={"nom": STRASBOURG["nom"]}
        )
        for cle in CleSection:
            Section.objects.update_or_create(
                plan=plan, cle=cle, defaults={"texte": STRASBOURG["textes"].get(cle.value, "")}
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
