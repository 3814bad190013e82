"""Files leave the platform one way (transfo.files): Wagtail's documents kept with the private
files, restricted to safe types, sent as sandboxed attachments (issue 18, items 2 and 3)."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.collectivites.factories import UserFactory
from tests.conftest import with_totp

SCRIPT = b"document.body.dataset.pwned = 'oui';"


@pytest.fixture
def document(db):
    """A public document (root collection), whose file was uploaded as JavaScript."""
    return get_document_model().objects.create(
        title="Script", file=ContentFile(SCRIPT, name="x.js")
    )


def test_a_document_file_is_kept_outside_the_public_media(document, settings):
    path = document.file.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))


def test_nothing_of_a_document_is_written_under_the_public_media(document, settings):
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [path for path in media.rglob("*") if path.is_file()]


def test_a_document_leaves_as_a_sandboxed_attachment_that_no_browser_runs(
    client, document, ambassadeur
):
    client.force_login(ambassadeur)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == SCRIPT


def test_a_pdf_keeps_its_type_but_is_an_attachment_too(client, ambassadeur):
    client.force_login(ambassadeur)
    pdf = get_document_model().objects.create(
        title="Compte rendu", file=ContentFile(b"%PDF-1.4 cr", name="cr.pdf")
    )
    response = client.get(pdf.url)
    assert b"".join(response.streaming_content) == b"%PDF-1.4 cr"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
@pytest.mark.parametrize(
    "name", ["page.html", "x.js", "image.svg", "page.htm", "x.xhtml", "run.sh"]
)
def test_the_admin_refuses_a_document_of_another_type(client, db, name):
    from django.contrib.auth.models import Group

    editor = with_totp(UserFactory())
    editor.groups.add(Group.objects.get(name="Editors"))
    from blog.seed import editors_group, publications_collection

    editors_group()
    client.force_login(editor)
    collection = publications_collection()
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Piège",
            "collection": collection.pk,
            "file": SimpleUploadedFile(name, b"<script>alert(1)</script>"),
        },
    )
    assert response.status_code == 200  # the form again, with its error
    assert "Ce type de fichier n" in response.text or "extension" in response.text.lower()
    assert not get_document_model().objects.filter(title="Piège").exists()
    assert Collection.objects.filter(pk=collection.pk).exists()
