"""The chartes d'engagement of a Transfo's group."""

from django.urls import path

from ambassadeurs import views

app_name = "chartes"

# Mounted at /espace/transfos/<slug>/chartes/.
urlpatterns = [
    path("", views.charte_list, name="list"),
    path("texte/", views.charte_texte, name="texte"),
    path("la-mienne/", views.charte_mine, name="mine"),
    path("<int:pk>/", views.charte_detail, name="detail"),
    path("<int:pk>/signer/", views.charte_sign, name="sign"),
    path("<int:pk>/denoncer/", views.charte_denounce, name="denounce"),
    path("<int:pk>/lien-n1/", views.charte_send_n1_link, name="send_n1_link"),
]
