"""The models of the labos, one module per feature: the plan du labo (`plan`), its
écosystème (`ecosysteme`), its follow-up (`suivi`)."""

from labos.models.common import (
    StaleSection,
)
from labos.models.ecosysteme import (
    Acteur,
    ActeurQuerySet,
    PartageEcosysteme,
    RevisionActeur,
)
from labos.models.plan import (
    Axe,
    Intervention,
    Plan,
    PlanQuerySet,
    Revue,
    Section,
    VersionPlan,
    VersionPlanQuerySet,
    revue_groups,
)
from labos.models.suivi import (
    EchangeTemps,
    EchangeTempsQuerySet,
    Priorite,
    PrioriteQuerySet,
)

__all__ = [
    "Acteur",
    "ActeurQuerySet",
    "Axe",
    "EchangeTemps",
    "EchangeTempsQuerySet",
    "Intervention",
    "PartageEcosysteme",
    "Plan",
    "PlanQuerySet",
    "Priorite",
    "PrioriteQuerySet",
    "RevisionActeur",
    "Revue",
    "Section",
    "StaleSection",
    "VersionPlan",
    "VersionPlanQuerySet",
    "revue_groups",
]
