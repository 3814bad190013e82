"""The French stems of a case's searchable text, stored (issue 10).

Computing `to_tsvector('french', recherche)` row by row cost 80 µs a case whenever
PostgreSQL chose to filter the published cases rather than read the index (a few thousand
cases: 0.3 s a search). A column keeps them, filled by a trigger on every insert and update
(save, bulk_create, queryset updates alike), with its GIN index in place of the expression
index of migration 0003. SQLite gets the empty column only.
"""

import django.contrib.postgres.search
from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION cas_pratiques_recherche_vecteur() RETURNS trigger AS $$
BEGIN
    NEW.recherche_vecteur := to_tsvector('french'::regconfig, COALESCE(NEW.recherche, ''));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER cas_pratiques_recherche_vecteur
BEFORE INSERT OR UPDATE ON cas_pratiques_caspratique
FOR EACH ROW EXECUTE FUNCTION cas_pratiques_recherche_vecteur();

UPDATE cas_pratiques_caspratique
SET recherche_vecteur = to_tsvector('french'::regconfig, COALESCE(recherche, ''));

CREATE INDEX IF NOT EXISTS cas_recherche_vecteur
ON cas_pratiques_caspratique USING gin (recherche_vecteur);

DROP INDEX IF EXISTS cas_recherche_fts;
"""

UNDO = """
CREATE INDEX IF NOT EXISTS cas_recherche_fts ON cas_pratiques_caspratique
USING gin (to_tsvector('french'::regconfig, COALESCE(recherche, '')));
DROP INDEX IF EXISTS cas_recherche_vecteur;
DROP TRIGGER IF EXISTS cas_pratiques_recherche_vecteur ON cas_pratiques_caspratique;
DROP FUNCTION IF EXISTS cas_pratiques_recherche_vecteur();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNDO)


class Migration(migrations.Migration):
    dependencies = [("cas_pratiques", "0004_vitrine_search_bounds")]

    operations = [
        migrations.AddField(
            model_name="caspratique",
            name="recherche_vecteur",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
