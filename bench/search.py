"""The second part of the bench: the vitrine's full-text search over many published cases.

The cases come from `seed_search_bench` (cas_pratiques/synthetic.py), whose texts make
BROAD_TERM common (in most cases) and NARROW_TERM rare (about one case in a hundred).
"""

import gc
import math
import time

from django.core.management import call_command
from django.core.paginator import Paginator
from django.http import QueryDict
from django.test import Client, override_settings
from django.utils.http import urlencode

from cas_pratiques.choices import TypeSujet
from cas_pratiques.filters import CasPratiqueFilterSet
from cas_pratiques.views.vitrine import PAGE_SIZE, vitrine_queryset

BROAD_TERM = "usagers"
NARROW_TERM = "mégotiers"


def ensure_cases(total):
    """`total` published synthetic cases for the search (idempotent: seed_search_bench keeps
    those already there)."""
    call_command("seed_search_bench", cases=total, force=True, verbosity=0)


def searches():
    """(name, query string) of the timed searches: broad and narrow terms, with a facet."""
    return [
        ("Broad term", {"q": BROAD_TERM}),
        ("Narrow term", {"q": NARROW_TERM}),
        ("Broad term + facet", {"q": BROAD_TERM, "type_sujet": TypeSujet.values[0]}),
        ("Narrow term + facet", {"q": NARROW_TERM, "type_sujet": TypeSujet.values[0]}),
    ]


def run_search(params):
    """What the vitrine computes for a search: the first page, the count and every facet."""
    filterset = CasPratiqueFilterSet(QueryDict(urlencode(params)), queryset=vitrine_queryset())
    page = Paginator(filterset.results(), PAGE_SIZE).get_page(1)
    results = list(page.object_list)
    facets = [(facet.name, list(facet.options)) for facet in filterset.facets()]
    return page.paginator.count, results, facets


def percentile(values, fraction):
    """The nearest-rank percentile of a list of numbers."""
    ordered = sorted(values)
    rank = max(1, math.ceil(round(fraction * len(ordered), 9)))
    return ordered[rank - 1]


def time_searches(repeats, warmup=1, budget_s=60.0, min_runs=1):
    """Timings (ms) of each search, in-process (search and facets) and as the whole page:
    `repeats` runs after `warmup` page requests, fewer (at least `min_runs`) once a search's
    runs exceed `budget_s` seconds, so that a slow search cannot hold the bench for hours."""
    client = Client(SERVER_NAME="127.0.0.1")
    rows = []
    # Timed uncached: the shared cache of the anonymous pages would answer the page otherwise.
    with override_settings(PUBLIC_PAGE_CACHE_SECONDS=0):
        for name, params in searches():
            rows.append(_time_search(client, name, params, repeats, warmup, budget_s, min_runs))
    return rows


def _time_search(client, name, params, repeats, warmup, budget_s, min_runs):
    """One search's timings (see time_searches)."""
    path = f"/cas/?{urlencode(params)}"
    for _ in range(warmup):
        client.get(path)
    # As a gunicorn worker does once the application is loaded (gunicorn.conf.py): what was
    # loaded stays out of the collector's full scans.
    gc.freeze()
    search_ms, page_ms = [], []
    count = 0
    started_all = time.perf_counter()
    while len(search_ms) < repeats:
        started = time.perf_counter()
        count, _results, _facets = run_search(params)
        search_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        response = client.get(path)
        page_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        if len(search_ms) >= min_runs and time.perf_counter() - started_all > budget_s:
            break
    return {
        "name": name,
        "path": path,
        "matches": count,
        "runs": len(search_ms),
        "search_p50_ms": round(percentile(search_ms, 0.5), 1),
        "search_p95_ms": round(percentile(search_ms, 0.95), 1),
        "page_p50_ms": round(percentile(page_ms, 0.5), 1),
        "page_p95_ms": round(percentile(page_ms, 0.95), 1),
    }
