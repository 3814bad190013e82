"""The N+1's one-time link to a charter, without an account."""

from django.urls import path

from ambassadeurs import views

app_name = "charte_n1"

# Mounted at /charte-n1/.
urlpatterns = [
    path("<int:pk>/<str:token>/", views.charte_n1, name="lien"),
]
