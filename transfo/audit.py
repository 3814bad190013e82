"""The audit log: sign-ins, refused accesses, visibility changes, publications and exports,
recorded as who / what / when, without any content (transfo.users.models.AuditEvent).

Apps call `record(...)` where the action happens; sign-ins and refusals are recorded by
transfo.users.signals and transfo.middleware.AuditRefusalsMiddleware.
"""

import logging

from transfo.users.models import AuditAction, AuditEvent

logger = logging.getLogger("transfo.audit")

__all__ = ["AuditAction", "record"]


def client_ip(request):
    """The client's address, through allauth's reading of the trusted proxies."""
    if request is None:
        return None
    from allauth.account.adapter import get_adapter

    try:
        return get_adapter().get_client_ip(request)
    except Exception:  # an address we cannot read is no reason to lose the event
        return None


def record(request, action, obj=None, *, actor=None, detail=""):
    """Write one event; `obj` is named by its model and primary key, never by its text."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    event = AuditEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail[:255],
        ip=client_ip(request),
    )
    logger.info(
        "%s actor=%s object=%s:%s %s",
        action,
        actor.pk if actor else "-",
        event.object_type,
        event.object_id,
        detail,
    )
    return event
