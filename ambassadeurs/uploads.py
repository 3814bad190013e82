"""Checks of the photos and video capsules attached to carnet entries.

The type is decided by the file's first bytes (content sniffing), and must agree with its
extension: a file named `.jpg` that is an HTML page, or a PNG named `.mp4`, is refused.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ambassadeurs.choices import TypePiece

MB = 1024 * 1024


@dataclass(frozen=True)
class Format:
    nom: str
    type: str
    content_type: str
    extensions: tuple
    max_size: int


JPEG = Format("JPEG", TypePiece.PHOTO, "image/jpeg", (".jpg", ".jpeg"), 10 * MB)
PNG = Format("PNG", TypePiece.PHOTO, "image/png", (".png",), 10 * MB)
WEBP = Format("WebP", TypePiece.PHOTO, "image/webp", (".webp",), 10 * MB)
MP4 = Format("MP4", TypePiece.VIDEO, "video/mp4", (".mp4",), 50 * MB)
WEBM = Format("WebM", TypePiece.VIDEO, "video/webm", (".webm",), 50 * MB)
FORMATS = (JPEG, PNG, WEBP, MP4, WEBM)
MAX_UPLOAD_SIZE = max(f.max_size for f in FORMATS)


def sniff(head):
    """The format whose signature the first bytes carry, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return WEBM
    return None


def _by_extension(name):
    lower = name.lower()
    return next((f for f in FORMATS if lower.endswith(f.extensions)), None)


def check_upload(upload):
    """The format of an uploaded file, or a ValidationError in French saying what is wrong."""
    accepted = _("photos JPEG, PNG ou WebP (10 Mo au plus), vidéo MP4 ou WebM (50 Mo au plus)")
    declared = _by_extension(upload.name)
    if declared is None:
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Formats acceptés : %(accepted)s.")
            % {"accepted": accepted},
            code="extension",
        )
    if upload.size > declared.max_size:
        raise ValidationError(
            _("Le fichier est trop lourd (%(size)s) : %(max)s au plus pour une %(kind)s.")
            % {
                "size": filesizeformat(upload.size),
                "max": filesizeformat(declared.max_size),
                "kind": TypePiece(declared.type).label.lower(),
            },
            code="size",
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    actual = sniff(head)
    if actual is None or actual != declared:
        raise ValidationError(
            _(
                "Le contenu du fichier ne correspond pas à son nom (%(name)s n'est pas un "
                "fichier %(format)s valide). Formats acceptés : %(accepted)s."
            )
            % {"name": upload.name, "format": declared.nom, "accepted": accepted},
            code="content",
        )
    if actual.type == TypePiece.PHOTO:
        _verify_image(upload, actual)
    return actual


def _verify_image(upload, fmt):
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("L'image %(name)s est illisible ou abîmée : ce n'est pas un fichier %(format)s.")
            % {"name": upload.name, "format": fmt.nom},
            code="content",
        ) from error
    finally:
        upload.seek(0)


# Attachments of devoirs (instructions and answers): documents and photos.
PDF = Format("PDF", "document", "application/pdf", (".pdf",), 10 * MB)
ODT = Format("ODT", "document", "application/vnd.oasis.opendocument.text", (".odt",), 10 * MB)
DOCX = Format(
    "DOCX",
    "document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
    10 * MB,
)
DOCUMENT_FORMATS = (PDF, ODT, DOCX, JPEG, PNG)
ZIP_BASED = (ODT, DOCX)


def check_document(upload):
    """The format of a devoir's attachment (PDF, ODT, DOCX, JPEG, PNG; 10 Mo at most), or a
    ValidationError in French. ODT and DOCX are ZIP archives: their first bytes say so."""
    accepted = _("PDF, ODT, DOCX, JPEG ou PNG, 10 Mo au plus")
    lower = upload.name.lower()
    declared = next((f for f in DOCUMENT_FORMATS if lower.endswith(f.extensions)), None)
    if declared is None:
        raise ValidationError(
            _("Ce type de fichier n'est pas accepté. Formats acceptés : %(accepted)s.")
            % {"accepted": accepted},
            code="extension",
        )
    if upload.size > declared.max_size:
        raise ValidationError(
            _("Le fichier est trop lourd (%(size)s) : %(max)s au plus.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(declared.max_size)},
            code="size",
        )
    upload.seek(0)
    head = upload.read(64)
    upload.seek(0)
    if declared in ZIP_BASED:
        valid = head.startswith(b"PK\x03\x04")
    elif declared == PDF:
        valid = head.startswith(b"%PDF-")
    else:
        valid = sniff(head) == declared
    if not valid:
        raise ValidationError(
            _(
                "Le contenu du fichier ne correspond pas à son nom (%(name)s n'est pas un "
                "fichier %(format)s valide). Formats acceptés : %(accepted)s."
            )
            % {"name": upload.name, "format": declared.nom, "accepted": accepted},
            code="content",
        )
    return declared
