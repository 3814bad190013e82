"""Idle timeout without a database write on every request.

A signed-in session lives SESSION_COOKIE_AGE after its last save. Saving it on every
request (SESSION_SAVE_EVERY_REQUEST) costs an UPDATE per page; this middleware marks it
modified only when its last refresh is older than SESSION_REFRESH_SECONDS, so the expiry
is pushed back at most that often: a session ends between SESSION_COOKIE_AGE minus
SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request.
"""

import time

from django.conf import settings

REFRESHED_KEY = "_refreshed_at"


class SessionRefreshMiddleware:
    """After django.contrib.sessions' middleware: refreshes signed-in sessions now and then."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        # Signed-in sessions that exist already (a sign-in saves its new session itself);
        # no session is ever created for an anonymous visitor by this.
        if session is not None and session.session_key and user and user.is_authenticated:
            now = int(time.time())
            if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_KEY] = now
        return response
