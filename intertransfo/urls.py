from django.urls import path

from intertransfo.views import dashboard, intertransfos, public

app_name = "intertransfo"

ESPACE = "espace/intertransfos/<slug:slug>/"
COORDINATION = "coordination/intertransfos/<slug:slug>/"

urlpatterns = [
    # Members of every Transfo
    path("espace/intertransfos/", intertransfos.intertransfo_list, name="list"),
    path(ESPACE, intertransfos.intertransfo_detail, name="detail"),
    path(f"{ESPACE}programme/", intertransfos.intertransfo_programme, name="programme"),
    path(f"{ESPACE}programme.pdf", intertransfos.intertransfo_programme_pdf, name="programme_pdf"),
    path(f"{ESPACE}inscription/", intertransfos.inscription, name="inscription"),
    path(f"{ESPACE}ateliers/<int:numero>/", intertransfos.atelier_detail, name="atelier"),
    path(f"{ESPACE}restitution/", intertransfos.restitution, name="restitution"),
    path(f"{ESPACE}foire/", intertransfos.foire, name="foire"),
    path(f"{ESPACE}labos/", intertransfos.labos, name="labos"),
    path(f"{ESPACE}priorites/", intertransfos.priorites, name="priorites"),
    path("espace/chatroulette/", intertransfos.chatroulette, name="chatroulette"),
    # The coordination
    path("coordination/intertransfos/", intertransfos.manage_list, name="manage_list"),
    path("coordination/intertransfos/nouvelle/", intertransfos.manage_create, name="manage_create"),
    path(COORDINATION, intertransfos.manage, name="manage"),
    path(f"{COORDINATION}modifier/", intertransfos.manage_edit, name="manage_edit"),
    path(f"{COORDINATION}programme/ajouter/", intertransfos.moment_add, name="moment_add"),
    path(f"{COORDINATION}programme/<int:pk>/", intertransfos.moment_edit, name="moment_edit"),
    path(
        f"{COORDINATION}programme/<int:pk>/supprimer/",
        intertransfos.moment_delete,
        name="moment_delete",
    ),
    path(f"{COORDINATION}participants/invite/", intertransfos.guest_add, name="guest_add"),
    path(f"{COORDINATION}participants/membre/", intertransfos.member_add, name="member_add"),
    path(
        f"{COORDINATION}participants/<int:pk>/presence/",
        intertransfos.participant_presence,
        name="participant_presence",
    ),
    path(
        f"{COORDINATION}participants/<int:pk>/retirer/",
        intertransfos.participant_remove,
        name="participant_remove",
    ),
    path(f"{COORDINATION}ateliers/ajouter/", intertransfos.atelier_add, name="atelier_add"),
    path(f"{COORDINATION}ateliers/<int:numero>/", intertransfos.atelier_edit, name="atelier_edit"),
    path("coordination/chatroulette/", intertransfos.chatroulette_tours, name="chatroulette_tours"),
    # The coordinators' dashboard, and each Transfo's indicators (coordinators and members)
    path("coordination/", dashboard.dashboard, name="dashboard"),
    path("coordination/export.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path(
        "espace/transfos/<slug:slug>/indicateurs/",
        dashboard.transfo_indicateurs,
        name="transfo_indicateurs",
    ),
    path(
        "espace/transfos/<slug:slug>/indicateurs/export.csv",
        dashboard.transfo_indicateurs_csv,
        name="transfo_indicateurs_csv",
    ),
    # The public summaries of the Intertransfos, once the coordination publishes them
    path("intertransfos/", public.public_list, name="public_list"),
    path("intertransfos/<slug:slug>/", public.public_detail, name="public_detail"),
    path(f"{COORDINATION}synthese/publier/", public.synthese_publish, name="synthese_publish"),
    path(
        f"{COORDINATION}synthese/retirer/",
        public.synthese_unpublish,
        name="synthese_unpublish",
    ),
]
