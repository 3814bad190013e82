"""Indexes of the vitrine's search on PostgreSQL (CasPratiqueQuerySet.search): a trigram index
for its accent-free substring match (`recherche LIKE '%term%'`) and an expression index of its
French full-text vector, the very expression the query computes, so that both sides of the
search's OR are index scans instead of reading every case. SQLite has neither: nothing to do."""

from django.db import migrations

INDEXES = {
    "cas_recherche_trgm": "USING gin (recherche gin_trgm_ops)",
    "cas_recherche_fts": "USING gin (to_tsvector('french'::regconfig, COALESCE(recherche, '')))",
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
    dependencies = [("cas_pratiques", "0002_ficheidee_immersion_tamis_tamisplacement")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
