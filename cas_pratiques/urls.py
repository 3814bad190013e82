from django.urls import path

from cas_pratiques.views import cas, travail, vitrine

app_name = "cas_pratiques"

CAS = "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/"

urlpatterns = [
    # The public vitrine and its open data
    path("cas/", vitrine.vitrine, name="vitrine"),
    path("cas/export.csv", vitrine.vitrine_export_csv, name="vitrine_export_csv"),
    path("cas/export.json", vitrine.vitrine_export_json, name="vitrine_export_json"),
    path("cas/donnees/", vitrine.vitrine_donnees, name="vitrine_donnees"),
    path("cas/<slug:slug>/", vitrine.vitrine_detail, name="vitrine_detail"),
    path("cas/<slug:slug>/livrables/<int:pk>/", vitrine.vitrine_livrable, name="vitrine_livrable"),
    path("cas/<slug:slug>/photos/<int:pk>/", vitrine.vitrine_photo, name="vitrine_photo"),
    # A Transfo's cases (private)
    path("espace/transfos/<slug:slug>/cas/", cas.cas_list, name="cas_list"),
    path("espace/transfos/<slug:slug>/cas/nouveau/", cas.cas_create, name="cas_create"),
    path(CAS, cas.cas_detail, name="cas_detail"),
    path(f"{CAS}modifier/", cas.cas_edit, name="cas_edit"),
    path(f"{CAS}apercu/", cas.cas_preview, name="cas_preview"),
    path(f"{CAS}soumettre/", cas.cas_submit, name="cas_submit"),
    path(f"{CAS}renvoyer/", cas.cas_send_back, name="cas_send_back"),
    path(f"{CAS}publier/", cas.cas_publish, name="cas_publish"),
    path(f"{CAS}retirer/", cas.cas_withdraw, name="cas_withdraw"),
    path(f"{CAS}livrables/ajouter/", cas.livrable_add, name="livrable_add"),
    path(f"{CAS}livrables/<int:pk>/", cas.livrable_download, name="livrable_download"),
    path(f"{CAS}livrables/<int:pk>/supprimer/", cas.livrable_delete, name="livrable_delete"),
    path(f"{CAS}photos/ajouter/", cas.photo_add, name="photo_add"),
    path(f"{CAS}photos/<int:pk>/", cas.photo_download, name="photo_download"),
    path(f"{CAS}photos/<int:pk>/supprimer/", cas.photo_delete, name="photo_delete"),
    path(f"{CAS}contacts/ajouter/", cas.contact_add, name="contact_add"),
    path(f"{CAS}contacts/<int:pk>/", cas.contact_edit, name="contact_edit"),
    path(f"{CAS}contacts/<int:pk>/supprimer/", cas.contact_delete, name="contact_delete"),
    # Working material of a case (private): immersions, fiches idées, tamis de critères
    path(f"{CAS}immersions/", travail.immersion_list, name="immersion_list"),
    path(f"{CAS}immersions/ajouter/", travail.immersion_add, name="immersion_add"),
    path(f"{CAS}immersions/<int:pk>/", travail.immersion_edit, name="immersion_edit"),
    path(
        f"{CAS}immersions/<int:pk>/supprimer/",
        travail.immersion_delete,
        name="immersion_delete",
    ),
    path(f"{CAS}fiches/", travail.fiche_list, name="fiche_list"),
    path(f"{CAS}fiches/ajouter/", travail.fiche_add, name="fiche_add"),
    path(f"{CAS}fiches/<int:pk>/", travail.fiche_edit, name="fiche_edit"),
    path(f"{CAS}fiches/<int:pk>/schema/", travail.fiche_schema, name="fiche_schema"),
    path(f"{CAS}fiches/<int:pk>/supprimer/", travail.fiche_delete, name="fiche_delete"),
    path(f"{CAS}tamis/ajouter/", travail.tamis_add, name="tamis_add"),
    path(f"{CAS}tamis/<int:pk>/", travail.tamis_board, name="tamis_board"),
    path(f"{CAS}tamis/<int:pk>/axes/", travail.tamis_edit, name="tamis_edit"),
    path(f"{CAS}tamis/<int:pk>/supprimer/", travail.tamis_delete, name="tamis_delete"),
    path(f"{CAS}tamis/<int:pk>/placer/", travail.tamis_place, name="tamis_place"),
    path(f"{CAS}tamis/<int:pk>/retirer/", travail.tamis_remove, name="tamis_remove"),
]
