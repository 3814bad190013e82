import json
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import override_settings
from django.urls import NoReverseMatch, resolve, reverse

from bench import views
from bench.middleware import QueryCountMiddleware
from tests.collectivites.factories import TransfoFactory

FLOOR = "/bench/plancher/"
BENCH_URLS = override_settings(ROOT_URLCONF="bench.urls")


def test_floor_url_does_not_exist_under_the_normal_settings():
    with pytest.raises(NoReverseMatch):
        reverse("bench_plancher")
    assert resolve(FLOOR).func is not views.plancher


def test_floor_page_is_not_found_under_the_normal_settings(client, db):
    assert client.get(FLOOR).status_code == 404


@BENCH_URLS
def test_floor_answers_with_one_query_under_the_bench_urls(client, db, django_assert_num_queries):
    TransfoFactory(nom="Transfo Strasbourg")
    assert reverse("bench_plancher") == FLOOR
    with django_assert_num_queries(1):
        response = client.get(FLOOR)
    assert response.status_code == 200
    assert "Transfo Strasbourg" in response.content.decode()


@BENCH_URLS
def test_query_count_header_only_when_asked(client, db, settings):
    settings.MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    assert client.get(FLOOR, headers={"X-Bench-Queries": "1"})["X-Queries"] == "1"
    assert "X-Queries" not in client.get(FLOOR)


def test_query_counter_counts_every_statement_of_the_request(rf, db):
    def view(request):
        get_user_model().objects.count()
        get_user_model().objects.exists()
        return HttpResponse("ok")

    request = rf.get("/", headers={"X-Bench-Queries": "1"})
    assert QueryCountMiddleware(view)(request)["X-Queries"] == "2"


def test_bench_settings_are_production_like_and_add_the_bench_parts():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.DEBUG, s.ROOT_URLCONF, 'bench' in s.INSTALLED_APPS, "
        "s.MIDDLEWARE[0], s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.SECURE_SSL_REDIRECT]))"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "transfo.settings_bench",
        "SECRET_KEY": "test-only",
    }
    completed = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(completed.stdout) == [
        False,
        "bench.urls",
        True,
        "bench.middleware.QueryCountMiddleware",
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        False,
    ]
