"""A file leaves its storage with its row, for every model (django-cleanup, issue 23 item 4:
five hand-written handlers missed the devoirs' files and the sessions' PDFs)."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile

from tests.ambassadeurs.factories import DevoirFactory, ReponseDevoirFactory
from tests.cas_pratiques.factories import LivrableFactory
from tests.collectivites.factories import SessionFactory

pytestmark = pytest.mark.django_db


def stored(instance, field):
    file = getattr(instance, field)
    return file.storage.exists(file.name)


def test_django_cleanup_comes_last_so_it_sees_every_app():
    assert settings.INSTALLED_APPS[-1] == "django_cleanup.apps.CleanupConfig"


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (
            lambda: DevoirFactory(fichier=ContentFile(b"%PDF-1.4 consignes", name="c.pdf")),
            "fichier",
        ),
        (
            lambda: ReponseDevoirFactory(fichier=ContentFile(b"%PDF-1.4 reponse", name="r.pdf")),
            "fichier",
        ),
        (
            lambda: SessionFactory(programme_pdf=ContentFile(b"%PDF-1.4 prog", name="p.pdf")),
            "programme_pdf",
        ),
        (lambda: LivrableFactory(), "fichier"),
    ],
    ids=["devoir", "reponse-devoir", "programme-de-session", "livrable"],
)
def test_deleting_a_row_deletes_its_file_once_committed(
    make, field, django_capture_on_commit_callbacks
):
    instance = make()
    name, storage = getattr(instance, field).name, getattr(instance, field).storage
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        instance.delete()
    assert not storage.exists(name)


def test_a_rolled_back_deletion_keeps_the_file(django_capture_on_commit_callbacks):
    devoir = DevoirFactory(fichier=ContentFile(b"%PDF-1.4 consignes", name="c.pdf"))
    with django_capture_on_commit_callbacks(execute=False):
        devoir.delete()
    assert stored(devoir, "fichier")


def test_replacing_a_file_deletes_the_old_one(django_capture_on_commit_callbacks):
    devoir = DevoirFactory(fichier=ContentFile(b"%PDF-1.4 v1", name="v1.pdf"))
    old = devoir.fichier.name
    with django_capture_on_commit_callbacks(execute=True):
        devoir.fichier = ContentFile(b"%PDF-1.4 v2", name="v2.pdf")
        devoir.save()
    assert not devoir.fichier.storage.exists(old)
    assert stored(devoir, "fichier")
