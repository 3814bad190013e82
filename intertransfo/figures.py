"""The "infos clés" of a Transfo (seed 004's cards at the foire aux Transfos), computed from
the data in one place and in a constant number of queries, whatever the number of Transfos."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Func, OuterRef, Subquery
from django.db.models.functions import Coalesce

from cas_pratiques.choices import EtatPublication
from cas_pratiques.models import CasPratique
from collectivites.choices import Role, StatutSession
from collectivites.models import Bloc, Jour, Participation, Session, Transfo


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


def count_of(queryset):
    """SQL: how many rows a queryset filtered on an OuterRef has (0 for none), as a value of
    the outer row."""
    return Coalesce(
        Subquery(queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n")), 0
    )


def infos_cles_figures():
    """SQL of the counted infos clés, to annotate a Transfo queryset with (for many Transfos
    in one query): active ambassadeurs and relais (memberships' roles), sessions réalisées and
    the first day of the first one ("depuis juin 2016"), cas pratiques."""
    actives = Participation.objects.actives().filter(transfo=OuterRef("pk"))
    realisees = Session.objects.programmes().filter(
        transfo=OuterRef("pk"), statut=StatutSession.REALISEE
    )
    first_day = (
        Jour.objects.filter(
            session__transfo=OuterRef("pk"),
            session__est_modele=False,
            session__statut=StatutSession.REALISEE,
            date__isnull=False,
        )
        .order_by("date")
        .values("date")[:1]
    )
    return {
        "ambassadeurs": count_of(actives.filter(role=Role.AMBASSADEUR)),
        "relais": count_of(actives.filter(role=Role.RELAIS)),
        "sessions_realisees": count_of(realisees),
        "premier_jour": Subquery(first_day),
        "nb_cas": count_of(CasPratique.objects.filter(transfo=OuterRef("pk"))),
    }


def infos_from(transfo, figures):
    """The InfosCles of a Transfo from its `infos_cles_figures` values, without the titles of
    the published cases and the méthodes."""
    return InfosCles(
        transfo=transfo,
        ambassadeurs=figures["ambassadeurs"],
        relais=figures["relais"],
        sessions_realisees=figures["sessions_realisees"],
        depuis=figures["premier_jour"] or transfo.date_debut,
        nb_cas=figures["nb_cas"],
    )


def infos_cles(transfos):
    """{transfo.pk: InfosCles} for the given Transfos, in three queries:

    1. the counted figures (`infos_cles_figures`);
    2. the titles of the published cas pratiques (the foire is seen by members of every
       Transfo, who may read only the published cases of others);
    3. the distinct méthodes of the live blocks of the sessions réalisées.
    """
    transfos = list(transfos)
    ids = [t.pk for t in transfos]
    if not ids:
        return {}
    figures = {
        row["pk"]: row
        for row in Transfo.objects.filter(pk__in=ids)
        .values("pk")
        .annotate(**infos_cles_figures())
        .order_by()
    }
    result = {t.pk: infos_from(t, figures[t.pk]) for t in transfos}

    cas = (
        CasPratique.objects.filter(transfo_id__in=ids, etat=EtatPublication.PUBLIE)
        .order_by("transfo_id", "numero", "pk")
        .values_list("transfo_id", "numero", "titre")
    )
    for transfo_id, numero, titre in cas:
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
