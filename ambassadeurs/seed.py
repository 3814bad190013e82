"""Demo carnets de bord: entries of each visibility for the demo ambassadrice and ambassadeur.

Drawn from the Transfo Strasbourg's path (seeds 000, 001, 003): the inscriptions scolaires,
the future labo, the comptoir des services, session #9 (débat mouvant, tamis de critères),
the devoirs de vacances; and from what the retex says hurts (seed 001): workload on top of
the day job, N+1 not on board, no recognition by HR, the group thinning out at the end.

The records are in ambassadeurs/data/: carnets.toml, groupe.toml, meteos.toml, chartes.toml,
devoirs.toml, bilans.toml; the attendance is drawn here.
"""

import random
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.utils import timezone

from ambassadeurs import seed_autres
from ambassadeurs.choices import Categorie, Genre, Humeur, MomentMeteo, PartieCharte, Visibilite
from ambassadeurs.models import (
    DEFAULT_CHARTE_TEXT,
    AmbassadeurProfile,
    Bilan,
    BilanPersonnel,
    Charte,
    CommentaireDevoir,
    Devoir,
    EntreeCarnet,
    Meteo,
    Presence,
    ReponseBilan,
    ReponseCollective,
    ReponseDevoir,
    SignatureCharte,
    TexteCharte,
)
from collectivites.choices import CERCLE_ROLES, Role
from collectivites.models import Jour, Participation, Session, Transfo
from transfo import seeddata
from transfo.seeddata import REQUIRED, each, records

ENTRIES = seeddata.load(
    "ambassadeurs",
    "carnets",
    each(
        records(
            {
                "session": None,
                "date": REQUIRED,
                "visibilite": REQUIRED,
                "humeur": REQUIRED,
                "titre": REQUIRED,
                "texte": REQUIRED,
            }
        )
    ),
)


def run(*, scale, log):
    seed_autres.run(log)
    User = get_user_model()
    strasbourg = Transfo.objects.filter(slug="strasbourg").first()
    if strasbourg is None:
        log("  carnets de bord : pas de Transfo Strasbourg, rien à faire")
        return
    sessions = dict(
        Session.objects.programmes().filter(transfo=strasbourg).values_list("numero", "pk")
    )
    count = 0
    for email, entries in ENTRIES.items():
        auteur = User.objects.get(email=email)
        for entry in entries:
            day = entry["date"]
            visibilite = Visibilite(entry["visibilite"])
            shared_at = (
                None
                if visibilite == Visibilite.PRIVE
                else timezone.make_aware(datetime.combine(day, time(18, 0)))
            )
            EntreeCarnet.objects.update_or_create(
                auteur=auteur,
                titre=entry["titre"],
                defaults={
                    "transfo": strasbourg,
                    "session_id": sessions.get(entry["session"]),
                    "date": day,
                    "texte": entry["texte"],
                    "humeur": Humeur(entry["humeur"]),
                    "visibilite": visibilite,
                    "partagee_le": shared_at,
                },
            )
            count += 1
    log(f"  {count} entrées de carnet de bord (Transfo Strasbourg)")
    seed_group(strasbourg, log)
    seed_presences(strasbourg, log)
    seed_chartes(strasbourg, log)
    seed_devoirs(strasbourg, log)
    seed_bilans(strasbourg, log)
    if scale:
        seed_synthetic(scale, log)


EDUC = "Direction de l'éducation"
SOLI = "Direction des solidarités"
CULT = "Direction de la culture"
DRH = "Direction des ressources humaines"
ESPU = "Direction des espaces publics"
NUM = "Direction du numérique"
POP = "Direction de la population"
# Volume for --scale (issue 10): per synthetic Transfo of 20 ambassadeurs, 50 carnet entries
# (2 or 3 each, of the three visibilities), a profile each, and the attendance and météos of
# the first sessions. 8,000 ambassadeurs and 20,000 entries at --scale 50.
SYNTHETIC_ENTRIES = [
    (
        Visibilite.PRIVE,
        Humeur.NUAGES,
        "Notes après la session",
        "Ce que j'ai retenu de la journée.",
    ),
    (
        Visibilite.GROUPE,
        Humeur.SOLEIL,
        "Pour le groupe",
        "Merci à toutes et à tous pour cette session : l'immersion m'a ouvert les yeux.",
    ),
    (
        Visibilite.RESIDENTS,
        Humeur.PLUIE,
        "Pour les résident·es",
        "Mon N+1 ne me libère plus facilement : comment en parler avec lui ?",
    ),
]
SYNTHETIC_PAST_SESSIONS = 3
SYNTHETIC_PERSONAL_METEOS = 5
SYNTHETIC_PROFILES = [
    (EDUC, "Inscriptions scolaires", "Gestionnaire des inscriptions", Categorie.B, Genre.FEMME),
    (POP, "Accueil et état civil", "Agent d'accueil", Categorie.C, Genre.HOMME),
    (SOLI, "Insertion", "Conseillère en insertion", Categorie.A, Genre.FEMME),
    (NUM, "Études et projets", "Chef de projet informatique", Categorie.A, Genre.HOMME),
    (DRH, "Formation", "Responsable formation", Categorie.A, Genre.FEMME),
    (ESPU, "Propreté", "Chef d'équipe propreté", Categorie.C, Genre.HOMME),
    (CULT, "Médiathèques", "Médiatrice culturelle", Categorie.A, Genre.FEMME),
]
SYNTHETIC_PASSIONS = ["photo, écriture", "vélo, cuisine", "théâtre, dessin", "jardinage", ""]


def synthetic_people():
    """(participation id, user id, transfo id) of the synthetic Transfos' ambassadeurs."""
    return Participation.objects.filter(
        user__email__startswith="synthetique-", role=Role.AMBASSADEUR
    ).order_by("pk")


def seed_synthetic(scale, log):
    """Profiles, carnet entries, attendance and météos of the synthetic ambassadeurs
    (bulk, idempotent: only what is missing is added)."""
    profiles = seed_synthetic_profiles()
    entries = seed_synthetic_entries()
    presences, meteos = seed_synthetic_attendance()
    log(
        f"  volume synthétique : {profiles} profils, {entries} entrées de carnet de bord, "
        f"{presences} présences, {meteos} météos"
    )


def seed_synthetic_profiles():
    missing = synthetic_people().filter(profil__isnull=True).values_list("pk", flat=True)
    profiles = []
    for index, participation_id in enumerate(missing):
        direction, service, metier, categorie, genre = SYNTHETIC_PROFILES[
            index % len(SYNTHETIC_PROFILES)
        ]
        profiles.append(
            AmbassadeurProfile(
                participation_id=participation_id,
                direction=direction,
                service=service,
                metier=metier,
                categorie=categorie,
                genre=genre,
                n1_nom="Responsable synthétique",
                n1_email=f"n1-{participation_id}@synthetique.test",
                passions=SYNTHETIC_PASSIONS[index % len(SYNTHETIC_PASSIONS)],
            )
        )
    AmbassadeurProfile.objects.bulk_create(profiles, batch_size=1000, ignore_conflicts=True)
    return len(profiles)


def seed_synthetic_entries():
    people = (
        synthetic_people()
        .filter(user__entrees_carnet__isnull=True)
        .values_list("user_id", "transfo_id", "user__email")
    )
    transfo_ids = {transfo_id for _user, transfo_id, _email in people}
    sessions = {
        (transfo_id, numero): pk
        for pk, transfo_id, numero in Session.objects.filter(
            transfo_id__in=transfo_ids, numero__lte=SYNTHETIC_PAST_SESSIONS
        ).values_list("pk", "transfo_id", "numero")
    }
    entries = []
    for user_id, transfo_id, email in people:
        # synthetique-<transfo>-<n>@demo.test: ambassadeurs of odd rank write a third entry.
        rank = int(email.split("@")[0].rsplit("-", 1)[1])
        for n, (visibilite, humeur, titre, texte) in enumerate(SYNTHETIC_ENTRIES[: 2 + rank % 2]):
            day = date(2024, 1 + n, 15)
            entries.append(
                EntreeCarnet(
                    auteur_id=user_id,
                    transfo_id=transfo_id,
                    session_id=sessions.get((transfo_id, 1 + n)),
                    date=day,
                    titre=titre,
                    texte=texte,
                    humeur=humeur,
                    visibilite=visibilite,
                    partagee_le=None
                    if visibilite == Visibilite.PRIVE
                    else timezone.make_aware(datetime.combine(day, time(18, 0))),
                )
            )
    EntreeCarnet.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def seed_synthetic_attendance():
    """Attendance of the first sessions' days (nine in ten there), the group's météo at both
    moments and five personal ones at the opening, for the days that have none yet."""
    days = list(
        Jour.objects.filter(
            session__transfo__slug__startswith="synthetique-",
            session__numero__lte=SYNTHETIC_PAST_SESSIONS,
            presences__isnull=True,
        ).values_list("pk", "session__transfo_id")
    )
    group = {}
    for participation_id, transfo_id in synthetic_people().values_list("pk", "transfo_id"):
        group.setdefault(transfo_id, []).append(participation_id)
    presences, meteos = [], []
    for day_id, transfo_id in days:
        members = group.get(transfo_id, [])
        presences.extend(
            Presence(jour_id=day_id, participation_id=pk, present=(day_id + pk) % 10 != 0)
            for pk in members
        )
        for moment in MomentMeteo:
            meteos.append(Meteo(jour_id=day_id, moment=moment, note=3 + day_id % 3))
        meteos.extend(
            Meteo(
                jour_id=day_id,
                moment=MomentMeteo.OUVERTURE,
                participation_id=pk,
                note=1 + (day_id + pk) % 5,
                mot="Motivé·e" if (day_id + pk) % 2 else "Fatigué·e",
            )
            for pk in members[:SYNTHETIC_PERSONAL_METEOS]
        )
    Presence.objects.bulk_create(presences, batch_size=2000, ignore_conflicts=True)
    Meteo.objects.bulk_create(meteos, batch_size=2000, ignore_conflicts=True)
    return len(presences), len(meteos)


# The Strasbourg group (invented people).
GROUP = seeddata.load(
    "ambassadeurs",
    "groupe",
    {
        "membres": records(
            {
                "email": REQUIRED,
                "nom": REQUIRED,
                "cercle": REQUIRED,
                "direction": REQUIRED,
                "service": REQUIRED,
                "metier": REQUIRED,
                "categorie": REQUIRED,
                "genre": REQUIRED,
                "n1": REQUIRED,
                "roles": REQUIRED,
                "passions": REQUIRED,
                "sortie": None,
                "raison_sortie": "",
            }
        )
    },
)["membres"]


def _mail(name):
    return (
        name.lower().replace(" ", ".").replace("é", "e").replace("è", "e") + "@eurometropole.test"
    )


def seed_group(strasbourg, log):
    """The Strasbourg group: about 20 profiles, some relais, four exits (idempotent)."""
    User = get_user_model()
    left = 0
    for member in GROUP:
        sortie = member["sortie"]
        user, created = User.objects.get_or_create(
            email=member["email"], defaults={"full_name": member["nom"]}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        participation, _created = Participation.objects.update_or_create(
            user=user,
            transfo=strasbourg,
            defaults={
                "role": Role(member["cercle"]),
                "date_entree": strasbourg.date_debut,
                "date_sortie": sortie,
            },
        )
        AmbassadeurProfile.objects.update_or_create(
            participation=participation,
            defaults={
                "direction": member["direction"],
                "service": member["service"],
                "metier": member["metier"],
                "categorie": Categorie(member["categorie"]),
                "genre": Genre(member["genre"]),
                "n1_nom": member["n1"],
                "n1_email": _mail(member["n1"]),
                "roles": member["roles"],
                "passions": member["passions"],
                "raison_sortie": member["raison_sortie"],
            },
        )
        left += bool(sortie)
    log(f"  le groupe de la Transfo Strasbourg : {len(GROUP)} profils, dont {left} sorties")


# Attendance over the sessions, showing the drop-off of the retex (seed 001: "dans les
# dernières sessions, [...] une participation en pointillé et un groupe réduit à une dizaine
# de personnes"; the category C agents leaving first; Karim's carnet at session 10: "nous
# étions une douzaine ce matin"). Deterministic: the same draw on every run.
PRESENCE_RATE = {
    1: 0.97,
    2: 0.95,
    3: 0.93,
    4: 0.92,
    5: 0.88,
    6: 0.85,
    7: 0.8,
    8: 0.76,
    9: 0.74,
    10: 0.66,
    11: 0.6,
}
CATEGORY_C_PENALTY = 0.15
ALWAYS_THERE = {"ambassadrice@demo.test", "ambassadeur@demo.test"}
# Absent from the last two sessions: on the "à relancer" list.
GONE_QUIET = {"sebastien.klein@demo.test": {10, 11}, "mathieu.koenig@demo.test": {10, 11}}

METEOS = seeddata.load(
    "ambassadeurs",
    "meteos",
    {
        "groupe": records({"note": REQUIRED, "mot": REQUIRED}),
        "session_9": each({"note": REQUIRED, "mot": REQUIRED}),
    },
)
# The résidents' météo of the group, at the opening and closing of each day.
METEO_GROUPE = [(meteo["note"], meteo["mot"]) for meteo in METEOS["groupe"]]
# Session 9 (seed 003): each person's météo at the opening of the débat mouvant.
METEO_SESSION_9 = {email: (m["note"], m["mot"]) for email, m in METEOS["session_9"].items()}


def _present(email, categorie, numero, position):
    if email in ALWAYS_THERE:
        return True
    if numero in GONE_QUIET.get(email, ()):
        return False
    rate = PRESENCE_RATE[numero] - (
        CATEGORY_C_PENALTY if categorie == Categorie.C and numero >= 5 else 0
    )
    return random.Random(f"{email}-{numero}-{position}").random() < rate


def seed_presences(strasbourg, log):
    """The attendance of the Strasbourg group over its sessions and the group's météo
    (idempotent: every row is keyed on its day and person)."""
    members = {
        p.user.email: p
        for p in Participation.objects.filter(
            transfo=strasbourg, role__in=CERCLE_ROLES
        ).select_related("user", "profil")
    }
    residente = Participation.objects.filter(
        transfo=strasbourg, role=Role.RESIDENT, user__email="residente@demo.test"
    ).first()
    jours = list(
        Jour.objects.filter(
            session__transfo=strasbourg, session__est_modele=False, date__isnull=False
        )
        .select_related("session")
        .order_by("date", "pk")
    )
    rows = []
    for jour in jours:
        for email, participation in members.items():
            left = participation.date_sortie
            if participation.date_entree > jour.date or (left and left <= jour.date):
                continue
            categorie = getattr(getattr(participation, "profil", None), "categorie", "")
            rows.append(
                Presence(
                    jour=jour,
                    participation=participation,
                    present=_present(email, categorie, jour.session.numero, jour.position),
                    saisie_par=residente.user if residente else None,
                )
            )
    Presence.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["jour", "participation"],
        update_fields=["present", "saisie_par"],
    )
    meteos = 0
    for index, jour in enumerate(jours):
        for offset, moment in enumerate(MomentMeteo):
            note, mot = METEO_GROUPE[(2 * index + offset) % len(METEO_GROUPE)]
            Meteo.objects.update_or_create(
                jour=jour,
                moment=moment,
                participation=None,
                defaults={
                    "note": note,
                    "mot": mot,
                    "saisie_par": residente.user if residente else None,
                },
            )
            meteos += 1
        if jour.session.numero == 9 and jour.position == 0:
            for email, (note, mot) in METEO_SESSION_9.items():
                if email in members:
                    Meteo.objects.update_or_create(
                        jour=jour,
                        moment=MomentMeteo.OUVERTURE,
                        participation=members[email],
                        defaults={"note": note, "mot": mot},
                    )
                    meteos += 1
    log(
        f"  présences du groupe de Strasbourg : {len(rows)} saisies sur {len(jours)} jours, {meteos} météos"
    )


CHARTES = seeddata.load(
    "ambassadeurs",
    "chartes",
    {
        "clause_v2": REQUIRED,
        "date_v2": REQUIRED,
        "n1_sans_signature": REQUIRED,
        "pas_encore_signees": REQUIRED,
        "denonciations": each({"partie": REQUIRED, "date": REQUIRED, "motif": REQUIRED}),
    },
)
# The charter's second version adds the "clause de transversalité" of the Intertransfo of
# Dunkerque (seed 002).
CHARTE_V2 = DEFAULT_CHARTE_TEXT + CHARTES["clause_v2"]
V2_DATE = CHARTES["date_v2"]


def _at(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


# Who signed what, by e-mail; everyone else: ambassadeur and labo at the launch, N+1 within
# the month.
N1_UNSIGNED = set(CHARTES["n1_sans_signature"])
NOT_SIGNED_YET = set(CHARTES["pas_encore_signees"])
# (party, date, reason) of the denunciations.
DENOUNCED = {
    email: (PartieCharte(d["partie"]), d["date"], d["motif"])
    for email, d in CHARTES["denonciations"].items()
}


def seed_chartes(strasbourg, log):
    """The charter's two versions and the charters of the group in various states
    (idempotent: signatures are keyed on their charter, party and date)."""
    v1, _created = TexteCharte.objects.get_or_create(
        transfo=strasbourg, version=1, defaults={"texte": DEFAULT_CHARTE_TEXT}
    )
    pilote = (
        Participation.objects.filter(transfo=strasbourg, role=Role.PILOTE)
        .select_related("user")
        .first()
    )
    v2, _created = TexteCharte.objects.get_or_create(
        transfo=strasbourg,
        version=2,
        defaults={"texte": CHARTE_V2, "auteur": pilote.user if pilote else None},
    )
    profils = AmbassadeurProfile.objects.filter(participation__transfo=strasbourg).select_related(
        "participation__user"
    )
    signed = 0
    for profil in profils.order_by("participation__user__email"):
        email = profil.participation.user.email
        if email in NOT_SIGNED_YET:
            continue
        charte = Charte.of_profil(profil)
        start = profil.participation.date_entree
        parties = [
            (
                PartieCharte.AMBASSADEUR,
                start,
                profil.participation.user.get_full_name(),
                profil.participation.user,
            ),
            (
                PartieCharte.LABO,
                start,
                pilote.user.get_full_name() if pilote else "Isabelle Roth",
                pilote.user if pilote else None,
            ),
        ]
        if email not in N1_UNSIGNED:
            parties.append(
                (PartieCharte.N1, date(start.year, start.month, 28), profil.n1_nom, None)
            )
        for partie, day, nom, user in parties:
            denounced = DENOUNCED.get(email)
            ended = denounced if denounced and denounced[0] == partie else None
            SignatureCharte.objects.update_or_create(
                charte=charte,
                partie=partie,
                signee_le=_at(day),
                defaults={
                    "texte": v1 if day < V2_DATE else v2,
                    "nom": nom,
                    "signataire": user,
                    "denoncee_le": _at(ended[1]) if ended else None,
                    "motif_denonciation": ended[2] if ended else "",
                },
            )
            signed += 1
    log(f"  chartes d'engagement de Strasbourg : 2 versions du texte, {signed} signatures")


DEVOIRS = seeddata.load(
    "ambassadeurs",
    "devoirs",
    {
        "devoirs": records(
            {
                "titre": REQUIRED,
                "consignes": REQUIRED,
                "echeance": REQUIRED,
                "reponses": records({"email": REQUIRED, "texte": REQUIRED}),
                "commentaires": records({"reponse": REQUIRED, "texte": REQUIRED}),
            }
        )
    },
)["devoirs"]


def seed_devoirs(strasbourg, log):
    """The devoirs de vacances and three answers, one commented (idempotent)."""
    User = get_user_model()
    residente = User.objects.filter(email="residente@demo.test").first()
    for spec in DEVOIRS:
        devoir, _created = Devoir.objects.update_or_create(
            transfo=strasbourg,
            titre=spec["titre"],
            defaults={
                "titre": spec["titre"],
                "consignes": spec["consignes"],
                "echeance": spec["echeance"],
                "auteur": residente,
            },
        )
        for answer in spec["reponses"]:
            auteur = User.objects.filter(email=answer["email"]).first()
            if auteur is None:
                continue
            reponse, _created = ReponseDevoir.objects.update_or_create(
                devoir=devoir, auteur=auteur, defaults={"texte": answer["texte"]}
            )
            for comment in spec["commentaires"]:
                if comment["reponse"] == answer["email"] and residente:
                    CommentaireDevoir.objects.get_or_create(
                        reponse=reponse, auteur=residente, texte=comment["texte"]
                    )
        log(f"  devoirs de Strasbourg : « {devoir.titre} », {len(spec['reponses'])} réponses")


BILANS = seeddata.load(
    "ambassadeurs",
    "bilans",
    {
        "campagnes": each(
            {
                "type": REQUIRED,
                "titre": REQUIRED,
                "jalon": REQUIRED,
                "ouverture": REQUIRED,
                "cloture": None,
                "questions": REQUIRED,
                "reponses": records({"question": REQUIRED, "email": REQUIRED, "texte": REQUIRED}),
            }
        ),
        "copies": records(
            {
                "email": REQUIRED,
                "bilan": REQUIRED,
                "visibilite": REQUIRED,
                "deposee": REQUIRED,
                "reponses": REQUIRED,
            }
        ),
    },
)


def _seed_campaign(strasbourg, data, auteur):
    """A campaign with its questions, keyed on its Transfo and title (idempotent)."""
    fields = {k: v for k, v in data.items() if k not in {"questions", "reponses"}}
    bilan, _created = Bilan.objects.update_or_create(
        transfo=strasbourg,
        titre=fields.pop("titre"),
        defaults={**fields, "created_by": auteur},
    )
    if [q.texte for q in bilan.questions.all()] != data["questions"] and not bilan.has_answers():
        bilan.set_questions(data["questions"])
    return bilan


def seed_bilans(strasbourg, log):
    """Strasbourg's bilans: at mid-term (closed), at the end (open) and the group's collective
    one, started (idempotent)."""
    User = get_user_model()
    residente = User.objects.filter(email="residente@demo.test").first()
    campaigns = {
        name: _seed_campaign(strasbourg, data, residente)
        for name, data in BILANS["campagnes"].items()
        if data["type"] == "personnel"
    }
    for spec in BILANS["copies"]:
        auteur = User.objects.filter(email=spec["email"]).first()
        if auteur is None:
            continue
        data = BILANS["campagnes"][spec["bilan"]]
        bilan = campaigns[spec["bilan"]]
        visibilite, depose = Visibilite(spec["visibilite"]), spec["deposee"]
        day = timezone.make_aware(datetime.combine(data["cloture"] or data["ouverture"], time(18)))
        copie, _created = BilanPersonnel.objects.update_or_create(
            bilan=bilan,
            auteur=auteur,
            defaults={
                "statut": "depose" if depose else "brouillon",
                "depose_le": day if depose else None,
                "visibilite": visibilite,
                "partage_le": None if visibilite == Visibilite.PRIVE else day,
            },
        )
        for question, texte in zip(bilan.questions.all(), spec["reponses"], strict=True):
            ReponseBilan.objects.update_or_create(
                copie=copie, question=question, defaults={"texte": texte}
            )
    answers = 0
    for data in BILANS["campagnes"].values():
        if data["type"] != "collectif":
            continue
        collectif = _seed_campaign(strasbourg, data, residente)
        questions = {q.position: q for q in collectif.questions.all()}
        for answer in data["reponses"]:
            ReponseCollective.objects.update_or_create(
                question=questions[answer["question"]],
                defaults={
                    "texte": answer["texte"],
                    "version": 1,
                    "updated_by": User.objects.filter(email=answer["email"]).first(),
                    "updated_at": timezone.make_aware(
                        datetime.combine(data["ouverture"], time(17))
                    ),
                },
            )
            answers += 1
    log(
        f"  bilans de Strasbourg : {len(BILANS['campagnes'])} bilans, "
        f"{len(BILANS['copies'])} bilans personnels, {answers} réponses collectives"
    )
