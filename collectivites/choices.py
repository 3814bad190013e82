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


class Discipline(models.TextChoices):
    DESIGN_SERVICE = "design_service", _("Design de service")
    DESIGN_INDUSTRIEL = "design_industriel", _("Design industriel")
    DESIGN_GRAPHIQUE = "design_graphique", _("Design graphique")
    COACHING = "coaching", _("Coaching")
    SOCIOLOGIE = "sociologie", _("Sociologie")
    POLITIQUES_URBAINES = "politiques_urbaines", _("Politiques urbaines")
    EDUCATION_POPULAIRE = "education_populaire", _("Éducation populaire")
