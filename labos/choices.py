from django.db import models
from django.utils.translation import gettext_lazy as _


class CleSection(models.TextChoices):
    """The sections of a plan du labo, in the order the plan reads."""

    MISSION = "mission", _("Mission et offre de service")
    GOUVERNANCE = "gouvernance", _("Gouvernance et rattachement")
    EQUIPE = "equipe", _("Équipe et contributeurs")
    LIEU = "lieu", _("Lieu")
    OUTILLAGE = "outillage", _("Outillage")
    BUDGET = "budget", _("Budget")
    RECIT = "recit", _("Récit (le pitch)")
    QUESTIONS = "questions", _("Questions ouvertes")


class TypeRevue(models.TextChoices):
    """What others say of a labo (Intertransfo de Dunkerque, seed 002)."""

    INSPIRANT = "inspirant", _("Le + inspirant")
    RISQUE = "risque", _("Le + risqué")
    QUESTION = "question", _("La question en suspens")


class StatutPriorite(models.TextChoices):
    A_FAIRE = "a_faire", _("À faire")
    EN_COURS = "en_cours", _("En cours")
    FAIT = "fait", _("Fait")


class TypeActeur(models.TextChoices):
    SERVICE_INTERNE = "service_interne", _("Service interne")
    DIRECTION = "direction", _("Direction")
    ELU = "elu", _("Élu·e")
    ASSOCIATION = "association", _("Association")
    ECOLE = "ecole", _("École / université")
    ENTREPRISE = "entreprise", _("Entreprise")
    TIERS_LIEU = "tiers_lieu", _("Tiers-lieu")
    AUTRE_LABO = "autre_labo", _("Autre labo")
    RESEAU = "reseau", _("Réseau national")
    AUTRE = "autre", _("Autre")


class Perimetre(models.TextChoices):
    INTERNE = "interne", _("Interne")
    EXTERNE = "externe", _("Externe")


class Relation(models.TextChoices):
    """The actor's relation to the labo (seed 000: alliés, complices, concurrents...)."""

    ALLIE = "allie", _("Allié")
    COMPLICE = "complice", _("Complice")
    PARTENAIRE_POTENTIEL = "partenaire_potentiel", _("Partenaire potentiel")
    CONCURRENT = "concurrent", _("Perçu comme concurrent")
    A_RENCONTRER = "a_rencontrer", _("À rencontrer")


# Shape of each relation on the map, so that it reads in greyscale too.
RELATION_SHAPES = {
    Relation.ALLIE: "cercle",
    Relation.COMPLICE: "carre",
    Relation.PARTENAIRE_POTENTIEL: "losange",
    Relation.CONCURRENT: "triangle",
    Relation.A_RENCONTRER: "anneau",
}


class SensEchange(models.TextChoices):
    """Who gave hours in an entry of the banque de temps."""

    DONNE = "donne", _("Heures données par le labo")
    RENDU = "rendu", _("Heures rendues par la direction")


class TriActeur(models.TextChoices):
    NOM = "nom", _("Nom")
    TYPE = "type", _("Type")
    PERIMETRE = "perimetre", _("Interne ou externe")
    RELATION = "relation", _("Relation")
