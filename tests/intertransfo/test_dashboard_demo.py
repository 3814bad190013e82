"""The dashboard with the demo data (seed_demo): all eight Transfos, each with its page."""

from collectivites.models import Transfo
from transfo.users.models import User


def test_dashboard_renders_the_eight_demo_transfos(demo, client):
    coordination = User.objects.get(email="coordination@demo.test")
    client.force_login(coordination)
    response = client.get("/coordination/")
    assert response.status_code == 200
    page = response.content.decode()
    transfos = list(Transfo.objects.all())
    assert len(transfos) == 8
    for transfo in transfos:
        assert f'href="/espace/transfos/{transfo.slug}/indicateurs/"' in page
        detail = client.get(f"/espace/transfos/{transfo.slug}/indicateurs/")
        assert detail.status_code == 200
        assert "Au regard du protocole" in detail.content.decode()


def test_every_amber_or_red_cell_of_the_demo_says_why(demo, client):
    """Issue 21, item 8: a reason in words beside each amber or red level, not in a title."""
    client.force_login(User.objects.get(email="coordination@demo.test"))
    response = client.get("/coordination/")
    page = response.content.decode()
    alerts = [
        cellule
        for ligne in response.context["lignes"]
        for cellule in ligne.affichage
        if cellule["niveau"] in ("orange", "rouge")
    ]
    assert alerts  # the demo's Transfos have some
    for cellule in alerts:
        assert cellule["raison"], cellule["cle"]
        assert f'<span class="indicateurs-table__raison">{cellule["raison"]}</span>' in page
    assert page.count('class="indicateurs-table__raison"') == len(alerts)
