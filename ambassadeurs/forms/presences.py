"""The météo form of a session day."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import NoteMeteo


class MeteoForm(forms.Form):
    note = forms.TypedChoiceField(
        label=_("Météo"),
        coerce=int,
        choices=[("", _("— Non relevée —")), *NoteMeteo.choices],
        required=False,
    )
    mot = forms.CharField(label=_("Un mot"), max_length=60, required=False)

    def clean(self):
        data = super().clean()
        if data.get("mot") and not data.get("note"):
            self.add_error("note", _("Choisissez la météo qui accompagne ce mot."))
        return data
