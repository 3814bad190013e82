from django.contrib import admin

from labos.models import Acteur, Axe, EchangeTemps, Plan, Priorite, Revue, VersionPlan


@admin.register(Axe)
class AxeAdmin(admin.ModelAdmin):
    """The spectrums are reference data: their labels can be reworded here."""

    list_display = ["ordre", "gauche", "milieu", "droite", "crans"]
    list_display_links = ["gauche"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["transfo", "nom", "publie"]
    list_filter = ["publie"]


class RevueInline(admin.TabularInline):
    model = Revue
    extra = 0
    fields = ["type", "texte", "contexte", "date", "auteur"]
    raw_id_fields = ["auteur"]


@admin.register(VersionPlan)
class VersionPlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "created_at"]
    list_select_related = ["plan__transfo", "session"]
    fields = ["plan", "numero", "session", "note", "nom", "created_by"]
    readonly_fields = ["plan", "numero", "session", "created_by"]
    inlines = [RevueInline]


@admin.register(Priorite)
class PrioriteAdmin(admin.ModelAdmin):
    list_display = ["texte", "transfo", "echeance", "statut"]
    list_filter = ["statut", "transfo"]
    raw_id_fields = ["responsable"]


@admin.register(Acteur)
class ActeurAdmin(admin.ModelAdmin):
    list_display = ["nom", "transfo", "type", "perimetre", "relation"]
    list_filter = ["transfo", "perimetre", "relation"]
    filter_horizontal = ["cas_pratiques"]


@admin.register(EchangeTemps)
class EchangeTempsAdmin(admin.ModelAdmin):
    list_display = ["date", "transfo", "direction", "sens", "heures"]
    list_filter = ["transfo", "sens"]
    raw_id_fields = ["created_by"]
