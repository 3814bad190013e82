"""What every role gets on every route of the project (GET, no redirect followed).

Roles, in the order of each row: anonymous; amb_a, the ambassadrice of Strasbourg whose
private carnet entry is requested; amb_b, her peer in Strasbourg; amb_other, an ambassadeur
of Metz; the résidente, the pilote of Strasbourg; the coordinatrice (TOTP on); the editor of
the blog (TOTP on, no Transfo); staff (a superuser, TOTP on, no Transfo). Objects are the
demo's, in Strasbourg; a carnet entry is amb_a's private one.

302 is a redirect (to sign in for anonymous, to the object for some actions), 404 what a
person may not know exists, 405 an action that only answers POST.
"""

ROLES = (
    "anonymous",
    "amb_a",
    "amb_b",
    "amb_other",
    "resident",
    "pilote",
    "coordinateur",
    "editor",
    "staff",
)

# Checked as a family (see the test): none of these opens for non-admins.
ADMIN_PREFIXES = ("admin/", "django-admin/")

# Static assets of Wagtail's admin (its translations for JavaScript, its icon sprite): the
# same for everyone, no data in them.
ADMIN_ASSETS = ("admin/jsi18n/", "admin/sprite/")

# Where the admins send anonymous people: allauth's sign-in, directly or through the Django
# admin's login URL (which leads there, see transfo.urls).
SIGN_IN_URLS = ("/comptes/login/", "/django-admin/login/")

# Routes that exist only when DEBUG is on (media served by Django itself).
DEBUG_ONLY = ("^media/(?P<path>.*)$",)

EXPECTED = {
    "^((?:[\\w\\-]+/)*)$": "302 200 200 404 200 200 200 404 200",
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": "200 200 200 "
    "200 200 200 "
    "200 200 200",
    "_util/login/": "302 302 302 302 302 302 302 302 302",
    "calendrier/<str:token>.ics": "200 200 200 200 200 200 200 200 200",
    "cas/": "200 200 200 200 200 200 200 200 200",
    "cas/<slug:slug>/": "200 200 200 200 200 200 200 200 200",
    "cas/<slug:slug>/livrables/<int:pk>/": "200 200 200 200 200 200 200 200 200",
    "cas/<slug:slug>/photos/<int:pk>/": "200 200 200 200 200 200 200 200 200",
    "cas/donnees/": "200 200 200 200 200 200 200 200 200",
    "cas/export.csv": "200 200 200 200 200 200 200 200 200",
    "cas/export.json": "200 200 200 200 200 200 200 200 200",
    "comptes/2fa/": "302 200 200 200 200 200 200 200 200",
    "comptes/2fa/authenticate/": "302 302 302 302 302 302 302 302 302",
    "comptes/2fa/reauthenticate/": "302 302 302 302 302 302 200 200 200",
    "comptes/2fa/recovery-codes/": "302 404 404 404 404 404 404 404 404",
    "comptes/2fa/recovery-codes/download/": "302 404 404 404 404 404 404 404 404",
    "comptes/2fa/recovery-codes/generate/": "302 302 302 302 302 302 302 302 302",
    "comptes/2fa/totp/activate/": "302 302 302 302 302 302 302 302 302",
    "comptes/2fa/totp/deactivate/": "302 404 404 404 404 404 302 302 302",
    "comptes/^confirm-email/(?P<key>[-:\\w]+)/$": "200 200 200 200 200 200 200 200 200",
    "comptes/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "200 200 200 200 200 200 "
    "200 200 200",
    "comptes/confirm-email/": "200 200 200 200 200 200 200 200 200",
    "comptes/email/": "302 200 200 200 200 200 200 200 200",
    "comptes/inactive/": "200 200 200 200 200 200 200 200 200",
    "comptes/invitation/<str:token>/": "200 403 403 403 403 403 403 403 403",
    "comptes/login/": "200 302 302 302 302 302 302 302 302",
    "comptes/login/code/confirm/": "302 302 302 302 302 302 302 302 302",
    "comptes/logout/": "302 200 200 200 200 200 200 200 200",
    "comptes/password/change/": "302 200 200 200 200 200 200 200 200",
    "comptes/password/reset/": "200 200 200 200 200 200 200 200 200",
    "comptes/password/reset/done/": "200 200 200 200 200 200 200 200 200",
    "comptes/password/reset/key/done/": "200 200 200 200 200 200 200 200 200",
    "comptes/password/set/": "302 302 302 302 302 302 302 302 302",
    "comptes/reauthenticate/": "302 200 200 200 200 200 200 200 200",
    "comptes/signup/": "200 302 302 302 302 302 302 302 302",
    "documents/^(\\d+)/(.*)$": "302 200 200 200 200 200 200 200 200",
    "documents/authenticate_with_password/<int:restriction_id>/": "302 200 200 200 200 200 200 200 "
    "200",
    "espace/": "302 200 200 200 200 200 200 200 200",
    "espace/agenda/reinitialiser/": "302 405 405 405 405 405 405 405 405",
    "espace/carnet/": "302 200 200 200 200 200 200 200 200",
    "espace/carnet/<int:pk>/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/<int:pk>/modifier/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/<int:pk>/pieces/<int:piece_pk>/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/<int:pk>/pieces/<int:piece_pk>/supprimer/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/<int:pk>/pieces/ajouter/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/<int:pk>/supprimer/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/<int:pk>/visibilite/": "302 200 404 404 404 404 404 404 404",
    "espace/carnet/brouillon/": "302 405 405 405 405 405 405 405 405",
    "espace/carnet/brouillon/abandonner/": "302 405 405 405 405 405 405 405 405",
    "espace/carnet/nouvelle/": "302 200 200 200 200 200 302 302 302",
    "espace/carnet/partages/": "302 200 200 200 200 200 200 200 200",
    "espace/transfos/<slug:slug>/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/capot-ouvert/a-relire/": "302 403 403 404 200 403 200 404 200",
    "espace/transfos/<slug:slug>/capot-ouvert/ecrire/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/cas/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/apercu/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/contacts/<int:pk>/": "302 403 403 404 200 403 "
    "200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/contacts/<int:pk>/supprimer/": "302 405 405 405 "
    "405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/contacts/ajouter/": "302 403 403 404 200 403 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/fiches/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/fiches/<int:pk>/": "302 200 200 404 200 200 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/fiches/<int:pk>/schema/": "302 404 404 404 404 "
    "404 404 404 404",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/fiches/<int:pk>/supprimer/": "302 405 405 405 "
    "405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/fiches/ajouter/": "302 200 200 404 200 200 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/immersions/": "302 200 200 404 200 200 200 404 "
    "200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/immersions/<int:pk>/": "302 200 200 404 200 200 "
    "200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/immersions/<int:pk>/supprimer/": "302 405 405 "
    "405 405 405 "
    "405 405 405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/immersions/ajouter/": "302 200 200 404 200 200 "
    "200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/livrables/<int:pk>/": "302 200 200 404 200 200 "
    "200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/livrables/<int:pk>/supprimer/": "302 405 405 405 "
    "405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/livrables/ajouter/": "302 403 403 404 200 403 "
    "200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/modifier/": "302 403 403 404 200 403 200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/photos/<int:pk>/": "302 200 200 404 200 200 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/photos/<int:pk>/supprimer/": "302 405 405 405 "
    "405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/photos/ajouter/": "302 403 403 404 200 403 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/publier/": "302 405 405 405 405 405 405 405 405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/renvoyer/": "302 403 403 404 200 403 200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/retirer/": "302 405 405 405 405 405 405 405 405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/soumettre/": "302 405 405 405 405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/tamis/<int:pk>/": "302 200 200 404 200 200 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/tamis/<int:pk>/axes/": "302 403 403 404 200 403 "
    "200 404 200",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/tamis/<int:pk>/placer/": "302 405 405 405 405 "
    "405 405 405 405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/tamis/<int:pk>/retirer/": "302 405 405 405 405 "
    "405 405 405 405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/tamis/<int:pk>/supprimer/": "302 405 405 405 405 "
    "405 405 405 405",
    "espace/transfos/<slug:slug>/cas/<slug:cas_slug>/tamis/ajouter/": "302 403 403 404 200 403 200 "
    "404 200",
    "espace/transfos/<slug:slug>/cas/nouveau/": "302 403 403 404 200 403 200 404 200",
    "espace/transfos/<slug:slug>/groupe/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/<int:pk>/": "302 200 403 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/<int:pk>/modifier/": "302 403 403 404 403 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/<int:pk>/retour/": "302 403 403 404 403 302 302 404 302",
    "espace/transfos/<slug:slug>/groupe/<int:pk>/sortie/": "302 403 403 404 403 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/composition/": "302 403 403 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/export.csv": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/export.xlsx": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/importer/": "302 403 403 404 403 200 200 404 200",
    "espace/transfos/<slug:slug>/groupe/importer/apercu/": "302 403 403 404 403 302 302 404 302",
    "espace/transfos/<slug:slug>/invitations/<int:pk>/annuler/": "302 405 405 405 405 405 405 405 405",
    "espace/transfos/<slug:slug>/invitations/<int:pk>/renvoyer/": "302 405 405 405 405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/inviter/": "302 403 403 404 403 200 200 404 200",
    "espace/transfos/<slug:slug>/sessions/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/": "302 200 200 404 200 200 200 404 200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/blocs/<int:bloc_id>/": "302 403 403 404 200 "
    "403 200 404 200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/blocs/<int:bloc_id>/deplacer/": "302 405 405 "
    "405 405 405 "
    "405 405 405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/blocs/<int:bloc_id>/retablir/": "302 405 405 "
    "405 405 405 "
    "405 405 405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/blocs/<int:bloc_id>/supprimer/": "302 405 405 "
    "405 405 405 "
    "405 405 405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/depublier/": "302 405 405 405 405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/dupliquer/": "302 405 405 405 405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/jours/<int:jour_id>/": "302 403 403 404 200 "
    "403 200 404 200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/jours/<int:jour_id>/blocs/ajouter/": "302 403 "
    "403 404 "
    "200 403 "
    "200 404 "
    "200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/jours/<int:jour_id>/supprimer/": "302 405 405 "
    "405 405 405 "
    "405 405 405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/jours/ajouter/": "302 405 405 405 405 405 405 "
    "405 405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/modele/": "302 405 405 405 405 405 405 405 405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/modifier/": "302 403 403 404 200 403 200 404 "
    "200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/planifier/": "302 403 403 404 200 403 200 404 "
    "200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/programme.pdf": "302 200 200 404 200 200 200 "
    "404 200",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/publier/": "302 405 405 405 405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/realisee/": "302 405 405 405 405 405 405 405 "
    "405",
    "espace/transfos/<slug:slug>/sessions/<int:numero>/supprimer/": "302 403 403 404 200 403 200 404 "
    "200",
    "espace/transfos/<slug:slug>/sessions/nouvelle/": "302 403 403 404 200 403 200 404 200",
    "methodes/": "200 200 200 200 200 200 200 200 200",
    "methodes/<slug:slug>/": "200 200 200 200 200 200 200 200 200",
    "recherche/": "200 200 200 200 200 200 200 200 200",
    "robots.txt": "200 200 200 200 200 200 200 200 200",
    "sante/": "200 200 200 200 200 200 200 200 200",
    "sitemap.xml": "200 200 200 200 200 200 200 200 200",
    "transfos/": "200 200 200 200 200 200 200 200 200",
    "transfos/<slug:slug>/": "200 200 200 200 200 200 200 200 200",
}
