"""Photos made ready for publication on upload: upright, at most 2000 px, no metadata.

Phones write the camera, the date and often the GPS position into a photo's EXIF: a photo
taken at someone's home must not publish where it is. Re-encoding from the pixels drops all
of it (EXIF, XMP, comments); only the colour profile is kept.
"""

import io
from pathlib import PurePath

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, ImageSequence

MAX_SIDE = 2000

# Pillow's format name -> (content type, save options)
SAVE_OPTIONS = {
    "JPEG": ("image/jpeg", {"quality": 85, "optimize": True}),
    "PNG": ("image/png", {"optimize": True}),
    "WEBP": ("image/webp", {"quality": 85}),
    "GIF": ("image/gif", {}),
}


def _prepared(frame):
    frame = ImageOps.exif_transpose(frame)
    frame.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return frame


def prepare_photo(upload):
    """The uploaded photo, already checked (check_photo_file), re-encoded for publication."""
    upload.seek(0)
    with Image.open(upload) as image:
        kind = image.format
        content_type, options = SAVE_OPTIONS[kind]
        options = dict(options)
        if image.info.get("icc_profile"):
            options["icc_profile"] = image.info["icc_profile"]
        if getattr(image, "is_animated", False):
            frames = [_prepared(frame.copy()) for frame in ImageSequence.Iterator(image)]
            options.update(
                save_all=True,
                append_images=frames[1:],
                duration=image.info.get("duration", 100),
                loop=image.info.get("loop", 0),
            )
        else:
            if kind == "JPEG":
                # Decode a large JPEG at a reduced scale directly: faster, less memory.
                image.draft(image.mode, (MAX_SIDE, MAX_SIDE))
            frames = [_prepared(image)]
        buffer = io.BytesIO()
        frames[0].save(buffer, format=kind, **options)
    name = PurePath(upload.name).name
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
