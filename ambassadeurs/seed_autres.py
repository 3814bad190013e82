"""Demo groups of ambassadeurs of the seven Transfos other than Strasbourg, and their attendance.

Invented people, in groups shaped by what the seeds say of each Transfo:

- Mulhouse: 20 agents ambassadeurs and 20 agents relais (its "infos clés", seed 004); the
  relais, a second circle, come only to a few sessions (seed 001). Paris: 20 ambassadeurs.
  The first names of the teams at the Intertransfo n°1 (seed 004) are used for a few of them.
- Dunkerque and Lille: groups that opened along the way, Dunkerque "faute de candidats en
  nombre suffisant" and lacking ambassadeurs (seeds 001, 002), Lille joined by the agents of
  its direction R&D, "open data, intelligence collective, égalité femme/homme" (seed 001).
- Metz: 3 ambassadeurs of the pôle relation aux usagers, its cheffe among them (seed 000),
  and the demo account Thomas Schmitt.
- Every group has more women than men and more A than C, and loses a few people along the
  way, the C first (seed 001); attendance thins out to "une participation en pointillé et un
  groupe réduit à une dizaine de personnes" in the last sessions. Occitanie's last sessions
  are "modules de formation pour un plus petit nombre, sur volontariat" (seed 001).
- Chartes d'engagement: Mulhouse invented the charte tripartite ambassadeur / N+1 / labo
  (seed 002); Lille and Metz, which started after the Intertransfo of Dunkerque proposed it
  to every labo, have one too. Some N+1 never sign, as the retex says of the N+1 (seed 001).

The people are in ambassadeurs/data/groupes_autres.toml, what their profiles are drawn from
in ambassadeurs/data/vocabulaire.toml. Deterministic and idempotent (the same draw every
run), in bulk.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from ambassadeurs.choices import Categorie, Genre, MomentMeteo, PartieCharte
from ambassadeurs.models import (
    DEFAULT_CHARTE_TEXT,
    AmbassadeurProfile,
    Charte,
    Meteo,
    Presence,
    SignatureCharte,
    TexteCharte,
    normalise_tags,
)
from collectivites.choices import Role
from collectivites.models import Jour, Participation, Transfo
from transfo import seeddata
from transfo.seeddata import REQUIRED, each, records

AMB, REL = Role.AMBASSADEUR, Role.RELAIS

VOCABULAIRE = seeddata.load(
    "ambassadeurs",
    "vocabulaire",
    {
        "roles": REQUIRED,
        "passions": REQUIRED,
        "n1": REQUIRED,
        "raisons": REQUIRED,
        "metiers": each(records({"service": REQUIRED, "metier": REQUIRED, "categorie": REQUIRED})),
    },
)
# direction: [(service, métier, catégorie)], picked in turn.
METIERS = {
    direction: [(m["service"], m["metier"], Categorie(m["categorie"])) for m in metiers]
    for direction, metiers in VOCABULAIRE["metiers"].items()
}
DIRECTIONS = list(METIERS)
ROLES = VOCABULAIRE["roles"]
PASSIONS = VOCABULAIRE["passions"]
N1 = VOCABULAIRE["n1"]
RAISONS = VOCABULAIRE["raisons"]

GROUPES = seeddata.load(
    "ambassadeurs",
    "groupes_autres",
    each(
        {
            "charte": False,
            "taux_fin": None,
            "taux_fin_depuis": None,
            "membres": records(
                {
                    "prenom": REQUIRED,
                    "nom": REQUIRED,
                    "genre": REQUIRED,
                    "email": "",
                    "relais": False,
                    "arrivee": 1,
                    "sortie": None,
                    "direction": "",
                    "service": "",
                    "metier": "",
                    "categorie": "",
                    "n1_sans_signature": False,
                }
            ),
        }
    ),
)

# The share of the group present at each session: the usual drop-off (seed 001).
TAUX = [0.97, 0.95, 0.93, 0.92, 0.9, 0.88, 0.85, 0.82, 0.8, 0.76, 0.72, 0.68, 0.64, 0.62]
PENALITE_C = 0.15
# Relais come to the launch, the middle and the closing of the Transfo.
SESSIONS_RELAIS = {1, 7, 14}
METEO_GROUPE = [
    (4, "curieux"),
    (5, "enthousiastes"),
    (4, "concentrés"),
    (3, "fatigués"),
    (4, "inspirés"),
    (2, "débordés"),
    (4, "soudés"),
    (5, "fiers"),
]


def email_of(slug, prenom, nom):
    return f"{slugify(prenom)}.{slugify(nom)}@{slug}.demo.test"


def people_of(slug, groupe):
    """[(email, full name, rôle, genre, profile fields, entry session, exit session)]."""
    noms = [membre["nom"] for membre in groupe["membres"]]
    people = []
    for index, membre in enumerate(groupe["membres"]):
        prenom, nom = membre["prenom"], membre["nom"]
        email = membre["email"] or email_of(slug, prenom, nom)
        if membre["direction"]:
            direction, service, metier = membre["direction"], membre["service"], membre["metier"]
            categorie = Categorie(membre["categorie"])
        else:
            direction = DIRECTIONS[index % len(DIRECTIONS)]
            choices = METIERS[direction]
            service, metier, categorie = choices[(index // len(DIRECTIONS)) % len(choices)]
        n1 = f"{N1[index % len(N1)]} {noms[(index * 7 + 3) % len(noms)]}"
        profil = {
            "direction": direction,
            "service": service,
            "metier": metier,
            "categorie": categorie,
            "genre": Genre(membre["genre"]),
            "n1_nom": n1,
            "n1_email": f"{slugify(n1).replace('-', '.')}@{slug}.demo.test",
            "roles": "relais" if membre["relais"] else ROLES[index % len(ROLES)],
            "passions": normalise_tags(PASSIONS[index % len(PASSIONS)]),
            "raison_sortie": RAISONS[index % len(RAISONS)] if membre["sortie"] else "",
        }
        role = REL if membre["relais"] else AMB
        people.append((email, f"{prenom} {nom}", role, profil, membre["arrivee"], membre["sortie"]))
    return people


def _present(groupe, email, role, categorie, numero, position):
    if role == REL:
        return random.Random(f"{email}-{numero}-{position}").random() < 0.7
    rate = TAUX[numero - 1] - (PENALITE_C if categorie == Categorie.C and numero >= 5 else 0)
    if groupe["taux_fin"] is not None and numero >= groupe["taux_fin_depuis"]:
        rate = groupe["taux_fin"]
    return random.Random(f"{email}-{numero}-{position}").random() < rate


def run(log):
    transfos = {t.slug: t for t in Transfo.objects.filter(slug__in=GROUPES)}
    if not transfos:
        return
    User = get_user_model()
    days = {}
    for jour in (
        Jour.objects.filter(
            session__transfo__in=transfos.values(),
            session__est_modele=False,
            date__isnull=False,
        )
        .select_related("session")
        .order_by("date", "pk")
    ):
        days.setdefault(jour.session.transfo_id, []).append(jour)
    groups = {slug: people_of(slug, GROUPES[slug]) for slug in transfos}

    User.objects.bulk_create(
        [
            User(email=email, full_name=nom, password="!")
            for people in groups.values()
            for email, nom, *_rest in people
        ],
        ignore_conflicts=True,
    )
    users = dict(
        User.objects.filter(
            email__in=[p[0] for people in groups.values() for p in people]
        ).values_list("email", "pk")
    )

    def start_of(transfo, numero):
        first = [j.date for j in days.get(transfo.pk, []) if j.session.numero == numero]
        return min(first) if first else transfo.date_debut

    rows = []
    for slug, people in groups.items():
        transfo = transfos[slug]
        for email, _nom, role, _profil, entree, sortie in people:
            rows.append(
                Participation(
                    user_id=users[email],
                    transfo=transfo,
                    role=role,
                    date_entree=transfo.date_debut if entree == 1 else start_of(transfo, entree),
                    date_sortie=start_of(transfo, sortie) - timedelta(days=7) if sortie else None,
                )
            )
    Participation.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "transfo"],
        update_fields=["role", "date_entree", "date_sortie"],
    )
    participations = {
        (transfo_id, user_id): participation
        for participation in Participation.objects.filter(
            transfo__in=transfos.values(), user_id__in=users.values()
        )
        for transfo_id, user_id in [(participation.transfo_id, participation.user_id)]
    }
    profils = []
    for slug, people in groups.items():
        for email, _nom, _role, profil, *_dates in people:
            participation = participations[(transfos[slug].pk, users[email])]
            profils.append(AmbassadeurProfile(participation=participation, **profil))
    AmbassadeurProfile.objects.bulk_create(
        profils,
        update_conflicts=True,
        unique_fields=["participation"],
        update_fields=[
            "direction",
            "service",
            "metier",
            "categorie",
            "genre",
            "n1_nom",
            "n1_email",
            "roles",
            "passions",
            "raison_sortie",
        ],
    )

    presences = []
    meteos = []
    for slug, people in groups.items():
        transfo = transfos[slug]
        for index, jour in enumerate(days.get(transfo.pk, [])):
            numero = jour.session.numero
            for email, _nom, role, profil, _entree, _sortie in people:
                participation = participations[(transfo.pk, users[email])]
                left = participation.date_sortie
                if participation.date_entree > jour.date or (left and left <= jour.date):
                    continue
                if role == REL and numero not in SESSIONS_RELAIS:
                    continue
                present = _present(
                    GROUPES[slug], email, role, profil["categorie"], numero, jour.position
                )
                presences.append(Presence(jour=jour, participation=participation, present=present))
            for offset, moment in enumerate(MomentMeteo):
                note, mot = METEO_GROUPE[(2 * index + offset + len(slug)) % len(METEO_GROUPE)]
                meteos.append(Meteo(jour=jour, moment=moment, note=note, mot=mot))
    Presence.objects.bulk_create(
        presences,
        update_conflicts=True,
        unique_fields=["jour", "participation"],
        update_fields=["present"],
        batch_size=1000,
    )
    Meteo.objects.bulk_create(meteos, ignore_conflicts=True, batch_size=1000)
    signatures = seed_chartes(transfos, groups, participations, users)
    log(
        f"  groupes des autres Transfos : {sum(len(p) for p in groups.values())} profils, "
        f"{len(presences)} présences, {len(meteos)} météos du groupe, {signatures} signatures de chartes"
    )


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def seed_chartes(transfos, groups, participations, users):
    """The charters of the ambassadeurs of the Transfos with a charte, signed by them and the
    labo at their entry and by their N+1 within three weeks, but for a few N+1 (idempotent:
    one signature in force per party)."""
    rows = []
    for slug, groupe in GROUPES.items():
        if not groupe["charte"] or slug not in transfos:
            continue
        transfo = transfos[slug]
        texte, _created = TexteCharte.objects.get_or_create(
            transfo=transfo, version=1, defaults={"texte": DEFAULT_CHARTE_TEXT}
        )
        profils = {
            p.participation_id: p
            for p in AmbassadeurProfile.objects.filter(
                participation__transfo=transfo, participation__role=AMB
            )
        }
        Charte.objects.bulk_create(
            [Charte(profil=profil) for profil in profils.values()], ignore_conflicts=True
        )
        chartes = dict(
            Charte.objects.filter(profil__in=profils.values()).values_list(
                "profil__participation_id", "pk"
            )
        )
        for index, (email, nom, role, profil, _entree, _sortie) in enumerate(groups[slug]):
            if role != AMB:
                continue
            participation = participations[(transfo.pk, users[email])]
            start = participation.date_entree
            parties = [
                (PartieCharte.AMBASSADEUR, start, nom),
                (PartieCharte.LABO, start, f"Pilote interne, {transfo.nom}"),
            ]
            if not groupe["membres"][index]["n1_sans_signature"]:
                parties.append((PartieCharte.N1, start + timedelta(days=21), profil["n1_nom"]))
            rows += [
                SignatureCharte(
                    charte_id=chartes[participation.pk],
                    partie=partie,
                    texte=texte,
                    nom=signataire,
                    signee_le=_at(day),
                )
                for partie, day, signataire in parties
            ]
    SignatureCharte.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
