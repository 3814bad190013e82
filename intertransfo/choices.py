from django.db import models
from django.utils.translation import gettext_lazy as _


class TypeEquipe(models.TextChoices):
    """The team a participant comes with (seed 004: "On se présente !")."""

    TRANSFO = "transfo", _("Transfo")
    REGION_27 = "27e", _("La 27e Région")
    INVITE = "invite", _("Invité·e")


LA_27E_REGION = _("La 27e Région")
