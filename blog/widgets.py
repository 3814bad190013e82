"""The post's authors in the Wagtail editor: a list of checkboxes with a box that narrows it
as one types a name (static/js/auteurs.js); without JavaScript, the whole list still works."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _


class AuteursWidget(forms.CheckboxSelectMultiple):
    """Checkboxes of people, with a "type a name" box that hides those who do not match."""

    class Media:
        js = ["js/auteurs.js"]

    def render(self, name, value, attrs=None, renderer=None):
        checkboxes = super().render(name, value, attrs, renderer)
        list_id = (attrs or {}).get("id") or f"id_{name}"
        return format_html(
            '<div class="auteurs-widget" data-auteurs>'
            '<label for="{filter_id}">{label}</label> '
            '<input type="search" id="{filter_id}" data-auteurs-filtre="{list_id}" '
            'autocomplete="off" placeholder="{placeholder}">'
            '<p class="help" id="{filter_id}_compte" data-auteurs-compte aria-live="polite"></p>'
            "{checkboxes}</div>",
            filter_id=f"{list_id}_filtre",
            list_id=list_id,
            label=_("Trouver une personne"),
            placeholder=_("Tapez un nom"),
            checkboxes=checkboxes,
        )
