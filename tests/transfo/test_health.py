import pytest

from transfo.celery import app as celery_app


def test_healthy(client, db):
    response = client.get("/sante/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["cache"] == "ok"
    assert data["failing"] == []
    assert "no-cache" in response["Cache-Control"]


class BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("cache down")


def test_cache_down_is_503_naming_the_cache(client, db, monkeypatch):
    monkeypatch.setattr("transfo.views.cache", BrokenCache())
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert response.json()["checks"]["cache"].startswith("erreur")


@pytest.fixture
def real_broker(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def use(url):
        monkeypatch.setitem(celery_app.conf, "broker_url", url)

    return use


def test_broker_down_is_503_naming_the_broker(client, db, real_broker):
    real_broker("redis://127.0.0.1:1/0")  # nothing listens on port 1
    response = client.get("/sante/")
    assert response.status_code == 503
    assert response.json()["failing"] == ["broker"]
    assert response.json()["checks"]["database"] == "ok"


def test_database_down_is_503_naming_the_database(client, db, monkeypatch):
    def broken():
        raise ConnectionError("database down")

    monkeypatch.setattr("transfo.views._check_database", broken)
    response = client.get("/sante/")
    assert response.status_code == 503
    assert "database" in response.json()["failing"]
