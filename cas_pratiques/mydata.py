"""Cas pratiques' part of "mes données": the person's roles in immersions and what they wrote.

Nothing is erased: this is the group's shared work; the scrubbed account shows
"Ancien·ne membre" where the person's name was.
"""

from cas_pratiques.models import CasPratique, FicheIdee, Immersion
from transfo.mydata import register_personal_data


def export_cas(user, files):
    return {
        "immersions": [
            {
                "cas": i.cas.titre,
                "lieu": i.lieu,
                "date": i.date,
                "roles": [role for role in Immersion.ROLES if getattr(i, f"{role}_id") == user.pk],
            }
            for i in (
                Immersion.objects.filter(journaliste=user)
                | Immersion.objects.filter(observateur=user)
                | Immersion.objects.filter(photographe=user)
            )
            .distinct()
            .select_related("cas")
            .order_by("date", "pk")
        ],
        "fiches_idees_creees": [
            {"cas": f.cas.titre, "nom": f.nom, "schema": files.add(f.schema, "fiches-idees")}
            for f in FicheIdee.objects.filter(created_by=user).select_related("cas").order_by("pk")
        ],
        "cas_crees": list(
            CasPratique.objects.filter(created_by=user)
            .order_by("pk")
            .values_list("titre", flat=True)
        ),
    }


def register():
    register_personal_data("cas_pratiques", export_cas)
