"""Settings of the benchmark (`make bench`): production settings plus the bench-only parts.

Everything of transfo.settings with DEBUG off, PostgreSQL and the Redis cache, on loopback
and plain HTTP; plus the `bench` app: the floor view (one query, a small template) at
/bench/plancher/ and a middleware that counts a request's queries when asked. Neither
exists under transfo.settings: production never routes to them.
"""

import os
from pathlib import Path

_OUT = Path(os.environ.get("BENCH_OUT", Path(__file__).resolve().parent.parent / "bench" / "out"))

# Defaults of the bench run; bench/run.py sets them all explicitly.
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/transfo_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/14")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8100")
# Loopback, plain HTTP: no redirect to HTTPS, no HSTS.
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The bench's uploads (the demo's livrables and photos) stay apart from a developer's.
os.environ.setdefault("MEDIA_ROOT", str(_OUT / "media"))
os.environ.setdefault("PRIVATE_MEDIA_ROOT", str(_OUT / "private-media"))

from transfo.settings import *  # noqa: E402, F403
from transfo.settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# Outermost, so that the session, authentication and every other middleware's queries count.
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"

# Collected static files (hashed names, as in production) stay in the bench's output folder.
STATIC_ROOT = _OUT / "static"
