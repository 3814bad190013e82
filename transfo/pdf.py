"""PDF from HTML, one way for the whole site (WeasyPrint): the session programmes, the
attestations, the Intertransfos' programmes.

The templates carry their styles; a relative link resolves against SITE_URL, as in a mail.
A PDF fetches nothing: only `data:` URLs are read, so no text a member typed can make the
server request an address (an image of an internal service, a local file).
"""

from django.conf import settings


def html_to_pdf(html):
    """The PDF bytes of `html`."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, base_url=settings.SITE_URL, url_fetcher=fetcher).write_pdf()
