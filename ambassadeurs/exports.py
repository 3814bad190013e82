"""Export of the group of a Transfo (CSV, XLSX): the columns depend on who exports.

Everyone in the group gets the names, cercle, direction, service, métier, rôles and
passions; the pilote, the résident·es and coordinators also the e-mails, catégorie, N+1 and
dates; only the pilote the genre. The headers are the import's, so an export can be
corrected and imported again.
"""

import tablib
from django.utils import formats

from ambassadeurs.imports import HEADERS

BASIC = ["nom", "cercle", "direction", "service", "metier", "roles", "passions"]
DETAILS = ["email", "categorie", "n1_nom", "n1_email", "date_entree"]
GENRE = ["genre"]
EXIT = [("date_sortie", "Date de sortie"), ("raison_sortie", "Raison de la sortie")]
ORDER = list(HEADERS)


def _date(value):
    return formats.date_format(value, "d/m/Y") if value else ""


def _values(participation):
    profile = getattr(participation, "profil", None)

    def get(name):
        return getattr(profile, name) if profile is not None else ""

    return {
        "nom": participation.user.get_full_name(),
        "email": participation.user.email,
        "cercle": participation.get_role_display(),
        "direction": get("direction"),
        "service": get("service"),
        "metier": get("metier"),
        "categorie": get("categorie"),
        "genre": profile.get_genre_display() if profile is not None and profile.genre else "",
        "n1_nom": get("n1_nom"),
        "n1_email": get("n1_email"),
        "roles": get("roles"),
        "passions": get("passions"),
        "date_entree": _date(participation.date_entree),
        "date_sortie": _date(participation.date_sortie),
        "raison_sortie": get("raison_sortie"),
    }


def group_dataset(participations, *, details, genres):
    """The participations (with `user` and `profil` selected) as a table for the reader."""
    keys = set(BASIC) | (set(DETAILS) if details else set()) | (set(GENRE) if genres else set())
    columns = [(key, HEADERS[key]) for key in ORDER if key in keys]
    if details:
        columns += EXIT
    dataset = tablib.Dataset(headers=[header for _key, header in columns])
    for participation in participations:
        values = _values(participation)
        dataset.append([values[key] for key, _header in columns])
    return dataset
