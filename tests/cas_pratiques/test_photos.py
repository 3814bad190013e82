"""Photos of a case: upright, at most 2000 px, stripped of EXIF (GPS) on upload; bombs refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cas_pratiques.forms import PhotoForm
from cas_pratiques.models import MAX_IMAGE_PIXELS
from transfo.images import MAX_SIDE

# EXIF tags: Orientation, GPSInfo (IFD pointer), Make.
ORIENTATION, GPS_IFD, MAKE = 0x0112, 0x8825, 0x010F


def photo_bytes(size, format="JPEG", orientation=None, gps=True):
    image = Image.new("RGB", size, (200, 30, 30))
    # A marker in the top-left corner, to see where it ends up once turned upright.
    image.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[MAKE] = "Téléphone"
    if orientation:
        exif[ORIENTATION] = orientation
    if gps:
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (48.0, 35.0, 0.0), 3: "E", 4: (7.0, 45.0, 0.0)})
    buffer = io.BytesIO()
    image.save(buffer, format=format, exif=exif.tobytes())
    return buffer.getvalue()


def submit(content, name="photo.jpg"):
    upload = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return PhotoForm(
        {"alt": "Des agents au guichet", "legende": "", "public": "on"}, {"image": upload}
    )


def saved_image(form):
    assert form.is_valid(), form.errors
    upload = form.cleaned_data["image"]
    upload.seek(0)
    image = Image.open(io.BytesIO(upload.read()))
    image.load()
    return image


def test_large_photo_is_reduced_to_2000_px_on_its_longest_side():
    image = saved_image(submit(photo_bytes((4000, 3000))))
    assert image.size == (MAX_SIDE, 1500)
    assert image.format == "JPEG"


def test_small_photo_keeps_its_size():
    image = saved_image(submit(photo_bytes((800, 600))))
    assert image.size == (800, 600)


@pytest.mark.parametrize(
    ("format", "name"), [("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp")]
)
def test_exif_and_gps_are_stripped(format, name):
    content = photo_bytes((1200, 800), format=format)
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD)
    image = saved_image(submit(content, name))
    assert image.format == format
    assert not image.getexif()
    assert "exif" not in image.info


def test_exif_orientation_is_applied():
    # Orientation 6: the camera was turned; the picture must be shown rotated 90° clockwise.
    image = saved_image(submit(photo_bytes((3000, 2000), orientation=6)))
    assert image.size == (1333, MAX_SIDE)
    assert "Orientation" not in str(image.getexif())
    # The blue top-left marker is now in the top-right corner.
    red, _green, blue = image.getpixel((image.width - 10, 10))
    assert blue > 200 and red < 60


def test_decompression_bomb_is_refused_with_a_french_message():
    # A small file that would decode to far more pixels than any photo (PNG compresses it).
    image = Image.new("1", (10_000, 10_000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    assert MAX_IMAGE_PIXELS < 10_000 * 10_000
    assert len(buffer.getvalue()) < 1024 * 1024
    form = submit(buffer.getvalue(), "bombe.png")
    assert not form.is_valid()
    assert form.errors["image"] == [
        "Image trop grande (plus de 50 millions de pixels) : réduisez-la avant de la déposer."
    ]


def test_bomb_beyond_pillows_own_limit_is_refused_too():
    image = Image.new("1", (20_000, 20_000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    form = submit(buffer.getvalue(), "bombe.png")
    assert not form.is_valid()
    assert "Image trop grande" in form.errors["image"][0]


def test_uploaded_photo_is_stored_reduced_and_without_gps(client_for, cas):
    response = client_for("resident").post(
        reverse("cas_pratiques:photo_add", args=[cas.transfo.slug, cas.slug]),
        {
            "image": SimpleUploadedFile("rue.jpg", photo_bytes((4000, 3000), orientation=8)),
            "alt": "La rue du marché",
            "legende": "",
        },
    )
    assert response.status_code == 302
    photo = cas.photos.get()
    with photo.image.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (1500, MAX_SIDE)
        assert not image.getexif()


def test_refused_bomb_shows_the_message_beside_the_field(client_for, cas):
    image = Image.new("1", (10_000, 10_000))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    response = client_for("resident").post(
        reverse("cas_pratiques:photo_add", args=[cas.transfo.slug, cas.slug]),
        {"image": SimpleUploadedFile("bombe.png", buffer.getvalue()), "alt": "Une image"},
    )
    assert response.status_code == 200
    assert "Image trop grande (plus de 50 millions de pixels)" in response.content.decode()
    assert not cas.photos.exists()


def test_animated_gif_keeps_its_frames_once_reduced():
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    frames = [Image.new("RGB", (3000, 1000), colour) for colour in colours]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=200)
    assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 3
    image = saved_image(submit(buffer.getvalue(), "anime.gif"))
    assert image.format == "GIF"
    assert image.size == (MAX_SIDE, 667)
    assert image.n_frames == 3
