from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeEquipe(models.TextChoices):
    """The team a participant comes with (seed 004: "On se présente !")."""

    TRANSFO = "transfo", _("Transfo")
    REGION_27 = "27e", _("La 27e Région")
    INVITE = "invite", _("Invité·e")


LA_27E_REGION = _("La 27e Région")


class Niveau(models.TextChoices):
    """A protocol indicator's level on the coordinators' dashboard (intertransfo.indicateurs)."""

    VERT = "vert", _("conforme")
    ORANGE = "orange", _("à surveiller")
    ROUGE = "rouge", _("hors protocole")
    SANS_OBJET = "sans_objet", _("sans objet")


# A symbol beside each level's word, so that levels read without colour (RGAA).
NIVEAU_ICONES = {
    Niveau.VERT: "✔",
    Niveau.ORANGE: "⚠",
    Niveau.ROUGE: "✖",
    Niveau.SANS_OBJET: "–",
}
