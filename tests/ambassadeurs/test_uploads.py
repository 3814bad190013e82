"""Photos and video capsules: type sniffed from the content and matched to the extension,
size limits, French errors, and files served only through the permission-checked view."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ambassadeurs.choices import TypePiece, Visibilite
from ambassadeurs.models import PieceJointe
from ambassadeurs.uploads import MB
from tests.ambassadeurs.factories import (
    MP4_BYTES,
    WEBM_BYTES,
    PieceJointeFactory,
    image_bytes,
    read_file_response,
)


def upload(client, entree, name, content, content_type="application/octet-stream"):
    return client.post(
        f"/espace/carnet/{entree.pk}/pieces/ajouter/",
        {"fichier": SimpleUploadedFile(name, content, content_type), "legende": "Au guichet"},
    )


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type"),
    [
        ("guichet.jpg", image_bytes("JPEG"), TypePiece.PHOTO, "image/jpeg"),
        ("guichet.JPEG", image_bytes("JPEG"), TypePiece.PHOTO, "image/jpeg"),
        ("post-it.png", image_bytes("PNG"), TypePiece.PHOTO, "image/png"),
        ("tableau.webp", image_bytes("WEBP"), TypePiece.PHOTO, "image/webp"),
        ("capsule.mp4", MP4_BYTES, TypePiece.VIDEO, "video/mp4"),
        ("capsule.webm", WEBM_BYTES, TypePiece.VIDEO, "video/webm"),
    ],
)
def test_author_attaches_photos_and_videos(
    client, ambassadeur, entree, name, content, kind, content_type
):
    client.force_login(ambassadeur)
    response = upload(client, entree, name, content)
    assert response.status_code == 302
    piece = PieceJointe.objects.get()
    assert (piece.type, piece.content_type, piece.nom, piece.taille) == (
        kind,
        content_type,
        name,
        len(content),
    )
    served = read_file_response(client.get(piece.get_absolute_url()))
    assert served.body == content
    assert served["Content-Type"] == content_type
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in served["Cache-Control"]
    assert "sandbox" in served["Content-Security-Policy"]


def test_private_files_have_no_url(db):
    piece = PieceJointeFactory()
    with pytest.raises(ValueError):
        _ = piece.fichier.url


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.pdf", b"%PDF-1.7 ...", "type de fichier n&#x27;est pas accepté"),
        ("script.html", b"<script>alert(1)</script>", "type de fichier n&#x27;est pas accepté"),
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "ne correspond pas à son nom"),
        ("photo.png", image_bytes("JPEG"), "ne correspond pas à son nom"),
        ("capsule.mp4", image_bytes("PNG"), "ne correspond pas à son nom"),
        ("capsule.webm", b"\x1a\x45\xdf\xa3" + b"matroska" + b"\x00" * 60, "ne correspond pas"),
        ("photo.jpg", b"\xff\xd8\xff" + b"not really a jpeg" * 10, "illisible ou abîmée"),
        ("vide.png", b"", "fichier soumis est vide"),
    ],
)
def test_wrong_or_disguised_files_are_refused(client, ambassadeur, entree, name, content, message):
    client.force_login(ambassadeur)
    response = upload(client, entree, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not PieceJointe.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "limit"),
    [
        ("grande.png", image_bytes("PNG") + b"\x00" * (10 * MB), "10,0"),
        ("longue.mp4", MP4_BYTES + b"\x00" * (50 * MB), "50,0"),
    ],
)
def test_too_large_files_are_refused(client, ambassadeur, entree, name, content, limit):
    client.force_login(ambassadeur)
    response = upload(client, entree, name, content)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Le fichier est trop lourd" in page
    assert limit in page
    assert not PieceJointe.objects.exists()


def test_one_video_capsule_per_entry(client, ambassadeur, entree):
    PieceJointeFactory(entree=entree, video=True)
    client.force_login(ambassadeur)
    response = upload(client, entree, "autre.webm", WEBM_BYTES)
    assert "déjà sa capsule vidéo" in response.content.decode()
    assert PieceJointe.objects.count() == 1


def test_only_the_author_attaches_files(client, peer, make_entree):
    entree = make_entree(Visibilite.GROUPE)
    client.force_login(peer)
    assert upload(client, entree, "photo.png", image_bytes()).status_code == 403
    assert not PieceJointe.objects.exists()


def test_author_deletes_an_attachment_and_its_file(
    client, ambassadeur, entree_with_photo, django_capture_on_commit_callbacks
):
    entree, piece = entree_with_photo(Visibilite.GROUPE)
    storage, name = piece.fichier.storage, piece.fichier.name
    client.force_login(ambassadeur)
    url = f"/espace/carnet/{entree.pk}/pieces/{piece.pk}/supprimer/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not PieceJointe.objects.exists()
    assert not storage.exists(name)


def test_reader_cannot_delete_an_attachment(client, peer, entree_with_photo):
    entree, piece = entree_with_photo(Visibilite.GROUPE)
    client.force_login(peer)
    assert (
        client.post(f"/espace/carnet/{entree.pk}/pieces/{piece.pk}/supprimer/").status_code == 403
    )
    assert PieceJointe.objects.filter(pk=piece.pk).exists()


def test_download_as_attachment(client, ambassadeur, entree_with_photo):
    _entree, piece = entree_with_photo(Visibilite.PRIVE)
    client.force_login(ambassadeur)
    response = read_file_response(client.get(piece.get_absolute_url() + "?telecharger=1"))
    assert response["Content-Disposition"].startswith("attachment")
