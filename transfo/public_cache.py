"""The shared cache of the public pages read anonymously (issue 10): the home page, the
vitrine and its cases, the blog and its posts, served from the Django cache (Redis in
production) without a query.

What is cached, and for whom:
- only anonymous GET and HEAD requests that carry no session or messages cookie and are no
  htmx request, to a view that opted in (`public_page` on a function view; Wagtail's page
  view, whose pages opt in once Wagtail's view restrictions let them through:
  transfo.wagtail_hooks);
- only 200 responses of such a view that set no cookie, embed no CSRF token, show no message
  and say nothing against it in their own Cache-Control (Wagtail marks every page under a
  view restriction `private, no-store`).
Every other response of these views says `Cache-Control: private`, so no shared cache
downstream keeps a signed-in or private page either.

Invalidation: one version stored beside the pages; the apps register the models their
public pages show (`invalidate_on`, in their AppConfig.ready()), and any save, delete or
many-to-many change of one of them, or any Wagtail publication, unpublication or move, sets
a new version: the next request renders afresh. The version is set at once and again when
the transaction commits, so that a page rendered meanwhile from the old rows is not kept.
Bulk `QuerySet.update()` sends no signal: the registered models' shown fields are not
changed that way. The date is part of the key (the home page lists upcoming events), and
entries expire after `PUBLIC_PAGE_CACHE_SECONDS` in any case (0 turns the cache off).

The CSP nonce: a cached body carries the nonce of the response it was rendered for; the
entry keeps that nonce, and each replay swaps it in the body for a fresh one, which
django-csp then issues in the header: every reader gets a nonce of their own, as with a
rendered page, and header and body always agree.
"""

import base64
import hashlib
import logging
import os
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail import views as wagtail_views
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "public-pages:version"
logger = logging.getLogger(__name__)
KEY_PREFIX = "public-pages:page:"
PUBLIC_CACHE_CONTROL = {"public": True, "max_age": 0, "must_revalidate": True}
# Headers the replay gets from the middleware again (the CSP with the entry's nonce) or that
# must not be shared.
UNSTORED_HEADERS = {
    "content-security-policy",
    "content-security-policy-report-only",
    "set-cookie",
    "date",
    "cache-control",
}
# What a response may vary on and still be shared by every anonymous reader: the cookies
# (the entries are only read without a session or messages cookie) and the language (one).
SHAREABLE_VARY = {"cookie", "accept-language", "accept-encoding"}

# Model -> fields whose change alone does not alter a public page (e.g. a sign-in's
# last_login); many-to-many through models are registered with their model.
_models = {}


def public_page(view):
    """Marks a public function view whose anonymous 200 responses may be shared."""
    view.public_page_cache = True
    return view


def mark_cacheable(request):
    """The page being served is public: its anonymous response may be shared."""
    request._public_page_cacheable = True


def invalidate_on(*models, ignore_update_fields=()):
    """Any change of these models makes every cached public page stale."""
    for model in models:
        _models[model] = frozenset(ignore_update_fields)
        for field in model._meta.many_to_many:
            _models.setdefault(field.remote_field.through, frozenset())


def invalidate(using=DEFAULT_DB_ALIAS):
    """New version now, and once more when the current transaction commits (registered once
    per transaction, however many rows it writes)."""
    _new_version()
    connection = connections[using]
    if connection.in_atomic_block and not any(
        callback is _new_version for _sids, callback, _robust in connection.run_on_commit
    ):
        transaction.on_commit(_new_version, using=using)


def _new_version():
    # The cache down (Redis stopped) must not fail the write that changed the data: entries
    # expire after PUBLIC_PAGE_CACHE_SECONDS in any case.
    try:
        cache.set(VERSION_KEY, time.time_ns(), None)
    except Exception:
        logger.warning("public page cache: version not bumped (cache unavailable)")


def _registered(sender):
    for model, ignored in _models.items():
        if issubclass(sender, model):
            return ignored
    return None


def _on_save(sender, instance, update_fields=None, using=DEFAULT_DB_ALIAS, **kwargs):
    ignored = _registered(sender)
    if ignored is None:
        return
    if update_fields and ignored and set(update_fields) <= ignored:
        return
    invalidate(using)


def _on_delete(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if _registered(sender) is not None:
        invalidate(using)


def _on_m2m(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_") and _registered(sender) is not None:
        invalidate(using)


def _on_page_event(sender, **kwargs):
    invalidate()


post_save.connect(_on_save, dispatch_uid="public_cache_save")
post_delete.connect(_on_delete, dispatch_uid="public_cache_delete")
m2m_changed.connect(_on_m2m, dispatch_uid="public_cache_m2m")
page_published.connect(_on_page_event, dispatch_uid="public_cache_published")
page_unpublished.connect(_on_page_event, dispatch_uid="public_cache_unpublished")
post_page_move.connect(_on_page_event, dispatch_uid="public_cache_moved")


def _current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def _page_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"{KEY_PREFIX}{timezone.localdate().isoformat()}:{digest}"


def _is_public_view(view_func):
    return view_func is wagtail_views.serve or getattr(view_func, "public_page_cache", False)


def _anonymous_request(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _shareable(request, response):
    """Whether this response is the same for every anonymous reader."""
    if not getattr(request, "_public_page_cacheable", False):
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_USED"):
        return False
    if request.user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return varies <= SHAREABLE_VARY


class PublicPageCacheMiddleware:
    """Serves and stores the shared public pages (see the module's docstring). It comes
    before the session, CSRF and messages middleware, so that it sees their cookies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "_public_page_view", False) or getattr(
            request, "_public_page_hit", False
        ):
            return response
        if _anonymous_request(request) and _shareable(request, response):
            lookup = getattr(request, "_public_page_lookup", None)
            if lookup is not None:
                key, version = lookup
                entry = self._entry(request, response, version)
                cache.set(key, entry, settings.PUBLIC_PAGE_CACHE_SECONDS)
            patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
        elif "Cache-Control" not in response:
            patch_cache_control(response, private=True)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _is_public_view(view_func):
            return None
        request._public_page_view = True
        if getattr(view_func, "public_page_cache", False):
            mark_cacheable(request)
        if not (settings.PUBLIC_PAGE_CACHE_SECONDS and _anonymous_request(request)):
            return None
        key = _page_key(request)
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or _current_version()
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            request._public_page_hit = True
            return self._replay(request, entry)
        request._public_page_lookup = (key, version)
        return None

    @staticmethod
    def _entry(request, response, version):
        nonce = getattr(request, "_csp_nonce", None)
        return {
            "version": version,
            "content": response.content,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ],
            "nonce": nonce if isinstance(nonce, str) else None,
        }

    @staticmethod
    def _replay(request, entry):
        content = entry["content"]
        if entry["nonce"]:
            # A fresh nonce for every reader, as for a rendered page: the stored one (random,
            # 22+ characters) is swapped in the body, and django-csp issues the new one it
            # finds on the request in the header.
            nonce = base64.b64encode(os.urandom(16)).decode()
            content = content.replace(entry["nonce"].encode(), nonce.encode())
            request._csp_nonce = nonce
        response = HttpResponse(content)
        for name, value in entry["headers"]:
            response[name] = value
        patch_cache_control(response, **PUBLIC_CACHE_CONTROL)
        return response
