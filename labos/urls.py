from django.urls import path

from labos.views import ecosysteme, partage, plan, suivi

app_name = "labos"

LABO = "espace/transfos/<slug:slug>/labo/"

urlpatterns = [
    # The public page of a published labo
    path("transfos/<slug:slug>/labo/", plan.public_plan, name="public_plan"),
    path(
        "transfos/<slug:slug>/labo/versions/<int:numero>/revues/ajouter/",
        plan.revue_add,
        name="revue_add",
    ),
    # Coordinators: several labos on the spectrums
    path("espace/labos/spectres/", plan.spectres_labos, name="spectres_labos"),
    path("espace/labos/ecosystemes/", ecosysteme.ecosystemes, name="ecosystemes"),
    # The plan du labo (private)
    path(LABO, plan.plan, name="plan"),
    path(f"{LABO}reglages/", plan.plan_settings, name="plan_settings"),
    path(f"{LABO}sections/<str:cle>/", plan.section_edit, name="section_edit"),
    path(f"{LABO}interventions/ajouter/", plan.intervention_add, name="intervention_add"),
    path(
        f"{LABO}interventions/<int:pk>/supprimer/",
        plan.intervention_delete,
        name="intervention_delete",
    ),
    path(f"{LABO}spectres/", plan.positions, name="positions"),
    path(f"{LABO}versions/figer/", plan.freeze, name="freeze"),
    path(f"{LABO}versions/<int:numero>/", plan.version_detail, name="version_detail"),
    path(f"{LABO}comparer/", plan.compare, name="compare"),
    # Priorités et prochaines actions
    path(f"{LABO}priorites/", suivi.priorite_list, name="priorite_list"),
    path(f"{LABO}priorites/ajouter/", suivi.priorite_add, name="priorite_add"),
    path(f"{LABO}priorites/<int:pk>/", suivi.priorite_edit, name="priorite_edit"),
    # Banque de temps
    path(f"{LABO}banque-de-temps/", suivi.banque, name="banque"),
    path(f"{LABO}banque-de-temps/ajouter/", suivi.echange_add, name="echange_add"),
    path(
        f"{LABO}banque-de-temps/<int:pk>/confirmer/",
        suivi.echange_confirm,
        name="echange_confirm",
    ),
    path(f"{LABO}banque-de-temps/export.csv", suivi.banque_csv, name="banque_csv"),
    # Écosystème
    path(f"{LABO}ecosysteme/", ecosysteme.ecosysteme, name="ecosysteme"),
    path(f"{LABO}ecosysteme/export.csv", ecosysteme.ecosysteme_csv, name="ecosysteme_csv"),
    path(f"{LABO}ecosysteme/ajouter/", ecosysteme.acteur_add, name="acteur_add"),
    path(f"{LABO}ecosysteme/<int:pk>/", ecosysteme.acteur_edit, name="acteur_edit"),
    path(
        f"{LABO}ecosysteme/<int:pk>/historique/",
        ecosysteme.acteur_history,
        name="acteur_history",
    ),
    # Écosystème partagé entre les labos d'une région
    path(
        f"{LABO}ecosysteme/territoire/",
        partage.ecosysteme_territoire,
        name="ecosysteme_territoire",
    ),
    path(
        f"{LABO}ecosysteme/partage/",
        partage.partage_ecosysteme,
        name="partage_ecosysteme",
    ),
]
