"""The seven spectrums of seed 000 (PACA, Intertransfo n°6): the labo's axes, as data."""

from django.db import migrations

# slug, left end, middle stop (3-stop axes only), right end, number of stops
AXES = [
    ("fini", "Labo « fini »", "", "Labo en ré-invention permanente", 5),
    ("demo", "Labo démo", "", "Labo ricochet", 5),
    ("projecteurs", "Labo sous les projecteurs", "", "Labo dans l'ombre", 5),
    ("politique", "Labo politique", "", "Labo administratif", 5),
    ("interne", "Labo interne", "", "Labo externe citoyen", 5),
    ("budget", "Labo « sans budget »", "Labo don contre don", "Labo à budget", 3),
    ("designer", "Designer en labo", "", "Labo « sans » designer", 5),
]


def create_axes(apps, schema_editor):
    Axe = apps.get_model("labos", "Axe")
    for ordre, (slug, gauche, milieu, droite, crans) in enumerate(AXES, start=1):
        Axe.objects.update_or_create(
            slug=slug,
            defaults={
                "ordre": ordre,
                "gauche": gauche,
                "milieu": milieu,
                "droite": droite,
                "crans": crans,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("labos", "0001_initial")]

    operations = [migrations.RunPython(create_axes, migrations.RunPython.noop)]
