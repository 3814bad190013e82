from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from collectivites.models import Transfo


class HomePage(Page):
    """The platform's home page (`/`): what La Transfo is, and the Transfos."""

    chapo = models.TextField(_("chapô"), blank=True)
    body = RichTextField(_("présentation"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("chapo"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("chapo"), index.SearchField("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["transfos"] = Transfo.objects.select_related("collectivite")
        return context
