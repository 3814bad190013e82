"""The coordinators' dashboard (/coordination/) and a Transfo's indicators page: who reaches
them, what they show, one definition of each figure, the CSV exports, the query count."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from ambassadeurs.models import Meteo, Presence
from collectivites.choices import Role, StatutSession
from collectivites.models import Bloc, Collectivite, Jour, Participation, Session, Transfo
from intertransfo.indicateurs import CHIFFRES_COLONNES, chiffres, tableau
from intertransfo.views.dashboard import DASHBOARD_PAGE_SIZE
from tests.ambassadeurs.factories import record, session_days
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.collectivites.factories import ParticipationFactory, TransfoFactory, UserFactory
from tests.intertransfo.factories import IntertransfoFactory
from tests.labos.factories import PlanFactory
from transfo.users.models import AuditAction, AuditEvent

DASHBOARD = "/coordination/"
DASHBOARD_CSV = "/coordination/export.csv"


def page_url(transfo):
    return f"/espace/transfos/{transfo.slug}/indicateurs/"


def read_csv(response):
    text = b"".join(response.streaming_content).decode() if response.streaming else None
    text = text or response.content.decode()
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


# Access -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("coordinateur", 200),
        ("pilote", 403),
        ("resident", 403),
        ("ambassadeur", 403),
        ("other_member", 403),
        ("outsider", 403),
    ],
)
@pytest.mark.parametrize("url", [DASHBOARD, DASHBOARD_CSV])
def test_only_coordinators_reach_the_dashboard(client_for, name, status, url):
    assert client_for(name).get(url).status_code == status


@pytest.mark.parametrize("url", [DASHBOARD, DASHBOARD_CSV])
def test_anonymous_is_sent_to_sign_in(client_for, url):
    response = client_for("anonymous").get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("coordinateur", 200),
        ("pilote", 200),
        ("resident", 200),
        ("ambassadeur", 200),
        ("peer", 200),
        ("other_member", 404),
        ("outsider", 404),
    ],
)
@pytest.mark.parametrize("suffix", ["", "export.csv"])
def test_a_transfo_page_is_for_its_members_and_coordinators(
    client_for, transfo, name, status, suffix
):
    assert client_for(name).get(page_url(transfo) + suffix).status_code == status


def test_members_do_not_see_another_transfo_page(client_for, other_transfo):
    client = client_for("ambassadeur")
    assert client.get(page_url(other_transfo)).status_code == 404
    assert client.get(page_url(other_transfo) + "export.csv").status_code == 404


def test_coordinators_find_the_dashboard_in_their_navigation(client_for):
    page = client_for("coordinateur").get("/coordination/intertransfos/").content.decode()
    assert f'href="{DASHBOARD}"' in page
    assert "Tableau de bord des Transfos" in page
    assert f'href="{DASHBOARD}"' not in client_for("pilote").get("/espace/").content.decode()


# What the dashboard shows -------------------------------------------------------------------


def test_dashboard_shows_one_row_per_transfo_with_levels_words_and_rules(
    client_for, transfo, other_transfo
):
    page = client_for("coordinateur").get(DASHBOARD).content.decode()
    for each in (transfo, other_transfo):
        assert f'<a href="{page_url(each)}">{each.nom}</a>' in page
    # Each level is a word and a symbol besides its colour, with its rule on hover...
    assert 'class="niveau niveau--sans_objet" title="De 1 à 4 sessions au plus' in page
    assert "sans objet</span>" in page
    # ...and in the legend under the table.
    assert '<h2 id="legende-titre">Les règles des indicateurs</h2>' in page
    assert "<dd>De 3 à 6 cas pratiques." in page


def _attendance(transfo, rates):
    """Sessions 1..n of two days with two members, `rates` presences out of 4 per session."""
    membres = [
        ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2025, 1, 1))
        for _ in range(2)
    ]
    for numero, presents in enumerate(rates, start=1):
        session = session_days(transfo, numero)
        cells = [index < presents for index in range(4)]
        record(session, membres[0], *cells[:2])
        record(session, membres[1], *cells[2:])


def test_sorting_by_attendance_works_without_javascript(client_for, transfo, other_transfo):
    _attendance(transfo, [4, 4, 4])  # 100 %
    _attendance(other_transfo, [1, 1, 1])  # 25 %
    third = TransfoFactory(nom="Transfo Lille")  # nothing recorded: last
    client = client_for("coordinateur")
    page = client.get(DASHBOARD, {"tri": "presence"}).content.decode()
    order = [page.index(page_url(t)) for t in (other_transfo, transfo, third)]
    assert order == sorted(order)
    assert 'aria-sort="ascending"' in page
    assert 'href="?tri=-presence"' in page  # the same header sorts the other way
    page = client.get(DASHBOARD, {"tri": "-presence"}).content.decode()
    order = [page.index(page_url(t)) for t in (transfo, other_transfo, third)]
    assert order == sorted(order)
    assert client.get(DASHBOARD, {"tri": "<script>"}).status_code == 200


def test_many_transfos_are_paged_in_the_chosen_order(client_for, transfo, other_transfo):
    for n in range(DASHBOARD_PAGE_SIZE):
        TransfoFactory(nom=f"Transfo {n:02d}")
    client = client_for("coordinateur")
    first = client.get(DASHBOARD, {"tri": "transfo"})
    names = [ligne.transfo.nom for ligne in first.context["lignes"]]
    assert len(names) == DASHBOARD_PAGE_SIZE and names == sorted(names)
    page = first.content.decode()
    assert f"{DASHBOARD_PAGE_SIZE + 2} Transfos au regard du protocole" in page
    assert "Page 1 sur 2" in page
    assert 'href="?tri=transfo&amp;page=2"' in page  # the next page keeps the order
    second = client.get(DASHBOARD, {"tri": "transfo", "page": 2})
    rest = [ligne.transfo.nom for ligne in second.context["lignes"]]
    assert len(rest) == 2 and rest[0] > names[-1]
    # Sorted by an indicator, every Transfo is figured before the page is cut.
    by_attendance = client.get(DASHBOARD, {"tri": "-presence", "page": 2})
    assert by_attendance.context["page"].paginator.count == DASHBOARD_PAGE_SIZE + 2
    assert len(by_attendance.context["lignes"]) == 2

    # A page's rows are those of the whole table.
    def cells(ligne):
        return [(c.indicateur.cle, c.valeur, c.niveau, c.tri) for c in ligne.cellule_list()]

    whole = {ligne.transfo.pk: cells(ligne) for ligne in tableau(Transfo.objects.all())}
    for ligne in first.context["lignes"]:
        assert cells(ligne) == whole[ligne.transfo.pk]
    # The CSV holds them all.
    csv_rows = client.get(DASHBOARD_CSV).content.decode().splitlines()
    assert len(csv_rows) == 1 + DASHBOARD_PAGE_SIZE + 2


def test_dashboard_csv_has_a_row_per_transfo_and_is_audited(client_for, transfo, other_transfo):
    _attendance(transfo, [3])
    client = client_for("coordinateur")
    response = client.get(DASHBOARD_CSV, {"tri": "transfo"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    header = rows[0]
    assert header[:5] == ["Transfo", "Collectivité", "Début", "Fin", "Statut"]
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Transfo Strasbourg", "Transfo Metz"}
    strasbourg = by_name["Transfo Strasbourg"]
    # One column a figure (issue 21, item 8): 3 present out of 4 person-days.
    assert strasbourg["presence_presents"] == "3"
    assert strasbourg["presence_total"] == "4"
    assert strasbourg["presence_taux_pct"] == "75"
    assert strasbourg["presence_niveau"] == "conforme"
    assert strasbourg["presence_raison"] == ""
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert event.detail == "coordination.csv"
    assert event.actor.email.startswith("personne")


# Filters ------------------------------------------------------------------------------------


def _red(transfo, *others):
    """A red cell in `transfo` (more cas pratiques than the protocol's six); none in the
    `others`, which have just started (only amber or sans objet)."""
    for _ in range(transfo.cas_max + 1):
        CasPratiqueFactory(transfo=transfo)
    start = timezone.localdate() - timedelta(days=20)
    Transfo.objects.filter(pk__in=[t.pk for t in others]).update(date_debut=start, date_fin=None)


def test_dashboard_filters_by_status_and_by_level_in_a_shareable_url(client_for, transfo):
    nancy = TransfoFactory(nom="Transfo Nancy")
    finie = TransfoFactory(nom="Transfo Lille", statut="terminee")
    _red(transfo, nancy, finie)
    client = client_for("coordinateur")
    response = client.get(DASHBOARD, {"statut": "en_cours"})
    shown = {ligne.transfo.pk for ligne in response.context["lignes"]}
    assert {transfo.pk, nancy.pk} <= shown and finie.pk not in shown
    page = response.content.decode()
    assert f"{len(shown)} Transfos répondent à ces filtres" in page
    assert '<option value="en_cours" selected>En cours</option>' in page
    # The sort links keep the filters; the export takes them too.
    assert 'href="?statut=en_cours&amp;tri=presence"' in page
    assert f'href="{DASHBOARD_CSV}?statut=en_cours"' in page

    response = client.get(DASHBOARD, {"niveau": "rouge", "tri": "-presence"})
    shown = {ligne.transfo.pk for ligne in response.context["lignes"]}
    assert transfo.pk in shown and not {nancy.pk, finie.pk} & shown
    page = response.content.decode()
    assert '<input type="hidden" name="tri" value="-presence">' in page  # the sort is kept
    response = client.get(DASHBOARD, {"niveau": "orange", "statut": "terminee"})
    assert [ligne.transfo.pk for ligne in response.context["lignes"]] == [finie.pk]
    assert "1 Transfo répond à ces filtres" in response.content.decode()
    # Nothing matches: said so; a bad value: the form says it, the page still answers.
    page = client.get(DASHBOARD, {"statut": "terminee", "niveau": "rouge"}).content.decode()
    assert "Aucune Transfo ne répond à ces filtres." in page
    response = client.get(DASHBOARD, {"statut": "<script>", "niveau": "=cmd"})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


def test_dashboard_csv_honours_the_filters(client_for, transfo):
    nancy = TransfoFactory(nom="Transfo Nancy")
    _red(transfo, nancy, TransfoFactory(nom="Transfo Lille", statut="terminee"))
    client = client_for("coordinateur")
    names = [row[0] for row in read_csv(client.get(DASHBOARD_CSV, {"niveau": "rouge"}))[1:]]
    assert "Transfo Strasbourg" in names and "Transfo Nancy" not in names
    rows = read_csv(client.get(DASHBOARD_CSV, {"statut": "en_cours", "tri": "-transfo"}))
    names = [row[0] for row in rows[1:]]
    assert "Transfo Lille" not in names and names == sorted(names, reverse=True)
    assert {"Transfo Strasbourg", "Transfo Nancy"} <= set(names)


def test_amber_and_red_cells_say_why_and_columns_say_who_they_count(client_for, transfo):
    nancy = TransfoFactory(nom="Transfo Nancy")
    _red(transfo, nancy)
    client = client_for("coordinateur")
    lignes = {ligne.transfo.pk: ligne for ligne in client.get(DASHBOARD).context["lignes"]}
    strasbourg = lignes[transfo.pk].cellules
    # Started on 1 September 2025, read on the test's day: 14 sessions over 18 months due.
    mois = strasbourg["calendrier"].tri
    assert strasbourg["cas"].niveau == "rouge"
    assert strasbourg["cas"].raison == "7 cas pratiques pour 6 au plus"
    attendues = mois * 14 // 18
    assert strasbourg["sessions"].raison == (
        f"0 session réalisée pour {attendues} attendues au {mois}e mois : {attendues} de retard"
    )
    assert strasbourg["intertransfo"].raison.endswith(
        "mois sans Intertransfo : une tous les 3 à 6 mois"
    )
    nancy_cas = lignes[nancy.pk].cellules["cas"]
    assert nancy_cas.niveau == "orange"
    assert (
        nancy_cas.raison == "0 cas pratique pour 3 au moins, dans la première moitié de la Transfo"
    )
    # Green and "sans objet" cells give none.
    assert all(
        not c.raison for c in lignes[nancy.pk].cellule_list() if c.niveau in ("vert", "sans_objet")
    )
    page = client.get(DASHBOARD).content.decode()
    assert '<span class="indicateurs-table__raison">7 cas pratiques pour 6 au plus</span>' in page
    # Who each population column counts.
    assert (
        '<span class="indicateurs-table__population">ambassadeur·rices et relais actif·ves</span>'
        in page
    )
    assert "ambassadeur·rices seulement, sans les relais" in page
    detail = client.get(page_url(transfo)).content.decode()
    assert '<span class="indicateurs-table__raison">7 cas pratiques pour 6 au plus</span>' in detail


def test_dashboard_csv_has_one_figure_a_column(client_for, transfo, other_transfo):
    """Issue 21, item 8: numbers, not display strings such as '14 / 18 (78 % restés)'."""
    _attendance(transfo, [1, 2])
    _red(transfo)
    rows = read_csv(client_for("coordinateur").get(DASHBOARD_CSV))
    header, lines = rows[0], rows[1:]
    assert len(header) == len(set(header))
    numeric = [
        f"{cle}_{name}"
        for cle, names in CHIFFRES_COLONNES.items()
        for name in names
        if (cle, name) not in {("parite", "tranche"), ("intertransfo", "derniere_date")}
    ]
    for line in lines:
        assert len(line) == len(header)
        row = dict(zip(header, line, strict=True))
        for column in numeric:
            if row[column] != "":  # no figure, or a count under 5 kept hidden
                float(row[column].replace(",", "."))
    by_name = {line[0]: dict(zip(header, line, strict=True)) for line in lines}
    strasbourg = by_name["Transfo Strasbourg"]
    assert strasbourg["cas_nombre"] == "7"
    assert strasbourg["cas_niveau"] == "hors protocole"
    assert strasbourg["cas_raison"] == "7 cas pratiques pour 6 au plus"
    assert (strasbourg["presence_presents"], strasbourg["presence_total"]) == ("3", "8")
    assert strasbourg["presence_taux_pct"] == "38"
    assert strasbourg["jours_cible"] == "35"
    assert strasbourg["chartes_signees"] == "0"  # zero is shown; 1 to 4 would be blank
    # Every indicator's figures are named in the header, in the same order.
    ligne = tableau(Transfo.objects.filter(pk=transfo.pk).select_related("collectivite"))[0]
    for cle, values in chiffres(ligne).items():
        assert [name for name, _value in values] == CHIFFRES_COLONNES[cle]


# One definition -----------------------------------------------------------------------------


def test_attendance_rate_is_the_attendance_page_one(client_for, transfo):
    _attendance(transfo, [4, 2, 3, 1])
    page = client_for("resident").get(f"/espace/transfos/{transfo.slug}/presences/")
    taux = page.context["taux"]
    ligne = tableau(Transfo.objects.filter(pk=transfo.pk).select_related("collectivite"))[0]
    assert ligne.taux_sessions == taux
    recent = taux[-3:]
    assert ligne.presents_recents == (sum(t.presents for t in recent), sum(t.total for t in recent))
    assert ligne.taux_presence == 50
    indicateurs = client_for("resident").get(page_url(transfo)).content.decode()
    for t in taux:
        assert f"<td>{t.presents} / {t.total}</td><td>{t.taux} %</td>" in indicateurs


def test_sessions_and_ambassadeurs_are_the_foire_and_public_figures(client_for, transfo):
    ParticipationFactory.create_batch(3, transfo=transfo, role=Role.AMBASSADEUR)
    ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, sortie=True)
    for numero in (1, 2):
        Session.objects.create(transfo=transfo, numero=numero, titre="S", statut="realisee")
    Session.objects.create(transfo=transfo, numero=3, titre="S", statut="publiee")
    intertransfo = IntertransfoFactory(slug="n6", transfos=[transfo])
    client = client_for("coordinateur")
    foire = client.get(f"/espace/intertransfos/{intertransfo.slug}/foire/").context["cards"][0]
    public = client.get("/transfos/").context["transfos"].get(pk=transfo.pk)
    ligne = client.get(DASHBOARD).context["lignes"]
    ligne = next(row for row in ligne if row.transfo.pk == transfo.pk)
    assert ligne.infos.sessions_realisees == foire.sessions_realisees == 2
    assert ligne.cellules["sessions"].valeur == "2 / 3 / 14"
    # 3 active, 1 gone, and the cast's ambassadeur and peer.
    assert ligne.infos.ambassadeurs == foire.ambassadeurs == public.nb_ambassadeurs == 5
    assert ligne.cellules["retention"].valeur.startswith("5 / ")


def test_transfo_page_shows_infos_cles_charts_with_tables_cas_and_labo(client_for, transfo):
    _attendance(transfo, [4, 3])
    jour = Jour.objects.filter(session__transfo=transfo, session__numero=2).first()
    Meteo.objects.create(jour=jour, moment="ouverture", note=4)
    CasPratiqueFactory(transfo=transfo, titre="Le comptoir des services")
    response = client_for("ambassadeur").get(page_url(transfo))
    page = response.content.decode()
    assert "infos clés" in page
    assert page.count('role="img"') == 3  # attendance, retention, météo
    assert "Présence par session" in page
    assert "Ambassadeurs actifs par session" in page
    assert "<td>4,0</td>" in page  # the météo table beside its chart
    assert "Le comptoir des services" in page
    assert f'href="/espace/transfos/{transfo.slug}/labo/"' in page
    assert "Les règles des indicateurs" in page


def test_transfo_csv_has_its_indicators_and_sessions_and_is_audited(client_for, transfo):
    _attendance(transfo, [4, 3])
    rows = read_csv(client_for("pilote").get(page_url(transfo) + "export.csv"))
    assert rows[0] == ["Rubrique", "Mesure", "Valeur", "Niveau"]
    assert ["Indicateur", "Présence (3 dernières sessions)", "88 %", "conforme"] in rows
    assert any(
        r[0].startswith("Session n°2") and r[1:3] == ["Taux de présence (%)", "75"] for r in rows
    )
    event = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert (event.object_type, event.object_id) == ("collectivites.Transfo", str(transfo.pk))


# Query count --------------------------------------------------------------------------------


def populate(size):
    """`size` Transfos in bulk, each with an ambassadeur, a session done (a day, a block)
    with attendance, and a cas pratique on it."""
    collectivites = Collectivite.objects.bulk_create(
        [Collectivite(nom=f"Ville {n}", slug=f"ville-q{n}", type="commune") for n in range(size)]
    )
    transfos = Transfo.objects.bulk_create(
        [
            Transfo(collectivite=c, nom=f"Transfo Q{n}", slug=f"q{n}", date_debut=date(2025, 9, 1))
            for n, c in enumerate(collectivites)
        ]
    )
    users = [UserFactory.build(email=f"q{n}@exemple.test") for n in range(size)]
    for user in users:
        user.password = "!"
    users = type(users[0]).objects.bulk_create(users)
    participations = Participation.objects.bulk_create(
        [
            Participation(user=u, transfo=t, role=Role.AMBASSADEUR)
            for u, t in zip(users, transfos, strict=True)
        ]
    )
    sessions = Session.objects.bulk_create(
        [Session(transfo=t, numero=1, titre="S", statut=StatutSession.REALISEE) for t in transfos]
    )
    jours = Jour.objects.bulk_create([Jour(session=s, date=date(2025, 10, 1)) for s in sessions])
    Bloc.objects.bulk_create([Bloc(jour=j, type="labo", titre="Labo", duree=60) for j in jours])
    Presence.objects.bulk_create(
        [Presence(jour=j, participation=p) for j, p in zip(jours, participations, strict=True)]
    )
    for transfo, session in zip(transfos[:3], sessions[:3], strict=True):
        CasPratiqueFactory(transfo=transfo).sessions.add(session)


@pytest.mark.parametrize("size", [8, 200])
def test_dashboard_queries_do_not_grow_with_transfos(
    client_for, size, django_assert_max_num_queries
):
    populate(size)
    client = client_for("coordinateur")
    # session, user, permissions, MFA authenticator (the coordination's 2FA check), roles;
    # the Transfos with their own figures; their sessions' figures; attendance by session;
    # the session saved (savepoint, update, release): 11, at most 12.
    with django_assert_max_num_queries(12):
        response = client.get(DASHBOARD)
    # Filtered by status and level: the same queries, every Transfo figured.
    with django_assert_max_num_queries(12):
        filtered = client.get(DASHBOARD, {"statut": "en_cours", "niveau": "orange"})
    assert filtered.context["page"].paginator.count <= size + 2
    # Every Transfo (and the cast's two) figured and counted, a page of them rendered.
    assert response.context["page"].paginator.count == size + 2
    assert len(response.context["lignes"]) == min(size + 2, DASHBOARD_PAGE_SIZE)


@pytest.mark.parametrize("size", [8, 200])
def test_dashboard_csv_queries_do_not_grow_with_transfos(
    client_for, size, django_assert_max_num_queries
):
    populate(size)
    client = client_for("coordinateur")
    # The dashboard's and the audit event.
    with django_assert_max_num_queries(12):
        assert client.get(DASHBOARD_CSV).status_code == 200
    with django_assert_max_num_queries(12):
        assert (
            client.get(DASHBOARD_CSV, {"statut": "en_cours", "niveau": "rouge"}).status_code == 200
        )


@pytest.mark.parametrize("sessions", [2, 12])
def test_transfo_page_queries_do_not_grow_with_sessions(
    client_for, transfo, sessions, django_assert_max_num_queries
):
    _attendance(transfo, [3] * sessions)
    for _ in range(sessions // 2):
        CasPratiqueFactory(transfo=transfo)
    plan = PlanFactory(transfo=transfo)
    for session in transfo.sessions.all()[: sessions // 2]:
        plan.freeze(session=session)
    client = client_for("ambassadeur")
    # session, user, roles; the Transfo; the dashboard's figures for it (3: see above), its
    # infos clés' titles and méthodes (3) and its ambassadeurs' dates; its
    # cas pratiques; its plan and its versions (2); its priorities; the navigation's
    # permissions (2); the session saved (3): 28.
    with django_assert_max_num_queries(28):
        assert client.get(page_url(transfo)).status_code == 200
