"""One PDF rendering for the site (transfo.pdf): it fetches nothing but `data:` URLs."""

import http.server
import os
import threading

import pytest

from transfo.pdf import html_to_pdf


@pytest.fixture
def weasyprint():
    """WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0); CI installs it."""
    try:
        import weasyprint
    except OSError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"WeasyPrint cannot load its system libraries: {error}")
    return weasyprint


@pytest.fixture
def server():
    """A local HTTP server that records every path asked of it."""
    asked = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", asked
    httpd.shutdown()
    httpd.server_close()


def test_a_pdf_requests_no_address_and_reads_no_file(weasyprint, server, tmp_path, settings):
    base, asked = server
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: blue }")
    settings.SITE_URL = base
    html = f"""<html><head>
      <link rel="stylesheet" href="{base}/absolute.css">
      <link rel="stylesheet" href="/relative.css">
      <link rel="stylesheet" href="file://{secret}">
    </head><body><p>Programme</p>
      <img src="{base}/image.png" alt="">
      <img alt="" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==">
    </body></html>"""

    pdf = html_to_pdf(html)

    assert pdf.startswith(b"%PDF-")
    assert asked == []


def test_the_control_the_same_page_without_the_fetcher_would_request(weasyprint, server):
    """The control: WeasyPrint's default fetcher does request the server."""
    base, asked = server
    weasyprint.HTML(
        string=f'<link rel="stylesheet" href="{base}/absolute.css"><p>x</p>'
    ).write_pdf()
    assert asked == ["/absolute.css"]
