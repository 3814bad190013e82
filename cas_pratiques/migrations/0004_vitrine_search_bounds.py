"""Indexes of the vitrine's bounded search on PostgreSQL (CasPratiqueFilterSet, issue 10).

A broad search reads its results tier by tier of relevance, each tier in the vitrine's order
(`-publie_le, titre`, or `titre, id` when sorted alphabetically): indexes of the published
cases in those orders let it stop after one page instead of ranking every match; a trigram
index of the titles finds a rare title tier directly. The facets of a broad search read the
span of years from an index of the start dates. SQLite has none of them: nothing to do.
"""

from django.db import migrations

INDEXES = {
    "cas_vitrine_recents": "(publie_le DESC, titre) WHERE etat = 'publie'",
    "cas_vitrine_alphabetique": "(titre, id) WHERE etat = 'publie'",
    "cas_vitrine_debut": "(date_debut) WHERE etat = 'publie'",
    "cas_recherche_titre_trgm": "USING gin (recherche_titre gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, definition in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON cas_pratiques_caspratique {definition}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cas_pratiques", "0003_search_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
