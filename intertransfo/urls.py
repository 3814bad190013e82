from django.urls import path

from intertransfo import views, views_dashboard, views_public

app_name = "intertransfo"

ESPACE = "espace/intertransfos/<slug:slug>/"
COORDINATION = "coordination/intertransfos/<slug:slug>/"

urlpatterns = [
    # Members of every Transfo
    path("espace/intertransfos/", views.intertransfo_list, name="list"),
    path(ESPACE, views.intertransfo_detail, name="detail"),
    path(f"{ESPACE}programme/", views.intertransfo_programme, name="programme"),
    path(f"{ESPACE}programme.pdf", views.intertransfo_programme_pdf, name="programme_pdf"),
    path(f"{ESPACE}inscription/", views.inscription, name="inscription"),
    path(f"{ESPACE}ateliers/<int:numero>/", views.atelier_detail, name="atelier"),
    path(f"{ESPACE}restitution/", views.restitution, name="restitution"),
    path(f"{ESPACE}foire/", views.foire, name="foire"),
    path(f"{ESPACE}labos/", views.labos, name="labos"),
    path(f"{ESPACE}priorites/", views.priorites, name="priorites"),
    path("espace/chatroulette/", views.chatroulette, name="chatroulette"),
    # The coordination
    path("coordination/intertransfos/", views.manage_list, name="manage_list"),
    path("coordination/intertransfos/nouvelle/", views.manage_create, name="manage_create"),
    path(COORDINATION, views.manage, name="manage"),
    path(f"{COORDINATION}modifier/", views.manage_edit, name="manage_edit"),
    path(f"{COORDINATION}programme/ajouter/", views.moment_add, name="moment_add"),
    path(f"{COORDINATION}programme/<int:pk>/", views.moment_edit, name="moment_edit"),
    path(f"{COORDINATION}programme/<int:pk>/supprimer/", views.moment_delete, name="moment_delete"),
    path(f"{COORDINATION}participants/invite/", views.guest_add, name="guest_add"),
    path(f"{COORDINATION}participants/membre/", views.member_add, name="member_add"),
    path(
        f"{COORDINATION}participants/<int:pk>/presence/",
        views.participant_presence,
        name="participant_presence",
    ),
    path(
        f"{COORDINATION}participants/<int:pk>/retirer/",
        views.participant_remove,
        name="participant_remove",
    ),
    path(f"{COORDINATION}ateliers/ajouter/", views.atelier_add, name="atelier_add"),
    path(f"{COORDINATION}ateliers/<int:numero>/", views.atelier_edit, name="atelier_edit"),
    path("coordination/chatroulette/", views.chatroulette_tours, name="chatroulette_tours"),
    # The coordinators' dashboard, and each Transfo's indicators (coordinators and members)
    path("coordination/", views_dashboard.dashboard, name="dashboard"),
    path("coordination/export.csv", views_dashboard.dashboard_csv, name="dashboard_csv"),
    path(
        "espace/transfos/<slug:slug>/indicateurs/",
        views_dashboard.transfo_indicateurs,
        name="transfo_indicateurs",
    ),
    path(
        "espace/transfos/<slug:slug>/indicateurs/export.csv",
        views_dashboard.transfo_indicateurs_csv,
        name="transfo_indicateurs_csv",
    ),
    # The public summaries of the Intertransfos, once the coordination publishes them
    path("intertransfos/", views_public.public_list, name="public_list"),
    path("intertransfos/<slug:slug>/", views_public.public_detail, name="public_detail"),
    path(
        f"{COORDINATION}synthese/publier/", views_public.synthese_publish, name="synthese_publish"
    ),
    path(
        f"{COORDINATION}synthese/retirer/",
        views_public.synthese_unpublish,
        name="synthese_unpublish",
    ),
]
