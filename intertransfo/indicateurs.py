"""The coordinators' dashboard: each Transfo's figures against the protocol (issue 7).

One place for the figures and the rules. A figure that has a definition elsewhere is called
from there: `intertransfo.figures.infos_cles` (ambassadeurs, sessions réalisées, cas
pratiques), `collectivites.protocol` (month N, days used, sessions planned, labo work,
sessions per cas), `ambassadeurs.models` (attendance rates, composition with its "< 5"
suppression). Each indicator's level (green / amber / red) is a small function of plain
values below, with its rule in French beside it (the vade-mecum, seed 004).

`tableau(transfos)` computes every row in a constant number of queries, whatever the number
of Transfos.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ambassadeurs.choices import Categorie, Genre, PartieCharte
from ambassadeurs.models import (
    SUPPRESSION_THRESHOLD,
    Charte,
    Meteo,
    Presence,
    SignatureCharte,
    composition_figures,
    composition_from,
    shown_count,
)
from collectivites.choices import Role
from collectivites.models import Jour, Participation, Session
from collectivites.protocol import (
    MAX_SESSIONS_PER_CAS,
    LaboWork,
    has_labo_block,
    labo_work_status_of,
    max_sessions_per_cas,
    months_between,
    protocol_figures,
)
from intertransfo.choices import NIVEAU_ICONES, Niveau
from intertransfo.figures import count_of, infos_cles, infos_cles_figures, infos_from
from intertransfo.models import Intertransfo, Participant
from transfo.dates import french_date

# Thresholds of the rules. The vade-mecum gives the protocol's figures (collectivites.protocol,
# Transfo targets); where it says "a diversified group of really volunteer agents" or "renew
# the group in a small part only", the figures below are the coordination's reading of it.
RETARD_SESSIONS_ORANGE = 2  # sessions réalisées behind one a month
RETARD_SESSIONS_ROUGE = 3
RETENTION_VERT = 80  # % of the ambassadeurs at the start still in the group
RETENTION_ORANGE = 60
PRESENCE_SESSIONS = 3  # the attendance rate is over the last three recorded sessions
PRESENCE_VERT = 75  # %
PRESENCE_ORANGE = 50
METEO_VERT = 3.5  # average of the group's météos (1 storm – 5 sun) at the last session
METEO_ORANGE = 2.5
METEO_CHUTE = 1  # a drop of a full point since the previous session is worth a look
PARITE_VERT = 40  # % of the less represented of women and men
PARITE_ORANGE = 25
CHARTES_VERT = 80  # % of the active ambassadeurs whose charter is signed by all three parties
CHARTES_ORANGE = 50
INTERTRANSFO_MOIS = 6  # an Intertransfo every 3 to 6 months


@dataclass(frozen=True)
class Indicateur:
    cle: str
    libelle: str
    regle: str
    # Who is counted, said beside the figure when it is people ("" when it is not).
    population: str = ""


INDICATEURS = [
    Indicateur(
        "calendrier",
        gettext_lazy("Mois"),
        gettext_lazy(
            "18 mois au plus (vade-mecum), comptés depuis le début de la Transfo. Conforme : "
            "dans la durée prévue ; à surveiller : la Transfo court au-delà, sans session "
            "au-delà ; hors protocole : une session après le 18e mois."
        ),
    ),
    Indicateur(
        "sessions",
        gettext_lazy("Sessions réalisées / prévues / cible"),
        gettext_lazy(
            "Une session de 2 à 3 jours par mois, 14 en tout. Conforme : au plus 1 session de "
            "retard sur ce rythme ; à surveiller : 2 de retard, ou plus de 14 sessions prévues ; "
            "hors protocole : 3 de retard ou plus."
        ),
    ),
    Indicateur(
        "jours",
        gettext_lazy("Jours utilisés / 35"),
        gettext_lazy(
            "35 jours d'intervention (vade-mecum). Conforme : 35 jours au plus planifiés ; "
            "hors protocole : au-delà."
        ),
    ),
    Indicateur(
        "cas",
        gettext_lazy("Cas pratiques"),
        gettext_lazy(
            "De 3 à 6 cas pratiques. Conforme : 3 à 6 ; à surveiller : moins de 3 dans la "
            "première moitié de la Transfo ; hors protocole : moins de 3 ensuite, ou plus de 6."
        ),
    ),
    Indicateur(
        "sessions_par_cas",
        gettext_lazy("Sessions par cas (max.)"),
        gettext_lazy(
            "De 1 à 4 sessions au plus sur un même cas pratique. Conforme : 4 au plus ; "
            "hors protocole : 5 ou plus."
        ),
    ),
    Indicateur(
        "labo",
        gettext_lazy("Travail sur le labo"),
        gettext_lazy(
            "Le travail sur le futur labo commence entre les sessions 4 et 6, pas plus tard : "
            "un bloc « travail sur le labo » dans les sessions 1 à 6. Conforme : commencé ; "
            "à surveiller : pas encore, le programme atteint la session 4 ; hors protocole : "
            "pas commencé et le programme atteint la session 6."
        ),
    ),
    Indicateur(
        "retention",
        gettext_lazy("Ambassadeurs actifs / au départ"),
        gettext_lazy(
            "Un groupe de 20 ambassadeurs, renouvelé en petite partie seulement. Part des "
            "ambassadeurs présents à la première session encore dans le groupe. Conforme : "
            "80 % ou plus ; à surveiller : 60 à 79 % ; hors protocole : moins de 60 %."
        ),
        gettext_lazy(
            "ambassadeur·rices seulement, sans les relais : actif·ves / présent·es à la 1re session"
        ),
    ),
    Indicateur(
        "presence",
        gettext_lazy("Présence (3 dernières sessions)"),
        gettext_lazy(
            "Des ambassadeurs réellement volontaires : présences (personnes × jours) sur les "
            "trois dernières sessions saisies. Conforme : 75 % ou plus ; à surveiller : 50 à "
            "74 % ; hors protocole : moins de 50 %."
        ),
        gettext_lazy("ambassadeur·rices et relais de la feuille de présence"),
    ),
    Indicateur(
        "meteo",
        gettext_lazy("Météo du groupe"),
        gettext_lazy(
            "Moyenne des météos du groupe (1 orageux – 5 ensoleillé) à la dernière session, et "
            "sa tendance. Conforme : 3,5 ou plus ; à surveiller : 2,5 à 3,5, ou une baisse "
            "d'un point depuis la session précédente ; hors protocole : moins de 2,5."
        ),
    ),
    Indicateur(
        "categories",
        gettext_lazy("Catégories A/B/C"),
        gettext_lazy(
            "Un groupe diversifié. Conforme : les trois catégories représentées ; à surveiller : "
            "deux ; hors protocole : une seule. Effectifs de moins de 5 affichés « < 5 »."
        ),
        gettext_lazy("ambassadeur·rices et relais actif·ves"),
    ),
    Indicateur(
        "parite",
        gettext_lazy("Parité"),
        gettext_lazy(
            "Un groupe diversifié. Part du genre le moins représenté (femmes, hommes) parmi "
            "les réponses de toutes les personnes recrutées dans le groupe, sorties comprises "
            "(une sortie ne la change pas : personne ne peut en déduire le genre de qui part), "
            "affichée par tranche. Conforme : 40 % ou plus ; à surveiller : 25 à 39 % ; hors "
            "protocole : moins de 25 % ; sans objet sous 5 réponses."
        ),
        gettext_lazy("ambassadeur·rices et relais recruté·es, sorties comprises"),
    ),
    Indicateur(
        "chartes",
        gettext_lazy("Chartes signées"),
        gettext_lazy(
            "Charte d'engagement tripartite : part des ambassadeurs actifs dont la charte est "
            "signée par les trois parties. Conforme : 80 % ou plus ; à surveiller : 50 à 79 % ; "
            "hors protocole : moins de 50 %."
        ),
        gettext_lazy("ambassadeur·rices actif·ves, sans les relais"),
    ),
    Indicateur(
        "intertransfo",
        gettext_lazy("Dernière Intertransfo"),
        gettext_lazy(
            "Une Intertransfo tous les 3 à 6 mois : mois écoulés depuis la dernière à laquelle "
            "l'équipe était présente (depuis le début de la Transfo si aucune). Conforme : "
            "moins de 6 mois ; à surveiller : 6 mois ; hors protocole : 7 mois ou plus."
        ),
    ),
]
INDICATEURS_PAR_CLE = {indicateur.cle: indicateur for indicateur in INDICATEURS}


# The rules -------------------------------------------------------------------------------


def niveau_calendrier(mois, duree_cible, sessions_hors_duree=()):
    """Red when a session is held after the protocol's duration (the planner's hint says
    which); amber when the Transfo runs on past it without a session there."""
    if mois <= 0:
        return Niveau.SANS_OBJET
    if sessions_hors_duree:
        return Niveau.ROUGE
    return Niveau.VERT if mois <= duree_cible else Niveau.ORANGE


def sessions_attendues(mois, sessions_cible, duree_cible):
    """Sessions réalisées expected by month N at one a month, the target spread over the
    duration (14 over 18 months)."""
    return min(sessions_cible, mois * sessions_cible // duree_cible) if duree_cible else 0


def niveau_sessions(realisees, prevues, mois, sessions_cible, duree_cible):
    if mois <= 0:
        return Niveau.SANS_OBJET
    retard = sessions_attendues(mois, sessions_cible, duree_cible) - realisees
    if retard >= RETARD_SESSIONS_ROUGE:
        return Niveau.ROUGE
    if retard >= RETARD_SESSIONS_ORANGE or prevues > sessions_cible:
        return Niveau.ORANGE
    return Niveau.VERT


def niveau_jours(jours, jours_cible):
    if not jours:
        return Niveau.SANS_OBJET
    return Niveau.VERT if jours <= jours_cible else Niveau.ROUGE


def niveau_cas(nb_cas, cas_min, cas_max, mois, duree_cible):
    if nb_cas > cas_max:
        return Niveau.ROUGE
    if nb_cas >= cas_min:
        return Niveau.VERT
    if mois <= 0:
        return Niveau.SANS_OBJET
    return Niveau.ORANGE if 2 * mois <= duree_cible else Niveau.ROUGE


def niveau_sessions_par_cas(max_sessions):
    if not max_sessions:
        return Niveau.SANS_OBJET
    return Niveau.VERT if max_sessions <= MAX_SESSIONS_PER_CAS else Niveau.ROUGE


NIVEAU_LABO = {
    LaboWork.STARTED: Niveau.VERT,
    LaboWork.DUE: Niveau.ORANGE,
    LaboWork.LATE: Niveau.ROUGE,
    LaboWork.NOT_YET_DUE: Niveau.SANS_OBJET,
}


def niveau_labo(status):
    return NIVEAU_LABO[status]


def pourcentage(part, total):
    return round(100 * part / total) if total else None


def niveau_seuils(valeur, vert, orange):
    """Green from `vert` up, amber from `orange` up, red below; no value: sans objet."""
    if valeur is None:
        return Niveau.SANS_OBJET
    if valeur >= vert:
        return Niveau.VERT
    return Niveau.ORANGE if valeur >= orange else Niveau.ROUGE


def niveau_retention(restes, depart):
    return niveau_seuils(pourcentage(restes, depart), RETENTION_VERT, RETENTION_ORANGE)


def niveau_presence(taux):
    return niveau_seuils(taux, PRESENCE_VERT, PRESENCE_ORANGE)


def niveau_meteo(derniere, precedente=None):
    if derniere is None:
        return Niveau.SANS_OBJET
    if derniere < METEO_ORANGE:
        return Niveau.ROUGE
    if derniere < METEO_VERT or (precedente is not None and precedente - derniere >= METEO_CHUTE):
        return Niveau.ORANGE
    return Niveau.VERT


def niveau_categories(effectifs):
    """`effectifs`: {catégorie: exact count}, never shown."""
    presentes = sum(1 for value, _label in Categorie.choices if effectifs.get(value))
    if not presentes:
        return Niveau.SANS_OBJET
    return {3: Niveau.VERT, 2: Niveau.ORANGE}.get(presentes, Niveau.ROUGE)


# The parity is shown by its band only: exact figures would let anyone who compares two
# moments tell the genre of a newcomer.
PARITE_TRANCHES = {
    Niveau.VERT: gettext_lazy("40 % ou plus"),
    Niveau.ORANGE: gettext_lazy("25 à 39 %"),
    Niveau.ROUGE: gettext_lazy("moins de 25 %"),
    Niveau.SANS_OBJET: "—",
}
PARITE_TRI = {Niveau.VERT: 3, Niveau.ORANGE: 2, Niveau.ROUGE: 1, Niveau.SANS_OBJET: None}


def niveau_parite(effectifs):
    """`effectifs`: {genre: exact count}, never shown."""
    femmes, hommes = effectifs.get(Genre.FEMME, 0), effectifs.get(Genre.HOMME, 0)
    if femmes + hommes < SUPPRESSION_THRESHOLD:
        return Niveau.SANS_OBJET
    return niveau_seuils(
        pourcentage(min(femmes, hommes), femmes + hommes), PARITE_VERT, PARITE_ORANGE
    )


def niveau_chartes(signees, ambassadeurs):
    return niveau_seuils(pourcentage(signees, ambassadeurs), CHARTES_VERT, CHARTES_ORANGE)


def niveau_intertransfo(mois_ecoules):
    if mois_ecoules is None:
        return Niveau.SANS_OBJET
    if mois_ecoules < INTERTRANSFO_MOIS:
        return Niveau.VERT
    return Niveau.ORANGE if mois_ecoules == INTERTRANSFO_MOIS else Niveau.ROUGE


def mois_pleins(debut, fin):
    """Whole months from one date to another (17 May -> 16 November: 5)."""
    return months_between(debut, fin) - 1


# The rows --------------------------------------------------------------------------------


@dataclass
class Cellule:
    indicateur: Indicateur
    valeur: str
    niveau: str
    tri: object = None  # the value the column sorts by; None sorts last
    raison: str = ""  # why the cell is amber or red, in words ("" when it is not)

    @property
    def icone(self):
        return NIVEAU_ICONES[self.niveau]

    @property
    def niveau_label(self):
        return Niveau(self.niveau).label


@dataclass
class PointSession:
    """One session's figures for the Transfo's charts."""

    numero: int
    date: object
    taux: object = None  # ambassadeurs.models.TauxSession
    ambassadeurs: int | None = None
    meteo: float | None = None


@dataclass
class LigneTransfo:
    transfo: object
    infos: object  # intertransfo.figures.InfosCles
    report: object  # collectivites.protocol.ProtocolReport
    reference: object  # the date the rules are read at: today, or the end of the Transfo
    labo: str = LaboWork.NOT_YET_DUE
    max_sessions_cas: int = 0
    ambassadeurs_depart: int = 0
    ambassadeurs_restes: int = 0
    taux_sessions: list = field(default_factory=list)
    meteos: list = field(default_factory=list)  # [(numero, average)] of the group's météos
    composition: dict = field(default_factory=dict)
    chartes_signees: int = 0
    derniere_intertransfo: tuple | None = None  # (date, numero, lieu)
    cellules: dict = field(default_factory=dict)
    points: list = field(default_factory=list)  # [PointSession], with `with_points`

    @property
    def presents_recents(self):
        """(presents, total) person-days over the last PRESENCE_SESSIONS recorded sessions."""
        recent = self.taux_sessions[-PRESENCE_SESSIONS:]
        return sum(t.presents for t in recent), sum(t.total for t in recent)

    @property
    def taux_presence(self):
        return pourcentage(*self.presents_recents)

    @property
    def meteo_derniere(self):
        return self.meteos[-1][1] if self.meteos else None

    @property
    def meteo_precedente(self):
        return self.meteos[-2][1] if len(self.meteos) > 1 else None

    @property
    def mois_sans_intertransfo(self):
        if self.reference < self.transfo.date_debut:
            return None
        since = self.derniere_intertransfo[0] if self.derniere_intertransfo else None
        return mois_pleins(since or self.transfo.date_debut, self.reference)

    def cellule_list(self):
        return [self.cellules[indicateur.cle] for indicateur in INDICATEURS]


def _transfo_figures(today):
    """SQL of each Transfo's own figures, to annotate the Transfo queryset with: the infos
    clés, the group's composition, the most sessions on one cas, the ambassadeurs at the
    start and those still there, the charters signed, the last Intertransfo attended."""
    programme_days = Jour.objects.filter(
        session__transfo=OuterRef(OuterRef("pk")), session__est_modele=False, date__isnull=False
    )
    # The start of the group: the first day of its first session, the Transfo's start else.
    start = Coalesce(
        Subquery(programme_days.order_by("date").values("date")[:1]), OuterRef("date_debut")
    )
    at_start = Participation.objects.filter(
        transfo=OuterRef("pk"), role=Role.AMBASSADEUR, date_entree__lte=start
    )
    parties = (
        SignatureCharte.objects.filter(charte=OuterRef("pk"), denoncee_le__isnull=True)
        .values("charte")
        .annotate(n=Count("partie", distinct=True))
        .values("n")
    )
    signed = (
        Charte.objects.filter(
            profil__participation__transfo=OuterRef("pk"),
            profil__participation__role=Role.AMBASSADEUR,
            profil__participation__date_sortie__isnull=True,
        )
        .annotate(parties=Subquery(parties))
        .filter(parties=len(PartieCharte))
    )
    # Taken part: its team was present, or it hosted the Intertransfo (the host is recorded
    # as `transfo_hote`, often with no participant list of its own).
    present = Participant.objects.filter(
        intertransfo=OuterRef("pk"), transfo=OuterRef(OuterRef("pk")), present=True
    )
    attended = Intertransfo.objects.filter(
        Q(transfo_hote=OuterRef("pk")) | Exists(present), date__lte=today
    ).order_by("-date", "-pk")
    return {
        **infos_cles_figures(),
        **composition_figures(),
        "max_sessions_cas": max_sessions_per_cas(),
        "ambassadeurs_depart": count_of(at_start),
        "ambassadeurs_restes": count_of(at_start.filter(date_sortie__isnull=True)),
        "chartes_signees": count_of(signed),
        "intertransfo_date": Subquery(attended.values("date")[:1]),
        "intertransfo_numero": Subquery(attended.values("numero")[:1]),
        "intertransfo_lieu": Subquery(attended.values("lieu")[:1]),
    }


def _sessions(ids):
    """{transfo_id: [row]} of the Transfos' sessions, by number: their number of days, first
    and last dated days, whether they have a live labo block, the average of their group
    météos (1 query)."""
    days = Jour.objects.filter(session=OuterRef("pk"))
    dated = days.filter(date__isnull=False).values("date")
    meteo = (
        Meteo.objects.filter(jour__session=OuterRef("pk"), participation__isnull=True)
        .values("jour__session")
        .annotate(moyenne=Avg("note"))
        .values("moyenne")
    )
    rows = (
        Session.objects.programmes()
        .filter(transfo_id__in=ids)
        .values("transfo_id", "numero")
        .annotate(
            jours=count_of(days),
            premier_jour=Subquery(dated.order_by("date")[:1]),
            dernier_jour=Subquery(dated.order_by("-date")[:1]),
            labo=has_labo_block(),
            meteo=Subquery(meteo),
        )
        .order_by("transfo_id", "numero", "pk")
    )
    result = {}
    for row in rows:
        result.setdefault(row["transfo_id"], []).append(row)
    return result


def _ambassadeurs(ids):
    """{transfo_id: [(date_entree, date_sortie)]} of every ambassadeur, past ones too (1 query)."""
    result = {}
    for transfo_id, entree, sortie in Participation.objects.filter(
        transfo_id__in=ids, role=Role.AMBASSADEUR
    ).values_list("transfo_id", "date_entree", "date_sortie"):
        result.setdefault(transfo_id, []).append((entree, sortie))
    return result


def points_sessions(ligne, sessions, ambassadeurs):
    """[PointSession] of a Transfo's sessions (`_sessions` rows), by number: its attendance
    rate, the active ambassadeurs on its first day, the average of its group météos."""
    taux = {t.numero: t for t in ligne.taux_sessions}
    meteos = dict(ligne.meteos)
    points = []
    for session in sessions:
        first = session["premier_jour"]
        actifs = None
        if first is not None and first <= ligne.reference:
            actifs = sum(
                1
                for entree, sortie in ambassadeurs
                if entree <= first and (sortie is None or sortie > first)
            )
        points.append(
            PointSession(
                numero=session["numero"],
                date=first,
                taux=taux.get(session["numero"]),
                ambassadeurs=actifs,
                meteo=meteos.get(session["numero"]),
            )
        )
    return points


def tableau(transfos, today=None, with_points=False):
    """[LigneTransfo] of the Transfos (a queryset, with their `collectivite` selected), in
    3 queries whatever their number, each figure computed in SQL:

    1. the Transfos with their own figures (`_transfo_figures`: infos clés, composition,
       sessions per cas, retention, charters, last Intertransfo);
    2. their sessions' figures (`_sessions`: days, labo block, group météo);
    3. the attendance rates by session (`Presence.objects.rates_by_transfo`).

    `with_points` (a Transfo's page) adds the infos clés' titles and méthodes (3 queries)
    and the ambassadeurs' dates for the charts' points (1 query).
    """
    today = today or timezone.localdate()
    transfos = list(transfos.annotate(**_transfo_figures(today)))
    ids = [t.pk for t in transfos]
    if not ids:
        return []
    sessions = _sessions(ids)
    taux = Presence.objects.rates_by_transfo(ids)
    infos = infos_cles(transfos) if with_points else {}
    ambassadeurs = _ambassadeurs(ids) if with_points else {}

    lignes = []
    for transfo in transfos:
        figures = vars(transfo)
        own = sessions.get(transfo.pk, [])
        intertransfo = transfo.intertransfo_date
        ligne = LigneTransfo(
            transfo=transfo,
            infos=infos.get(transfo.pk) or infos_from(transfo, figures),
            report=protocol_figures(
                transfo, [(s["numero"], s["jours"], s["dernier_jour"]) for s in own], today
            ),
            reference=min(today, transfo.date_fin) if transfo.date_fin else today,
            labo=labo_work_status_of((s["numero"], s["labo"]) for s in own),
            max_sessions_cas=transfo.max_sessions_cas,
            ambassadeurs_depart=transfo.ambassadeurs_depart,
            ambassadeurs_restes=transfo.ambassadeurs_restes,
            taux_sessions=taux.get(transfo.pk, []),
            meteos=[(s["numero"], round(s["meteo"], 1)) for s in own if s["meteo"] is not None],
            composition=composition_from(figures),
            chartes_signees=transfo.chartes_signees,
            derniere_intertransfo=(
                (intertransfo, transfo.intertransfo_numero, transfo.intertransfo_lieu)
                if intertransfo
                else None
            ),
        )
        ligne.cellules = cellules(ligne)
        if with_points:
            ligne.points = points_sessions(ligne, own, ambassadeurs.get(transfo.pk, []))
        lignes.append(ligne)
    return lignes


# What each cell shows --------------------------------------------------------------------

LABO_TEXTE = {
    LaboWork.STARTED: gettext_lazy("oui"),
    LaboWork.DUE: gettext_lazy("pas encore"),
    LaboWork.LATE: gettext_lazy("non"),
    LaboWork.NOT_YET_DUE: gettext_lazy("pas encore dû"),
}


def _pct(value):
    return _("%(n)s %%") % {"n": value} if value is not None else "—"


def _composition_text(parts):
    return " · ".join(f"{label} : {count}" for label, count in parts) or "—"


def _trend(derniere, precedente):
    if derniere is None or precedente is None:
        return ""
    if derniere - precedente >= 0.5:
        return " ↗"
    if precedente - derniere >= 0.5:
        return " ↘"
    return " →"


def _accord(n, singulier, pluriel):
    """French agreement: 0 and 1 take the singular (ngettext's default rule is English)."""
    return singulier if n <= 1 else pluriel


def _seuil(niveau, vert, orange):
    """'moins de 80 %' (amber) or 'moins de 50 %' (red): the threshold the figure is under."""
    return _("moins de %(n)s %%") % {"n": vert if niveau == Niveau.ORANGE else orange}


def raisons(ligne):
    """{indicator key: why its cell is amber or red, in words}, from the figures the levels
    are computed from. Only the keys of amber and red cells are read."""
    t, infos, report = ligne.transfo, ligne.infos, ligne.report
    mois, cible = report.mois_ecoules, report.duree_mois_cible
    cells = ligne.cellules
    result = {}

    def niveau(cle):
        return cells[cle].niveau

    if report.sessions_hors_duree:
        result["calendrier"] = _(
            "session n°%(n)s après le %(cible)se mois : au-delà de la durée du protocole"
        ) % {"n": ", ".join(str(n) for n in report.sessions_hors_duree), "cible": cible}
    else:
        result["calendrier"] = _("%(n)s mois écoulés pour %(cible)s prévus") % {
            "n": mois,
            "cible": cible,
        }
    attendues = sessions_attendues(mois, report.sessions_cible, cible)
    retard = attendues - infos.sessions_realisees
    if retard >= RETARD_SESSIONS_ORANGE:
        result["sessions"] = _accord(
            infos.sessions_realisees,
            _("%(r)s session réalisée pour %(a)s attendues au %(m)se mois : %(d)s de retard"),
            _("%(r)s sessions réalisées pour %(a)s attendues au %(m)se mois : %(d)s de retard"),
        ) % {"r": infos.sessions_realisees, "a": attendues, "m": mois, "d": retard}
    else:
        result["sessions"] = _(
            "%(p)s sessions prévues pour %(c)s au protocole : au-delà du protocole"
        ) % {"p": report.sessions, "c": report.sessions_cible}
    result["jours"] = _("%(j)s jours planifiés pour %(c)s : au-delà du protocole") % {
        "j": report.jours_utilises,
        "c": report.jours_cible,
    }
    if infos.nb_cas > t.cas_max:
        result["cas"] = _("%(n)s cas pratiques pour %(max)s au plus") % {
            "n": infos.nb_cas,
            "max": t.cas_max,
        }
    else:
        quand = (
            _("dans la première moitié de la Transfo")
            if niveau("cas") == Niveau.ORANGE
            else _("passé la moitié de la Transfo")
        )
        result["cas"] = _accord(
            infos.nb_cas,
            _("%(n)s cas pratique pour %(min)s au moins, %(quand)s"),
            _("%(n)s cas pratiques pour %(min)s au moins, %(quand)s"),
        ) % {"n": infos.nb_cas, "min": t.cas_min, "quand": quand}
    result["sessions_par_cas"] = _("%(n)s sessions sur un même cas pour %(max)s au plus") % {
        "n": ligne.max_sessions_cas,
        "max": MAX_SESSIONS_PER_CAS,
    }
    result["labo"] = _(
        "aucun bloc « travail sur le labo » et le programme atteint la session %(n)s"
    ) % {"n": 4 if ligne.labo == LaboWork.DUE else 6}
    result["retention"] = _("%(r)s des %(d)s ambassadeur·rices du départ encore là : %(seuil)s") % {
        "r": ligne.ambassadeurs_restes,
        "d": ligne.ambassadeurs_depart,
        "seuil": _seuil(niveau("retention"), RETENTION_VERT, RETENTION_ORANGE),
    }
    presents, total = ligne.presents_recents
    result["presence"] = _(
        "%(p)s présences sur %(t)s (personnes × jours) aux %(n)s dernières sessions : %(seuil)s"
    ) % {
        "p": presents,
        "t": total,
        "n": len(ligne.taux_sessions[-PRESENCE_SESSIONS:]),
        "seuil": _seuil(niveau("presence"), PRESENCE_VERT, PRESENCE_ORANGE),
    }
    derniere, precedente = ligne.meteo_derniere, ligne.meteo_precedente
    if derniere is not None and derniere >= METEO_VERT and precedente is not None:
        result["meteo"] = _("en baisse de %(d)s depuis la session précédente (%(p)s)") % {
            "d": number_format(precedente - derniere, 1),
            "p": number_format(precedente, 1),
        }
    elif derniere is not None:
        result["meteo"] = _("météo de %(m)s à la dernière session, sous %(seuil)s") % {
            "m": number_format(derniere, 1),
            "seuil": number_format(METEO_VERT if derniere >= METEO_ORANGE else METEO_ORANGE, 1),
        }
    presentes = sum(1 for value in ligne.composition["raw"]["categorie"].values() if value)
    result["categories"] = _accord(
        presentes,
        _("%(n)s catégorie représentée sur 3"),
        _("%(n)s catégories représentées sur 3"),
    ) % {"n": presentes}
    result["parite"] = _("le genre le moins représenté fait %(tranche)s des réponses") % {
        "tranche": PARITE_TRANCHES[niveau("parite")]
    }
    result["chartes"] = _(
        "chartes signées par les trois parties : %(seuil)s des ambassadeur·rices actif·ves"
    ) % {"seuil": _seuil(niveau("chartes"), CHARTES_VERT, CHARTES_ORANGE)}
    result["intertransfo"] = _("%(n)s mois sans Intertransfo : une tous les 3 à 6 mois") % {
        "n": ligne.mois_sans_intertransfo
    }
    return result


def cellules(ligne):
    """{indicator key: Cellule} of a row, each amber or red one with its reason."""
    result = _cellules(ligne)
    if any(c.niveau in (Niveau.ORANGE, Niveau.ROUGE) for c in result.values()):
        ligne.cellules = result
        why = raisons(ligne)
        for cle, cellule in result.items():
            if cellule.niveau in (Niveau.ORANGE, Niveau.ROUGE):
                cellule.raison = why.get(cle, "")
    return result


def _cellules(ligne):
    """{indicator key: Cellule} of a row."""
    t, infos, report = ligne.transfo, ligne.infos, ligne.report
    mois = report.mois_ecoules
    by = INDICATEURS_PAR_CLE
    restes_pct = pourcentage(ligne.ambassadeurs_restes, ligne.ambassadeurs_depart)
    chartes_pct = pourcentage(ligne.chartes_signees, infos.ambassadeurs)
    raw = ligne.composition["raw"]
    parite = niveau_parite(raw["genre"])
    derniere = ligne.derniere_intertransfo
    if derniere:
        day, numero, lieu = derniere
        quand = french_date(day)
        derniere_texte = (
            _("n°%(n)s, %(date)s") % {"n": numero, "date": quand} if numero else f"{lieu}, {quand}"
        )
    else:
        derniere_texte = _("aucune")
    sans = ligne.mois_sans_intertransfo
    if sans is not None:
        derniere_texte += " " + (_("(il y a %(n)s mois)") % {"n": sans})
    meteo = ligne.meteo_derniere
    values = [
        Cellule(
            by["calendrier"],
            _("%(n)s / %(cible)s") % {"n": mois, "cible": report.duree_mois_cible},
            niveau_calendrier(mois, report.duree_mois_cible, report.sessions_hors_duree),
            mois,
        ),
        Cellule(
            by["sessions"],
            f"{infos.sessions_realisees} / {report.sessions} / {report.sessions_cible}",
            niveau_sessions(
                infos.sessions_realisees,
                report.sessions,
                mois,
                report.sessions_cible,
                report.duree_mois_cible,
            ),
            infos.sessions_realisees,
        ),
        Cellule(
            by["jours"],
            f"{report.jours_utilises} / {report.jours_cible}",
            niveau_jours(report.jours_utilises, report.jours_cible),
            report.jours_utilises,
        ),
        Cellule(
            by["cas"],
            str(infos.nb_cas),
            niveau_cas(infos.nb_cas, t.cas_min, t.cas_max, mois, report.duree_mois_cible),
            infos.nb_cas,
        ),
        Cellule(
            by["sessions_par_cas"],
            str(ligne.max_sessions_cas) if ligne.max_sessions_cas else "—",
            niveau_sessions_par_cas(ligne.max_sessions_cas),
            ligne.max_sessions_cas or None,
        ),
        Cellule(
            by["labo"],
            str(LABO_TEXTE[ligne.labo]),
            niveau_labo(ligne.labo),
            list(LABO_TEXTE).index(ligne.labo),
        ),
        Cellule(
            by["retention"],
            f"{infos.ambassadeurs} / {ligne.ambassadeurs_depart}"
            + (
                " " + _("(%(p)s restés)") % {"p": _pct(restes_pct)}
                if restes_pct is not None
                else ""
            ),
            niveau_retention(ligne.ambassadeurs_restes, ligne.ambassadeurs_depart),
            restes_pct,
        ),
        Cellule(
            by["presence"],
            _pct(ligne.taux_presence),
            niveau_presence(ligne.taux_presence),
            ligne.taux_presence,
        ),
        Cellule(
            by["meteo"],
            (number_format(meteo, 1) + _trend(meteo, ligne.meteo_precedente))
            if meteo is not None
            else "—",
            niveau_meteo(meteo, ligne.meteo_precedente),
            meteo,
        ),
        Cellule(
            by["categories"],
            _composition_text(ligne.composition["categorie"]),
            niveau_categories(raw["categorie"]),
            sum(1 for value in raw["categorie"].values() if value) or None,
        ),
        Cellule(
            by["parite"],
            str(PARITE_TRANCHES[parite]),
            parite,
            PARITE_TRI[parite],
        ),
        Cellule(
            by["chartes"],
            f"{shown_count(ligne.chartes_signees)} / {infos.ambassadeurs}",
            niveau_chartes(ligne.chartes_signees, infos.ambassadeurs),
            chartes_pct,
        ),
        Cellule(
            by["intertransfo"],
            derniere_texte,
            niveau_intertransfo(sans),
            sans,
        ),
    ]
    return {cellule.indicateur.cle: cellule for cellule in values}


# The figures of the CSV -----------------------------------------------------------------------


def _decimal(value):
    """A decimal as French spreadsheets read it with a semicolon separator: '3,5'."""
    return number_format(value, 1) if value is not None else ""


def _nombre(value):
    return "" if value is None else value


# The CSV's figure columns of each indicator, named `<indicator>_<figure>` in its header.
CHIFFRES_COLONNES = {
    "calendrier": ["mois", "mois_cible"],
    "sessions": ["realisees", "prevues", "cible"],
    "jours": ["utilises", "cible"],
    "cas": ["nombre"],
    "sessions_par_cas": ["max"],
    "labo": ["commence"],
    "retention": ["actifs", "depart", "restes", "taux_pct"],
    "presence": ["presents", "total", "taux_pct"],
    "meteo": ["moyenne", "precedente"],
    "categories": [*(value.lower() for value in Categorie.values), "representees"],
    "parite": ["tranche"],
    "chartes": ["signees", "ambassadeurs_actifs"],
    "intertransfo": ["mois_sans", "derniere_date", "derniere_numero"],
}


def chiffres(ligne):
    """{indicator key: [(column, figure)]} of a row for the CSV: one column a figure, numbers
    as numbers ('' when there is none), before the level and its reason. A count under the
    suppression threshold (< 5) is left empty, as the table shows it '< 5'; the parity is its
    band only (see PARITE_TRANCHES)."""
    infos, report = ligne.infos, ligne.report
    derniere = ligne.derniere_intertransfo

    def masque(count):
        return count if shown_count(count) == count else ""

    categories = ligne.composition["raw"]["categorie"]
    return {
        "calendrier": [("mois", report.mois_ecoules), ("mois_cible", report.duree_mois_cible)],
        "sessions": [
            ("realisees", infos.sessions_realisees),
            ("prevues", report.sessions),
            ("cible", report.sessions_cible),
        ],
        "jours": [("utilises", report.jours_utilises), ("cible", report.jours_cible)],
        "cas": [("nombre", infos.nb_cas)],
        "sessions_par_cas": [("max", ligne.max_sessions_cas)],
        "labo": [("commence", 1 if ligne.labo == LaboWork.STARTED else 0)],
        "retention": [
            ("actifs", infos.ambassadeurs),
            ("depart", ligne.ambassadeurs_depart),
            ("restes", ligne.ambassadeurs_restes),
            (
                "taux_pct",
                _nombre(pourcentage(ligne.ambassadeurs_restes, ligne.ambassadeurs_depart)),
            ),
        ],
        "presence": [
            ("presents", ligne.presents_recents[0]),
            ("total", ligne.presents_recents[1]),
            ("taux_pct", _nombre(ligne.taux_presence)),
        ],
        "meteo": [
            ("moyenne", _decimal(ligne.meteo_derniere)),
            ("precedente", _decimal(ligne.meteo_precedente)),
        ],
        "categories": [
            *((value.lower(), masque(categories.get(value, 0))) for value in Categorie.values),
            ("representees", sum(1 for value in categories.values() if value)),
        ],
        "parite": [("tranche", str(PARITE_TRANCHES[ligne.cellules["parite"].niveau]))],
        "chartes": [
            ("signees", masque(ligne.chartes_signees)),
            ("ambassadeurs_actifs", infos.ambassadeurs),
        ],
        "intertransfo": [
            ("mois_sans", _nombre(ligne.mois_sans_intertransfo)),
            ("derniere_date", derniere[0].isoformat() if derniere else ""),
            ("derniere_numero", _nombre(derniere[1]) if derniere else ""),
        ],
    }


# Sorting ---------------------------------------------------------------------------------

COLONNES_FIXES = {
    "transfo": lambda ligne: ligne.transfo.nom.lower(),
    "collectivite": lambda ligne: ligne.transfo.collectivite.nom.lower(),
    "debut": lambda ligne: ligne.transfo.date_debut,
}
TRI_PAR_DEFAUT = "transfo"


def cles_de_tri():
    return [*COLONNES_FIXES, *INDICATEURS_PAR_CLE]


def lire_tri(value):
    """("presence", descending?) from "?tri=presence" or "?tri=-presence"; the default else."""
    value = (value or "").strip()
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in cles_de_tri():
        return TRI_PAR_DEFAUT, False
    return key, descending


def trier(lignes, key, descending=False):
    """The rows by a column, rows without a value last whichever the direction."""
    if key in COLONNES_FIXES:
        return sorted(lignes, key=COLONNES_FIXES[key], reverse=descending)

    def value(ligne):
        return ligne.cellules[key].tri

    known = [ligne for ligne in lignes if value(ligne) is not None]
    unknown = [ligne for ligne in lignes if value(ligne) is None]
    known.sort(key=lambda ligne: (value(ligne), ligne.transfo.nom.lower()), reverse=descending)
    return known + sorted(unknown, key=lambda ligne: ligne.transfo.nom.lower())
