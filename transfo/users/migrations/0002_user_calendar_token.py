import secrets

from django.db import migrations, models

import transfo.users.models


def fill_tokens(apps, schema_editor):
    User = apps.get_model("users", "User")
    for user in User.objects.filter(calendar_token__isnull=True).only("pk"):
        user.calendar_token = secrets.token_urlsafe(32)
        user.save(update_fields=["calendar_token"])


class Migration(migrations.Migration):
    dependencies = [("users", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="calendar_token",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="calendar_token",
            field=models.CharField(
                default=transfo.users.models.new_calendar_token,
                editable=False,
                max_length=64,
                unique=True,
                verbose_name="jeton de l'agenda",
            ),
        ),
    ]
