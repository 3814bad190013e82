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
