from django.urls import path

from ambassadeurs import views

app_name = "ambassadeurs"

# Mounted at /espace/carnet/.
urlpatterns = [
    path("", views.carnet, name="carnet"),
    path("partages/", views.partages, name="partages"),
    path("nouvelle/", views.entree_create, name="entree_create"),
    path("brouillon/", views.brouillon_save, name="brouillon_save"),
    path("brouillon/abandonner/", views.brouillon_discard, name="brouillon_discard"),
    path("<int:pk>/", views.entree_detail, name="entree_detail"),
    path("<int:pk>/modifier/", views.entree_edit, name="entree_edit"),
    path("<int:pk>/supprimer/", views.entree_delete, name="entree_delete"),
    path("<int:pk>/visibilite/", views.entree_visibilite, name="entree_visibilite"),
    path("<int:pk>/pieces/ajouter/", views.piece_add, name="piece_add"),
    path("<int:pk>/pieces/<int:piece_pk>/", views.piece_download, name="piece_download"),
    path("<int:pk>/pieces/<int:piece_pk>/supprimer/", views.piece_delete, name="piece_delete"),
]
