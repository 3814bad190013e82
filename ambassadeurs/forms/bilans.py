"""Forms of the bilans: a campaign, a personal bilan's answers, its visibility, a shared answer."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import JalonBilan, Visibilite
from ambassadeurs.models import MAX_QUESTIONS, QUESTION_MAX_LENGTH, Bilan
from transfo.fields import FreeTextFormField

ANSWER_MAX_LENGTH = 20_000
# "1. ", "2) ", "- ", "* " at the start of a line: list markers, not part of the question.
LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-*•])\s+")


class BilanForm(forms.ModelForm):
    """A bilan campaign; its guiding questions are one per line, fixed once someone answered."""

    questions = FreeTextFormField(
        label=_("Questions guides"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Une question par ligne, dans l'ordre où elles seront posées (%(max)s au plus). "
            "Elles ne peuvent plus changer dès que quelqu'un a commencé à répondre."
        )
        % {"max": MAX_QUESTIONS},
    )

    class Meta:
        model = Bilan
        fields = ["titre", "type", "jalon", "cas_pratique", "ouverture", "cloture"]
        widgets = {
            "type": forms.RadioSelect,
            "jalon": forms.RadioSelect,
            "ouverture": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "cloture": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.transfo = transfo
        self.fields["cas_pratique"].queryset = transfo.cas_pratiques.order_by("numero")
        self.fields["cas_pratique"].empty_label = _("— Aucun —")
        self.locked = self.instance.has_answers()
        if self.instance.pk and "questions" not in self.initial:
            self.initial["questions"] = "\n".join(q.texte for q in self.instance.questions.all())
        if self.locked:
            for name in ("questions", "type"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _(
                    "Des réponses ont déjà été écrites : ce champ ne peut plus changer."
                )

    def clean_questions(self):
        lines = [
            LIST_MARKER.sub("", line).strip()
            for line in self.cleaned_data["questions"].splitlines()
        ]
        questions = [line for line in lines if line]
        if not questions:
            raise forms.ValidationError(_("Posez au moins une question."))
        if len(questions) > MAX_QUESTIONS:
            raise forms.ValidationError(
                _("%(n)s questions : c'est %(max)s au plus.")
                % {"n": len(questions), "max": MAX_QUESTIONS}
            )
        too_long = [i for i, q in enumerate(questions, start=1) if len(q) > QUESTION_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("La question n°%(n)s dépasse %(max)s caractères : raccourcissez-la.")
                % {"n": too_long[0], "max": QUESTION_MAX_LENGTH}
            )
        return questions

    def clean(self):
        data = super().clean()
        if data.get("jalon") == JalonBilan.CAS_PRATIQUE:
            if not data.get("cas_pratique"):
                self.add_error(
                    "cas_pratique", _("Choisissez le cas pratique sur lequel porte ce bilan.")
                )
        else:
            data["cas_pratique"] = None
        ouverture, cloture = data.get("ouverture"), data.get("cloture")
        if ouverture and cloture and cloture < ouverture:
            self.add_error("cloture", _("La clôture ne peut pas précéder l'ouverture."))
        return data

    def save(self, commit=True):
        bilan = super().save(commit=commit)
        if commit and not self.locked:
            bilan.set_questions(self.cleaned_data["questions"])
        return bilan


class ReponsesBilanForm(forms.Form):
    """A person's answers to the questions of a personal bilan: one text per question.

    Saving a draft accepts blanks; handing in (`deposer`) asks for every answer.
    """

    def __init__(self, *args, questions, deposer=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        self.deposer = deposer
        for index, question in enumerate(self.questions, start=1):
            self.fields[self.field_name(question)] = FreeTextFormField(
                label=_("%(n)s. %(question)s") % {"n": index, "question": question.texte},
                required=False,
                max_length=ANSWER_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6}),
            )

    @staticmethod
    def field_name(question):
        return f"question_{question.pk}"

    def clean(self):
        data = super().clean()
        if self.deposer:
            for question in self.questions:
                name = self.field_name(question)
                if name in data and not data[name].strip():
                    self.add_error(
                        name,
                        _(
                            "Répondez à cette question avant de déposer votre bilan (quelques "
                            "mots suffisent, ou « sans objet »)."
                        ),
                    )
        return data

    def textes(self):
        """{question_id: text} of the cleaned answers."""
        return {q.pk: self.cleaned_data[self.field_name(q)] for q in self.questions}


class VisibiliteBilanForm(forms.Form):
    visibilite = forms.ChoiceField(
        label=_("Qui peut lire mon bilan ?"),
        choices=Visibilite.choices,
        widget=forms.RadioSelect,
    )


class ReponseCollectiveForm(forms.Form):
    """The group's answer to one question, with the version the page showed (conflicts)."""

    texte = FreeTextFormField(
        label=_("Réponse du groupe"),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["texte"].label = label
