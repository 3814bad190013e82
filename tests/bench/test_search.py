import pytest

from bench.search import BROAD_TERM, NARROW_TERM, percentile, searches


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(0.5, 10), (0.95, 19), (0.99, 20), (1.0, 20), (0.01, 1)],
)
def test_percentile_is_the_nearest_rank(fraction, expected):
    assert percentile(list(range(20, 0, -1)), fraction) == expected


def test_percentile_of_few_runs_is_the_slowest_for_p95():
    assert percentile([12.0, 30.0, 15.0], 0.95) == 30.0


def test_searches_cover_broad_and_narrow_terms_with_and_without_a_facet():
    terms = [(params["q"], "type_sujet" in params) for _name, params in searches()]
    assert terms == [
        (BROAD_TERM, False),
        (NARROW_TERM, False),
        (BROAD_TERM, True),
        (NARROW_TERM, True),
    ]
