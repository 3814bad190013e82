"""The group of a Transfo: its ambassadeurs and relais, kept by the pilote interne."""

from django.urls import path

from ambassadeurs import views

app_name = "groupe"

# Mounted at /espace/transfos/<slug>/groupe/.
urlpatterns = [
    path("", views.groupe, name="groupe"),
    path("composition/", views.groupe_composition, name="composition"),
    path("export.csv", views.groupe_export, {"format": "csv"}, name="export_csv"),
    path("export.xlsx", views.groupe_export, {"format": "xlsx"}, name="export_xlsx"),
    path("importer/", views.groupe_import, name="import"),
    path("importer/apercu/", views.groupe_import_preview, name="import_preview"),
    path("<int:pk>/", views.membre_detail, name="membre_detail"),
    path("<int:pk>/modifier/", views.membre_edit, name="membre_edit"),
    path("<int:pk>/sortie/", views.membre_sortie, name="membre_sortie"),
    path("<int:pk>/retour/", views.membre_retour, name="membre_retour"),
]
