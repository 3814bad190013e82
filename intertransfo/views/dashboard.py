"""The coordinators' dashboard (/coordination/): one row per Transfo against the protocol, and
each Transfo's indicators page, with their CSV exports. The figures and the rules are in
intertransfo.indicateurs."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cas_pratiques.models import CasPratique
from collectivites.models import Transfo
from collectivites.shortcuts import get_transfo_for_user
from intertransfo.choices import NIVEAU_ICONES, Niveau
from intertransfo.filters import DashboardFilterSet
from intertransfo.indicateurs import (
    CHIFFRES_COLONNES,
    INDICATEURS,
    PRESENCE_SESSIONS,
    chiffres,
    lire_tri,
    tableau,
    trier,
)
from intertransfo.indicateurs import (
    COLONNES_FIXES as TRIS_FIXES,
)
from labos.models import Plan, Priorite, VersionPlan
from transfo import audit, exports
from transfo.audit import AuditAction
from transfo.charts import line_chart

COLONNES_FIXES = [
    ("transfo", gettext_lazy("Transfo")),
    ("collectivite", gettext_lazy("Collectivité")),
    ("debut", gettext_lazy("Dates")),
]


def _require_coordinator(request):
    if not request.user.has_perm("collectivites.access_coordination"):
        raise PermissionDenied


def _filtres(request):
    """The dashboard's filters (status, levels), from the query string: the URL is shareable
    and the CSV export takes the same."""
    return DashboardFilterSet(request.GET, queryset=Transfo.objects.select_related("collectivite"))


def _lignes(request, filtres):
    key, descending = lire_tri(request.GET.get("tri"))
    lignes = filtres.rows(tableau(filtres.qs))
    return trier(lignes, key, descending), key, descending


def _colonnes(request, key, descending):
    """The table's headers: label, the link that sorts by it (the other way when it is the
    current sort, within the same filters), and its aria-sort."""
    filtres = {name: request.GET[name] for name in ("statut", "niveau") if request.GET.get(name)}
    headers = list(COLONNES_FIXES) + [(i.cle, i.libelle) for i in INDICATEURS]
    regles = {i.cle: i.regle for i in INDICATEURS}
    populations = {i.cle: i.population for i in INDICATEURS}
    colonnes = []
    for cle, libelle in headers:
        current = cle == key
        tri = f"-{cle}" if current and not descending else cle
        colonnes.append(
            {
                "cle": cle,
                "libelle": libelle,
                "regle": regles.get(cle),
                "population": populations.get(cle),
                "url": "?" + urlencode({**filtres, "tri": tri}),
                "aria_sort": ("descending" if descending else "ascending") if current else None,
            }
        )
    return colonnes


def _niveaux():
    """The legend's levels: (word, symbol, value)."""
    return [(Niveau(n).label, NIVEAU_ICONES[n], n) for n in Niveau]


# Rows of the dashboard per page: every Transfo is figured and sorted, a page is rendered.
DASHBOARD_PAGE_SIZE = 50


@dataclass(frozen=True)
class _Rang:
    """What the Transfos' own columns sort on, before any figure is computed."""

    transfo: Transfo


def _page(request, filtres, key, descending):
    """The page of rows asked for. Sorted by an indicator or filtered by level, every Transfo
    is figured then sorted; sorted by the Transfos' own columns (the default), they are
    sorted first (on the same keys as `trier`) and only the page's Transfos are figured."""
    number = request.GET.get("page")
    if key not in TRIS_FIXES or filtres.niveaux:
        lignes, _key, _descending = _lignes(request, filtres)
        return Paginator(lignes, DASHBOARD_PAGE_SIZE).get_page(number)
    transfos = filtres.qs
    # In a fixed order first, so that equal keys keep it (the sort is stable) from page to page.
    light = transfos.only("pk", "nom", "date_debut", "collectivite__nom").order_by("pk")
    ordered = sorted(light, key=lambda transfo: TRIS_FIXES[key](_Rang(transfo)), reverse=descending)
    page = Paginator(ordered, DASHBOARD_PAGE_SIZE).get_page(number)
    ids = [transfo.pk for transfo in page.object_list]
    rows = {ligne.transfo.pk: ligne for ligne in tableau(transfos.filter(pk__in=ids))}
    page.object_list = [rows[pk] for pk in ids]
    return page


def _cellules_affichees(lignes):
    """Each row's cells as the table shows them, with the rules' and levels' translated
    texts looked up once per page rather than once per cell (50 rows, 13 cells each)."""
    regles = {i.cle: str(i.regle) for i in INDICATEURS}
    labels = {n.value: str(n.label) for n in Niveau}
    for ligne in lignes:
        ligne.affichage = [
            {
                "cle": c.indicateur.cle,
                "valeur": c.valeur,
                "niveau": c.niveau,
                "icone": NIVEAU_ICONES[c.niveau],
                "label": labels[c.niveau],
                "regle": regles[c.indicateur.cle],
                "raison": c.raison,
            }
            for c in ligne.cellule_list()
        ]
    return lignes


def _export_query(request):
    """The page's query string without its page number: the CSV holds every row."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def dashboard(request):
    _require_coordinator(request)
    key, descending = lire_tri(request.GET.get("tri"))
    filtres = _filtres(request)
    page = _page(request, filtres, key, descending)
    _cellules_affichees(page.object_list)
    return render(
        request,
        "intertransfo/dashboard/dashboard.html",
        {
            "lignes": page.object_list,
            "page": page,
            "filter": filtres,
            "filtre": bool(request.GET.get("statut") or request.GET.get("niveau")),
            "colonnes": _colonnes(request, key, descending),
            "indicateurs": INDICATEURS,
            "niveaux": _niveaux(),
            "export_query": _export_query(request),
        },
    )


def _csv_response(rows, filename):
    return exports.csv_response(None, rows, filename=filename, delimiter=";")


def _period(transfo):
    start = date_format(transfo.date_debut, "d/m/Y")
    end = date_format(transfo.date_fin, "d/m/Y") if transfo.date_fin else ""
    return start, end


def dashboard_csv(request):
    """The dashboard as CSV (in its current order and with its filters): one column a
    figure, numbers as numbers (`indicateurs.chiffres`), then each indicator's level and the
    reason of an amber or red one. Columns are named `<indicator>_<figure>`."""
    _require_coordinator(request)
    lignes, _key, _descending = _lignes(request, _filtres(request))
    header = [_("Transfo"), _("Collectivité"), _("Début"), _("Fin"), _("Statut")]
    rows = []
    for ligne in lignes:
        row = [
            ligne.transfo.nom,
            ligne.transfo.collectivite.nom,
            *_period(ligne.transfo),
            ligne.transfo.get_statut_display(),
        ]
        figures = chiffres(ligne)
        for cellule in ligne.cellule_list():
            cle = cellule.indicateur.cle
            row += [value for _name, value in figures[cle]]
            row += [cellule.niveau_label, cellule.raison]
        rows.append(row)
    for indicateur in INDICATEURS:
        header += [f"{indicateur.cle}_{name}" for name in CHIFFRES_COLONNES[indicateur.cle]]
        header += [f"{indicateur.cle}_niveau", f"{indicateur.cle}_raison"]
    audit.record(request, AuditAction.EXPORT, None, detail="coordination.csv")
    return _csv_response([header, *rows], "coordination-transfos.csv")


# A Transfo's indicators --------------------------------------------------------------------


def get_transfo_for_indicateurs(request, slug):
    """A Transfo whose indicators the person may see (coordinators, its members), or 404."""
    return get_transfo_for_user(request, slug)


def _ligne(transfo):
    """The Transfo's row of the dashboard, with its infos clés' titles and its charts' points."""
    transfos = Transfo.objects.filter(pk=transfo.pk).select_related("collectivite")
    return tableau(transfos, with_points=True)[0]


def _charts(points, ambassadeurs_cible):
    top = max([ambassadeurs_cible, *(p.ambassadeurs or 0 for p in points)])
    top = ((top + 4) // 5) * 5 or 5
    return {
        "presence": line_chart(
            [(p.numero, p.taux.taux if p.taux else None) for p in points], 100, [0, 25, 50, 75, 100]
        ),
        "retention": line_chart(
            [(p.numero, p.ambassadeurs) for p in points],
            top,
            sorted({0, top // 2, top}),
        ),
        "meteo": line_chart([(p.numero, p.meteo) for p in points], 5, [1, 2, 3, 4, 5]),
    }


def transfo_indicateurs(request, slug):
    """A Transfo's page: its infos clés, its indicators, the charts of attendance, retention
    and météo over the sessions (each with its table), its cas, labo plan and priorities."""
    transfo = get_transfo_for_indicateurs(request, slug)
    ligne = _ligne(transfo)
    cas = list(
        CasPratique.objects.for_user(request.user)
        .filter(transfo=transfo)
        .select_related("transfo")
        .annotate(nb_sessions=Count("sessions"))
        .order_by("numero", "pk")
    )
    plan = (
        Plan.objects.filter(transfo=transfo)
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=VersionPlan.objects.select_related("session").order_by("-numero"),
            )
        )
        .first()
    )
    priorites = list(
        Priorite.objects.for_user(request.user)
        .filter(transfo=transfo)
        .select_related("responsable")
    )
    return render(
        request,
        "intertransfo/dashboard/transfo.html",
        {
            "transfo": transfo,
            "ligne": ligne,
            "card": ligne.infos,
            "charts": _charts(ligne.points, transfo.ambassadeurs_cible),
            "indicateurs": INDICATEURS,
            "niveaux": _niveaux(),
            "presence_sessions": PRESENCE_SESSIONS,
            "cas": cas,
            "plan": plan,
            "versions": list(plan.versions.all()) if plan else [],
            "priorites": priorites,
            "is_coordinator": request.user.has_perm("collectivites.access_coordination"),
        },
    )


def transfo_indicateurs_csv(request, slug):
    """A Transfo's figures as CSV: its indicators, then its sessions' figures."""
    transfo = get_transfo_for_indicateurs(request, slug)
    ligne = _ligne(transfo)
    rows = [[_("Rubrique"), _("Mesure"), _("Valeur"), _("Niveau")]]
    for cellule in ligne.cellule_list():
        rows.append(
            [_("Indicateur"), str(cellule.indicateur.libelle), cellule.valeur, cellule.niveau_label]
        )
    for point in ligne.points:
        rubrique = _("Session n°%(n)s") % {"n": point.numero}
        if point.date:
            rubrique += f" ({date_format(point.date, 'd/m/Y')})"
        if point.taux:
            rows.append(
                [
                    rubrique,
                    _("Présences (personnes × jours)"),
                    f"{point.taux.presents} / {point.taux.total}",
                    "",
                ]
            )
            rows.append([rubrique, _("Taux de présence (%)"), point.taux.taux, ""])
        if point.ambassadeurs is not None:
            rows.append([rubrique, _("Ambassadeurs actifs"), point.ambassadeurs, ""])
        if point.meteo is not None:
            rows.append(
                [rubrique, _("Météo du groupe (moyenne)"), number_format(point.meteo, 1), ""]
            )
    audit.record(request, AuditAction.EXPORT, transfo, detail="indicateurs.csv")
    return _csv_response(rows, f"indicateurs-{transfo.slug}.csv")
