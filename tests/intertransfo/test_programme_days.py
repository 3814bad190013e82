"""An Intertransfo of several days (18–19 March): its programme items each have a day, and
every output of the programme (members' page, printable page, PDF, coordination's page,
public page) reads day by day; one of a day keeps its "Déroulé de la journée"."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from intertransfo.models import Moment
from tests.intertransfo.factories import IntertransfoFactory, MomentFactory

pytestmark = pytest.mark.django_db

URL = "/espace/intertransfos/lille-2027/"
MANAGE = "/coordination/intertransfos/lille-2027/"


@pytest.fixture
def deux_jours(transfo, other_transfo):
    intertransfo = IntertransfoFactory(
        numero=9,
        slug="lille-2027",
        lieu="Lille",
        date=date(2027, 3, 18),
        date_fin=date(2027, 3, 19),
        transfos=[transfo, other_transfo],
    )
    # Entered out of order: the second day's morning first.
    MomentFactory(
        intertransfo=intertransfo, jour=2, debut=time(9), fin=time(12), titre="Visites de terrain"
    )
    MomentFactory(
        intertransfo=intertransfo, jour=1, debut=time(14), fin=time(17), titre="Ateliers en groupes"
    )
    MomentFactory(
        intertransfo=intertransfo, jour=1, debut=time(10), fin=time(12), titre="Accueil des équipes"
    )
    return intertransfo


def in_order(html, *texts):
    positions = [html.index(text) for text in texts]
    return positions == sorted(positions)


# The model's rules ----------------------------------------------------------------------------


def test_an_intertransfo_ending_before_it_starts_is_refused_in_french(deux_jours):
    deux_jours.date_fin = date(2027, 3, 17)
    with pytest.raises(ValidationError) as refused:
        deux_jours.full_clean()
    assert refused.value.message_dict["date_fin"] == ["La date de fin précède la date de début."]


def test_a_programme_item_outside_the_span_is_refused_in_french(deux_jours):
    moment = Moment(intertransfo=deux_jours, jour=3, debut=time(9), titre="Un troisième jour")
    with pytest.raises(ValidationError) as refused:
        moment.full_clean()
    assert refused.value.message_dict["jour"] == [
        "L'Intertransfo dure 2 jours, du 18 mars 2027 au 19 mars 2027 : choisissez l'un de ces "
        "jours."
    ]
    one_day = IntertransfoFactory(date=date(2027, 6, 3))
    moment = Moment(intertransfo=one_day, jour=2, debut=time(9), titre="Le lendemain")
    with pytest.raises(ValidationError) as refused:
        moment.full_clean()
    assert "donnez-lui une date de fin" in refused.value.message_dict["jour"][0]


def test_an_intertransfo_cannot_be_shortened_under_its_programme(deux_jours):
    deux_jours.date_fin = None
    with pytest.raises(ValidationError) as refused:
        deux_jours.full_clean()
    assert "Le programme a des temps le jour 2" in refused.value.message_dict["date_fin"][0]


def test_a_programme_item_carries_its_days_date(deux_jours):
    assert deux_jours.moments.get(titre="Visites de terrain").date == date(2027, 3, 19)
    assert [d for _n, d in deux_jours.jours()] == [date(2027, 3, 18), date(2027, 3, 19)]


# The coordination's forms ---------------------------------------------------------------------


def test_coordinator_puts_an_item_on_the_second_day_with_a_plain_select(client_for, deux_jours):
    client = client_for("coordinateur")
    html = client.get(MANAGE).content.decode()
    assert '<select name="moment-jour"' in html
    assert in_order(html, "Jeudi 18 mars 2027</option>", "Vendredi 19 mars 2027</option>")
    response = client.post(
        f"{MANAGE}programme/ajouter/",
        {
            "moment-jour": "2",
            "moment-debut": "14:00",
            "moment-fin": "16:00",
            "moment-titre": "Bilan",
        },
    )
    assert response.status_code == 302
    assert deux_jours.moments.get(titre="Bilan").jour == 2
    # A forged third day is refused, what was typed kept.
    response = client.post(
        f"{MANAGE}programme/ajouter/",
        {"moment-jour": "3", "moment-debut": "9:00", "moment-titre": "Troisième jour"},
    )
    assert response.status_code == 200
    assert "Troisième jour" in response.content.decode()
    assert not deux_jours.moments.filter(titre="Troisième jour").exists()


def test_the_end_date_before_the_start_is_refused_in_the_form(client_for, deux_jours):
    response = client_for("coordinateur").post(
        f"{MANAGE}modifier/",
        {"slug": "lille-2027", "date": "2027-03-18", "date_fin": "2027-03-10", "lieu": "Lille"},
    )
    assert response.status_code == 200
    assert "La date de fin précède la date de début." in response.content.decode()


def test_a_one_day_intertransfo_asks_for_no_day(client_for, intertransfo):
    html = client_for("coordinateur").get("/coordination/intertransfos/n6-strasbourg/").content
    assert b'name="moment-jour"' not in html
    response = client_for("coordinateur").post(
        "/coordination/intertransfos/n6-strasbourg/programme/ajouter/",
        {"moment-debut": "16:00", "moment-titre": "Clôture"},
    )
    assert response.status_code == 302
    assert intertransfo.moments.get().jour == 1


# The programme, day by day --------------------------------------------------------------------


@pytest.mark.parametrize("page", [URL, f"{URL}programme/", MANAGE])
def test_the_programme_reads_day_by_day(client_for, deux_jours, page):
    html = client_for("coordinateur").get(page).content.decode()
    assert "Déroulé de la journée" not in html
    assert in_order(
        html,
        "Jeudi 18 mars",
        "Accueil des équipes",
        "Ateliers en groupes",
        "Vendredi 19 mars",
        "Visites de terrain",
    ), page


def test_the_public_page_reads_day_by_day(client, deux_jours):
    deux_jours.synthese = "Deux jours à Lille."
    deux_jours.save()
    deux_jours.publier_synthese()
    html = client.get("/intertransfos/lille-2027/").content.decode()
    assert '<h2 id="programme">Déroulé</h2>' in html
    assert in_order(
        html,
        "Jeudi 18 mars",
        "Accueil des équipes",
        "Ateliers en groupes",
        "Vendredi 19 mars",
        "Visites de terrain",
    )


def test_a_one_day_intertransfo_keeps_deroule_de_la_journee(client_for, intertransfo):
    MomentFactory(intertransfo=intertransfo, titre="Labos grand-estois, unissez-vous !")
    html = client_for("ambassadeur").get("/espace/intertransfos/n6-strasbourg/").content.decode()
    assert "Déroulé de la journée" in html
    assert "Vendredi" not in html and "Jeudi" not in html


@pytest.fixture
def weasyprint():
    """WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0); CI installs it."""
    import os

    try:
        import weasyprint
    except OSError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"WeasyPrint cannot load its system libraries: {error}")
    return weasyprint


def pdf_text(html):
    """The text WeasyPrint lays out from `html`, all pages together."""
    from weasyprint import HTML

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    document = HTML(string=html).render()
    return " ".join(" ".join(" ".join(texts(page._page_box)).split()) for page in document.pages)


def test_the_pdf_prints_each_day(client_for, deux_jours, monkeypatch, weasyprint):
    from intertransfo.views import intertransfos

    laid_out = []
    real = intertransfos.html_to_pdf
    monkeypatch.setattr(
        intertransfos, "html_to_pdf", lambda html: laid_out.append(html) or real(html)
    )
    response = client_for("other_member").get(f"{URL}programme.pdf")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(laid_out[0])
    assert "Du jeudi 18 mars au vendredi 19 mars 2027 à Lille" in text
    assert "Déroulé de la journée" not in text and "Déroulé" in text
    assert in_order(
        text,
        "Jeudi 18 mars",
        "10h-12h Accueil des équipes",
        "14h-17h Ateliers en groupes",
        "Vendredi 19 mars",
        "9h-12h Visites de terrain",
    )


# The migration --------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_puts_existing_items_on_the_first_day():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        [("intertransfo", "0004_free_text_bounds")],
        [("intertransfo", "0005_moment_jour")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    Intertransfo = apps.get_model("intertransfo", "Intertransfo")
    OldMoment = apps.get_model("intertransfo", "Moment")
    old = Intertransfo.objects.create(
        slug="dunkerque-2018", date=date(2018, 1, 26), lieu="Dunkerque"
    )
    OldMoment.objects.create(
        intertransfo=old, debut=time(10), fin=time(11), titre="Foire aux Transfos"
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    apps = executor.loader.project_state(after).apps
    moment = apps.get_model("intertransfo", "Moment").objects.get(titre="Foire aux Transfos")
    assert moment.jour == 1
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_two_day_intertransfo_is_still_coming_on_its_second_day(deux_jours):
    from intertransfo.models import Intertransfo

    assert deux_jours in Intertransfo.objects.a_venir(date(2027, 3, 19))
    assert deux_jours not in Intertransfo.objects.a_venir(date(2027, 3, 20))
