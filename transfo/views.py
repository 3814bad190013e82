import uuid

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache

from transfo.celery import app as celery_app


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"sante:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _check_broker():
    with celery_app.connection_for_write(connect_timeout=2) as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


@login_not_required
@never_cache
def sante(request):
    """Health check for load balancers and compose: database, cache and broker."""
    probes = {"database": _check_database, "cache": _check_cache}
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        probes["broker"] = _check_broker
    checks = {}
    for name, probe in probes.items():
        try:
            probe()
        except Exception as error:
            checks[name] = f"erreur ({type(error).__name__})"
        else:
            checks[name] = "ok"
    if settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = "non utilisé (tâches exécutées sur place)"
    healthy = all(v == "ok" for k, v in checks.items() if k in probes)
    failing = [name for name in probes if checks[name] != "ok"]
    return JsonResponse(
        {"status": "ok" if healthy else "erreur", "checks": checks, "failing": failing},
        status=200 if healthy else 503,
    )


@login_not_required
def sign_in_redirect(request, home):
    """Wagtail's and Django's own login forms (admins, private pages) lead to the platform's
    sign-in: allauth's rate limits and second factor apply to everyone, and there is one
    login form to keep safe."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url or home})}")


@login_not_required
def confidentialite(request):
    """What the platform keeps about people, why, for how long, and their rights (RGPD)."""
    return render(
        request,
        "pages/confidentialite.html",
        {
            "contact": settings.PRIVACY_CONTACT_EMAIL,
            "retention": {
                label.replace(".", "_"): days
                for label, (_field, days) in settings.RETENTION.items()
            },
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
        },
    )


@login_not_required
def accessibilite(request):
    """The accessibility statement French public bodies owe their users (RGAA)."""
    return render(request, "pages/accessibilite.html", {"contact": settings.PRIVACY_CONTACT_EMAIL})
