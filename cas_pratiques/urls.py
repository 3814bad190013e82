from django.urls import path

from cas_pratiques import views, views_travail

app_name = "cas_pratiques"

CAS = "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/"

urlpatterns = [
    # The public vitrine and its open data
    path("cas/", views.vitrine, name="vitrine"),
    path("cas/export.csv", views.vitrine_export_csv, name="vitrine_export_csv"),
    path("cas/export.json", views.vitrine_export_json, name="vitrine_export_json"),
    path("cas/donnees/", views.vitrine_donnees, name="vitrine_donnees"),
    path("cas/<slug:slug>/", views.vitrine_detail, name="vitrine_detail"),
    path("cas/<slug:slug>/livrables/<int:pk>/", views.vitrine_livrable, name="vitrine_livrable"),
    path("cas/<slug:slug>/photos/<int:pk>/", views.vitrine_photo, name="vitrine_photo"),
    # A Transfo's cases (private)
    path("espace/transfos/<slug:slug>/cas/", views.cas_list, name="cas_list"),
    path("espace/transfos/<slug:slug>/cas/nouveau/", views.cas_create, name="cas_create"),
    path(CAS, views.cas_detail, name="cas_detail"),
    path(f"{CAS}modifier/", views.cas_edit, name="cas_edit"),
    path(f"{CAS}apercu/", views.cas_preview, name="cas_preview"),
    path(f"{CAS}soumettre/", views.cas_submit, name="cas_submit"),
    path(f"{CAS}renvoyer/", views.cas_send_back, name="cas_send_back"),
    path(f"{CAS}publier/", views.cas_publish, name="cas_publish"),
    path(f"{CAS}retirer/", views.cas_withdraw, name="cas_withdraw"),
    path(f"{CAS}livrables/ajouter/", views.livrable_add, name="livrable_add"),
    path(f"{CAS}livrables/<int:pk>/", views.livrable_download, name="livrable_download"),
    path(f"{CAS}livrables/<int:pk>/supprimer/", views.livrable_delete, name="livrable_delete"),
    path(f"{CAS}photos/ajouter/", views.photo_add, name="photo_add"),
    path(f"{CAS}photos/<int:pk>/", views.photo_download, name="photo_download"),
    path(f"{CAS}photos/<int:pk>/supprimer/", views.photo_delete, name="photo_delete"),
    path(f"{CAS}contacts/ajouter/", views.contact_add, name="contact_add"),
    path(f"{CAS}contacts/<int:pk>/", views.contact_edit, name="contact_edit"),
    path(f"{CAS}contacts/<int:pk>/supprimer/", views.contact_delete, name="contact_delete"),
    # Working material of a case (private): immersions, fiches idées, tamis de critères
    path(f"{CAS}immersions/", views_travail.immersion_list, name="immersion_list"),
    path(f"{CAS}immersions/ajouter/", views_travail.immersion_add, name="immersion_add"),
    path(f"{CAS}immersions/<int:pk>/", views_travail.immersion_edit, name="immersion_edit"),
    path(
        f"{CAS}immersions/<int:pk>/supprimer/",
        views_travail.immersion_delete,
        name="immersion_delete",
    ),
    path(f"{CAS}fiches/", views_travail.fiche_list, name="fiche_list"),
    path(f"{CAS}fiches/ajouter/", views_travail.fiche_add, name="fiche_add"),
    path(f"{CAS}fiches/<int:pk>/", views_travail.fiche_edit, name="fiche_edit"),
    path(f"{CAS}fiches/<int:pk>/schema/", views_travail.fiche_schema, name="fiche_schema"),
    path(f"{CAS}fiches/<int:pk>/supprimer/", views_travail.fiche_delete, name="fiche_delete"),
    path(f"{CAS}tamis/ajouter/", views_travail.tamis_add, name="tamis_add"),
    path(f"{CAS}tamis/<int:pk>/", views_travail.tamis_board, name="tamis_board"),
    path(f"{CAS}tamis/<int:pk>/axes/", views_travail.tamis_edit, name="tamis_edit"),
    path(f"{CAS}tamis/<int:pk>/supprimer/", views_travail.tamis_delete, name="tamis_delete"),
    path(f"{CAS}tamis/<int:pk>/placer/", views_travail.tamis_place, name="tamis_place"),
    path(f"{CAS}tamis/<int:pk>/retirer/", views_travail.tamis_remove, name="tamis_remove"),
]
