"""The house's date and time filters (transfo.dates), built into every template
(settings.TEMPLATES "builtins"): `{{ jour.date|fr_date }}`, `{{ jour.date|fr_date:"weekday" }}`,
`{{ bloc.debut|fr_time }}`, `{{ entree.created_at|fr_datetime }}`."""

from django import template

from transfo.dates import french_date, french_datetime, french_time

register = template.Library()


@register.filter(expects_localtime=True)
def fr_date(value, style="long"):
    return french_date(value, style)


@register.filter(expects_localtime=True)
def fr_time(value):
    return french_time(value)


@register.filter(expects_localtime=True)
def fr_datetime(value):
    return french_datetime(value)
