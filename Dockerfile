# La Transfo: the web application (gunicorn), also used for the Celery worker and beat.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

# System libraries WeasyPrint (PDF export) will need; pg_dump and pg_restore (Debian's, no
# older than the compose file's PostgreSQL) for `manage.py backup` and `restore`.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user; its home holds gunicorn's control socket (~/.gunicorn).
RUN groupadd --gid 1000 transfo \
    && useradd --uid 1000 --gid transfo --create-home --shell /usr/sbin/nologin transfo

WORKDIR /app

# Dependencies first, so code changes do not reinstall them: the runtime lock, every
# package pinned with its hashes (README, "Dependencies"); the code runs from /app.
COPY requirements/base.txt requirements/base.txt
RUN pip install --no-cache-dir --require-hashes --no-deps -r requirements/base.txt

COPY . .

# Static files collected at build time, with production settings (hashed, compressed
# names for WhiteNoise). The SECRET_KEY here is a throwaway for this step only: it is not
# kept in the image's environment; the real one comes at run time.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/media /app/private-media \
    && chown transfo:transfo /app/media /app/private-media

# The code stays owned by root (read-only for the app); only the media folders are writable
# (volumes in docker-compose.yml, shared by web and worker).
USER transfo

ENV MEDIA_ROOT=/app/media \
    PRIVATE_MEDIA_ROOT=/app/private-media

EXPOSE 8000

# /sante/ answers 200 when database, cache and broker answer (503 otherwise); it is exempt
# from the HTTPS redirect. The Host header is taken from ALLOWED_HOSTS so Django accepts it.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = next((x.strip().lstrip('.') for x in os.environ.get('ALLOWED_HOSTS', '').split(',') if x.strip() not in ('', '*')), 'localhost'); r.build_opener(r.ProxyHandler({})).open(r.Request('http://127.0.0.1:8000/sante/', headers={'Host': h}), timeout=5)"]

CMD ["gunicorn", "-c", "gunicorn.conf.py", "transfo.wsgi:application"]
