"""Demo sessions of the seven Transfos other than Strasbourg, consistent with the seeds.

Every Transfo of the demo is over: its 14 sessions (seed 001: "14 sessions de deux à trois
jours consécutifs chaque mois, réparties sur 16 à 18 mois") are réalisées, dated within the
Transfo's dates, with a programme of days and blocks:

- Mulhouse: 5 sessions réalisées between June 2016 and the Intertransfo n°1 of 25 January
  2017, and Paris 3 since November 2016, as their "infos clés" cards say (seed 004); the
  méthodes of the cards (Mulhouse: immersion, prototypage, maquette, bilan méthodologique;
  Paris: immersion, synthèse créative, scénarisation de pistes) are those of the blocks.
- The cas pratiques the seeds name, each worked on in 1 to 4 sessions (vade-mecum): la carte
  Max and les mégotiers (Mulhouse), la carte citoyenne and les pieds d'arbres in blue print
  (Paris, seed 001), le Bois des Forts last (Dunkerque), Amelio et le Brico Concierge then two
  POC ideas (Lille, seed 000), les bureaux volants (Metz). Session titles start with
  "Cas pratique N", which is how cas_pratiques.seed links a case to its sessions.
- "Travail sur le labo" blocks from the session where the seeds say the labo work began:
  Dunkerque at every session (its "labos éphémères", seed 002), Occitanie from session 2 (its
  labo already existed, seed 001), Lille with its "groupe labo" and Mulhouse early, Paris from
  session 5, Metz at session 6 with the codir (seed 000), then more often at the end
  ("une intensification des sessions sur la fin", seed 001). PACA, a Transfo of the first
  season, before the vade-mecum set "sessions 4–6 at the latest", starts it at session 7.
- Metz's last sessions are held at the tiers-lieu Bliida (seed 000).

The Transfos' calendars are in collectivites/data/sessions_autres.toml; the programmes of
their sessions are built here. Idempotent and fast: sessions, days and blocks are
bulk-created where missing.
"""

from datetime import date, time, timedelta

from collectivites.choices import StatutSession
from collectivites.choices import TypeBloc as T
from collectivites.models import Bloc, Jour, Methode, Session
from transfo import seeddata
from transfo.seeddata import REQUIRED, each, records

AUTRES = seeddata.load(
    "collectivites",
    "sessions_autres",
    each(
        {
            "lieu": REQUIRED,
            "mois": REQUIRED,
            "jours": REQUIRED,
            "labo": REQUIRED,
            "lieu_fin": "",
            "lieu_fin_depuis": None,
            "cas": records(
                {
                    "numero": REQUIRED,
                    "nom": "",
                    "premiere": REQUIRED,
                    "derniere": REQUIRED,
                    "phases": "",
                }
            ),
        }
    ),
)

METEO = "meteo-du-groupe"

# The four steps of a cas pratique, one per session (vade-mecum: 1 to 4 sessions per case).
PHASES = {
    "": [
        ("enquête", [(T.ATELIER, "Immersions en trinôme", 180, "immersion-en-trinome")]),
        (
            "idéation",
            [
                (T.ATELIER, "Fiches idées", 90, "fiche-idee"),
                (T.ATELIER, "Tamis de critères", 90, "tamis-de-criteres"),
            ],
        ),
        ("prototypage", [(T.ATELIER, "Prototypes", 150, "prototypage")]),
        (
            "test",
            [
                (T.ATELIER, "Test auprès des usagers", 120, None),
                (T.RESTITUTION, "Restitution à la direction porteuse", 45, "restitution"),
            ],
        ),
    ],
    # Mulhouse's card: immersion, prototypage, maquette, bilan méthodologique.
    "maquette": [
        ("enquête", [(T.ATELIER, "Immersions en trinôme", 180, "immersion-en-trinome")]),
        ("prototypage", [(T.ATELIER, "Kit de prototypage", 150, "prototypage")]),
        (
            "maquette",
            [
                (T.ATELIER, "Maquette du service", 150, "prototypage"),
                (T.RETOUR_METHODO, "Bilan méthodologique", 60, None),
            ],
        ),
    ],
    # Paris's card: immersion, synthèse créative, scénarisation de pistes.
    "synthese": [
        ("enquête", [(T.ATELIER, "Immersions en trinôme", 180, "immersion-en-trinome")]),
        ("synthèse créative", [(T.ATELIER, "Synthèse créative", 120, None)]),
        ("scénarisation", [(T.ATELIER, "Scénarisation de pistes", 90, "fiche-idee")]),
        (
            "test",
            [
                (T.ATELIER, "Test auprès des usagers", 120, None),
                (T.RESTITUTION, "Restitution à la direction porteuse", 45, "restitution"),
            ],
        ),
    ],
    # Paris's pieds d'arbres (seed 001): the process mapped from the actors' testimonies.
    "blue-print": [
        ("enquête", [(T.ATELIER, "Témoignages des acteurs du processus", 150, None)]),
        ("blue print", [(T.ATELIER, "Blue print du processus", 150, "blue-print")]),
        ("blue print", [(T.ATELIER, "Repérer les points de rupture", 120, "blue-print")]),
        ("restitution", [(T.RESTITUTION, "Restitution aux services", 60, "restitution")]),
    ],
}

LABO_SUJETS = [
    "Le labo, pour quoi faire ?",
    "L'offre de service du labo",
    "Gouvernance et rattachement",
    "L'équipe et les contributeurs",
    "Le lieu et l'outillage",
    "Le budget du labo",
    "Le récit du labo",
    "Relecture du plan du labo",
]


def third_wednesday(year, month):
    first = date(year, month, 1)
    return first + timedelta(days=(2 - first.weekday()) % 7 + 14)


def labo_at(spec, numero):
    """Whether a session works on the labo: from the seeds' first one, every other session,
    then every session of the last four."""
    start = spec["labo"]
    if numero < start:
        return False
    if spec["labo"] == 1:  # Dunkerque's "labos éphémères", at each session
        return True
    return (numero - start) % 2 == 0 or numero >= 11


def cas_of(spec, numero):
    for cas in spec["cas"]:
        if cas["premiere"] <= numero <= cas["derniere"]:
            steps = PHASES[cas["phases"]]
            return cas["numero"], cas["nom"], steps[min(numero - cas["premiere"], len(steps) - 1)]
    return None


def programme(spec, numero, labo_index):
    """(titre, [(day title, start, [(kind, title, minutes, méthode slug)])]) of a session."""
    days_count = spec["jours"][numero - 1]
    labo = labo_at(spec, numero)
    sujet = LABO_SUJETS[min(labo_index, len(LABO_SUJETS) - 1)]
    if spec["labo"] == 1:
        sujet = f"Labo éphémère : {sujet[0].lower()}{sujet[1:]}"
    cas = cas_of(spec, numero)
    opening = (T.COLLECTIF, "Accueil et météo du groupe", 15, METEO)
    morning = (T.COLLECTIF, "Météo du groupe", 15, METEO)
    lunch = (T.PAUSE, "Déjeuner", 60, None)
    closing = (T.COLLECTIF, "Clôture et météo", 15, METEO)
    labo_block = (T.LABO, sujet, 90, "debat-mouvant" if labo_index == 0 else None)

    if numero == 1:
        titre = "Lancement de la Transfo"
        day1 = (
            "Faire connaissance",
            [
                opening,
                (T.COLLECTIF, "Se présenter, dire ses attentes", 90, None),
                lunch,
                (T.RETOUR_METHODO, "Le cadre expérimental de la Transfo", 60, None),
                (T.DEBRIEFING, "Débriefing de la journée", 45, None),
            ],
        )
        second = [(T.ATELIER, "Le tamis des sujets proposés", 120, "tamis-de-criteres")]
        if cas:
            second.append(cas[2][1][0])
        day2 = (
            "Choisir les cas pratiques",
            [
                morning,
                *second,
                lunch,
                labo_block if labo else (T.RETOUR_METHODO, "Retour méthodo", 45, None),
                closing,
            ],
        )
    elif numero == len(spec["mois"]):
        titre = "Clôture de la Transfo"
        day1 = (
            "Plan du labo",
            [
                opening,
                (
                    T.LABO,
                    "Relecture du plan : le + inspirant, le + risqué",
                    90,
                    "inspirant-risque-question",
                ),
                lunch,
                (T.LABO, "Récit du labo", 60, None),
                (T.DEBRIEFING, "Débriefing de la journée", 45, None),
            ],
        )
        day2 = (
            "Clôture",
            [
                morning,
                (T.RESTITUTION, "Restitution à la direction générale", 90, "restitution"),
                lunch,
                (T.COLLECTIF, "Rituel de sortie", 60, None),
            ],
        )
    elif cas:
        num, nom, (phase, blocks) = cas
        titre = f"Cas pratique {num} : {nom} ({phase})" if nom else f"Cas pratique {num} ({phase})"
        day1 = (
            phase[0].upper() + phase[1:],
            [
                opening,
                blocks[0],
                lunch,
                *(blocks[1:] or [(T.ATELIER, "Atelier pratique (suite)", 90, None)]),
                (T.DEBRIEFING, "Débriefing de la journée", 45, None),
            ],
        )
        day2 = (
            "Suite du cas et labo" if labo else "Suite du cas",
            [
                morning,
                (T.ATELIER, "Mise en commun et suites du cas", 120, None),
                lunch,
                labo_block if labo else (T.RETOUR_METHODO, "Retour méthodo", 45, None),
                closing,
            ],
        )
    else:
        titre = f"Le labo : {LABO_SUJETS[min(labo_index, len(LABO_SUJETS) - 1)].lower()}"
        day1 = (
            "Travail sur le labo",
            [
                opening,
                labo_block,
                lunch,
                (T.LABO, "Scénarios de labo en sous-groupes", 120, None),
                (T.DEBRIEFING, "Débriefing de la journée", 45, None),
            ],
        )
        day2 = (
            "Le labo avec l'écosystème",
            [
                morning,
                (T.LABO, "Rencontre avec des acteurs de l'écosystème", 120, None),
                lunch,
                (T.RETOUR_METHODO, "Retour méthodo", 45, None),
                closing,
            ],
        )
    days = [(day1[0], time(9, 30), day1[1]), (day2[0], time(9, 0), day2[1])]
    if days_count == 3:
        third = [morning]
        if labo:
            third += [(T.LABO, "Avancer le plan du labo", 120, None), lunch]
        else:
            third += [(T.ATELIER, "Atelier pratique", 120, None), lunch]
        third += [(T.CALAGE, "Réunion de calage", 60, None), closing]
        days.append(("Troisième jour", time(9, 0), third))
    return titre, days


def sessions_of(spec):
    """[(numero, titre, lieu, first day, days)] of a Transfo's 14 sessions."""
    result = []
    labo_index = 0
    for numero, (year, month) in enumerate(spec["mois"], start=1):
        titre, days = programme(spec, numero, labo_index)
        labo_index += any(kind == T.LABO for _d, _s, blocks in days for kind, *_ in blocks)
        lieu = (
            spec["lieu_fin"]
            if spec["lieu_fin"] and numero >= spec["lieu_fin_depuis"]
            else spec["lieu"]
        )
        result.append((numero, titre, lieu, third_wednesday(year, month), days))
    return result


def run(*, transfos, log):
    """Bulk-create the sessions, days and blocks that are missing (idempotent)."""
    targets = {slug: transfos[slug] for slug in AUTRES if slug in transfos}
    if not targets:
        return
    methodes = dict(Methode.objects.values_list("slug", "pk"))
    plans = {slug: sessions_of(AUTRES[slug]) for slug in targets}
    Session.objects.bulk_create(
        [
            Session(
                transfo=targets[slug],
                numero=numero,
                titre=titre,
                lieu=lieu,
                statut=StatutSession.REALISEE,
            )
            for slug, sessions in plans.items()
            for numero, titre, lieu, _start, _days in sessions
        ],
        ignore_conflicts=True,
    )
    ids = {t.pk: slug for slug, t in targets.items()}
    by_key = {
        (ids[transfo_id], numero): pk
        for pk, transfo_id, numero in Session.objects.programmes()
        .filter(transfo_id__in=ids, jours__isnull=True)
        .values_list("pk", "transfo_id", "numero")
    }
    specs = {
        (slug, numero): (start, days)
        for slug, sessions in plans.items()
        for numero, _t, _l, start, days in sessions
    }
    Jour.objects.bulk_create(
        [
            Jour(
                session_id=pk,
                position=position,
                titre=titre,
                date=specs[key][0] + timedelta(days=position),
                heure_debut=start,
            )
            for key, pk in by_key.items()
            for position, (titre, start, _blocks) in enumerate(specs[key][1])
        ]
    )
    empty = Jour.objects.filter(session__transfo_id__in=ids, blocs__isnull=True).values_list(
        "pk", "session__transfo_id", "session__numero", "position"
    )
    Bloc.objects.bulk_create(
        [
            Bloc(
                jour_id=jour_id,
                position=order,
                type=kind,
                titre=title,
                duree=minutes,
                methode_id=methodes.get(methode),
            )
            for jour_id, transfo_id, numero, position in empty
            if position < len(specs.get((ids[transfo_id], numero), (None, []))[1])
            for order, (kind, title, minutes, methode) in enumerate(
                specs[(ids[transfo_id], numero)][1][position][2]
            )
        ],
        batch_size=1000,
    )
    log(f"  sessions réalisées des autres Transfos : {', '.join(targets)} (14 chacune)")
