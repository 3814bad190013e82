from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeCollectivite(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    INTERCOMMUNALITE = "intercommunalite", _("Métropole ou agglomération")
    DEPARTEMENT = "departement", _("Département")
    REGION = "region", _("Région")


class StatutTransfo(models.TextChoices):
    EN_PREPARATION = "en_preparation", _("En préparation")
    EN_COURS = "en_cours", _("En cours")
    TERMINEE = "terminee", _("Terminée")


class Role(models.TextChoices):
    RESIDENT = "resident", _("Résident·e")
    AMBASSADEUR = "ambassadeur", _("Ambassadeur·rice")
    RELAIS = "relais", _("Relais")
    PILOTE = "pilote", _("Pilote interne")
    COORDINATEUR = "coordinateur", _("Coordinateur·rice 27e Région")


# Named groups of roles, for every rule and queryset (with `collectivites.models.transfo_ids`
# and `collectivites.rules.has_role`), so that each group is spelled once. Tuples in the
# order of Role, so that a list of choices made from one reads the same every time.
def _in_order(*roles):
    return tuple(role for role in Role if role in roles)


# The cercle: the ambassadeurs and their relais, the group the pilote interne keeps.
CERCLE_ROLES = _in_order(Role.AMBASSADEUR, Role.RELAIS)
# Who follows the group: keeps its charters and attendance, issues its attestations, signs
# for the labo (besides the coordinators).
FOLLOW_ROLES = _in_order(Role.PILOTE, Role.RESIDENT)
# The group as the carnet means it: the people in the room at the sessions (coordinators of
# La 27e Région are not part of it).
GROUP_ROLES = _in_order(*CERCLE_ROLES, *FOLLOW_ROLES)
# Who plans the sessions.
PLANNER_ROLES = _in_order(Role.RESIDENT)


class Discipline(models.TextChoices):
    DESIGN_SERVICE = "design_service", _("Design de service")
    DESIGN_INDUSTRIEL = "design_industriel", _("Design industriel")
    DESIGN_GRAPHIQUE = "design_graphique", _("Design graphique")
    COACHING = "coaching", _("Coaching")
    SOCIOLOGIE = "sociologie", _("Sociologie")
    POLITIQUES_URBAINES = "politiques_urbaines", _("Politiques urbaines")
    EDUCATION_POPULAIRE = "education_populaire", _("Éducation populaire")


class StatutSession(models.TextChoices):
    BROUILLON = "brouillon", _("Brouillon")
    PUBLIEE = "publiee", _("Publiée")
    REALISEE = "realisee", _("Réalisée")


class TypeBloc(models.TextChoices):
    """Kinds of block of a session's programme (vade-mecum: the sequences of a session)."""

    ATELIER = "atelier", _("Atelier pratique")
    DEBRIEFING = "debriefing", _("Débriefing")
    RETOUR_METHODO = "retour_methodo", _("Retour méthodo")
    LABO = "labo", _("Travail sur le labo")
    CALAGE = "calage", _("Réunion de calage")
    COLLECTIF = "collectif", _("Temps collectif")
    PAUSE = "pause", _("Pause")
    RESTITUTION = "restitution", _("Restitution")


# One symbol per kind of block, shown beside its name so kinds read in greyscale too.
BLOC_ICONS = {
    TypeBloc.ATELIER: "◆",
    TypeBloc.DEBRIEFING: "◎",
    TypeBloc.RETOUR_METHODO: "✎",
    TypeBloc.LABO: "⬢",
    TypeBloc.CALAGE: "⚙",
    TypeBloc.COLLECTIF: "☺",
    TypeBloc.PAUSE: "☕",
    TypeBloc.RESTITUTION: "★",
}


class FamilleMethode(models.TextChoices):
    ENQUETE = "enquete", _("Enquête")
    IDEATION = "ideation", _("Idéation")
    PROTOTYPAGE = "prototypage", _("Prototypage")
    TEST = "test", _("Test")
    REFLEXIVITE = "reflexivite", _("Réflexivité")
    COHESION = "cohesion", _("Cohésion")
    LABO = "labo", _("Co-construction du labo")
