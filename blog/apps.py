from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog et pages"

    def ready(self):
        from django.contrib.auth import get_user_model
        from taggit.models import Tag
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site

        from blog import links, mydata  # noqa: F401
        from blog.models import PhotoBillet
        from cas_pratiques.models import CasPratique
        from collectivites.models import Collectivite, Transfo
        from transfo.public_cache import invalidate_on

        mydata.register()
        # What the Wagtail pages show (their shared cache: transfo.public_cache): every page
        # (publication, move, restriction), its images, documents, tags, authors' names and
        # photos, and the home page's Transfos and cases. A sign-in changes no page.
        invalidate_on(
            Page,
            PageViewRestriction,
            Site,
            get_image_model(),
            get_document_model(),
            Tag,
            PhotoBillet,
            CasPratique,
            Transfo,
            Collectivite,
        )
        invalidate_on(get_user_model(), ignore_update_fields=["last_login"])
