from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _


class MemberPostForm(forms.Form):
    """A post written by a member in their Transfo's private section (no Wagtail needed)."""

    titre = forms.CharField(label=_("Titre"), max_length=200)
    chapo = forms.CharField(
        label=_("En une phrase"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    texte = forms.CharField(
        label=_("Texte"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Séparez les paragraphes par une ligne vide."),
    )

    def body(self):
        """The text as StreamField paragraphs, escaped (members write plain text)."""
        paragraphs = [p.strip() for p in self.cleaned_data["texte"].split("\n\n") if p.strip()]
        return [
            ("paragraph", "<p>" + escape(paragraph).replace("\n", "<br>") + "</p>")
            for paragraph in paragraphs
        ]
