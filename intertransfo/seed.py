"""Demo data of this app: three Intertransfos as the seeds record them.

Sources: seed 004 (L'Intertransfo n°1, Paris, 25 January 2017: its programme, the teams of
"On se présente !", the five workshop groups and their propositions), seed 002 (the
Intertransfo of Dunkerque, 26 January 2018, unnumbered in the seed: its programme, the
"montre-moi où en est ton labo" reviews of four future labos, the three themes worked on in
the afternoon, the restitution videos) and seed 000 (L'Intertransfo n°6, Strasbourg, 17 May
2019: its programme, the ecosystems workshops, the transition from Transfo to labo, and each
Transfo's priorities and next actions).

The labo reviews of Dunkerque and the priorities of n°6 belong to the labos app, whose seed
records them with these Intertransfos' names as their context ("Intertransfo de Dunkerque,
26 janvier 2018", "Intertransfo n°6, Strasbourg, 17 mai 2019"): the pages of this app find
them by that context (`Intertransfo.contexte`).

The records are in intertransfo/data/intertransfos.toml.
"""

from datetime import date, time

from django.contrib.auth import get_user_model

from collectivites.models import Transfo
from intertransfo.choices import TypeEquipe
from intertransfo.models import Atelier, Intertransfo, Moment, Participant, Proposition
from transfo import seeddata
from transfo.seeddata import REQUIRED, records


def t(text):
    hours, _sep, minutes = text.partition("h")
    return time(int(hours), int(minutes or 0))


INTERTRANSFOS = seeddata.load(
    "intertransfo",
    "intertransfos",
    {
        "intertransfos": records(
            {
                "slug": REQUIRED,
                "numero": None,
                "date": REQUIRED,
                "date_fin": None,
                "lieu": REQUIRED,
                "hote": REQUIRED,
                "theme": REQUIRED,
                "transfos": REQUIRED,
                "videos": [],
                "synthese": "",
                "programme": records(
                    {"jour": 1, "debut": REQUIRED, "fin": None, "titre": REQUIRED}
                ),
                "ateliers": records(
                    {"titre": REQUIRED, "questions": REQUIRED, "propositions": REQUIRED}
                ),
                "equipes": records({"equipe": REQUIRED, "organisation": "", "noms": REQUIRED}),
            }
        )
    },
)["intertransfos"]

# Demo accounts registered to n°6, so that the demo shows registration and live ateliers.
DEMO_PARTICIPANTS = [
    "coordination@demo.test",
    "residente@demo.test",
    "ambassadeur@demo.test",
    "ambassadeur.metz@demo.test",
]


def run(*, scale, log):
    transfos = {t.slug: t for t in Transfo.objects.all()}
    for data in INTERTRANSFOS:
        intertransfo, _created = Intertransfo.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "numero": data["numero"],
                "date": data["date"],
                "lieu": data["lieu"],
                "transfo_hote": transfos.get(data["hote"]),
                "theme": data["theme"],
                "date_fin": data["date_fin"],
                "videos": "\n".join(data["videos"]),
            },
        )
        intertransfo.transfos.set([transfos[s] for s in data["transfos"] if s in transfos])
        for moment in data["programme"]:
            Moment.objects.update_or_create(
                intertransfo=intertransfo,
                jour=moment["jour"],
                debut=t(moment["debut"]),
                defaults={
                    "fin": t(moment["fin"]) if moment["fin"] else None,
                    "titre": moment["titre"],
                },
            )
        for numero, spec in enumerate(data["ateliers"], start=1):
            atelier, _created = Atelier.objects.update_or_create(
                intertransfo=intertransfo,
                numero=numero,
                defaults={"titre": spec["titre"], "questions": "\n".join(spec["questions"])},
            )
            for texte in spec["propositions"]:
                Proposition.objects.get_or_create(atelier=atelier, texte=texte)
        for equipe in data["equipes"]:
            team = equipe["equipe"]
            transfo = transfos.get(team)
            if transfo is None and team not in (TypeEquipe.REGION_27, TypeEquipe.INVITE):
                continue
            for nom in equipe["noms"]:
                Participant.objects.get_or_create(
                    intertransfo=intertransfo,
                    user=None,
                    nom=nom,
                    type_equipe=TypeEquipe.TRANSFO if transfo else TypeEquipe(team),
                    transfo=transfo,
                    organisation=equipe["organisation"],
                    defaults={"present": True},
                )
        # The coordination published n°6's summary (seed 000): its public page /intertransfos/.
        if data["synthese"]:
            if intertransfo.synthese != data["synthese"]:
                intertransfo.synthese = data["synthese"]
                intertransfo.save(update_fields=["synthese"])
            intertransfo.publier_synthese()

    n6 = Intertransfo.objects.get(slug="n6-strasbourg-2019")
    for user in get_user_model().objects.filter(email__in=DEMO_PARTICIPANTS):
        if not n6.participants.filter(user=user).exists():
            type_equipe, transfo = Participant.team_of(user)
            Participant.objects.create(
                intertransfo=n6, user=user, type_equipe=type_equipe, transfo=transfo, present=True
            )
    log(f"  {len(INTERTRANSFOS)} Intertransfos, leurs programmes, ateliers et propositions")
    if scale:
        seed_synthetic(scale, log)


# Volume for --scale (issue 10): one Intertransfo per ten of scale (at least one), each
# gathering 80 synthetic Transfos, their three résidents and two ambassadeurs each.
SYNTHETIC_TRANSFOS_PER_INTERTRANSFO = 80
SYNTHETIC_PARTICIPANTS_PER_TRANSFO = 5
SYNTHETIC_PROGRAMME = [
    ("9h30", "10h00", "Accueil et café"),
    ("10h00", "11h00", "On se présente ! Chaque équipe en trois minutes"),
    ("11h00", "12h30", "Foire aux Transfos : les infos clés de chaque Transfo"),
    ("14h00", "15h30", "Montre-moi où en est ton labo"),
    ("15h30", "16h30", "Ateliers en groupes"),
    ("16h30", "17h00", "Priorités et prochaines actions"),
]
SYNTHETIC_ATELIERS = [
    (
        "Faire durer le groupe des ambassadeurs",
        "Comment garder les ambassadeurs mobilisés après la Transfo ?",
        ["Une communauté d'anciens", "Un temps de travail reconnu par les RH"],
    ),
    (
        "Le labo et les élus",
        "Comment embarquer les élus sans perdre la liberté d'expérimenter ?",
        ["Une revue de projets avec l'élu·e référent·e", "Des démonstrations régulières"],
    ),
]


def seed_synthetic(scale, log):
    """A few Intertransfos of the synthetic Transfos with their participants (idempotent)."""
    User = get_user_model()
    transfo_ids = list(
        Transfo.objects.filter(slug__startswith="synthetique-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not transfo_ids:
        return
    members = {}
    for user_id, transfo_id in (
        User.objects.filter(
            email__startswith="synthetique-", participations__transfo__in=transfo_ids
        )
        .order_by("pk")
        .values_list("pk", "participations__transfo_id")
    ):
        members.setdefault(transfo_id, []).append(user_id)
    count = max(1, scale // 10)
    added = 0
    for k in range(count):
        intertransfo, created = Intertransfo.objects.get_or_create(
            slug=f"synthetique-intertransfo-{k}",
            defaults={
                "date": date(2024, 1 + (k * 3) % 12, 15),
                "lieu": f"Ville synthétique {k}",
                "theme": "Faire durer les labos",
                "resume": "Une Intertransfo de volume pour les mesures de performance.",
            },
        )
        if not created:
            continue
        added += 1
        start = (k * SYNTHETIC_TRANSFOS_PER_INTERTRANSFO) % len(transfo_ids)
        teams = (transfo_ids * 2)[start : start + SYNTHETIC_TRANSFOS_PER_INTERTRANSFO]
        teams = list(dict.fromkeys(teams))
        intertransfo.transfos.set(teams)
        Moment.objects.bulk_create(
            [
                Moment(intertransfo=intertransfo, debut=t(debut), fin=t(fin), titre=titre)
                for debut, fin, titre in SYNTHETIC_PROGRAMME
            ]
        )
        for numero, (titre, question, propositions) in enumerate(SYNTHETIC_ATELIERS, start=1):
            atelier = Atelier.objects.create(
                intertransfo=intertransfo, numero=numero, titre=titre, questions=question
            )
            Proposition.objects.bulk_create(
                [Proposition(atelier=atelier, texte=texte) for texte in propositions]
            )
        Participant.objects.bulk_create(
            [
                Participant(
                    intertransfo=intertransfo,
                    user_id=user_id,
                    type_equipe=TypeEquipe.TRANSFO,
                    transfo_id=transfo_id,
                    present=(user_id + k) % 6 != 0,
                )
                for transfo_id in teams
                for user_id in members.get(transfo_id, [])[:SYNTHETIC_PARTICIPANTS_PER_TRANSFO]
            ],
            batch_size=1000,
        )
    log(f"  volume synthétique : {added} Intertransfos ajoutées")
