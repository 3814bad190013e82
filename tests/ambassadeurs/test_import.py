"""Import of the group from CSV or XLSX: preview with errors per row, all or nothing, idempotent;
members are updated, anyone else is invited, and no account outside the Transfo is told."""

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from ambassadeurs.choices import Categorie, Genre
from ambassadeurs.imports import MAX_IMPORT_SIZE
from ambassadeurs.models import AmbassadeurProfile, group_members
from collectivites.choices import Role
from collectivites.models import Invitation, Participation

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


def confirm(client, capture):
    with capture(execute=True):
        return client.post(BASE + "importer/apercu/", {"action": "importer"})


def accept(invitation):
    """The invitee signs up through the link, as tests/collectivites/test_invitations does."""
    user = get_user_model().objects.create_user(
        email=invitation.email, full_name=invitation.profil.get("nom", "")
    )
    return invitation.accept(user)


def snapshot(transfo):
    return (
        get_user_model().objects.count(),
        list(
            group_members(transfo)
            .order_by("pk")
            .values("pk", "user__email", "role", "date_entree", "date_sortie")
        ),
        list(AmbassadeurProfile.objects.order_by("pk").values()),
        list(Invitation.objects.order_by("pk").values("pk", "email", "role", "profil", "sent_at")),
    )


def test_good_csv_is_previewed_then_invites_on_confirmation(
    pilote_client, pilote, transfo, mailoutbox, settings, django_capture_on_commit_callbacks
):
    response = upload(pilote_client, csv_file(GOOD))
    assert response.status_code == 302
    assert response["Location"] == BASE + "importer/apercu/"

    preview = pilote_client.get(BASE + "importer/apercu/")
    content = preview.content.decode()
    assert "Léa Fischer" in content
    assert [row.action_label for row in preview.context["result"].rows] == ["Invitation"] * 2
    assert "Le fichier est valide" in content
    assert not Invitation.objects.exists()
    # The file waits in the private storage, not in MEDIA_ROOT.
    assert list((settings.PRIVATE_MEDIA_ROOT / "imports-groupe").iterdir())

    response = confirm(pilote_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    # Nobody is a member yet, and no account was made: each person is invited.
    assert not get_user_model().objects.filter(email="lea.fischer@exemple.test").exists()
    assert not group_members(transfo).filter(user__email="lea.fischer@exemple.test").exists()
    lea = Invitation.objects.get(email="lea.fischer@exemple.test")
    assert (lea.transfo, lea.role, lea.invited_by) == (transfo, Role.AMBASSADEUR, pilote)
    assert lea.profil["nom"] == "Léa Fischer"
    nicolas = Invitation.objects.get(email="nicolas.frey@exemple.test")
    assert nicolas.role == Role.RELAIS
    assert sorted(message.to[0] for message in mailoutbox) == [
        "lea.fischer@exemple.test",
        "nicolas.frey@exemple.test",
    ]
    assert not list((settings.PRIVATE_MEDIA_ROOT / "imports-groupe").iterdir())

    # Accepting makes the profile from what the file said.
    participation = accept(lea)
    assert participation.role == Role.AMBASSADEUR
    assert participation.date_entree.isoformat() == "2018-04-01"
    profil = AmbassadeurProfile.objects.get(participation=participation)
    assert profil.categorie == Categorie.A
    assert profil.genre == Genre.FEMME
    assert profil.n1_email == "nadia.kessler@exemple.test"
    assert profil.passions == "théâtre, dessin"
    assert AmbassadeurProfile.objects.get(participation=accept(nicolas)).categorie == Categorie.C


def test_the_invitee_finds_their_name_in_the_sign_up_form(
    pilote_client, client, transfo, django_capture_on_commit_callbacks
):
    upload(pilote_client, csv_file(GOOD))
    confirm(pilote_client, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(email="lea.fischer@exemple.test")
    client.logout()
    page = client.get(invitation.get_accept_url()).content.decode()
    assert 'value="Léa Fischer"' in page


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


def test_reimporting_the_same_file_changes_nothing(
    pilote_client, transfo, mailoutbox, django_capture_on_commit_callbacks
):
    upload(pilote_client, csv_file(GOOD))
    confirm(pilote_client, django_capture_on_commit_callbacks)
    after_first = snapshot(transfo)
    assert len(mailoutbox) == 2

    upload(pilote_client, csv_file(GOOD))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert content.count("Invitation en attente, inchangée") == 2
    confirm(pilote_client, django_capture_on_commit_callbacks)
    assert snapshot(transfo) == after_first
    assert len(mailoutbox) == 2


def test_a_changed_row_updates_the_pending_invitation_without_sending_it_again(
    pilote_client, transfo, mailoutbox, django_capture_on_commit_callbacks
):
    upload(pilote_client, csv_file(GOOD))
    confirm(pilote_client, django_capture_on_commit_callbacks)
    rows = [[*GOOD[0][:3], "Direction de la culture", *GOOD[0][4:]]]
    upload(pilote_client, csv_file(rows))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "Invitation en attente, mise à jour" in content
    confirm(pilote_client, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(email="lea.fischer@exemple.test")
    assert invitation.profil["direction"] == "Direction de la culture"
    assert len(mailoutbox) == 2
    assert accept(invitation).profil.direction == "Direction de la culture"


def test_members_are_updated_in_place(pilote_client, transfo, django_capture_on_commit_callbacks):
    upload(pilote_client, csv_file(GOOD))
    confirm(pilote_client, django_capture_on_commit_callbacks)
    for invitation in Invitation.objects.all():
        accept(invitation)
    rows = [[*GOOD[0][:3], "Direction de la culture", *GOOD[0][4:]], GOOD[1]]
    upload(pilote_client, csv_file(rows))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "Mise à jour" in content
    assert "Inchangé" in content
    confirm(pilote_client, django_capture_on_commit_callbacks)
    profil = AmbassadeurProfile.objects.get(participation__user__email="lea.fischer@exemple.test")
    assert profil.direction == "Direction de la culture"
    assert Invitation.objects.count() == 2


def test_xlsx_file_imports_like_csv(pilote_client, transfo, django_capture_on_commit_callbacks):
    upload(pilote_client, xlsx_file(GOOD))
    response = confirm(pilote_client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="lea.fischer@exemple.test")
    assert accept(invitation).profil.passions == "théâtre, dessin"


def test_excel_french_csv_with_semicolons_in_windows_1252(
    pilote_client, transfo, django_capture_on_commit_callbacks
):
    text = "Nom;E-mail;Direction\nÉlodie Huber;elodie.huber@exemple.test;Direction de la culture\n"
    file = SimpleUploadedFile("groupe.csv", text.encode("cp1252"), "text/csv")
    upload(pilote_client, file)
    confirm(pilote_client, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(email="elodie.huber@exemple.test")
    assert invitation.profil == {"nom": "Élodie Huber", "direction": "Direction de la culture"}


def test_an_export_imports_back_unchanged(
    pilote_client, transfo, django_capture_on_commit_callbacks
):
    upload(pilote_client, csv_file(GOOD))
    confirm(pilote_client, django_capture_on_commit_callbacks)
    for invitation in Invitation.objects.all():
        accept(invitation)
    before = snapshot(transfo)
    exported = pilote_client.get(BASE + "export.xlsx").content
    upload(pilote_client, SimpleUploadedFile("export.xlsx", exported))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "Le fichier est valide" in content
    confirm(pilote_client, django_capture_on_commit_callbacks)
    assert snapshot(transfo) == before


def test_a_member_with_another_role_is_an_error(pilote_client, transfo, resident):
    rows = [["Suzanne Keller", resident.email, "", "", "", "", "", "", "", ""]]
    upload(pilote_client, csv_file(rows))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "est déjà membre de la Transfo comme résident·e" in content


def test_an_account_elsewhere_is_invited_like_anyone_and_not_told(
    pilote_client, transfo, other_member, client, django_capture_on_commit_callbacks
):
    """The preview says the same for an address with an account elsewhere (another
    Transfo's ambassadeur, a coordinator) as for an unknown one, and the account joins only
    by accepting the invitation, signed in as themself."""
    rows = [
        ["Autre Nom", other_member.email, "", "DRH", "", "", "", "", "", ""],
        ["Inconnue", "personne@exemple.test", "", "DRH", "", "", "", "", "", ""],
    ]
    upload(pilote_client, csv_file(rows))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "Ajout au groupe" not in content
    assert "Nouveau compte" not in content
    preview = pilote_client.get(BASE + "importer/apercu/")
    assert [row.action_label for row in preview.context["result"].rows] == ["Invitation"] * 2
    confirm(pilote_client, django_capture_on_commit_callbacks)
    assert not group_members(transfo).filter(user=other_member).exists()

    invitation = Invitation.objects.get(email=other_member.email)
    participation = invitation.accept(other_member)
    other_member.refresh_from_db()
    assert other_member.full_name == "Thomas Schmitt"
    assert other_member.has_usable_password()
    assert participation.profil.direction == "DRH"


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


def test_an_empty_cercle_keeps_a_relais_a_relais(
    pilote_client, transfo, django_capture_on_commit_callbacks
):
    rows = [["Claude Sutter", "claude.sutter@exemple.test", "relais", "", "", "", "", "", "", ""]]
    upload(pilote_client, csv_file(rows))
    confirm(pilote_client, django_capture_on_commit_callbacks)
    rows[0][2] = ""
    upload(pilote_client, csv_file(rows))
    assert "inchangée" in pilote_client.get(BASE + "importer/apercu/").content.decode()
    confirm(pilote_client, django_capture_on_commit_callbacks)
    accept(Invitation.objects.get())
    upload(pilote_client, csv_file(rows))
    assert "Inchangé" in pilote_client.get(BASE + "importer/apercu/").content.decode()
    confirm(pilote_client, django_capture_on_commit_callbacks)
    assert Participation.objects.get(user__email="claude.sutter@exemple.test").role == Role.RELAIS


def test_a_coordinator_learns_no_genre_from_the_preview_nor_writes_one(
    client_for, transfo, django_capture_on_commit_callbacks
):
    """Found by an attacker's probe: a Genre column's "Inchangé" / "Mise à jour" told the
    coordination (who may not see genres) each member's genre. It is ignored for them."""
    from tests.ambassadeurs.factories import AmbassadeurProfileFactory

    femme = AmbassadeurProfileFactory(participation__transfo=transfo, genre=Genre.FEMME)
    homme = AmbassadeurProfileFactory(participation__transfo=transfo, genre=Genre.HOMME)
    rows = [
        [femme.participation.user.full_name, femme.participation.user.email, "femme"],
        [homme.participation.user.full_name, homme.participation.user.email, "femme"],
    ]
    client = client_for("coordinateur")
    client.post(BASE + "importer/", {"fichier": csv_file(rows, headers=["Nom", "E-mail", "Genre"])})
    preview = client.get(BASE + "importer/apercu/")
    assert [row.action for row in preview.context["result"].rows] == ["inchange", "inchange"]
    assert "Colonne ignorée : Genre" in preview.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(BASE + "importer/apercu/", {"action": "importer"})
    homme.refresh_from_db()
    assert homme.genre == Genre.HOMME


def test_the_pilote_still_imports_genres(
    pilote_client, transfo, django_capture_on_commit_callbacks
):
    from tests.ambassadeurs.factories import AmbassadeurProfileFactory

    profil = AmbassadeurProfileFactory(participation__transfo=transfo, genre=Genre.HOMME)
    user = profil.participation.user
    pilote_client.post(
        BASE + "importer/",
        {
            "fichier": csv_file(
                [[user.full_name, user.email, "femme"]], headers=["Nom", "E-mail", "Genre"]
            )
        },
    )
    preview = pilote_client.get(BASE + "importer/apercu/")
    assert [row.action for row in preview.context["result"].rows] == ["mise_a_jour"]
    confirm(pilote_client, django_capture_on_commit_callbacks)
    profil.refresh_from_db()
    assert profil.genre == Genre.FEMME


def test_an_import_has_at_most_500_rows(pilote_client):
    """Found by an attacker's probe: 100,000 addresses were one click from 100,000 mails."""
    rows = [[f"Personne {n}", f"p{n}@exemple.test"] for n in range(501)]
    upload(pilote_client, csv_file(rows, headers=["Nom", "E-mail"]))
    response = pilote_client.get(BASE + "importer/apercu/", follow=True)
    assert "Le fichier compte 501 lignes : 500 au plus par import." in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_invitation_to_another_role_is_not_changed_by_an_import(pilote_client, transfo):
    """A pilote's import may not turn the coordination's invitation of a résident into an
    ambassadeur's: the row is an error, as for a member of another role."""
    from tests.collectivites.factories import InvitationFactory

    invitation = InvitationFactory(
        transfo=transfo, email="future.residente@exemple.test", role=Role.RESIDENT
    )
    rows = [["Future Résidente", invitation.email, "ambassadeur", "", "", "", "", "", "", ""]]
    upload(pilote_client, csv_file(rows))
    content = pilote_client.get(BASE + "importer/apercu/").content.decode()
    assert "est déjà invité·e dans la Transfo comme résident·e" in content
    pilote_client.post(BASE + "importer/apercu/", {"action": "importer"})
    invitation.refresh_from_db()
    assert invitation.role == Role.RESIDENT and invitation.profil == {}
