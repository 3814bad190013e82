from django.db import models
from django.utils.translation import gettext_lazy as _


class ModeSaisine(models.TextChoices):
    """How the Transfo was seized of the case (retex, seed 001)."""

    APPEL_A_CAS = "appel_a_cas", _("Appel à cas")
    COMMANDE_DECIDEUR = "commande_decideur", _("Commande d'un décideur")
    COMMANDE_DIRECTION = "commande_direction", _("Commande d'une direction")
    AUTOSAISINE = "autosaisine", _("Autosaisine")


class TypeSujet(models.TextChoices):
    PROJET_NUMERIQUE = "projet_numerique", _("Projet numérique")
    ORGANISATION_INTERNE = "organisation_interne", _("Organisation interne")
    INNOVATION_SERVICE = "innovation_service", _("Innovation de service")
    DEMARCHE_ADMINISTRATIVE = "demarche_administrative", _("Démarche administrative")
    ESPACE_PUBLIC = "espace_public", _("Espace public")


class Finalite(models.TextChoices):
    RECOURS_DISPOSITIF = "recours_dispositif", _("Améliorer le recours à un dispositif")
    NOUVEAU_SERVICE = "nouveau_service", _("Développer un nouveau service")
    CONNAISSANCE_USAGES = "connaissance_usages", _("Nourrir la connaissance des usages")
    VISION_PARTAGEE = "vision_partagee", _("Construire une vision partagée")


class ModeIntervention(models.TextChoices):
    IMMERSION = "immersion", _("Immersion de terrain")
    PROTOTYPAGE = "prototypage", _("Prototypage et test")
    DEBOGAGE = "debogage", _("Ateliers de débogage")
    CARTOGRAPHIE = "cartographie", _("Cartographie de processus")


class StatutCas(models.TextChoices):
    """Where the work on the case stands."""

    CADRAGE = "cadrage", _("Cadrage")
    EN_COURS = "en_cours", _("En cours")
    TERMINE = "termine", _("Terminé")
    SUITES = "suites", _("Suites en cours")


class EtatPublication(models.TextChoices):
    """Where the case stands on its way to the public vitrine."""

    BROUILLON = "brouillon", _("Brouillon")
    A_RELIRE = "a_relire", _("À relire")
    PUBLIE = "publie", _("Publié")


class TypeLivrable(models.TextChoices):
    PDF = "pdf", _("PDF")
    IMAGE = "image", _("Image")
    PRESENTATION = "presentation", _("Présentation")
    DOCUMENT = "document", _("Document")
    TABLEUR = "tableur", _("Tableur")


class Tri(models.TextChoices):
    RECENTS = "recents", _("Les plus récents")
    ALPHABETIQUE = "alphabetique", _("Ordre alphabétique")
    PERTINENCE = "pertinence", _("Pertinence")


class Viabilite(models.IntegerChoices):
    """How viable the team judges its idea, the scale printed on the fiche idée (seed 004)."""

    FAIBLE = 1, _("Faible")
    MOYENNE = 2, _("Moyenne")
    FORTE = 3, _("Forte")
