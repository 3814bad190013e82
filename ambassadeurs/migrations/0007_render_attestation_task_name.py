"""The attestation task moved from `ambassadeurs.attestations` to `ambassadeurs.tasks`: the
outbox's rows not yet sent (transfo.TacheEnAttente) are given the task's new name."""

from django.db import migrations

OLD = "ambassadeurs.attestations.render_attestation"
NEW = "ambassadeurs.tasks.render_attestation"


def rename(apps, schema_editor, old=OLD, new=NEW):
    apps.get_model("transfo", "TacheEnAttente").objects.filter(task=old).update(task=new)


def unrename(apps, schema_editor):
    rename(apps, schema_editor, old=NEW, new=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("ambassadeurs", "0006_free_text_bounds"),
        ("transfo", "0005_free_text_bounds"),
    ]

    operations = [migrations.RunPython(rename, unrename)]
