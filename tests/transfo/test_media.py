"""Public media under `make run` (DEBUG): Django serves them to everyone, as the reverse
proxy (or S3) does in production; private files have no URL."""

import importlib

import pytest
from django.urls import clear_url_caches

import transfo.urls


@pytest.fixture
def debug_urls(settings):
    """The URLs of `make run`: with DEBUG, transfo.urls also serves MEDIA_ROOT."""
    settings.DEBUG = True
    importlib.reload(transfo.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(transfo.urls)
    clear_url_caches()


def test_an_editors_image_is_public_in_every_size(client, debug_urls, db):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Post-it", file=get_test_image_file())
    rendition = image.get_rendition("width-480")
    for url in (rendition.url, image.file.url):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        response.close()


def test_a_private_file_has_no_media_url(client, debug_urls, settings, db):
    (settings.PRIVATE_MEDIA_ROOT / "exports").mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "exports" / "secret.csv").write_text("canari-prive-93")
    for path in ("/media/exports/secret.csv", "/media/../private-media/exports/secret.csv"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert b"canari-prive-93" not in response.content
