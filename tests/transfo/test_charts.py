"""The site's one line chart (transfo.charts.line_chart)."""

from transfo.charts import CHART_HEIGHT, CHART_PAD, CHART_WIDTH, line_chart


def test_points_span_the_width_and_the_values_the_height():
    chart = line_chart([(1, 0), (2, 50), (3, 100)], 100, [0, 50, 100])
    xs = [p["x"] for p in chart["points"]]
    ys = [p["y"] for p in chart["points"]]
    assert xs == [CHART_PAD, CHART_WIDTH / 2, CHART_WIDTH - CHART_PAD]
    assert ys == [CHART_HEIGHT - CHART_PAD, CHART_HEIGHT / 2, CHART_PAD]
    assert [line["label"] for line in chart["grid"]] == [0, 50, 100]
    assert chart["polyline"] == " ".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True))


def test_a_session_without_value_keeps_its_label_but_leaves_the_line():
    chart = line_chart([(1, 3), (2, None), (3, 5)], 5, [1, 5])
    assert [p["label"] for p in chart["points"]] == [1, 2, 3]
    assert [p["label"] for p in chart["drawn"]] == [1, 3]
    assert chart["polyline"].count(",") == 2


def test_a_single_session_stands_in_the_middle():
    chart = line_chart([(1, 80)], 100, [0, 100])
    assert chart["points"][0]["x"] == CHART_WIDTH / 2
