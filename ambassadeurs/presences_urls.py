"""Attendance and météo of a Transfo's group over its sessions."""

from django.urls import path

from ambassadeurs import views

app_name = "presences"

# Mounted at /espace/transfos/<slug>/presences/.
urlpatterns = [
    path("", views.presences, name="presences"),
    path("sessions/<int:numero>/", views.presence_grille, name="grille"),
    path("sessions/<int:numero>/cellule/", views.presence_cellule, name="cellule"),
    path("sessions/<int:numero>/meteo/", views.meteo_groupe, name="meteo"),
    path("sessions/<int:numero>/ma-meteo/", views.ma_meteo, name="ma_meteo"),
]
