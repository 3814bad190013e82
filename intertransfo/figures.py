"""The "infos clés" of a Transfo (seed 004's cards at the foire aux Transfos), computed from
the data in one place and in a constant number of queries, whatever the number of Transfos."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Min, Q

from cas_pratiques.choices import EtatPublication
from cas_pratiques.models import CasPratique
from collectivites.choices import Role, StatutSession
from collectivites.models import Bloc, Participation, Session


@dataclass
class InfosCles:
    transfo: object
    ambassadeurs: int = 0
    relais: int = 0
    sessions_realisees: int = 0
    depuis: date | None = None
    nb_cas: int = 0
    cas_publies: list = field(default_factory=list)
    methodes: list = field(default_factory=list)


def infos_cles(transfos):
    """{transfo.pk: InfosCles} for the given Transfos, in four queries:

    1. active ambassadeurs and relais per Transfo (memberships' roles);
    2. sessions réalisées per Transfo and the first day of the first one ("depuis juin 2016");
    3. the cas pratiques: how many, and the titles of the published ones (the foire is seen
       by members of every Transfo, who may read only the published cases of others);
    4. the distinct méthodes of the live blocks of the sessions réalisées.
    """
    transfos = list(transfos)
    ids = [t.pk for t in transfos]
    result = {t.pk: InfosCles(transfo=t, depuis=t.date_debut) for t in transfos}
    if not ids:
        return result

    roles = (
        Participation.objects.actives()
        .filter(transfo_id__in=ids)
        .values("transfo_id")
        .annotate(
            ambassadeurs=Count("pk", filter=Q(role=Role.AMBASSADEUR)),
            relais=Count("pk", filter=Q(role=Role.RELAIS)),
        )
        .order_by()
    )
    for row in roles:
        infos = result[row["transfo_id"]]
        infos.ambassadeurs, infos.relais = row["ambassadeurs"], row["relais"]

    sessions = (
        Session.objects.programmes()
        .filter(transfo_id__in=ids, statut=StatutSession.REALISEE)
        .values("transfo_id")
        .annotate(n=Count("pk", distinct=True), first_day=Min("jours__date"))
        .order_by()
    )
    for row in sessions:
        infos = result[row["transfo_id"]]
        infos.sessions_realisees = row["n"]
        infos.depuis = row["first_day"] or infos.depuis

    cas = (
        CasPratique.objects.filter(transfo_id__in=ids)
        .order_by("transfo_id", "numero", "pk")
        .values_list("transfo_id", "numero", "titre", "etat")
    )
    for transfo_id, numero, titre, etat in cas:
        result[transfo_id].nb_cas += 1
        if etat == EtatPublication.PUBLIE:
            result[transfo_id].cas_publies.append((numero, titre))

    methodes = (
        Bloc.objects.vivants()
        .filter(
            jour__session__transfo_id__in=ids,
            jour__session__statut=StatutSession.REALISEE,
            jour__session__est_modele=False,
            methode__isnull=False,
        )
        .values_list("jour__session__transfo_id", "methode__nom")
        .distinct()
        .order_by("jour__session__transfo_id", "methode__nom")
    )
    for transfo_id, nom in methodes:
        result[transfo_id].methodes.append(nom)
    return result
