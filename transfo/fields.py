"""Free text a person types: bounded, and refused whole rather than cut.

Every editable text field of the project's models is a `FreeTextField` (checked by
tests/transfo/test_free_text.py), and a form's free text is a `FreeTextFormField`: a text
longer than its bound is refused with Django's message in French, and the page gives the
text back whole. There is no `maxlength` attribute: a browser cuts a pasted text at it
without a word (GOV.UK's character count does the same); `data-max-length` tells the page
the bound instead. The bounds are far above what the programme's documents hold (the
longest demo text is 4,140 characters).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

NOTE = 2_000  # a reason, a short comment
TEXT = 20_000  # what a person writes: a carnet entry, an answer, a description
DOCUMENT = 100_000  # a whole document: a charter, a synthèse, a section of the labo


class TextLengthValidator(MaxLengthValidator):
    """Says how long the text is and may be, in French, with grouped digits."""

    message = _(
        "Ce texte compte %(length)s caractères, pour %(limit)s au plus : raccourcissez-le "
        "(il vous est rendu en entier ci-dessous)."
    )

    def __call__(self, value):
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "length": number_format(length, force_grouping=True),
                    "limit": number_format(self.limit_value, force_grouping=True),
                },
            )


class FreeTextFormField(forms.CharField):
    widget = forms.Textarea

    def __init__(self, *, max_length=TEXT, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [
            TextLengthValidator(max_length) if isinstance(v, MaxLengthValidator) else v
            for v in self.validators
        ]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-max-length"] = str(self.max_length)
        return attrs


class FreeTextField(models.TextField):
    def __init__(self, *args, max_length=TEXT, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": FreeTextFormField, **kwargs})
