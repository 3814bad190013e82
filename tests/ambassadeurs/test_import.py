"""Import of the group from CSV or XLSX: preview with errors per row, all or nothing, idempotent."""

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from ambassadeurs.choices import Categorie, Genre
from ambassadeurs.imports import MAX_IMPORT_SIZE
from ambassadeurs.models import AmbassadeurProfile, group_members
from collectivites.choices import Role
from collectivites.models import Participation

BASE = "/espace/transfos/strasbourg/groupe/"
HEADERS = [
    "Nom",
    "E-mail",
    "Cercle",
    "Direction",
    "Catégorie",
    "Genre",
    "N+1",
    "E-mail du N+1",
    "Passions et talents",
    "Date d'entrée",
]
GOOD = [
    [
        "Léa Fischer",
        "lea.fischer@exemple.test",
        "ambassadeur",
        "Direction des solidarités",
        "A",
        "femme",
        "Nadia Kessler",
        "nadia.kessler@exemple.test",
        "Théâtre, dessin",
        "01/04/2018",
    ],
    [
        "Nicolas Frey",
        "Nicolas.Frey@exemple.test",
        "Relais",
        "Direction des espaces publics",
        "c",
        "",
        "Olivier Bauer",
        "",
        "mécanique",
        "",
    ],
]
BROKEN = [
    GOOD[0],
    ["", "sans-nom@exemple.test", "ambassadeur", "", "A", "", "", "", "", ""],
    ["Paul Mauvais", "pas-une-adresse", "capitaine", "", "D", "", "", "", "", "31/02/2019"],
    ["Léa Bis", "lea.fischer@exemple.test", "", "", "", "", "", "", "", ""],
]


def dataset(rows, headers=HEADERS):
    data = tablib.Dataset(headers=headers)
    for row in rows:
        data.append(row)
    return data


def csv_file(rows, name="groupe.csv", **kwargs):
    return SimpleUploadedFile(name, dataset(rows, **kwargs).export("csv").encode(), "text/csv")


def xlsx_file(rows, name="groupe.xlsx"):
    return SimpleUploadedFile(
        name,
        dataset(rows).export("xlsx"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@pytest.fixture
def pilote_client(client, pilote):
    client.force_login(pilote)
    return client


def upload(client, file):
    return client.post(BASE + "importer/", {"fichier": file})


def snapshot(transfo):
    return (
        get_user_model().objects.count(),
        list(
            group_members(transfo)
            .order_by("pk")
            .values("pk", "user__email", "role", "date_entree", "date_sortie")
        ),
        list(AmbassadeurProfile.objects.order_by("pk").values()),
    )


def test_good_csv_is_previewed_then_imported_on_confirmation(
    pilote_client, transfo, mailoutbox, settings
):
    response = upload(pilote_client, csv_file(GOOD))
    assert response.status_code == 302
    assert response["Location"] == BASE + "importer/apercu/"

    preview = pilote_client.get(BASE + "importer/apercu/")
    content = preview.content.decode()
    assert "Léa Fischer" in content
    assert "Nouveau compte" in content
    assert "Le fichier est valide" in content
    assert not get_user_model().objects.filter(email="lea.fischer@exemple.test").exists()
    # The file waits in the private storage, not in MEDIA_ROOT.
    assert list((settings.PRIVATE_MEDIA_ROOT / "imports-groupe").iterdir())

    response = pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    assert response.status_code == 302
    lea = get_user_model().objects.get(email="lea.fischer@exemple.test")
    assert not lea.has_usable_password()
    participation = Participation.objects.get(user=lea, transfo=transfo)
    assert participation.role == Role.AMBASSADEUR
    assert participation.date_entree.isoformat() == "2018-04-01"
    profil = participation.profil
    assert profil.categorie == Categorie.A
    assert profil.genre == Genre.FEMME
    assert profil.passions == "théâtre, dessin"
    nicolas = Participation.objects.get(user__email="nicolas.frey@exemple.test")
    assert nicolas.role == Role.RELAIS
    assert nicolas.profil.categorie == Categorie.C
    assert mailoutbox == []
    assert not list((settings.PRIVATE_MEDIA_ROOT / "imports-groupe").iterdir())


def test_broken_file_imports_nothing_and_says_what_is_wrong_on_each_row(pilote_client, transfo):
    before = snapshot(transfo)
    upload(pilote_client, csv_file(BROKEN))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "rien ne sera importé" in content
    assert "« Nom » est obligatoire." in content
    assert "n&#x27;est pas une adresse e-mail valide" in content
    assert "« Cercle » : « capitaine » n&#x27;est pas reconnu" in content
    assert "« Catégorie » : « D » n&#x27;est pas reconnu" in content
    assert "n&#x27;est pas une date" in content
    assert "lea.fischer@exemple.test apparaît déjà ligne 2." in content
    assert "Confirmer l&#x27;import" not in content

    response = pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    assert response.status_code == 200
    assert snapshot(transfo) == before


def test_reimporting_the_same_file_changes_nothing(pilote_client, transfo):
    upload(pilote_client, csv_file(GOOD))
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    after_first = snapshot(transfo)

    upload(pilote_client, csv_file(GOOD))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert content.count("Inchangé") == 2
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    assert snapshot(transfo) == after_first


def test_xlsx_file_imports_like_csv(pilote_client, transfo):
    upload(pilote_client, xlsx_file(GOOD))
    response = pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    assert response.status_code == 302
    assert group_members(transfo).filter(user__email="lea.fischer@exemple.test").exists()
    assert Participation.objects.get(user__email="lea.fischer@exemple.test").profil.passions == (
        "théâtre, dessin"
    )


def test_excel_french_csv_with_semicolons_in_windows_1252(pilote_client, transfo):
    text = "Nom;E-mail;Direction\nÉlodie Huber;elodie.huber@exemple.test;Direction de la culture\n"
    file = SimpleUploadedFile("groupe.csv", text.encode("cp1252"), "text/csv")
    upload(pilote_client, file)
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    profil = AmbassadeurProfile.objects.get(participation__user__email="elodie.huber@exemple.test")
    assert profil.direction == "Direction de la culture"
    assert profil.participation.user.full_name == "Élodie Huber"


def test_an_export_imports_back_unchanged(pilote_client, transfo):
    upload(pilote_client, csv_file(GOOD))
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    before = snapshot(transfo)
    exported = pilote_client.get(BASE + "export.xlsx").content
    upload(pilote_client, SimpleUploadedFile("export.xlsx", exported))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "Le fichier est valide" in content
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    assert snapshot(transfo) == before


def test_a_member_with_another_role_is_an_error(pilote_client, transfo, resident):
    rows = [["Suzanne Keller", resident.email, "", "", "", "", "", "", "", ""]]
    upload(pilote_client, csv_file(rows))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "est déjà membre de la Transfo comme résident·e" in content


def test_existing_account_joins_the_group_and_keeps_its_name(pilote_client, transfo, other_member):
    rows = [["Autre Nom", other_member.email, "", "DRH", "", "", "", "", "", ""]]
    upload(pilote_client, csv_file(rows))
    assert "Ajout au groupe" in pilote_client.get(BASE + "importer/apercu/").content.decode()
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    other_member.refresh_from_db()
    assert other_member.full_name == "Thomas Schmitt"
    assert other_member.has_usable_password()
    assert group_members(transfo).filter(user=other_member).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("groupe.txt", b"Nom,E-mail\n", "CSV (.csv) ou Excel (.xlsx)"),
        ("groupe.xlsx", b"Nom,E-mail\nA,a@b.test\n", "ne correspond pas à son extension"),
        ("groupe.csv", b"PK\x03\x04fake zip", "ne correspond pas à son extension"),
        ("groupe.csv", b"Nom,E-mail\n" + b"x" * MAX_IMPORT_SIZE, "dépasse 2 Mo"),
    ],
)
def test_wrong_files_are_refused_before_any_preview(pilote_client, name, content, message):
    response = upload(pilote_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()


def test_damaged_workbook_is_refused_in_french(pilote_client):
    upload(pilote_client, SimpleUploadedFile("groupe.xlsx", b"PK\x03\x04not really a zip"))
    response = pilote_client.get(BASE + "importer/apercu/", follow=True)
    assert "illisible ou endommagé" in response.content.decode()


def test_missing_columns_are_said(pilote_client):
    upload(pilote_client, csv_file([["Direction X"]], headers=["Direction"]))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "Colonnes obligatoires manquantes : Nom, E-mail." in content


def test_cancel_forgets_the_file(pilote_client, transfo, settings):
    upload(pilote_client, csv_file(GOOD))
    response = pilote_client.post(BASE + "importer/apercu/", {"action": "annuler"})
    assert response.status_code == 302
    assert not list((settings.PRIVATE_MEDIA_ROOT / "imports-groupe").iterdir())
    assert pilote_client.get(BASE + "importer/apercu/").status_code == 302


def test_preview_without_upload_goes_back_to_the_form(pilote_client):
    response = pilote_client.get(BASE + "importer/apercu/")
    assert response["Location"] == BASE + "importer/"


@pytest.mark.parametrize("who", ["ambassadeur", "resident"])
def test_confirm_is_refused_without_the_right(client_for, who):
    assert client_for(who).post(BASE + "importer/apercu/").status_code == 403


def test_confirm_in_another_transfo_is_not_found(client_for):
    response = client_for("pilote").post("/espace/transfos/metz/groupe/importer/apercu/")
    assert response.status_code == 404


def test_an_empty_cercle_keeps_a_relais_a_relais(pilote_client, transfo):
    rows = [["Claude Sutter", "claude.sutter@exemple.test", "relais", "", "", "", "", "", "", ""]]
    upload(pilote_client, csv_file(rows))
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    rows[0][2] = ""
    upload(pilote_client, csv_file(rows))
    assert "Inchangé" in pilote_client.get(BASE + "importer/apercu/").content.decode()
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    assert Participation.objects.get(user__email="claude.sutter@exemple.test").role == Role.RELAIS
