from django.urls import path

from collectivites import views

app_name = "collectivites"

urlpatterns = [
    path("transfos/", views.transfo_list, name="transfo_list"),
    path("transfos/<slug:slug>/", views.transfo_detail, name="transfo_detail"),
    path("espace/", views.espace, name="espace"),
    path("espace/transfos/<slug:slug>/", views.transfo_espace, name="transfo_espace"),
    path("espace/transfos/<slug:slug>/inviter/", views.invitation_create, name="invitation_create"),
    path(
        "espace/transfos/<slug:slug>/invitations/<int:pk>/renvoyer/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "espace/transfos/<slug:slug>/invitations/<int:pk>/annuler/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("comptes/invitation/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
