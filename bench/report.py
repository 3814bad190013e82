"""The bench's results as bench/results.json and bench/REPORT.md, with the targets of issue 10."""

import json
from pathlib import Path

MAX_QUERIES = 12
UNCACHED_FLOOR_RATIO = 0.10
CACHED_FLOOR_RATIO = 0.50
SEARCH_P95_MS = 50
WORKER_RSS_MB = 250

# Written by hand after a run: why a target is missed and what would meet it; appended.
ANALYSIS = Path(__file__).with_name("ANALYSIS.md")


def ratio(load, floor):
    if not load or not floor or not floor.get("rps"):
        return None
    return load["rps"] / floor["rps"]


def percent(value):
    return "–" if value is None else f"{value * 100:.1f} %"


def targets(results):
    """Each target of the issue: what was measured, met or not, and by how much if not."""
    pages = results["pages"]
    rows = []

    over = [
        f"{p['name']}: {p['queries_scale']} ({p['queries_scale'] - MAX_QUERIES:+d})"
        for p in pages
        if p["queries_scale"] is None or p["queries_scale"] > MAX_QUERIES
    ]
    growing = [
        f"{p['name']}: {p['queries_demo']} → {p['queries_scale']}"
        for p in pages
        if p["queries_demo"] != p["queries_scale"]
    ]
    most = max((p["queries_scale"] or 0 for p in pages), default=0)
    rows.append(
        {
            "target": f"Every main page: at most {MAX_QUERIES} queries",
            "measured": f"at most {most}",
            "met": not over,
            "gap": "; ".join(over),
        }
    )
    rows.append(
        {
            "target": "The same number of queries at demo scale and at bench scale",
            "measured": f"{len(pages) - len(growing)} of {len(pages)} pages unchanged",
            "met": not growing,
            "gap": "; ".join(growing),
        }
    )

    floor = results["floor"]["uncached"]
    short = []
    ratios = []
    for page in pages:
        value = ratio(page["uncached"], floor)
        ratios.append(value or 0)
        if value is None or value < UNCACHED_FLOOR_RATIO:
            short.append(
                f"{page['name']}: {percent(value)} ({_times(value, UNCACHED_FLOOR_RATIO)})"
            )
    rows.append(
        {
            "target": f"Uncached, each page ≥ {UNCACHED_FLOOR_RATIO:.0%} of the floor's requests/s",
            "measured": f"lowest {percent(min(ratios, default=None))}",
            "met": not short,
            "gap": "; ".join(short),
        }
    )

    cached_floor = results["floor"].get("cached")
    cached = [p for p in pages if p["public"] and p.get("cached")]
    if cached_floor and cached:
        short = []
        ratios = []
        for page in cached:
            value = ratio(page["cached"], cached_floor)
            ratios.append(value or 0)
            if value is None or value < CACHED_FLOOR_RATIO:
                short.append(
                    f"{page['name']}: {percent(value)} ({_times(value, CACHED_FLOOR_RATIO)})"
                )
        rows.append(
            {
                "target": (
                    f"Anonymous public pages, cache on: ≥ {CACHED_FLOOR_RATIO:.0%} of the floor"
                ),
                "measured": f"lowest {percent(min(ratios))}",
                "met": not short,
                "gap": "; ".join(short),
            }
        )

    search = results.get("search")
    if search:
        # The whole page's p95 (it includes the search and the facets), or the search's own
        # if a page was somehow faster than its search.
        p95 = {s["name"]: max(s["page_p95_ms"], s["search_p95_ms"]) for s in search["searches"]}
        slow = [
            f"{name}: {value} ms (+{value - SEARCH_P95_MS:.0f} ms)"
            for name, value in p95.items()
            if value > SEARCH_P95_MS
        ]
        worst = max(p95.values())
        rows.append(
            {
                "target": (
                    f"Vitrine search over {search['published_cases']} cases, facets "
                    f"included: p95 ≤ {SEARCH_P95_MS} ms"
                ),
                "measured": f"worst p95 {worst} ms",
                "met": not slow,
                "gap": "; ".join(slow),
            }
        )

    workers = [w for phase in results["memory"].values() for w in phase]
    if workers:
        peak = max(w["vmhwm_mb"] for w in workers)
        rows.append(
            {
                "target": f"Worker memory ≤ {WORKER_RSS_MB} MB RSS each after the run",
                "measured": f"highest peak {peak:.0f} MB",
                "met": peak <= WORKER_RSS_MB,
                "gap": "" if peak <= WORKER_RSS_MB else f"+{peak - WORKER_RSS_MB:.0f} MB",
            }
        )
    return rows


def _times(value, wanted):
    if not value:
        return "no request served"
    return f"needs ×{wanted / value:.1f}"


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _load_cells(load, floor):
    if not load:
        return ["–"] * 5
    if not load["requests"]:
        return ["0", "–", "–", "–", percent(0)]
    return [
        f"{load['rps']:.0f}",
        f"{load['p50_ms']:.1f}",
        f"{load['p95_ms']:.1f}",
        f"{load['p99_ms']:.1f}",
        percent(ratio(load, floor)),
    ]


def render(results, analysis=""):
    """REPORT.md's text, with the hand-written analysis (if any) at the end."""
    meta = results["meta"]
    floor = results["floor"]["uncached"]
    cached_floor = results["floor"].get("cached")
    out = [
        "# Benchmark report (`make bench`)",
        "",
        "Generated by `bench/run.py`: do not edit by hand (the analysis is in "
        "`bench/ANALYSIS.md`).",
        "",
        _table(
            ["run", "value"],
            [
                ["date (UTC)", meta["date"]],
                ["commit", f"`{meta['commit']}`"],
                ["data", f"`seed_demo` then `seed_demo --scale {meta['scale']}`"],
                [
                    "machine",
                    f"{meta['cpus']} CPUs, {meta['memory_gb']} GB; load average "
                    f"{meta['load_before']} before the run, {meta['load_after']} after",
                ],
                [
                    "server",
                    f"gunicorn `gunicorn.conf.py`, {meta['workers']} workers × "
                    f"{meta['threads']} threads, DEBUG off, PostgreSQL, Redis cache, "
                    "max-requests off (no recycling during the run)",
                ],
                [
                    "load",
                    f"wrk, {meta['warmup_s']} s warm-up then {meta['duration_s']} s at "
                    f"concurrency {meta['concurrency']}, same machine",
                ],
            ],
        ),
        "",
        "## Targets",
        "",
        _table(
            ["target", "measured", "met", "short by"],
            [
                [t["target"], t["measured"], "met" if t["met"] else "**not met**", t["gap"] or "–"]
                for t in targets(results)
            ],
        ),
        "",
        "## Pages, uncached",
        "",
        "Requests/s and latencies (ms) under load; the ratio is to the floor of the same run; "
        "queries are those of one request in steady state, at demo scale and at bench scale.",
        "",
    ]
    rows = [
        [
            f"**floor** (one query, small template) `{results['floor']['path']}`",
            "anonymous",
            *_load_cells(floor, floor),
            results["floor"]["queries"],
            results["floor"]["queries"],
        ],
    ]
    for page in results["pages"]:
        rows.append(
            [
                f"{page['name']} `{page['path']}`",
                page["account"] or "anonymous",
                *_load_cells(page["uncached"], floor),
                page["queries_demo"],
                page["queries_scale"],
            ]
        )
    out.append(
        _table(
            [
                "page",
                "signed in as",
                "req/s",
                "p50",
                "p95",
                "p99",
                "÷ floor",
                "queries (demo)",
                "queries (scale)",
            ],
            rows,
        )
    )
    cached = [p for p in results["pages"] if p.get("cached")]
    if cached_floor and cached:
        out += ["", "## Anonymous public pages, cache on", ""]
        rows = [["**floor**", *_load_cells(cached_floor, cached_floor)]]
        rows += [
            [f"{p['name']} `{p['path']}`", *_load_cells(p["cached"], cached_floor)] for p in cached
        ]
        out.append(_table(["page", "req/s", "p50", "p95", "p99", "÷ floor"], rows))
    search = results.get("search")
    if search:
        out += [
            "",
            f"## Vitrine search over {search['published_cases']} published cases",
            "",
            f"Up to {search['repeats']} timed runs each (fewer when a search is slow: see "
            "*runs*), after a warm-up, in one process on the "
            "bench database: *search* is the first page of results, the count and every "
            "facet's counts; *page* is the whole `/cas/?…` response (view and template).",
            "",
            _table(
                ["search", "matches", "runs", "search p50", "search p95", "page p50", "page p95"],
                [
                    [
                        f"{s['name']} `{s['path']}`",
                        s["matches"],
                        s.get("runs", search["repeats"]),
                        f"{s['search_p50_ms']} ms",
                        f"{s['search_p95_ms']} ms",
                        f"{s['page_p50_ms']} ms",
                        f"{s['page_p95_ms']} ms",
                    ]
                    for s in search["searches"]
                ],
            ),
        ]
    out += ["", "## Gunicorn workers' memory after the run", ""]
    rows = [
        [phase, w["pid"], f"{w['vmhwm_mb']:.0f} MB", f"{w['vmrss_mb']:.0f} MB"]
        for phase, workers in results["memory"].items()
        for w in workers
    ]
    out.append(_table(["server", "pid", "peak RSS (VmHWM)", "RSS at the end"], rows))
    if analysis.strip():
        out += ["", analysis.strip()]
    return "\n".join(out) + "\n"


def write(results, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    analysis = ANALYSIS.read_text() if ANALYSIS.exists() else ""
    (directory / "REPORT.md").write_text(render(results, analysis))
