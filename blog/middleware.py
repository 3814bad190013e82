"""Wagtail's admin names a page it shows in its header, breadcrumbs and confirmations even
to someone with no right on it: the private pages (capot ouvert) stay out of every
admin view for all but the coordination."""

import re

from django.http import Http404
from wagtail.models import Page

# Admin views about one page, by its id in the path.
PAGE_IN_PATH = re.compile(r"^/admin/(?:pages|choose-page)/(\d+)/")
# Admin views about several pages, by `?id=` (bulk actions).
PAGES_IN_QUERY = "/admin/bulk/"
# Reports that name the last edited page of each type, whichever it is.
NAMING_REPORTS = ("/admin/reports/page-types-usage/",)


class PrivatePagesInAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            path.startswith("/admin/")
            and request.user.is_authenticated
            and not request.user.has_perm("collectivites.access_coordination")
        ):
            if path.startswith(NAMING_REPORTS):
                raise Http404
            ids = []
            match = PAGE_IN_PATH.match(path)
            if match:
                ids.append(int(match[1]))
            if path.startswith(PAGES_IN_QUERY):
                ids += [int(value) for value in request.GET.getlist("id") if value.isdigit()]
            if ids and Page.objects.filter(pk__in=ids).not_public().exists():
                raise Http404
        return self.get_response(request)
