"""Demo data of this app: the Transfos of the seeds, their collectivités, the demo accounts.

Sources: seed 004 (Intertransfo n°1: Mulhouse since June 2016, Paris since November 2016,
Dunkerque, Occitanie), seed 002 (Dunkerque, January 2018), seed 000 (Strasbourg, Lille,
Metz, Mulhouse in 2019, PACA's experience of the transition to a labo), seed 001 (the
retex, May 2020) and seed 003 (Transfo Strasbourg, session #9, June 2019).

The records are in collectivites/data/: collectivites.toml, transfos.toml, comptes.toml
(and, for the sessions, those of seed_planner.py and seed_autres.py).
"""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from collectivites import seed_autres
from collectivites.choices import (
    Discipline,
    Role,
    StatutSession,
    StatutTransfo,
    TypeBloc,
    TypeCollectivite,
)
from collectivites.groups import sync_groups
from collectivites.models import (
    Bloc,
    Collectivite,
    Jour,
    Methode,
    Participation,
    Session,
    Transfo,
)
from collectivites.seed_planner import run_planner
from transfo import seeddata
from transfo.seeddata import REQUIRED, records

DEMO_PASSWORD = "transfo-demo"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

COLLECTIVITES = seeddata.load(
    "collectivites",
    "collectivites",
    {
        "collectivites": records(
            {
                "slug": REQUIRED,
                "nom": REQUIRED,
                "type": REQUIRED,
                "region": REQUIRED,
                "latitude": REQUIRED,
                "longitude": REQUIRED,
            }
        )
    },
)["collectivites"]
TRANSFOS = seeddata.load(
    "collectivites",
    "transfos",
    {
        "transfos": records(
            {
                "slug": REQUIRED,
                "collectivite": REQUIRED,
                "nom": REQUIRED,
                "debut": REQUIRED,
                "fin": REQUIRED,
                "description": REQUIRED,
            }
        )
    },
)["transfos"]
ACCOUNTS = seeddata.load(
    "collectivites",
    "comptes",
    {
        "comptes": records(
            {
                "email": REQUIRED,
                "nom": REQUIRED,
                "totp": REQUIRED,
                "participations": records(
                    {"transfo": REQUIRED, "role": REQUIRED, "discipline": ""}
                ),
            }
        )
    },
)["comptes"]


def run(*, scale, log):
    collectivites = {}
    for spec in COLLECTIVITES:
        collectivites[spec["slug"]], _ = Collectivite.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "nom": spec["nom"],
                "type": TypeCollectivite(spec["type"]),
                "region": spec["region"],
                "latitude": spec["latitude"],
                "longitude": spec["longitude"],
            },
        )
    transfos = {}
    for spec in TRANSFOS:
        transfos[spec["slug"]], _ = Transfo.objects.update_or_create(
            slug=spec["slug"],
            defaults={
                "collectivite": collectivites[spec["collectivite"]],
                "nom": spec["nom"],
                "date_debut": spec["debut"],
                "date_fin": spec["fin"],
                "statut": StatutTransfo.TERMINEE,
                "description": spec["description"],
            },
        )
    log(f"  {len(transfos)} Transfos et leurs collectivités")

    for account in ACCOUNTS:
        user = demo_user(account["email"], account["nom"])
        for participation in account["participations"]:
            transfo = transfos[participation["transfo"]]
            Participation.objects.update_or_create(
                user=user,
                transfo=transfo,
                defaults={
                    "role": Role(participation["role"]),
                    "discipline": participation["discipline"],
                    "date_entree": transfo.date_debut,
                    "date_sortie": None,
                },
            )
        if (
            account["totp"]
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
        sync_groups(user)
    log(f"  {len(ACCOUNTS)} comptes de démonstration (mot de passe : {DEMO_PASSWORD})")

    run_planner(transfos=transfos, log=log)
    seed_autres.run(transfos=transfos, log=log)

    if scale:
        seed_synthetic(scale, log)


def demo_user(email, full_name):
    User = get_user_model()
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    elif user.full_name != full_name:
        user.full_name = full_name
        user.save(update_fields=["full_name"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


SYNTHETIC_RESIDENTS = 3
SYNTHETIC_AMBASSADEURS = 20


def seed_synthetic(scale, log):
    """N× the demo's Transfos, each with 3 résidents and 20 ambassadeurs (bulk, idempotent)."""
    User = get_user_model()
    count = len(TRANSFOS) * scale
    password = make_password(DEMO_PASSWORD)
    Collectivite.objects.bulk_create(
        [
            Collectivite(
                slug=f"synthetique-{i}",
                nom=f"Collectivité synthétique {i}",
                type=TypeCollectivite.COMMUNE,
                region="Synthétique",
            )
            for i in range(count)
        ],
        ignore_conflicts=True,
    )
    collectivites = dict(
        Collectivite.objects.filter(slug__startswith="synthetique-").values_list("slug", "pk")
    )
    Transfo.objects.bulk_create(
        [
            Transfo(
                slug=f"synthetique-{i}",
                nom=f"Transfo synthétique {i}",
                collectivite_id=collectivites[f"synthetique-{i}"],
                date_debut=date(2020 + i % 6, 1 + i % 12, 1),
                statut=StatutTransfo.EN_COURS,
            )
            for i in range(count)
        ],
        ignore_conflicts=True,
    )
    transfos = dict(
        Transfo.objects.filter(slug__startswith="synthetique-").values_list("slug", "pk")
    )
    people = [
        (i, n, Role.RESIDENT if n < SYNTHETIC_RESIDENTS else Role.AMBASSADEUR)
        for i in range(count)
        for n in range(SYNTHETIC_RESIDENTS + SYNTHETIC_AMBASSADEURS)
    ]
    User.objects.bulk_create(
        [
            User(
                email=f"synthetique-{i}-{n}@demo.test",
                full_name=f"Personne {n} de la Transfo {i}",
                password=password,
            )
            for i, n, _ in people
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    users = dict(User.objects.filter(email__startswith="synthetique-").values_list("email", "pk"))
    Participation.objects.bulk_create(
        [
            Participation(
                user_id=users[f"synthetique-{i}-{n}@demo.test"],
                transfo_id=transfos[f"synthetique-{i}"],
                role=role,
                discipline=Discipline.DESIGN_SERVICE if role == Role.RESIDENT else "",
            )
            for i, n, role in people
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    seed_synthetic_sessions(list(transfos.values()))
    log(f"  volume synthétique : {count} Transfos, {len(people)} participations")


# 15 sessions a Transfo: 6,000 at --scale 50 (issue 10). Every fifth one lasts three days,
# so that the planner of a 3-day session has something to show.
SYNTHETIC_SESSIONS = 15
SYNTHETIC_BLOCKS = [
    (TypeBloc.COLLECTIF, "Météo du groupe", 15, "meteo-du-groupe"),
    (TypeBloc.ATELIER, "Atelier pratique", 120, "immersion-en-trinome"),
    (TypeBloc.PAUSE, "Déjeuner", 60, None),
    (TypeBloc.ATELIER, "Atelier pratique (suite)", 90, "fiche-idee"),
    (TypeBloc.DEBRIEFING, "Débriefing", 45, None),
    (TypeBloc.LABO, "Travail sur le labo", 60, None),
]


def synthetic_days(numero):
    return 3 if numero % 5 == 0 else 2


def seed_synthetic_sessions(transfo_ids):
    """15 published sessions of two or three days of six blocks for each synthetic Transfo."""
    Session.objects.bulk_create(
        [
            Session(
                transfo_id=transfo_id,
                numero=n,
                titre=f"Session synthétique {n}",
                lieu="Salle du conseil",
                objectifs="Avancer sur les cas pratiques et sur le futur labo.",
                statut=StatutSession.PUBLIEE,
            )
            for transfo_id in transfo_ids
            for n in range(1, SYNTHETIC_SESSIONS + 1)
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    empty = Session.objects.filter(transfo_id__in=transfo_ids, jours__isnull=True)
    Jour.objects.bulk_create(
        [
            Jour(
                session_id=session_id, position=position, date=date(2024, 1 + n % 12, 10 + position)
            )
            for session_id, n in empty.values_list("pk", "numero")
            for position in range(synthetic_days(n))
        ],
        batch_size=1000,
    )
    methodes = dict(Methode.objects.values_list("slug", "pk"))
    days = Jour.objects.filter(session__transfo_id__in=transfo_ids, blocs__isnull=True)
    Bloc.objects.bulk_create(
        [
            Bloc(
                jour_id=day_id,
                position=position,
                type=kind,
                titre=title,
                duree=minutes,
                methode_id=methodes.get(methode),
            )
            for day_id in days.values_list("pk", flat=True)
            for position, (kind, title, minutes, methode) in enumerate(SYNTHETIC_BLOCKS)
        ],
        batch_size=2000,
    )
