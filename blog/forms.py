"""Forms of the capot ouvert written by members: a post and its photos."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from transfo.fields import FreeTextFormField
from transfo.images import prepare_photo

# Photos of members' posts: what a phone takes, checked by Pillow, not by the file's name alone.
PHOTO_FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
PHOTO_MAX_SIZE = 10 * 1024 * 1024
PHOTOS_PER_POST = 3
# An empty line (or one of spaces only) between two paragraphs of a member's text.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class MemberPostForm(forms.Form):
    """A post written by a member in their Transfo's private section (no Wagtail needed)."""

    titre = forms.CharField(label=_("Titre"), max_length=200)
    chapo = FreeTextFormField(
        label=_("En une phrase"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    texte = FreeTextFormField(
        label=_("Texte"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Séparez les paragraphes par une ligne vide."),
    )

    def body(self):
        """The text as StreamField paragraphs, escaped (members write plain text): a blank
        line starts a paragraph, a single line break stays a `<br/>` inside it."""
        # Browsers send a textarea's line breaks as CRLF; a line of spaces is still blank.
        text = self.cleaned_data["texte"].replace("\r\n", "\n").replace("\r", "\n")
        paragraphs = []
        for paragraph in PARAGRAPH_BREAK.split(text):
            lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
            if lines:
                paragraphs.append("<p>" + "<br/>".join(escape(line) for line in lines) + "</p>")
        return [("paragraph", paragraph) for paragraph in paragraphs]


class MemberPhotoForm(forms.Form):
    """One photo of a member's post, with the text that says what it shows (required)."""

    image = forms.ImageField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG ou WebP, 10 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    alt = forms.CharField(
        label=_("Ce que la photo montre"),
        max_length=300,
        required=False,
        help_text=_("Pour les personnes qui ne la voient pas ; obligatoire avec une photo."),
    )
    legende = forms.CharField(label=_("Légende"), max_length=300, required=False)

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image:
            return image
        if image.size > PHOTO_MAX_SIZE:
            raise ValidationError(
                _("La photo est trop lourde (%(size)s) : %(max)s au plus.")
                % {"size": filesizeformat(image.size), "max": filesizeformat(PHOTO_MAX_SIZE)},
                code="size",
            )
        # forms.ImageField has opened the file with Pillow: its real format must be accepted
        # and agree with the file's name.
        real = getattr(image.image, "format", None)
        if real not in PHOTO_FORMATS or not image.name.lower().endswith(PHOTO_FORMATS[real]):
            raise ValidationError(
                _("Ce fichier n'est pas une photo JPEG, PNG ou WebP."), code="format"
            )
        # Re-encoded from its pixels: no EXIF (nor the GPS position a phone writes there).
        return prepare_photo(image)

    def clean(self):
        data = super().clean()
        if data.get("image") and not data.get("alt", "").strip():
            self.add_error("alt", _("Dites en quelques mots ce que la photo montre."))
        if not data.get("image") and (data.get("alt") or data.get("legende")) and not self.errors:
            self.add_error("image", _("Choisissez la photo que ce texte décrit."))
        return data


MemberPhotoFormSet = forms.formset_factory(
    MemberPhotoForm, extra=PHOTOS_PER_POST, max_num=PHOTOS_PER_POST, validate_max=True
)


class PageSlugForm(WagtailAdminPageForm):
    """The admin form of the pages editors create (posts, retex sheets).

    Wagtail saves a new page as a draft as soon as its title is typed (autosave): an editor
    who gives up leaves a never-published draft holding the title's slug, and the next try
    with the same title was refused ("Le slug … est déjà utilisé", issue 19, item 18). As in
    the CMSs where drafts do not reserve an address, a page never published whose slug is
    held by a sibling draft never published takes the first free one instead (`-2`, `-3`…),
    and the editor is told which draft holds it (`blog.wagtail_hooks`). A clash with a page
    that is or was published is still refused, naming it; no published page's slug changes.
    """

    def clean(self):
        slug = self.cleaned_data.get("slug")
        siblings = None
        if slug and self.parent_page is not None:
            siblings = self.parent_page.get_children()
            if self.instance.pk:
                siblings = siblings.not_page(self.instance)
            holder = siblings.filter(slug=slug).first()
            if holder is not None and never_published(self.instance) and never_published(holder):
                slug = self.cleaned_data["slug"] = free_slug(slug, siblings)
                # Read by the hook that tells the editor (blog.wagtail_hooks).
                self.instance._slug_held_by = holder
        cleaned = super().clean()
        holder = siblings.filter(slug=slug).first() if siblings is not None else None
        if holder is not None and self.has_error("slug"):
            if holder.live:
                etat = _("publiée")
            elif holder.first_published_at:
                etat = _("dépubliée")
            else:
                etat = _("brouillon")
            self.errors["slug"] = self.error_class(
                [
                    _(
                        "L'adresse « %(slug)s » est déjà celle de la page « %(titre)s » "
                        "(%(etat)s) : choisissez-en une autre."
                    )
                    % {"slug": slug, "titre": holder.get_admin_display_title(), "etat": etat}
                ]
            )
        return cleaned

    def get_field_updates_for_resave(self):
        """After an autosave, the page in the browser takes the slug given on the server."""
        updates = list(super().get_field_updates_for_resave())
        if self.instance.slug != self.data.get("slug"):
            updates.append(("slug", self.instance.slug))
        return updates


def never_published(page):
    """A page being created, or a draft that was never live."""
    return page.pk is None or (not page.live and page.first_published_at is None)


def free_slug(slug, siblings):
    """`slug-2`, `slug-3`… the first not taken among `siblings` (a page queryset)."""
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"
