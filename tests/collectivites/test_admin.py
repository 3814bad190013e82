import pytest

# Wagtail's own admin templates read optional variables; only ours are held to strictness.
admin_pages = pytest.mark.ignore_template_errors


@admin_pages
@pytest.mark.parametrize(
    "url", ["/admin/transfo/", "/admin/collectivite/", "/admin/participation/"]
)
def test_coordinateur_edits_reference_data_in_wagtail_admin(client, coordinateur, transfo, url):
    client.force_login(coordinateur)
    response = client.get(url)
    assert response.status_code == 200


@admin_pages
def test_coordinateur_sees_transfos_in_admin_listing(client, coordinateur, transfo):
    client.force_login(coordinateur)
    assert "Transfo Strasbourg" in client.get("/admin/transfo/").content.decode()


@pytest.mark.parametrize("name", ["ambassadeur", "resident", "pilote"])
def test_members_have_no_wagtail_admin(client, cast, name):
    client.force_login(cast[name])
    response = client.get("/admin/transfo/")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=/admin/transfo/"


def test_admin_sign_in_goes_through_allauth(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/comptes/login/?next=/admin/"


@admin_pages
def test_a_coordinator_cannot_give_themself_a_role_in_a_transfo(client, coordinateur, transfo):
    """Issue 18, item 9: as a résident of Strasbourg, she would read what its group shares
    with its résidents."""
    from collectivites.models import Participation

    client.force_login(coordinateur)
    response = client.post(
        "/admin/participation/new/",
        {
            "user": coordinateur.pk,
            "transfo": transfo.pk,
            "role": "resident",
            "discipline": "",
            "date_entree": "2026-01-05",
            "date_sortie": "",
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert "vous donner vous-même un rôle" in response.content.decode()
    assert not Participation.objects.filter(user=coordinateur, transfo=transfo).exists()
    own = Participation.objects.get(user=coordinateur)
    response = client.post(
        f"/admin/participation/edit/{own.pk}/",
        {
            "user": coordinateur.pk,
            "transfo": transfo.pk,
            "role": "resident",
            "discipline": "",
            "date_entree": "2026-01-05",
            "date_sortie": "",
        },
    )
    assert "vous donner vous-même un rôle" in response.content.decode()
    own.refresh_from_db()
    assert own.role == "coordinateur"


@admin_pages
def test_a_coordinator_gives_a_role_to_someone_else(client, coordinateur, transfo, outsider):
    from collectivites.models import Participation

    client.force_login(coordinateur)
    response = client.post(
        "/admin/participation/new/",
        {
            "user": outsider.pk,
            "transfo": transfo.pk,
            "role": "ambassadeur",
            "discipline": "",
            "date_entree": "2026-01-05",
            "date_sortie": "",
        },
    )
    assert response.status_code == 302
    assert Participation.objects.filter(user=outsider, transfo=transfo).exists()


@admin_pages
def test_a_coordinator_cannot_invite_themself_in_the_admin(client, coordinateur, transfo):
    from collectivites.models import Invitation

    client.force_login(coordinateur)
    response = client.post(
        "/admin/invitation/new/",
        {
            "email": coordinateur.email.upper(),
            "transfo": transfo.pk,
            "role": "resident",
            "discipline": "",
            "expires_at": "2030-01-01 10:00",
        },
    )
    assert "Vous ne pouvez pas vous inviter vous-même" in response.content.decode()
    assert not Invitation.objects.exists()


def test_accepting_an_invitation_never_changes_a_current_members_role(coordinateur, other_transfo):
    """Found by hand: invited (in the admin) as résidente of her own Transfo, the
    coordinatrice accepted, and her participation became a résidente's."""
    from collectivites.models import Invitation, Participation
    from tests.collectivites.factories import InvitationFactory

    invitation = InvitationFactory(email=coordinateur.email, transfo=other_transfo, role="resident")
    invitation.accept(coordinateur)
    participation = Participation.objects.get(user=coordinateur, transfo=other_transfo)
    assert participation.role == "coordinateur"
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is not None
