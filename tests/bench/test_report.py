import json

from bench import report


def load(rps, p95=10.0):
    return {
        "requests": int(rps * 10),
        "rps": rps,
        "p50_ms": 5.0,
        "p95_ms": p95,
        "p99_ms": 20.0,
        "max_ms": 30.0,
        "errors": 0,
    }


def page(name, *, queries=(8, 8), uncached=400.0, cached=None, public=True):
    return {
        "name": name,
        "path": f"/{name}/",
        "account": None if public else "ambassadeur@demo.test",
        "public": public,
        "queries_demo": queries[0],
        "queries_scale": queries[1],
        "uncached": load(uncached),
        "cached": load(cached) if cached is not None else None,
    }


def results(pages, *, search_p95=30.0, peak_mb=180.0, search_only_p95=25.0):
    return {
        "meta": {
            "date": "2026-11-24 00:00",
            "commit": "abc1234",
            "scale": 50,
            "duration_s": 10,
            "warmup_s": 3,
            "concurrency": 10,
            "workers": 3,
            "threads": 2,
            "cpus": 2,
            "memory_gb": 24,
            "load_before": 0.1,
            "load_after": 2.5,
        },
        "floor": {
            "path": "/bench/plancher/",
            "queries": 1,
            "uncached": load(1600.0),
            "cached": load(1600.0),
        },
        "pages": pages,
        "memory": {"uncached": [{"pid": 12, "vmhwm_mb": peak_mb, "vmrss_mb": 150.0}]},
        "search": {
            "published_cases": 100123,
            "repeats": 20,
            "searches": [
                {
                    "name": "Broad term",
                    "path": "/cas/?q=usagers",
                    "matches": 60000,
                    "search_p50_ms": 20.0,
                    "search_p95_ms": search_only_p95,
                    "page_p50_ms": 24.0,
                    "page_p95_ms": search_p95,
                }
            ],
        },
    }


def by_target(rows):
    return {row["target"].split(":")[0].split(",")[0]: row for row in rows}


def test_every_target_met():
    rows = report.targets(results([page("accueil", cached=900.0), page("carnet", public=False)]))
    assert [row["met"] for row in rows] == [True] * 6
    assert all(row["gap"] == "" for row in rows)


def test_targets_missed_say_by_how_much():
    pages = [
        page("coordination", queries=(14, 22), uncached=80.0, public=False),
        page("accueil", uncached=400.0, cached=400.0),
    ]
    rows = by_target(report.targets(results(pages, search_p95=180.0, peak_mb=300.0)))

    assert not rows["Every main page"]["met"]
    assert rows["Every main page"]["gap"] == "coordination: 22 (+10)"
    same = rows["The same number of queries at demo scale and at bench scale"]
    assert same["gap"] == "coordination: 14 → 22"
    # 80 / 1600 = 5 % of the floor: twice as fast is needed.
    assert rows["Uncached"]["gap"] == "coordination: 5.0 % (needs ×2.0)"
    assert rows["Anonymous public pages"]["gap"] == "accueil: 25.0 % (needs ×2.0)"
    assert rows["Vitrine search over 100123 cases"]["gap"] == "Broad term: 180.0 ms (+130 ms)"
    assert rows["Worker memory ≤ 250 MB RSS each after the run"]["gap"] == "+50 MB"


def test_search_target_takes_the_slower_of_search_and_page():
    rows = by_target(report.targets(results([page("cas")], search_p95=3.0, search_only_p95=90.0)))
    assert rows["Vitrine search over 100123 cases"]["gap"] == "Broad term: 90.0 ms (+40 ms)"


def test_a_page_that_served_no_request_is_not_met():
    empty = page("cas", uncached=0.0)
    rows = by_target(report.targets(results([empty])))
    assert rows["Uncached"]["gap"] == "cas: 0.0 % (no request served)"


def test_render_states_targets_and_figures():
    text = report.render(
        results([page("accueil", cached=900.0), page("carnet", public=False)]),
        "## Analysis\n\nWhy.",
    )
    assert text.startswith("# Benchmark report")
    assert "| Every main page: at most 12 queries | at most 8 | met | – |" in text
    assert "| accueil `/accueil/` | anonymous | 400 | 5.0 | 10.0 | 20.0 | 25.0 % | 8 | 8 |" in text
    assert "| accueil `/accueil/` | 900 | 5.0 | 10.0 | 20.0 | 56.2 % |" in text
    assert "carnet `/carnet/` | ambassadeur@demo.test" in text
    assert (
        "| Broad term `/cas/?q=usagers` | 60000 | 20 | 20.0 ms | 25.0 ms | 24.0 ms | 30.0 ms |"
        in text
    )
    assert "| uncached | 12 | 180 MB | 150 MB |" in text
    assert "load average 0.1 before the run, 2.5 after" in text
    assert text.rstrip().endswith("Why.")


def test_write_makes_the_json_and_the_markdown(tmp_path):
    data = results([page("accueil", cached=900.0)])
    report.write(data, tmp_path)
    assert json.loads((tmp_path / "results.json").read_text()) == data
    assert (tmp_path / "REPORT.md").read_text().startswith("# Benchmark report")
