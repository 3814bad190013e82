"""Every URL of the ambassadeurs app, one list per feature, each under its own namespace
(the names the templates use: `ambassadeurs:` for the carnet, `groupe:`, `chartes:`, ...).

`transfo/urls.py` mounts this module once, at the root, like every other app's.
"""

from django.urls import include, path

from ambassadeurs.views import attestations, bilans, carnet, chartes, devoirs, groupe, presences

# /espace/carnet/: my carnet de bord.
carnet_urls = [
    path("", carnet.carnet, name="carnet"),
    path("partages/", carnet.partages, name="partages"),
    path("nouvelle/", carnet.entree_create, name="entree_create"),
    path("brouillon/", carnet.brouillon_save, name="brouillon_save"),
    path("brouillon/abandonner/", carnet.brouillon_discard, name="brouillon_discard"),
    path("<int:pk>/", carnet.entree_detail, name="entree_detail"),
    path("<int:pk>/modifier/", carnet.entree_edit, name="entree_edit"),
    path("<int:pk>/supprimer/", carnet.entree_delete, name="entree_delete"),
    path("<int:pk>/visibilite/", carnet.entree_visibilite, name="entree_visibilite"),
    path("<int:pk>/pieces/ajouter/", carnet.piece_add, name="piece_add"),
    path("<int:pk>/pieces/<int:piece_pk>/", carnet.piece_download, name="piece_download"),
    path("<int:pk>/pieces/<int:piece_pk>/supprimer/", carnet.piece_delete, name="piece_delete"),
]

# /espace/transfos/<slug>/groupe/: the group, kept by the pilote interne.
groupe_urls = [
    path("", groupe.groupe, name="groupe"),
    path("composition/", groupe.groupe_composition, name="composition"),
    path("export.csv", groupe.groupe_export, {"format": "csv"}, name="export_csv"),
    path("export.xlsx", groupe.groupe_export, {"format": "xlsx"}, name="export_xlsx"),
    path("importer/", groupe.groupe_import, name="import"),
    path("importer/apercu/", groupe.groupe_import_preview, name="import_preview"),
    path("<int:pk>/", groupe.membre_detail, name="membre_detail"),
    path("<int:pk>/modifier/", groupe.membre_edit, name="membre_edit"),
    path("<int:pk>/sortie/", groupe.membre_sortie, name="membre_sortie"),
    path("<int:pk>/retour/", groupe.membre_retour, name="membre_retour"),
]

# /espace/transfos/<slug>/chartes/: the chartes d'engagement of the group.
chartes_urls = [
    path("", chartes.charte_list, name="list"),
    path("texte/", chartes.charte_texte, name="texte"),
    path("la-mienne/", chartes.charte_mine, name="mine"),
    path("<int:pk>/", chartes.charte_detail, name="detail"),
    path("<int:pk>/signer/", chartes.charte_sign, name="sign"),
    path("<int:pk>/denoncer/", chartes.charte_denounce, name="denounce"),
    path("<int:pk>/lien-n1/", chartes.charte_send_n1_link, name="send_n1_link"),
]

# /charte-n1/: the N+1's one-time link to a charter, without an account.
charte_n1_urls = [
    path("<int:pk>/<str:token>/", chartes.charte_n1, name="lien"),
]

# /espace/transfos/<slug>/presences/: attendance and météo over the sessions.
presences_urls = [
    path("", presences.presences, name="presences"),
    path("sessions/<int:numero>/", presences.presence_grille, name="grille"),
    path("sessions/<int:numero>/cellule/", presences.presence_cellule, name="cellule"),
    path("sessions/<int:numero>/meteo/", presences.meteo_groupe, name="meteo"),
    path("sessions/<int:numero>/ma-meteo/", presences.ma_meteo, name="ma_meteo"),
]

# /espace/transfos/<slug>/devoirs/: the résidents' assignments and the answers.
devoirs_urls = [
    path("", devoirs.devoirs, name="list"),
    path("nouveau/", devoirs.devoir_create, name="create"),
    path("<int:pk>/", devoirs.devoir_detail, name="detail"),
    path("<int:pk>/fichier/", devoirs.devoir_fichier, name="fichier"),
    path("<int:pk>/reponses/<int:reponse_pk>/", devoirs.reponse_detail, name="reponse"),
    path(
        "<int:pk>/reponses/<int:reponse_pk>/fichier/",
        devoirs.reponse_fichier,
        name="reponse_fichier",
    ),
]

# /espace/transfos/<slug>/attestations/: the members' attestations.
attestations_urls = [
    path("", attestations.attestation_list, name="list"),
    path("<int:pk>/", attestations.attestation_detail, name="detail"),
    path("<int:pk>/demander/", attestations.attestation_request, name="request"),
    path("<int:pk>/attestation.pdf", attestations.attestation_pdf, name="pdf"),
]

# /espace/transfos/<slug>/bilans/: campaigns, personal bilans, the collective one.
bilans_urls = [
    path("", bilans.bilans, name="list"),
    path("nouveau/", bilans.bilan_create, name="create"),
    path("<int:pk>/", bilans.bilan_detail, name="detail"),
    path("<int:pk>/modifier/", bilans.bilan_edit, name="edit"),
    path("<int:pk>/repondre/", bilans.bilan_repondre, name="repondre"),
    path("<int:pk>/brouillon/", bilans.bilan_brouillon, name="brouillon"),
    path("<int:pk>/personnels/<int:copie_pk>/", bilans.copie_detail, name="copie"),
    path(
        "<int:pk>/personnels/<int:copie_pk>/visibilite/",
        bilans.copie_visibilite,
        name="copie_visibilite",
    ),
    path("questions/<int:question_pk>/", bilans.collectif_edit, name="collectif"),
]

TRANSFO = "espace/transfos/<slug:slug>/"
urlpatterns = [
    path("espace/carnet/", include((carnet_urls, "ambassadeurs"))),
    path(f"{TRANSFO}groupe/", include((groupe_urls, "groupe"))),
    path(f"{TRANSFO}chartes/", include((chartes_urls, "chartes"))),
    path(f"{TRANSFO}presences/", include((presences_urls, "presences"))),
    path(f"{TRANSFO}devoirs/", include((devoirs_urls, "devoirs"))),
    path(f"{TRANSFO}attestations/", include((attestations_urls, "attestations"))),
    path(f"{TRANSFO}bilans/", include((bilans_urls, "bilans"))),
    path("charte-n1/", include((charte_n1_urls, "charte_n1"))),
]
