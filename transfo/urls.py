from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views.serve import serve as wagtaildocs_serve

from blog import views as blog_views
from cas_pratiques.api import public_urls as api_urls
from transfo import views
from transfo.files import protected

urlpatterns = [
    path("sante/", views.sante, name="sante"),
    path("robots.txt", blog_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", blog_views.sitemap, name="sitemap"),
    path("recherche/", blog_views.recherche, name="recherche"),
    path("confidentialite/", views.confidentialite, name="confidentialite"),
    path("accessibilite/", views.accessibilite, name="accessibilite"),
    path("espace/mes-donnees/", include("transfo.users.urls")),
    path("", include("collectivites.urls")),
    path("", include("cas_pratiques.urls")),
    path("api/", api_urls()),
    path("", include("labos.urls")),
    path("", include("intertransfo.urls")),
    path("", include("ambassadeurs.urls")),
    path("", include("blog.urls")),
    path("comptes/", include("allauth.urls")),
    # The admins' and Wagtail's login forms would accept a password alone: they lead to allauth.
    path("django-admin/login/", views.sign_in_redirect, {"home": "/django-admin/"}),
    path("django-admin/", admin.site.urls),
    path("admin/login/", views.sign_in_redirect, {"home": "/admin/"}),
    path("_util/login/", views.sign_in_redirect, {"home": "/"}),
    # Only the coordination changes a view restriction (blog.views.coordination_only).
    path("admin/pages/<int:page_id>/privacy/", blog_views.page_privacy),
    path("admin/collections/<int:collection_id>/privacy/", blog_views.collection_privacy),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's documents: its view checks the collection's restriction; their files are
    # private (transfo.DocumentPrive) and leave as sandboxed attachments (transfo.files).
    re_path(r"^documents/(\d+)/(.*)$", protected(wagtaildocs_serve), name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.auth.decorators import login_not_required
    from django.views.static import serve

    # `make run` serves the public media (Wagtail's images and their renditions, the cases'
    # public photos) to everyone, as the reverse proxy or S3 does in production (README,
    # "Production shape"); private files are outside MEDIA_ROOT and have no URL.
    urlpatterns += static(
        settings.MEDIA_URL, view=login_not_required(serve), document_root=settings.MEDIA_ROOT
    )

# Wagtail's page tree answers everything else, `/` (the home page) included.
urlpatterns.append(path("", include(wagtail_urls)))
