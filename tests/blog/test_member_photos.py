"""Photos in the posts members write in the capot ouvert: private files, served only to the
post's readers (issue 8: "a 'write a post' page in the private space (title, body, images)")."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.models import BlogPostPage, PhotoBillet
from blog.sections import transfo_section
from tests.ambassadeurs.factories import read_file_response


def png(name="atelier.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def status_of(client, url):
    """The status of a GET, a served file read to its end (so that it is closed without
    closing the database connection, as `response.close()` would)."""
    return read_file_response(client.get(url)).status_code


def management(total=3):
    return {
        "photos-TOTAL_FORMS": str(total),
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "3",
    }


@pytest.fixture
def section(transfo, resident, ambassadeur, peer, pilote):
    return transfo_section(transfo)


def write(client, section, **fields):
    data = {"titre": "Retour d'immersion", "chapo": "", "texte": "Ce que nous avons vu."}
    data.update(management())
    data.update(fields)
    return client.post(f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/", data)


@pytest.fixture
def post_with_photo(client, ambassadeur, section):
    client.force_login(ambassadeur)
    response = write(
        client,
        section,
        **{
            "photos-0-image": png(),
            "photos-0-alt": "Des post-it sur le mur de la salle",
            "photos-0-legende": "Le mur des idées",
        },
    )
    assert response.status_code == 302
    client.logout()
    return BlogPostPage.objects.child_of(section).get(title="Retour d'immersion")


def test_the_write_page_offers_photos_with_their_description(client, ambassadeur, section):
    client.force_login(ambassadeur)
    html = client.get(f"/espace/transfos/{section.transfo.slug}/capot-ouvert/ecrire/").text
    assert 'enctype="multipart/form-data"' in html
    assert "<legend>Photo 1 (facultative)</legend>" in html
    assert '<label for="id_photos-0-alt">Ce que la photo montre</label>' in html


def test_a_member_publishes_a_post_with_a_photo_the_group_sees(
    client, post_with_photo, peer, settings
):
    photo = post_with_photo.photos.get()
    assert (photo.alt, photo.legende, photo.position) == (
        "Des post-it sur le mur de la salle",
        "Le mur des idées",
        0,
    )
    # The file is in the private storage, outside MEDIA_ROOT: it has no public URL.
    assert (settings.PRIVATE_MEDIA_ROOT / photo.image.name).exists()
    assert not (settings.MEDIA_ROOT / photo.image.name).exists()
    client.force_login(peer)
    html = client.get(post_with_photo.url).text
    assert f'<img src="/espace/capot-ouvert/photos/{photo.pk}/"' in html
    assert 'alt="Des post-it sur le mur de la salle"' in html
    assert "<figcaption>Le mur des idées</figcaption>" in html
    response = client.get(photo.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "who, status",
    [("peer", 200), ("coordinateur", 200), ("other_member", 404), ("outsider", 404)],
)
def test_only_the_posts_readers_get_its_photo(client_for, post_with_photo, who, status):
    photo = post_with_photo.photos.get()
    assert status_of(client_for(who), photo.get_absolute_url()) == status


def test_the_anonymous_visitor_is_asked_to_sign_in_for_a_photo(client, post_with_photo):
    response = client.get(post_with_photo.photos.get().get_absolute_url())
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


def test_a_photo_without_its_description_is_refused_and_the_text_is_kept(
    client, ambassadeur, section
):
    client.force_login(ambassadeur)
    response = write(client, section, **{"photos-0-image": png(), "texte": "Mon texte gardé."})
    assert response.status_code == 200
    assert "Dites en quelques mots ce que la photo montre." in response.text
    assert "Mon texte gardé." in response.text
    assert not BlogPostPage.objects.child_of(section).exists()
    assert not PhotoBillet.objects.exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("page.png", b"<html>pas une image</html>", "image/png"),
            "Téléversez une image valide",
        ),
        (png(name="photo.gif"), "Ce fichier n'est pas une photo JPEG, PNG ou WebP."),
    ],
)
def test_a_file_that_is_not_an_accepted_photo_is_refused_in_french(
    client, ambassadeur, section, upload, message
):
    client.force_login(ambassadeur)
    response = write(client, section, **{"photos-0-image": upload, "photos-0-alt": "Une photo"})
    assert response.status_code == 200
    assert message.replace("'", "&#x27;") in response.text
    assert not PhotoBillet.objects.exists()


def test_a_too_heavy_photo_is_refused(client, ambassadeur, section, monkeypatch):
    monkeypatch.setattr("blog.forms.PHOTO_MAX_SIZE", 100)
    client.force_login(ambassadeur)
    response = write(client, section, **{"photos-0-image": png(), "photos-0-alt": "Une photo"})
    assert "La photo est trop lourde" in response.text
    assert not PhotoBillet.objects.exists()


def test_residents_see_the_photos_of_a_post_waiting_for_review(
    client, ambassadeur, resident, peer, section
):
    section.moderation = True
    section.save()
    client.force_login(ambassadeur)
    write(client, section, **{"photos-0-image": png(), "photos-0-alt": "Le tableau blanc"})
    photo = PhotoBillet.objects.get()
    assert not photo.billet.live
    client.force_login(resident)
    review = client.get(f"/espace/transfos/{section.transfo.slug}/capot-ouvert/a-relire/")
    assert 'alt="Le tableau blanc"' in review.text
    assert status_of(client, photo.get_absolute_url()) == 200
    client.force_login(peer)  # a peer reads the post once published, not before
    assert status_of(client, photo.get_absolute_url()) == 404


def test_a_refused_post_takes_its_photos_and_their_files_away(
    client, ambassadeur, resident, section, settings, django_capture_on_commit_callbacks
):
    section.moderation = True
    section.save()
    client.force_login(ambassadeur)
    write(client, section, **{"photos-0-image": png(), "photos-0-alt": "Le tableau blanc"})
    photo = PhotoBillet.objects.get()
    path = settings.PRIVATE_MEDIA_ROOT / photo.image.name
    assert path.exists()
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/espace/transfos/{section.transfo.slug}/capot-ouvert/a-relire/",
            {"billet": photo.billet_id, "action": "refuser"},
        )
    assert not PhotoBillet.objects.exists()
    assert not path.exists()


def test_my_data_export_holds_my_posts_and_their_photos(post_with_photo, ambassadeur, peer):
    """'Mes données' (issue 9, check 18): the posts I wrote and their photos, not others'."""
    import zipfile

    from transfo import mydata

    data, files = mydata.collect(ambassadeur)
    [post] = data["blog"]
    assert post["titre"] == "Retour d'immersion"
    assert post["photos"][0]["description"] == "Des post-it sur le mur de la salle"
    assert post["photos"][0]["fichier"] in files.files
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        mydata.write_archive(ambassadeur, archive)
    with zipfile.ZipFile(buffer) as archive:
        assert post["photos"][0]["fichier"] in archive.namelist()
    assert mydata.collect(peer)[0]["blog"] == []


def test_a_members_photo_is_stored_without_its_gps_position(client, ambassadeur, section):
    """A phone's photo says where it was taken: the stored copy must not."""
    from tests.cas_pratiques.test_photos import GPS_IFD, photo_bytes

    content = photo_bytes((60, 40), "JPEG", gps=True)
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD)
    client.force_login(ambassadeur)
    upload = SimpleUploadedFile("atelier.jpg", content, content_type="image/jpeg")
    response = write(client, section, **{"photos-0-image": upload, "photos-0-alt": "Le mur"})
    assert response.status_code == 302
    with PhotoBillet.objects.get().image.open("rb") as stored:
        assert not Image.open(stored).getexif().get_ifd(GPS_IFD)
