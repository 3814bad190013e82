"""The seven spectrums of seed 000 (PACA, Intertransfo n°6), as data.

Migration 0002 loaded them once (migrations are a frozen history, so it keeps its own copy);
`ensure_axes()` puts them back wherever they are missing, as in a database flushed by tests
before `seed_demo` runs.
"""

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


def ensure_axes():
    from labos.models import Axe

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
