"""The bench's URLs (transfo.settings_bench only): the floor, then every URL of the platform."""

from django.urls import path

from bench import views
from transfo.urls import urlpatterns as platform_urlpatterns

urlpatterns = [
    path("bench/plancher/", views.plancher, name="bench_plancher"),
    *platform_urlpatterns,
]
