from django.urls import path

from labos import views, views_ecosysteme, views_partage, views_suivi

app_name = "labos"

LABO = "espace/transfos/<slug:slug>/labo/"

urlpatterns = [
    # The public page of a published labo
    path("transfos/<slug:slug>/labo/", views.public_plan, name="public_plan"),
    path(
        "transfos/<slug:slug>/labo/versions/<int:numero>/revues/ajouter/",
        views.revue_add,
        name="revue_add",
    ),
    # Coordinators: several labos on the spectrums
    path("espace/labos/spectres/", views.spectres_labos, name="spectres_labos"),
    path("espace/labos/ecosystemes/", views_ecosysteme.ecosystemes, name="ecosystemes"),
    # The plan du labo (private)
    path(LABO, views.plan, name="plan"),
    path(f"{LABO}reglages/", views.plan_settings, name="plan_settings"),
    path(f"{LABO}sections/<str:cle>/", views.section_edit, name="section_edit"),
    path(f"{LABO}interventions/ajouter/", views.intervention_add, name="intervention_add"),
    path(
        f"{LABO}interventions/<int:pk>/supprimer/",
        views.intervention_delete,
        name="intervention_delete",
    ),
    path(f"{LABO}spectres/", views.positions, name="positions"),
    path(f"{LABO}versions/figer/", views.freeze, name="freeze"),
    path(f"{LABO}versions/<int:numero>/", views.version_detail, name="version_detail"),
    path(f"{LABO}comparer/", views.compare, name="compare"),
    # Priorités et prochaines actions
    path(f"{LABO}priorites/", views_suivi.priorite_list, name="priorite_list"),
    path(f"{LABO}priorites/ajouter/", views_suivi.priorite_add, name="priorite_add"),
    path(f"{LABO}priorites/<int:pk>/", views_suivi.priorite_edit, name="priorite_edit"),
    # Banque de temps
    path(f"{LABO}banque-de-temps/", views_suivi.banque, name="banque"),
    path(f"{LABO}banque-de-temps/ajouter/", views_suivi.echange_add, name="echange_add"),
    path(
        f"{LABO}banque-de-temps/<int:pk>/confirmer/",
        views_suivi.echange_confirm,
        name="echange_confirm",
    ),
    path(f"{LABO}banque-de-temps/export.csv", views_suivi.banque_csv, name="banque_csv"),
    # Écosystème
    path(f"{LABO}ecosysteme/", views_ecosysteme.ecosysteme, name="ecosysteme"),
    path(f"{LABO}ecosysteme/export.csv", views_ecosysteme.ecosysteme_csv, name="ecosysteme_csv"),
    path(f"{LABO}ecosysteme/ajouter/", views_ecosysteme.acteur_add, name="acteur_add"),
    path(f"{LABO}ecosysteme/<int:pk>/", views_ecosysteme.acteur_edit, name="acteur_edit"),
    path(
        f"{LABO}ecosysteme/<int:pk>/historique/",
        views_ecosysteme.acteur_history,
        name="acteur_history",
    ),
    # Écosystème partagé entre les labos d'une région
    path(
        f"{LABO}ecosysteme/territoire/",
        views_partage.ecosysteme_territoire,
        name="ecosysteme_territoire",
    ),
    path(
        f"{LABO}ecosysteme/partage/",
        views_partage.partage_ecosysteme,
        name="partage_ecosysteme",
    ),
]
