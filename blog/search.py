"""One search over the public pages of the blog, the published cases of the vitrine and the
méthodes of the toolbox."""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from wagtail.models import Page

from blog.models import BlogPostPage, RetexSheetPage
from cas_pratiques.models import SEARCH_MAX_TERMS, CasPratique
from collectivites.models import Methode
from transfo.dates import french_date
from transfo.text import normalize

RESULTS_PER_KIND = 20
# A query is its words: quotes, operators and control characters (a NUL) are not searched
# for, and never reach a full-text engine's query syntax.
WORD = re.compile(r"\w+")
EXCERPT_BEFORE = 12
EXCERPT_AFTER = 30


@dataclass
class Result:
    title: str
    url: str
    kind: str
    meta: str
    excerpt: str


def highlight(text, terms):
    """`text` escaped, its words that contain a term (accents and case ignored) in <mark>."""
    parts = []
    for word in text.split():
        if any(term in normalize(word) for term in terms):
            parts.append(f"<mark>{escape(word)}</mark>")
        else:
            parts.append(escape(word))
    return mark_safe(" ".join(parts))  # every word is escaped above


def excerpt(texts, terms):
    """Some forty words around the first match in `texts`, highlighted."""
    words = " ".join(unescape(strip_tags(text)) for text in texts if text).split()
    first = next(
        (i for i, word in enumerate(words) if any(term in normalize(word) for term in terms)),
        0,
    )
    start = max(0, first - EXCERPT_BEFORE)
    chosen = words[start : first + EXCERPT_AFTER]
    text = " ".join(chosen)
    prefix = "… " if start else ""
    suffix = " …" if first + EXCERPT_AFTER < len(words) else ""
    return mark_safe(f"{prefix}{highlight(text, terms)}{suffix}")


def search(query):
    """(cases, their count, pages, their count, méthodes, their count) matching every word of
    `query`."""
    terms = WORD.findall(normalize(query))[:SEARCH_MAX_TERMS]
    if not terms:
        return [], 0, [], 0, [], 0
    cases = (
        CasPratique.objects.publies()
        .search(" ".join(terms))
        .select_related("transfo__collectivite")
        .order_by("-pertinence", "titre")
    )
    case_results = [
        Result(
            title=cas.titre,
            url=cas.get_absolute_url(),
            kind="Cas pratique",
            meta=f"{cas.transfo.nom} · {cas.transfo.collectivite.nom}",
            excerpt=excerpt([cas.resume, cas.sujet, cas.resultats], terms),
        )
        for cas in cases[:RESULTS_PER_KIND]
    ]
    pages = (
        Page.objects.live()
        .public()
        .type(BlogPostPage, RetexSheetPage)
        .specific()
        .search(" ".join(terms), operator="and")
    )
    page_results = [
        Result(
            title=page.title,
            url=page.url,
            kind="Fiche retex" if isinstance(page, RetexSheetPage) else "Billet",
            meta=french_date(page.date) if isinstance(page, BlogPostPage) else "",
            excerpt=excerpt(page.searchable_texts()[1:], terms),
        )
        for page in pages[:RESULTS_PER_KIND]
    ]
    methodes = Methode.objects.search(" ".join(terms)).order_by("nom")
    methode_results = [
        Result(
            title=methode.nom,
            url=methode.get_absolute_url(),
            kind="Méthode",
            meta=methode.get_famille_display(),
            excerpt=excerpt([methode.objectif, methode.etapes], terms),
        )
        for methode in methodes[:RESULTS_PER_KIND]
    ]
    return (
        case_results,
        cases.count(),
        page_results,
        pages.count(),
        methode_results,
        methodes.count(),
    )
