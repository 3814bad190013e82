from django.urls import path

from collectivites.views import calendar, methodes, planner, sessions, transfos

app_name = "collectivites"

urlpatterns = [
    path("transfos/", transfos.transfo_list, name="transfo_list"),
    path("transfos/<slug:slug>/", transfos.transfo_detail, name="transfo_detail"),
    path("espace/", transfos.espace, name="espace"),
    path("espace/transfos/<slug:slug>/", transfos.transfo_espace, name="transfo_espace"),
    path(
        "espace/transfos/<slug:slug>/inviter/", transfos.invitation_create, name="invitation_create"
    ),
    path(
        "espace/transfos/<slug:slug>/invitations/<int:pk>/renvoyer/",
        transfos.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "espace/transfos/<slug:slug>/invitations/<int:pk>/annuler/",
        transfos.invitation_cancel,
        name="invitation_cancel",
    ),
    path(
        "espace/transfos/<slug:slug>/membres/<int:pk>/lien-de-connexion/",
        transfos.sign_in_link,
        name="sign_in_link",
    ),
    path("comptes/invitation/<str:token>/", transfos.invitation_accept, name="invitation_accept"),
    # Private calendar feeds
    path("calendrier/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("espace/agenda/reinitialiser/", calendar.calendar_reset, name="calendar_reset"),
    # The toolbox (public)
    path("methodes/", methodes.methode_list, name="methode_list"),
    path("methodes/<slug:slug>/", methodes.methode_detail, name="methode_detail"),
    # Sessions of a Transfo
    path("espace/transfos/<slug:slug>/sessions/", sessions.session_list, name="session_list"),
    path(
        "espace/transfos/<slug:slug>/sessions/nouvelle/",
        sessions.session_create,
        name="session_create",
    ),
]

SESSION = "espace/transfos/<slug:slug>/sessions/<int:numero>/"
urlpatterns += [
    path(SESSION, sessions.session_detail, name="session_detail"),
    path(f"{SESSION}modifier/", sessions.session_edit, name="session_edit"),
    path(f"{SESSION}publier/", sessions.session_publish, name="session_publish"),
    path(f"{SESSION}depublier/", sessions.session_unpublish, name="session_unpublish"),
    path(f"{SESSION}realisee/", sessions.session_mark_done, name="session_mark_done"),
    path(f"{SESSION}dupliquer/", sessions.session_duplicate, name="session_duplicate"),
    path(f"{SESSION}modele/", sessions.session_save_as_template, name="session_save_as_template"),
    path(f"{SESSION}supprimer/", sessions.session_delete, name="session_delete"),
    path(f"{SESSION}programme.pdf", sessions.session_pdf, name="session_pdf"),
    # The planner
    path(f"{SESSION}planifier/", planner.planner, name="session_planner"),
    path(f"{SESSION}jours/ajouter/", planner.day_add, name="day_add"),
    path(f"{SESSION}jours/<int:jour_id>/", planner.day_edit, name="day_edit"),
    path(f"{SESSION}jours/<int:jour_id>/supprimer/", planner.day_delete, name="day_delete"),
    path(f"{SESSION}jours/<int:jour_id>/blocs/ajouter/", planner.bloc_add, name="bloc_add"),
    path(f"{SESSION}blocs/<int:bloc_id>/", planner.bloc_edit, name="bloc_edit"),
    path(f"{SESSION}blocs/<int:bloc_id>/supprimer/", planner.bloc_delete, name="bloc_delete"),
    path(f"{SESSION}blocs/<int:bloc_id>/retablir/", planner.bloc_restore, name="bloc_restore"),
    path(f"{SESSION}blocs/<int:bloc_id>/deplacer/", planner.bloc_move, name="bloc_move"),
]
