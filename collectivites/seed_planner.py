"""Demo data of the planner: the toolbox of the seeds and the Transfo Strasbourg's sessions.

Session #9 (27–28 June 2019) follows the blog post of seed 003 day by day; the other
sessions follow the Transfo's path as seeds 000 and 001 tell it (cas pratiques, the first
session on the future labo in January 2019 with the Fabrique de l'hospitalité, the creative
phase of May 2019, the devoirs de vacances).

The records are in collectivites/data/: methodes.toml, session_9.toml and
sessions_strasbourg.toml, whose days the standard programme frames (`standard_days`).
"""

from datetime import time

from collectivites.choices import FamilleMethode, Role, StatutSession
from collectivites.choices import TypeBloc as T
from collectivites.models import Bloc, Jour, Methode, MethodeRole, Participation, Session
from transfo import seeddata
from transfo.seeddata import REQUIRED, records

BLOC = {"type": REQUIRED, "titre": REQUIRED, "duree": REQUIRED, "methode": None, "description": ""}

METHODES = seeddata.load(
    "collectivites",
    "methodes",
    {
        "methodes": records(
            {
                "slug": REQUIRED,
                "nom": REQUIRED,
                "famille": REQUIRED,
                "objectif": REQUIRED,
                "etapes": REQUIRED,
                "duree_typique": REQUIRED,
                "taille_groupe": REQUIRED,
                "materiel": REQUIRED,
                "source": REQUIRED,
                "roles": records(
                    {"nom": REQUIRED, "mission": REQUIRED, "posture": REQUIRED, "outils": REQUIRED}
                ),
            }
        )
    },
)["methodes"]

SESSION_9 = seeddata.load(
    "collectivites",
    "session_9",
    {
        "numero": REQUIRED,
        "titre": REQUIRED,
        "lieu": REQUIRED,
        "objectifs": REQUIRED,
        "debut": REQUIRED,
        "jours": records({"titre": REQUIRED, "heure_debut": REQUIRED, "blocs": records(BLOC)}),
    },
)

STRASBOURG_SESSIONS = seeddata.load(
    "collectivites",
    "sessions_strasbourg",
    {
        "sessions": records(
            {
                "numero": REQUIRED,
                "titre": REQUIRED,
                "debut": REQUIRED,
                "jours": records({"titre": REQUIRED, "blocs": records(BLOC)}),
            }
        )
    },
)["sessions"]


def standard_bloc(kind, titre, duree, methode=None):
    return {"type": kind, "titre": titre, "duree": duree, "methode": methode, "description": ""}


def standard_days(jours):
    """The standard two-day programme around each day's own blocks: a day of practice, a day
    of practice and method."""
    first, second = jours
    return [
        {
            "titre": first["titre"],
            "heure_debut": time(9, 30),
            "blocs": [
                standard_bloc(T.COLLECTIF, "Accueil et météo du groupe", 15, "meteo-du-groupe"),
                *first["blocs"],
                standard_bloc(T.PAUSE, "Déjeuner", 60),
                standard_bloc(T.DEBRIEFING, "Débriefing de la journée", 45),
            ],
        },
        {
            "titre": second["titre"],
            "heure_debut": time(9, 0),
            "blocs": [
                standard_bloc(T.COLLECTIF, "Météo du groupe", 15, "meteo-du-groupe"),
                *second["blocs"],
                standard_bloc(T.PAUSE, "Déjeuner", 60),
                standard_bloc(T.RETOUR_METHODO, "Retour méthodo", 45),
                standard_bloc(T.COLLECTIF, "Clôture", 15),
            ],
        },
    ]


def run_planner(*, transfos, log):
    methodes = seed_methodes()
    strasbourg = transfos["strasbourg"]
    residents = list(
        Participation.objects.filter(transfo=strasbourg, role=Role.RESIDENT)
        .select_related("user")
        .order_by("user__full_name")
    )
    specs = [
        {
            **session,
            "lieu": "Eurométropole de Strasbourg",
            "objectifs": "",
            "jours": standard_days(session["jours"]),
        }
        for session in STRASBOURG_SESSIONS
    ] + [SESSION_9]
    for spec in specs:
        seed_session(strasbourg, spec, methodes, [p.user for p in residents])
    log(f"  {len(methodes)} méthodes, {len(specs)} sessions de la Transfo Strasbourg")


def seed_methodes():
    methodes = {}
    for spec in METHODES:
        data = {k: v for k, v in spec.items() if k not in {"slug", "roles"}}
        data["famille"] = FamilleMethode(data["famille"])
        methode, _ = Methode.objects.update_or_create(slug=spec["slug"], defaults=data)
        for order, role in enumerate(spec["roles"]):
            MethodeRole.objects.update_or_create(
                methode=methode,
                nom=role["nom"],
                defaults={
                    "sort_order": order,
                    "mission": role["mission"],
                    "posture": role["posture"],
                    "outils": role["outils"],
                },
            )
        methodes[spec["slug"]] = methode
    return methodes


def seed_session(transfo, spec, methodes, residents):
    from datetime import timedelta

    session, _ = Session.objects.update_or_create(
        transfo=transfo,
        numero=spec["numero"],
        defaults={
            "titre": spec["titre"],
            "lieu": spec["lieu"],
            "objectifs": spec["objectifs"],
            "statut": StatutSession.REALISEE,
            "est_modele": False,
        },
    )
    for position, jour in enumerate(spec["jours"]):
        day, _ = Jour.objects.update_or_create(
            session=session,
            position=position,
            defaults={
                "titre": jour["titre"],
                "date": spec["debut"] + timedelta(days=position),
                "heure_debut": jour["heure_debut"],
            },
        )
        for order, block in enumerate(jour["blocs"]):
            kind = T(block["type"])
            bloc, _ = Bloc.objects.update_or_create(
                jour=day,
                position=order,
                defaults={
                    "type": kind,
                    "titre": block["titre"],
                    "duree": block["duree"],
                    "methode": methodes.get(block["methode"]) if block["methode"] else None,
                    "description": block["description"],
                    "supprime_le": None,
                },
            )
            if residents and kind not in {T.PAUSE}:
                bloc.animateurs.set([residents[order % len(residents)]])
        Bloc.objects.filter(jour=day, position__gte=len(jour["blocs"])).delete()
    session.jours.filter(position__gte=len(spec["jours"])).delete()
    return session
