from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibilite(models.TextChoices):
    """Who may read a carnet entry besides its author."""

    PRIVE = "prive", _("Privé")
    RESIDENTS = "residents", _("Partagé avec les résident·es")
    GROUPE = "groupe", _("Partagé avec le groupe")


# What each visibility means, said on the forms next to the radio buttons.
VISIBILITE_EXPLICATIONS = {
    Visibilite.PRIVE: _("Vous seul·e pouvez la lire. Personne d'autre, coordination comprise."),
    Visibilite.RESIDENTS: _(
        "Vous et les résident·es de la Transfo (designers, sociologues, coachs qui animent "
        "les sessions)."
    ),
    Visibilite.GROUPE: _(
        "Vous et le groupe de la Transfo : ambassadeur·rices, relais, résident·es et pilote "
        "interne. Pas la coordination de La 27e Région."
    ),
}


class Humeur(models.TextChoices):
    """A small weather scale, like the group's météo of the sessions."""

    ORAGE = "orage", _("Orageux")
    PLUIE = "pluie", _("Pluvieux")
    NUAGES = "nuages", _("Nuageux")
    ECLAIRCIES = "eclaircies", _("Éclaircies")
    SOLEIL = "soleil", _("Ensoleillé")


HUMEUR_ICONES = {
    Humeur.ORAGE: "⛈",
    Humeur.PLUIE: "🌧",
    Humeur.NUAGES: "☁",
    Humeur.ECLAIRCIES: "⛅",
    Humeur.SOLEIL: "☀",
}


class TypePiece(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Capsule vidéo")


class Categorie(models.TextChoices):
    """The civil service's categories (A: cadres, B: techniciens, C: exécution)."""

    A = "A", _("Catégorie A")
    B = "B", _("Catégorie B")
    C = "C", _("Catégorie C")


class Genre(models.TextChoices):
    """Asked only for the group's parity statistics (seed 001: an imbalanced group)."""

    FEMME = "femme", _("Femme")
    HOMME = "homme", _("Homme")
    AUTRE = "autre", _("Autre ou ne se reconnaît pas dans ces termes")


class StatutMembre(models.TextChoices):
    """Which members of the group a list shows."""

    ACTIFS = "actifs", _("Membres actifs")
    SORTIS = "sortis", _("Sorti·es du groupe")
    TOUS = "tous", _("Tout l'historique")


class PartieCharte(models.TextChoices):
    """The three parties of the charte d'engagement tripartite (seed 002)."""

    AMBASSADEUR = "ambassadeur", _("L'ambassadeur·rice")
    N1 = "n1", _("Le ou la N+1")
    LABO = "labo", _("Le labo (pilote ou résident·e)")


class ActionLienN1(models.TextChoices):
    """What a one-time link mailed to an N+1 lets them do."""

    SIGNER = "signer", _("Signer la charte")
    DENONCER = "denoncer", _("Dénoncer la charte")


class MomentMeteo(models.TextChoices):
    """When the météo of a session day is taken."""

    OUVERTURE = "ouverture", _("Ouverture")
    CLOTURE = "cloture", _("Clôture")


class NoteMeteo(models.IntegerChoices):
    """The météo scale, from storm (1) to sun (5)."""

    ORAGE = 1, _("1 — Orageux")
    PLUIE = 2, _("2 — Pluvieux")
    NUAGES = 3, _("3 — Nuageux")
    ECLAIRCIES = 4, _("4 — Éclaircies")
    SOLEIL = 5, _("5 — Ensoleillé")


class TypeBilan(models.TextChoices):
    """Whether each ambassadeur answers for themself or the group answers together."""

    PERSONNEL = "personnel", _("Bilan personnel")
    COLLECTIF = "collectif", _("Bilan collectif")


class JalonBilan(models.TextChoices):
    """The milestone of the programme a bilan looks back on."""

    CAS_PRATIQUE = "cas_pratique", _("Après un cas pratique")
    MI_PARCOURS = "mi_parcours", _("Mi-parcours")
    FIN = "fin", _("Fin de la Transfo")


class StatutBilan(models.TextChoices):
    """Where a person's personal bilan stands."""

    BROUILLON = "brouillon", _("Brouillon")
    DEPOSE = "depose", _("Déposé")


# What each visibility means for a personal bilan, said next to the radio buttons.
BILAN_VISIBILITE_EXPLICATIONS = {
    Visibilite.PRIVE: _("Vous seul·e pouvez le lire. Personne d'autre, coordination comprise."),
    Visibilite.RESIDENTS: _("Vous et les résident·es de la Transfo, une fois votre bilan déposé."),
    Visibilite.GROUPE: _(
        "Vous et le groupe de la Transfo (ambassadeur·rices, relais, résident·es et pilote "
        "interne), une fois votre bilan déposé. Pas la coordination de La 27e Région."
    ),
}
