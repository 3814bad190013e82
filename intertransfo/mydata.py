"""Intertransfo's part of "mes données": registrations, propositions, chat'roulette.

On deletion the chat'roulette registration goes (no more pairings); registrations and
propositions stay (the event's figures and ateliers), under "Ancien·ne membre".
"""

from intertransfo.models import ChatRouletteInscription, Participant, Proposition, Rencontre
from transfo.mydata import register_personal_data


def export_intertransfo(user, files):
    return {
        "inscriptions": [
            {"intertransfo": str(p.intertransfo), "equipe": p.get_type_equipe_display()}
            for p in Participant.objects.filter(user=user).select_related("intertransfo")
        ],
        "propositions": [
            {"atelier": str(p.atelier), "texte": p.texte, "date": p.created_at}
            for p in Proposition.objects.filter(auteur=user).select_related("atelier")
        ],
        "chatroulette": {
            "inscrit_le": ChatRouletteInscription.objects.filter(user=user)
            .values_list("opted_in_at", flat=True)
            .first(),
            "rencontres": [
                {
                    "tour": str(r.tour),
                    "avec": [p.get_full_name() for p in r.personnes.all() if p.pk != user.pk],
                }
                for r in Rencontre.objects.filter(personnes=user)
                .select_related("tour")
                .prefetch_related("personnes")
            ],
        },
    }


def erase_intertransfo(user):
    ChatRouletteInscription.objects.filter(user=user).delete()


def register():
    register_personal_data("intertransfo", export_intertransfo, erase_intertransfo)
