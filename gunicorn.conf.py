"""Gunicorn settings for the container: `gunicorn -c gunicorn.conf.py transfo.wsgi:application`.

Tunable through the environment without rebuilding the image: WEB_CONCURRENCY,
GUNICORN_THREADS, FORWARDED_ALLOW_IPS, LOG_LEVEL, LOG_FORMAT (DEBUG decides its default,
as in transfo/settings.py).
"""

import os


def _env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cpu_count():
    # The CPUs this process may run on (honours `docker run --cpuset-cpus`).
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# Listen on every interface of the container; compose publishes the port on 127.0.0.1 only.
bind = "0.0.0.0:8000"

# Processes: the classic 2 x cores + 1, capped so a big host does not start dozens of
# Wagtail processes (about 150 MB each). Threads let a worker overlap I/O waits.
workers = _env_int("WEB_CONCURRENCY", min(2 * _cpu_count() + 1, 8))
threads = _env_int("GUNICORN_THREADS", 2)
worker_class = "gthread"

# A request running longer than `timeout` gets its worker killed and restarted;
# on SIGTERM, workers get `graceful_timeout` to finish (compose waits 35 s before SIGKILL).
timeout = 30
graceful_timeout = 30

# Recycle each worker after about 1000 requests (staggered) to contain slow leaks.
max_requests = 1000
max_requests_jitter = 100

# Heartbeat files in memory, not on the container's overlay filesystem.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Logs to stdout / stderr, collected by Docker. Each access line ends with the request id
# (the X-Request-ID response header, transfo.observability). In production (DEBUG off, or
# LOG_FORMAT=json) gunicorn's lines are JSON objects like the application's, with the
# access fields (method, path, status, bytes, duration_ms, request_id) as keys.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %({x-request-id}o)s'
)

_debug = os.environ.get("DEBUG", "1").strip().lower() in {"1", "true", "yes", "on"}
if (os.environ.get("LOG_FORMAT") or ("text" if _debug else "json")) == "json":
    logconfig_dict = {
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["console"], "propagate": False},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stdout",
            },
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
        },
        "formatters": {"json": {"()": "transfo.observability.JsonFormatter"}},
    }

# Trust X-Forwarded-* from any peer: only the reverse proxy (or the compose network) can
# reach the container. Narrow it (e.g. "10.0.0.0/8") when the port is more exposed.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")


def post_worker_init(worker):
    """Once the worker has loaded the application, its objects (Django, Wagtail, the URL
    configuration: several hundred thousand) live as long as the process: move them out of
    the garbage collector's reach, or every full collection scans them again and pauses a
    request for 0.1-0.2 s (they showed in the bench's p95)."""
    import gc

    gc.freeze()
