from django.urls import path

from blog import views

app_name = "blog"

urlpatterns = [
    path("espace/transfos/<slug:slug>/capot-ouvert/ecrire/", views.post_write, name="post_write"),
    path(
        "espace/transfos/<slug:slug>/capot-ouvert/a-relire/",
        views.section_review,
        name="section_review",
    ),
    path("espace/capot-ouvert/photos/<int:pk>/", views.photo_billet, name="photo_billet"),
]
