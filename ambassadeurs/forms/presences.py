"""The météo form of a session day."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import NoteMeteo
from ambassadeurs.models import jour_saisissable
from transfo.dates import french_date


class MeteoForm(forms.Form):
    note = forms.TypedChoiceField(
        label=_("Météo"),
        coerce=int,
        choices=[("", _("— Non relevée —")), *NoteMeteo.choices],
        required=False,
    )
    mot = forms.CharField(label=_("Un mot"), max_length=60, required=False)

    def __init__(self, *args, jour=None, **kwargs):
        """`jour`: the day of a person's own météo, refused until the day has come."""
        super().__init__(*args, **kwargs)
        self.jour = jour

    def clean(self):
        data = super().clean()
        if data.get("mot") and not data.get("note"):
            self.add_error("note", _("Choisissez la météo qui accompagne ce mot."))
        if (
            self.jour is not None
            and not jour_saisissable(self.jour)
            and (data.get("note") or data.get("mot"))
        ):
            if self.jour.date is None:
                message = _(
                    "La date de ce jour n'est pas encore fixée : vous pourrez donner sa météo "
                    "une fois le jour venu."
                )
            else:
                message = _(
                    "Ce jour n'a pas encore eu lieu : vous pourrez donner sa météo à partir du "
                    "%(date)s."
                ) % {"date": french_date(self.jour.date)}
            self.add_error("note", message)
        return data
