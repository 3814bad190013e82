"""Reference data edited in the Wagtail admin through viewsets (no hand-written CRUD)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from collectivites.models import Collectivite, Invitation, Methode, Participation, Transfo


class CollectiviteViewSet(ModelViewSet):
    model = Collectivite
    icon = "site"
    form_fields = ["nom", "slug", "type", "region", "latitude", "longitude"]
    list_display = ["nom", "type", "region"]
    list_filter = ["type"]
    search_fields = ["nom", "region"]


class TransfoViewSet(ModelViewSet):
    model = Transfo
    icon = "group"
    form_fields = [
        "collectivite",
        "nom",
        "slug",
        "statut",
        "date_debut",
        "date_fin",
        "description",
        "sessions_cible",
        "jours_cible",
        "duree_mois_cible",
        "ambassadeurs_cible",
        "cas_min",
        "cas_max",
    ]
    list_display = ["nom", "collectivite", "date_debut", "date_fin", "statut"]
    list_filter = ["statut"]
    search_fields = ["nom"]


class ParticipationAdminForm(WagtailAdminModelForm):
    """A membership, given by someone else: no one gives themself a role in a Transfo (a
    coordinator would then read what its group shares with its résidents)."""

    class Meta:
        model = Participation
        fields = ["user", "transfo", "role", "discipline", "date_entree", "date_sortie"]

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user") or getattr(self.instance, "user", None)
        if self.for_user is not None and user is not None and user.pk == self.for_user.pk:
            raise forms.ValidationError(
                _(
                    "Vous ne pouvez pas vous donner vous-même un rôle dans une Transfo : "
                    "demandez-le à une autre personne de la coordination."
                )
            )
        return cleaned


class InvitationAdminForm(WagtailAdminModelForm):
    """An invitation, for someone else than oneself and not yet in the Transfo."""

    class Meta:
        model = Invitation
        fields = ["email", "transfo", "role", "discipline", "expires_at"]

    def clean(self):
        cleaned = super().clean()
        email = (cleaned.get("email") or "").strip().lower()
        if self.for_user is not None and email == self.for_user.email.lower():
            raise forms.ValidationError(
                _("Vous ne pouvez pas vous inviter vous-même dans une Transfo.")
            )
        transfo = cleaned.get("transfo")
        if (
            transfo is not None
            and Participation.objects.actives()
            .filter(transfo=transfo, user__email__iexact=email)
            .exists()
        ):
            raise forms.ValidationError(_("Cette personne fait déjà partie de la Transfo."))
        return cleaned


class ParticipationViewSet(ModelViewSet):
    model = Participation
    icon = "user"
    form_fields = ParticipationAdminForm._meta.fields
    list_display = ["user", "transfo", "role", "date_entree", "date_sortie"]
    list_filter = ["role", "transfo"]
    search_fields = ["user__full_name", "user__email"]

    def get_form_class(self, for_update=False):
        return ParticipationAdminForm


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    form_fields = InvitationAdminForm._meta.fields
    list_display = ["email", "transfo", "role", "created_at", "sent_at", "accepted_at"]
    list_filter = ["role", "transfo"]
    search_fields = ["email"]
    add_to_admin_menu = False

    def get_form_class(self, for_update=False):
        return InvitationAdminForm


class MethodeViewSet(ModelViewSet):
    """The shared toolbox, curated by the coordination and the editors."""

    model = Methode
    icon = "list-ul"
    menu_label = _("Boîte à outils")
    add_to_admin_menu = True
    menu_order = 210
    panels = [
        FieldPanel("nom"),
        FieldPanel("slug"),
        FieldPanel("famille"),
        FieldPanel("objectif"),
        FieldPanel("etapes"),
        FieldPanel("duree_typique"),
        FieldPanel("taille_groupe"),
        FieldPanel("materiel"),
        FieldPanel("source"),
        InlinePanel("roles", label=_("Rôles")),
        InlinePanel("documents", label=_("Supports")),
    ]
    list_display = ["nom", "famille", "duree_typique"]
    list_filter = ["famille"]
    search_fields = ["nom", "objectif"]


class TransfosGroup(ModelViewSetGroup):
    menu_label = _("Transfos")
    menu_icon = "group"
    menu_order = 200
    items = [TransfoViewSet, CollectiviteViewSet, ParticipationViewSet, InvitationViewSet]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return TransfosGroup()


@hooks.register("register_admin_viewset")
def register_methodes():
    return MethodeViewSet("methodes")
