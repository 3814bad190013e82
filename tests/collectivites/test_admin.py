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
