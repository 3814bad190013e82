"""Settings of the Transfo platform: one module, driven by environment variables.

With no environment set, a fresh clone runs on its embedded defaults: SQLite, Celery
tasks run eagerly in-process, local-memory cache, mail printed to the console.
Production differs only by environment (see README.md, "Environment variables").
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from transfo import observability


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off: "
            "export SECRET_KEY=\"$(python -c 'import secrets; print(secrets.token_urlsafe(50))')\""
        )
    SECRET_KEY = "insecure-development-key-never-used-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The project's own apps, lowest layer first (DESIGN.md: dependencies go one way).
# In the apps' order (DESIGN.md, enforced by lint-imports and tests/transfo/test_layers.py):
# each app may use those before it, never those after; seed_demo loads them in this order.
PROJECT_APPS = [
    "transfo",
    "transfo.users",
    "collectivites",
    "cas_pratiques",
    "ambassadeurs",
    "labos",
    "intertransfo",
    "blog",
]

INSTALLED_APPS = [
    *PROJECT_APPS,
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Third parties
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Last: a file leaves its storage once the deletion (or replacement) of its row commits,
    # for every FileField of every model (the project's private files included).
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    # First: every response (redirects and errors too) and every log line gets the request id.
    "transfo.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Every response, cached pages too: Permissions-Policy; private, no-store when signed in.
    "transfo.middleware.PrivateResponsesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the session, CSRF and messages middleware: it must see the cookies they set.
    "transfo.public_cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Pushes a signed-in session's expiry back every few minutes, not at every request.
    "transfo.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "transfo.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "transfo.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "transfo.middleware.MfaRequiredMiddleware",
    "blog.middleware.PrivatePagesInAdminMiddleware",
    "transfo.middleware.AuditRefusalsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "transfo.urls"
WSGI_APPLICATION = "transfo.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "transfo.context_processors.navigation",
            ],
            # Dates and times written one way everywhere (transfo/dates.py), no {% load %}.
            "builtins": ["transfo.templatetags.dates"],
        },
    },
]

# Database: SQLite by default, PostgreSQL (psycopg 3) when DATABASE_URL is set.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytical queries, not for a page's. It cost
    # the coordination dashboard 1.8 s of compiling for 0.3 s of running at bench scale.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and Django cache when REDIS_URL is set; otherwise eager tasks and
# a local-memory cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "transfo",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The shared cache of the anonymous public pages (transfo.public_cache): how long an entry
# may live at most (every change of what they show replaces them at once); 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 600)

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Reliability (docs/deploy.md, "Celery"). A task is acknowledged once it has run, so a
# worker that dies (or is killed for its memory) leaves it to another: the tasks are
# idempotent. Each worker process takes one task at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Time limits (seconds): SoftTimeLimitExceeded is raised in the task at the soft limit, the
# process is killed at the hard one. The broker re-delivers an unacknowledged task after
# visibility_timeout, which must stay above the hard limit and the longest retry countdown.
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
# Retries: tasks that talk to the outside (mail, files) declare theirs
# (autoretry_for=(OSError,), retry_backoff=True, max_retries=3 or 5: exponential, with
# jitter, at most 10 minutes apart); a task calling self.retry() without a countdown waits a
# minute. Publishing a task retries a broker hiccup briefly (the outbox's request path does
# not: its sweep sends later).
CELERY_TASK_DEFAULT_RETRY_DELAY = 60
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 3,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 2,
}
# A worker process is replaced after this many tasks, or once it holds this much memory
# (KiB, checked after each task): slow leaks and big PDFs do not pile up.
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 200_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Paris"
CELERY_BEAT_SCHEDULE = {
    # The transactional outbox's sweep: tasks the broker missed (transfo.outbox).
    "publish-outbox": {
        "task": "transfo.tasks.publish_pending",
        "schedule": 60,
    },
    "purge-past-retention": {
        "task": "transfo.users.tasks.purge_past_retention",
        "schedule": 24 * 60 * 60,
    },
    "notify-modified-sessions": {
        "task": "collectivites.tasks.notify_modified_sessions",
        "schedule": 5 * 60,
    },
    "send-session-reminders": {
        "task": "collectivites.tasks.send_session_reminders",
        "schedule": 60 * 60,
    },
    "send-carnet-digests": {
        "task": "ambassadeurs.tasks.send_carnet_digests",
        "schedule": 7 * 24 * 60 * 60,
    },
    # Daily, idempotent per month: the month's pairs are made on its first run.
    "pair-chatroulette": {
        "task": "intertransfo.tasks.pair_chatroulette",
        "schedule": 24 * 60 * 60,
    },
    # Weekly: mails the coordinators the protocol indicators that turned amber or red.
    "check-protocol": {
        "task": "intertransfo.tasks.check_protocol",
        "schedule": 7 * 24 * 60 * 60,
    },
}

# Accounts
AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Loads model permissions in one query for the ModelBackend after it (authenticates no one).
    "transfo.users.backends.PermissionsBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "collectivites:espace"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "transfo.users.adapter.AccountAdapter"
ACCOUNT_FORMS = {"reset_password": "transfo.users.forms.ResetPasswordForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGOUT_ON_GET = False
# Reauthentication (before sensitive changes: e-mail, two-factor) asks for what signing in
# asks: the password, or a second-factor code. Not a code sent by e-mail (allauth 65.22's
# default adds it): the mailbox is not a factor of this platform.
# Who must sign in with a second factor besides staff (transfo.middleware.must_use_mfa):
# the editors (Wagtail's admin) and the coordination.
MFA_REQUIRED_PERMISSIONS = ("wagtailadmin.access_admin", "collectivites.access_coordination")
ACCOUNT_REAUTHENTICATION_METHODS = ("password", "mfa")
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# Invitation only: an unknown address gets no mail inviting it to sign up.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[La Transfo] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if not DEBUG else "http"
# allauth's rate limits stay on (its defaults: 5 failed sign-ins per account in 5 minutes,
# password reset mails throttled); they count in the cache, shared through Redis in
# production.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}
# Behind a reverse proxy, the client's address is the proxy's: allauth reads it from
# X-Forwarded-For, trusting as many hops as there are proxies in front of gunicorn.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "transfo.users.adapter.MFAAdapter"
MFA_TOTP_ISSUER = "La Transfo"
INVITATION_VALIDITY_DAYS = env_int("INVITATION_VALIDITY_DAYS", 14)
# "Mes données": how long the ZIP of a person's data stays downloadable (then purged).
MES_DONNEES_EXPORT_DAYS = env_int("MES_DONNEES_EXPORT_DAYS", 7)

# Where people write about their data and about accessibility (privacy and RGAA pages).
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "donnees@transfo.test")

# Retention periods (days), stated on the privacy page and enforced daily by
# transfo.retention.purge_past_retention: model label -> (date field, days).
RETENTION = {
    "users.AuditEvent": ("at", env_int("AUDIT_RETENTION_DAYS", 365)),
    "ambassadeurs.Brouillon": ("updated_at", 30),
    "collectivites.Invitation": ("created_at", 90),
    # Sent outbox rows (their arguments may hold a mail's recipients); pending ones stay.
    "transfo.TacheEnAttente": ("sent_at", 7),
    # The ZIPs of "mes données" (their files go with their rows: transfo.users.signals).
    "users.ExportDonnees": ("demande_le", MES_DONNEES_EXPORT_DAYS),
}

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
# The idle timeout: SESSION_COOKIE_AGE after the last request, give or take
# SESSION_REFRESH_SECONDS (transfo.sessions: no UPDATE of the session at every page).
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 5 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Mail
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "tmp" / "mails"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "La Transfo <ne-pas-repondre@transfo.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Language and time
LANGUAGE_CODE = "fr-fr"
LANGUAGES = [("fr", _("Français"))]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static files and media
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private files (generated PDFs, private uploads) live outside MEDIA_ROOT and have no URL:
# they are served only through views that check permissions.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "transfo.storage.PrivateStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Public media on S3-compatible storage (django-storages) when a bucket is given; private
# files stay on PRIVATE_MEDIA_ROOT (a volume shared by web and worker).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Empty: AWS itself; else the provider's (https://s3.fr-par.scw.cloud, MinIO...).
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # Served from the bucket's (or its CDN's) public address, without signatures.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "default_acl": None,
            # Two uploads of the same name get distinct names, as on the file system.
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "La Transfo"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_I18N_ENABLED = False
# Pages' slugs in ASCII, from the admin's script and the server alike ("n°7 à Besançon" gives
# "n7-a-besancon"): a URL that reads the same when copied, pasted or printed.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents (issue 18): their files are private (transfo.DocumentPrive), served by Wagtail's view
# only, always as attachments (never shown as a page of the site), and of these types only.
WAGTAILDOCS_DOCUMENT_MODEL = "transfo.DocumentPrive"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "csv", "txt", "zip"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# No avatar fetched from gravatar.com: editors' emails stay here (and the CSP allows no
# third-party image).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
TAGGIT_CASE_INSENSITIVE = True

# Security: production values whenever DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading HSTS is a commitment browsers keep for months, for the domain and every
# subdomain (a collectivité's own hosts under it included): taken only when configured.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]  # "not on the preload list": on purpose
# What the pages never use: no sensor, camera, microphone, position or payment
# (transfo.middleware.PrivateResponsesMiddleware sends it with every response).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
# Wagtail's preview overrides this with SAMEORIGIN on its own views.
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): the pages load scripts, styles, images and fonts from
# the platform only; every <script> also carries the response's nonce (a fresh one per
# response), so an injected tag without it never runs; no inline style, no plug-in, no
# framing. The admins get the inline scripts and styles they need, without nonce
# (transfo.middleware.ContentSecurityPolicyMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "media-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "frame-src": [NONE],
    }
}
# Logs on the console: JSON lines in production, text in development (LOG_FORMAT to choose),
# each with the request id (transfo.observability).
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json")
LOGGING = observability.logging_config(
    json_lines=LOG_FORMAT == "json", level=os.environ.get("LOG_LEVEL", "INFO")
)

# Sentry: only when SENTRY_DSN is set; never personal data (transfo.observability).
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    observability.init_sentry(
        SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT") or "production",
        release=os.environ.get("SENTRY_RELEASE", ""),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE") or 0),
    )
