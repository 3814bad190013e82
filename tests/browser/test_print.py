"""Printing a session's programme from the browser: as short as its PDF version, and never
the résident·es' notes (they are theirs, not the group's), nor the site's chrome."""

import contextlib
import re
import zlib

import pytest

from collectivites.models import Bloc
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PROGRAMME = "/espace/transfos/strasbourg/sessions/9/"
NOTE = "Penser à rappeler la règle du jeu ; Camille est en retard. "


def page_count(pdf):
    """Pages of a PDF, counted by their page objects, in the file or in its compressed object
    streams (WeasyPrint writes them there; pypdf is not a dependency)."""
    chunks = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        with contextlib.suppress(zlib.error):
            chunks.append(zlib.decompressobj().decompress(stream.group(1)))
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in chunks)


def test_a_printed_programme_is_as_short_as_its_pdf_and_keeps_the_notes_private(
    live_server, demo, page
):
    Bloc.objects.filter(jour__session__transfo__slug="strasbourg", jour__session__numero=9).update(
        notes_residents=NOTE * 3
    )
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(base + PROGRAMME)
    notes = page.locator(".bloc__notes")
    assert notes.count() > 0 and notes.first.is_visible()  # on screen, for the résidente

    page.emulate_media(media="print")
    assert notes.first.is_hidden()
    for chrome in (".site-header nav", ".site-footer", ".breadcrumb", ".toolbar"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert page.get_by_role("button").filter(visible=True).count() == 0
    assert page.get_by_role("heading", name=re.compile(r"^Jour 1")).is_visible()

    printed = page.pdf(format="A4", print_background=False)
    assert NOTE.strip().encode() not in printed
    pdf_version = page.request.get(base + PROGRAMME + "programme.pdf")
    assert pdf_version.headers["content-type"] == "application/pdf"
    assert page_count(printed) <= page_count(pdf_version.body()), (
        f"printed: {page_count(printed)} pages, PDF version: {page_count(pdf_version.body())}"
    )
