# Issue 18, item 5: a session template is offered to the résidents of every Transfo; the
# résidents' notes that templates kept from their session are taken out of them.

from django.db import migrations


def clear_notes_of_templates(apps, schema_editor):
    Bloc = apps.get_model("collectivites", "Bloc")
    Bloc.objects.filter(jour__session__est_modele=True).exclude(notes_residents="").update(
        notes_residents=""
    )


class Migration(migrations.Migration):
    dependencies = [("collectivites", "0005_alter_methodedocument_document")]

    operations = [migrations.RunPython(clear_notes_of_templates, migrations.RunPython.noop)]
