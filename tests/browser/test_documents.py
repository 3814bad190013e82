"""A document of Wagtail's library never runs on the site's origin, whatever was uploaded
(issue 18, item 2): proven in Chromium, signed in as an ambassadrice whose carnet a script
would read."""

import contextlib

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

INJECT = """url => new Promise(done => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => done('ran');
    script.onerror = () => done('refused');
    // page.evaluate has no timeout of its own: never wait forever for the script's fate.
    setTimeout(() => done('no answer'), 15000);
    document.body.append(script);
})"""


def test_an_uploaded_script_or_page_never_runs_on_the_site(live_server, demo, page):
    from playwright.sync_api import Error as PlaywrightError

    Document = get_document_model()
    script = Document.objects.create(
        title="Script", file=ContentFile(b"document.body.dataset.pwned = 'oui';", name="x.js")
    )
    html = Document.objects.create(
        title="Page",
        file=ContentFile(b"<script>document.title = 'pwned'</script>", name="x.html"),
    )
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/carnet/")

    # A <script src> injected into a page of the site, pointing at the document: refused.
    assert page.evaluate(INJECT, f"{base}{script.url}") == "refused"
    assert page.evaluate("document.body.dataset.pwned") is None

    # Opening the HTML document downloads it: it is never rendered as a page of the site.
    # "Download is starting": the navigation ends in a download, not a page.
    with page.expect_download() as download, contextlib.suppress(PlaywrightError):
        page.goto(f"{base}{html.url}")
    assert download.value.suggested_filename == "x.html"
    assert page.title() != "pwned"
    assert page.url.startswith(f"{base}/espace/carnet/")
