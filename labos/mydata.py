"""Labos' part of "mes données": reviews written, priorities held, exchanges recorded.

Nothing is erased: the labo's plan and figures are the group's; the scrubbed account shows
"Ancien·ne membre" where the person's name was.
"""

from labos.models import EchangeTemps, Priorite, Revue
from transfo.mydata import register_personal_data


def export_labos(user, files):
    return {
        "revues_ecrites": [
            {"type": r.get_type_display(), "texte": r.texte, "date": r.date or r.created_at}
            for r in Revue.objects.filter(auteur=user).order_by("created_at", "pk")
        ],
        "priorites_en_charge": [
            {"transfo": p.transfo.nom, "texte": p.texte, "echeance": p.echeance}
            for p in Priorite.objects.filter(responsable=user).select_related("transfo")
        ],
        "echanges_de_temps_saisis": [
            {"transfo": e.transfo.nom, "direction": e.direction, "heures": e.heures, "date": e.date}
            for e in EchangeTemps.objects.filter(created_by=user).select_related("transfo")
        ],
    }


def register():
    register_personal_data("labos", export_labos)
