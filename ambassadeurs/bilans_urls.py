"""Bilans of a Transfo: campaigns, personal bilans and the group's collective one."""

from django.urls import path

from ambassadeurs import views_bilans as views

app_name = "bilans"

# Mounted at /espace/transfos/<slug>/bilans/.
urlpatterns = [
    path("", views.bilans, name="list"),
    path("nouveau/", views.bilan_create, name="create"),
    path("<int:pk>/", views.bilan_detail, name="detail"),
    path("<int:pk>/modifier/", views.bilan_edit, name="edit"),
    path("<int:pk>/repondre/", views.bilan_repondre, name="repondre"),
    path("<int:pk>/brouillon/", views.bilan_brouillon, name="brouillon"),
    path("<int:pk>/personnels/<int:copie_pk>/", views.copie_detail, name="copie"),
    path(
        "<int:pk>/personnels/<int:copie_pk>/visibilite/",
        views.copie_visibilite,
        name="copie_visibilite",
    ),
    path("questions/<int:question_pk>/", views.collectif_edit, name="collectif"),
]
