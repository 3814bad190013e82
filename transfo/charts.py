"""The site's one chart: a line over the sessions, drawn as SVG by
`templates/includes/line_chart.html` (the attendance of a group, a Transfo's indicators).
Every chart has its table beside it: the SVG is a picture of figures the page also lists."""

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 260, 48


def line_chart(values, maximum, levels):
    """Coordinates of a curve for the SVG: `values` [(label, value or None)] in order, the
    y axis from 0 to `maximum` with grid lines at `levels`; points without value are left
    out of the line (the table beside the chart says "—")."""
    inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD
    step = inner_w / (len(values) - 1) if len(values) > 1 else 0

    def y(value):
        return round(CHART_PAD + (maximum - value) * inner_h / maximum, 1)

    points = []
    for index, (label, value) in enumerate(values):
        x = round(CHART_PAD + (index * step if step else inner_w / 2), 1)
        points.append({"x": x, "y": y(value) if value is not None else None, "label": label})
    drawn = [p for p in points if p["y"] is not None]
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "points": points,
        "drawn": drawn,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in drawn),
        "grid": [{"y": y(level), "label": level} for level in levels],
        "left": CHART_PAD,
        "right": CHART_WIDTH - CHART_PAD,
        "bottom": CHART_HEIGHT - CHART_PAD + 18,
    }
