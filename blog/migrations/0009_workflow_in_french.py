# Issue 19: Wagtail's migration 0048 names the default workflow and its task after the group
# that publishes ("Moderators approval"), and the editor's button reads "Soumettre à
# Moderators approval". They are named in French; a workflow renamed by the coordination
# is left as it is.

from django.db import migrations

NAMES = [("Moderators approval", "la relecture", "la relecture des modérateurs")]


def name_in_french(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for english, workflow, task in NAMES:
        Workflow.objects.filter(name=english).update(name=workflow)
        Task.objects.filter(name=english).update(name=task)


def name_in_english(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    for english, workflow, task in NAMES:
        Workflow.objects.filter(name=workflow).update(name=english)
        Task.objects.filter(name=task).update(name=english)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0008_free_text_bounds"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(name_in_french, name_in_english)]
