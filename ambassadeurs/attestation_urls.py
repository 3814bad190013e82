"""Attestations of the members of a Transfo's group (mounted at
/espace/transfos/<slug>/attestations/)."""

from django.urls import path

from ambassadeurs import views_attestation as views

app_name = "attestations"

urlpatterns = [
    path("", views.attestation_list, name="list"),
    path("<int:pk>/", views.attestation_detail, name="detail"),
    path("<int:pk>/demander/", views.attestation_request, name="request"),
    path("<int:pk>/attestation.pdf", views.attestation_pdf, name="pdf"),
]
