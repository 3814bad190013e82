"""Devoirs between sessions: the résidents' assignments and the ambassadeurs' answers."""

from django.urls import path

from ambassadeurs import views

app_name = "devoirs"

# Mounted at /espace/transfos/<slug>/devoirs/.
urlpatterns = [
    path("", views.devoirs, name="list"),
    path("nouveau/", views.devoir_create, name="create"),
    path("<int:pk>/", views.devoir_detail, name="detail"),
    path("<int:pk>/fichier/", views.devoir_fichier, name="fichier"),
    path("<int:pk>/reponses/<int:reponse_pk>/", views.reponse_detail, name="reponse"),
    path(
        "<int:pk>/reponses/<int:reponse_pk>/fichier/", views.reponse_fichier, name="reponse_fichier"
    ),
]
