import pytest

from tests.cas_pratiques.factories import ContactFactory, LivrableFactory, PhotoFactory
from tests.collectivites.factories import UserFactory
from tests.conftest import with_totp


@pytest.mark.ignore_template_errors  # Django's own admin templates read optional variables.
def test_superuser_edits_a_case_in_django_admin(client, cas_publie):
    LivrableFactory(cas=cas_publie)
    PhotoFactory(cas=cas_publie)
    ContactFactory(cas=cas_publie)
    client.force_login(with_totp(UserFactory(is_staff=True, is_superuser=True)))
    listing = client.get("/django-admin/cas_pratiques/caspratique/")
    assert listing.status_code == 200 and "Les mégotiers" in listing.content.decode()
    change = client.get(f"/django-admin/cas_pratiques/caspratique/{cas_publie.pk}/change/")
    assert change.status_code == 200
