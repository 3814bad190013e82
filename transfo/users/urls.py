from django.urls import path

from transfo.users import views

app_name = "mes_donnees"

urlpatterns = [
    path("", views.mes_donnees, name="index"),
    path("export/", views.export_request, name="export_request"),
    path("export/<int:pk>/", views.export_download, name="export_download"),
    path("supprimer-mon-compte/", views.account_delete, name="account_delete"),
]
