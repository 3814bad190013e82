"""One home for the files the platform hands over: uploads, generated PDFs and exports,
documents of the Wagtail library.

Whatever a file holds, it never runs as a page of the site: it is sent with `nosniff` and a
sandboxing Content Security Policy (an HTML or SVG file opened from its address gets an
opaque origin and no script), as an attachment unless it is an image shown in a page, and
not stored by any cache unless it is public.
"""

from functools import wraps

from django.http import FileResponse

SANDBOX = "default-src 'none'; sandbox"
PRIVATE = "private, no-store"


def protect(response, *, cache=PRIVATE):
    """The headers every file response carries (see the module's docstring)."""
    response["Content-Security-Policy"] = SANDBOX
    response["X-Content-Type-Options"] = "nosniff"
    if cache:
        response["Cache-Control"] = cache
    return response


def file_response(file, *, filename=None, content_type=None, attachment=True, cache=PRIVATE):
    """`file` (a FieldFile, or an open binary file) as a protected response."""
    handle = file.open("rb") if hasattr(file, "open") else file
    response = FileResponse(
        handle,
        as_attachment=attachment,
        filename=filename or "",
        content_type=content_type,
    )
    return protect(response, cache=cache)


# The types a document may be sent as; any other (HTML, JavaScript, SVG, XML...: a file
# uploaded before the extensions were restricted) leaves as bytes, which no browser runs.
SAFE_TYPES = ("application/pdf", "application/zip", "application/vnd.", "text/plain", "text/csv")


def protected(view):
    """A view that serves files (Wagtail's documents), its responses protected."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            if not response.get("Content-Type", "").startswith(SAFE_TYPES):
                response["Content-Type"] = "application/octet-stream"
            protect(response)
        return response

    return wrapped
