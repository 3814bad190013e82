from django.contrib import admin

from cas_pratiques.models import CasPratique, Contact, Livrable, Photo


class PrivateFileInline(admin.TabularInline):
    """Files live in private storage, without URL: they are uploaded from the Transfo's pages."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class LivrableInline(PrivateFileInline):
    model = Livrable
    fields = ["titre", "public", "type", "taille"]
    readonly_fields = ["type", "taille"]


class PhotoInline(PrivateFileInline):
    model = Photo
    fields = ["alt", "legende", "public"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(CasPratique)
class CasPratiqueAdmin(admin.ModelAdmin):
    list_display = ["titre", "transfo", "numero", "statut", "etat", "publie_le"]
    list_filter = ["etat", "statut", "mode_saisine", "type_sujet", "transfo"]
    search_fields = ["titre", "sujet"]
    readonly_fields = ["slug", "publie_le", "publie_par", "soumis_le", "soumis_par"]
    filter_horizontal = ["methodes", "sessions"]
    inlines = [LivrableInline, PhotoInline, ContactInline]
