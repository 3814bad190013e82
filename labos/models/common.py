"""What the labo's models share: the queryset of a labo's rows, as its readers see them."""

from django.db import models

from collectivites.models import is_coordinateur, roles_of


def full_name(user):
    return user.get_full_name() if user is not None else ""


class StaleSection(Exception):
    """A section was saved from a page showing an older text than the stored one."""


class ForTransfoQuerySet(models.QuerySet):
    """Rows of a labo, listed for the people who may see that labo (`labos.rules`)."""

    transfo_path = "transfo"

    def for_user(self, user):
        if is_coordinateur(user):
            return self.all()
        return self.filter(**{f"{self.transfo_path}__in": list(roles_of(user))})
