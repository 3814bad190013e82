from django import template

from ambassadeurs.choices import Genre
from collectivites.choices import Role
from transfo.dates import french_date

register = template.Library()

LABELS = {"cercle": dict(Role.choices), "genre": dict(Genre.choices)}


@register.simple_tag
def cell(values, key):
    """A cell of the import preview: the cleaned value of a column, as the group reads it."""
    value = values.get(key, "")
    if hasattr(value, "year"):
        return french_date(value)
    if key in LABELS:
        return LABELS[key].get(value, value)
    return value if value is not None else ""
