"""The one StreamBlock of the blog's bodies: what a post of the Transfo is made of."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4", "blockquote"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("intertitre"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("niveau"),
        choices=[("h2", _("Titre de section")), ("h3", _("Sous-titre"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Intertitre")
        template = "blog/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("texte alternatif"),
        max_length=300,
        help_text=_("Ce que l'image montre, pour qui ne la voit pas (obligatoire)."),
    )
    caption = blocks.CharBlock(label=_("légende"), max_length=300, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blog/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citation ou verbatim"))
    attribution = blocks.CharBlock(label=_("qui parle"), max_length=200, required=False)

    class Meta:
        icon = "openquote"
        label = _("Citation / verbatim")
        template = "blog/blocks/quote.html"


class VideoBlock(blocks.StructBlock):
    """A video shown as a link: the platform's policy frames no third-party player."""

    url = blocks.URLBlock(label=_("adresse de la vidéo"))
    title = blocks.CharBlock(label=_("titre de la vidéo"), max_length=200)
    transcript = blocks.TextBlock(label=_("transcription ou résumé"), required=False)

    class Meta:
        icon = "media"
        label = _("Vidéo")
        template = "blog/blocks/video.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("intitulé du lien"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blog/blocks/document.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre de l'encadré"), max_length=200, required=False)
    text = blocks.RichTextBlock(label=_("texte"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Encadré")
        template = "blog/blocks/callout.html"


class InnerBodyBlock(blocks.StreamBlock):
    """What a day of a day-by-day post holds."""

    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()


class DayBlock(blocks.StructBlock):
    """A "jour" section of a post told day by day (seed 003: "Jour 1 – jeudi 27 juin 2019")."""

    title = blocks.CharBlock(label=_("titre du jour"), max_length=200)
    date = blocks.DateBlock(label=_("date"), required=False)
    body = InnerBodyBlock(label=_("contenu du jour"))

    class Meta:
        icon = "date"
        label = _("Jour")
        template = "blog/blocks/day.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraphe"), features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = ImageBlock()
    gallery = blocks.ListBlock(
        ImageBlock(), label=_("Galerie"), template="blog/blocks/gallery.html", icon="image"
    )
    quote = QuoteBlock()
    video = VideoBlock()
    document = DocumentBlock()
    day = DayBlock()
    callout = CalloutBlock()
