"""docker-compose.yml checked against the settings, without a Docker engine: parsed as YAML
and held to what the settings, gunicorn.conf.py and docs/deploy.md say."""

import re
from pathlib import Path

import pytest
import yaml

from transfo.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
# The services that run the platform's image (same settings): the YAML anchor's users.
APP_SERVICES = ["migrate", "web", "worker", "beat"]
# The environment variables a Python file reads.
READ_ENV = re.compile(
    r"""(?:os\.environ\.get|os\.environ\[|os\.getenv|env_bool|env_int|env_list)\(?\s*["']([A-Z0-9_]+)["']"""
)


def read_names(*files):
    return {name for f in files for name in READ_ENV.findall((ROOT / f).read_text())}


# dj_database_url.config() reads DATABASE_URL itself.
SETTINGS_ENV = read_names("transfo/settings.py") | {"DATABASE_URL"}
GUNICORN_ENV = read_names("gunicorn.conf.py")


def command(service):
    return " ".join(SERVICES[service]["command"])


def test_every_service_has_an_image_or_a_build():
    expected = {"db", "redis", "migrate", "web", "worker", "beat", "flower"}
    assert set(SERVICES) == expected
    for name, service in SERVICES.items():
        assert "image" in service or "build" in service, name
    for name in APP_SERVICES:
        assert SERVICES[name]["build"] == ".", name


def test_settings_read_the_environment_variables_this_test_parses():
    # Guards the regular expression above: it must see the settings' main variables.
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "SENTRY_DSN"} <= SETTINGS_ENV
    assert {"WEB_CONCURRENCY", "GUNICORN_THREADS", "LOG_FORMAT"} <= GUNICORN_ENV


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_environment_variables_are_read_by_the_settings(service):
    environment = SERVICES[service]["environment"]
    unknown = set(environment) - SETTINGS_ENV - GUNICORN_ENV
    assert not unknown, f"{service}: variables nothing reads: {sorted(unknown)}"


def test_production_variables_are_set_for_the_app():
    environment = SERVICES["web"]["environment"]
    assert environment["DEBUG"] == "0"
    assert environment["SECRET_KEY"].startswith("${SECRET_KEY:?")
    assert (
        environment["DATABASE_URL"].startswith("postgres://")
        and "@db:5432/" in (environment["DATABASE_URL"])
    )
    assert environment["REDIS_URL"].startswith("redis://redis:6379/")
    assert environment["LOG_FORMAT"] == "${LOG_FORMAT:-json}"
    assert environment["SENTRY_DSN"] == "${SENTRY_DSN:-}"  # off unless given
    for name in APP_SERVICES:
        assert SERVICES[name]["environment"]["DATABASE_URL"] == environment["DATABASE_URL"]
        assert SERVICES[name]["environment"]["REDIS_URL"] == environment["REDIS_URL"]


def test_web_runs_gunicorn_with_its_config_file():
    assert command("web") == "gunicorn -c gunicorn.conf.py transfo.wsgi:application"
    assert (ROOT / "gunicorn.conf.py").is_file()
    graceful = int(
        re.search(r"graceful_timeout = (\d+)", (ROOT / "gunicorn.conf.py").read_text())[1]
    )
    assert int(SERVICES["web"]["stop_grace_period"].rstrip("s")) > graceful


def test_worker_and_beat_run_celery_of_this_project():
    assert command("worker").startswith("celery -A transfo worker")
    assert command("beat").startswith("celery -A transfo beat")
    # The schedule file lives where the unprivileged user may write.
    assert "--schedule /tmp/" in command("beat")
    assert command("migrate") == "python manage.py migrate --noinput"
    worker_env = SERVICES["worker"]["environment"]
    for name in (
        "CELERY_TASK_SOFT_TIME_LIMIT",
        "CELERY_TASK_TIME_LIMIT",
        "CELERY_WORKER_MAX_TASKS_PER_CHILD",
        "CELERY_WORKER_MAX_MEMORY_PER_CHILD",
    ):
        assert name in worker_env and name in SETTINGS_ENV, name


def test_health_checks():
    web = SERVICES["web"]["healthcheck"]
    assert "/sante/" in " ".join(web["test"])
    assert "CMD-SHELL" in SERVICES["db"]["healthcheck"]["test"][0]
    assert "pg_isready" in SERVICES["db"]["healthcheck"]["test"][1]
    assert "redis-cli ping" in SERVICES["redis"]["healthcheck"]["test"][1]
    assert "inspect ping" in SERVICES["worker"]["healthcheck"]["test"][1]
    for name in ("migrate", "beat"):  # one-shot, and a scheduler with nothing to answer
        assert SERVICES[name]["healthcheck"] == {"disable": True}
    for name, service in SERVICES.items():
        check = service.get("healthcheck")
        assert check, f"{name}: no health check (not even an explicit disable)"
        if not check.get("disable"):
            assert check["test"][0] in {"CMD", "CMD-SHELL"}, name
            assert check["interval"] and check["timeout"], name


def test_dependencies_wait_for_healthy_services():
    for name, service in SERVICES.items():
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in SERVICES, f"{name} depends on unknown {dependency}"
            if condition["condition"] == "service_healthy":
                assert not SERVICES[dependency]["healthcheck"].get("disable"), dependency
    for name in ("web", "worker", "beat"):
        depends = SERVICES[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"


def test_volumes_are_declared_and_mounted_where_the_settings_look():
    declared = set(COMPOSE["volumes"])
    for name, service in SERVICES.items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, f"{name}: volume {source} not declared"
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["db"]["volumes"]
    for name in APP_SERVICES:
        environment = SERVICES[name]["environment"]
        mounts = SERVICES[name]["volumes"]
        assert f"media:{environment['MEDIA_ROOT']}" in mounts
        assert f"private-media:{environment['PRIVATE_MEDIA_ROOT']}" in mounts


def test_ports_are_bound_to_loopback():
    for name, service in SERVICES.items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name}: {port}"


def test_flower_is_optional_and_reads_the_same_broker():
    flower = SERVICES["flower"]
    assert flower["profiles"] == ["flower"]
    assert flower["environment"]["CELERY_BROKER_URL"] == SERVICES["web"]["environment"]["REDIS_URL"]
    for name, service in SERVICES.items():
        if name != "flower":
            assert "profiles" not in service, f"{name} must start by default"


def test_every_variable_of_the_settings_is_documented_in_deploy_md():
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    missing = sorted(name for name in SETTINGS_ENV | GUNICORN_ENV if f"`{name}`" not in deploy)
    assert not missing, f"docs/deploy.md does not list {missing}"


def test_celery_settings_suit_the_worker_service():
    conf = celery_app.conf
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert 0 < conf.task_soft_time_limit < conf.task_time_limit
    # An unacknowledged task is re-delivered only after the hard limit has killed its run.
    assert conf.broker_transport_options["visibility_timeout"] > conf.task_time_limit
    assert conf.worker_max_tasks_per_child > 0
    assert conf.worker_max_memory_per_child > 0
    assert conf.task_publish_retry_policy["max_retries"] > 0
    # The worker's stop grace period lets a task finish or be re-queued, not lost.
    assert int(SERVICES["worker"]["stop_grace_period"].rstrip("s")) >= 30


def test_gunicorn_workers_freeze_what_they_loaded():
    """The objects a worker loads at start are kept out of the garbage collector's scans."""
    import gc
    import runpy

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    before = gc.get_freeze_count()
    try:
        config["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
