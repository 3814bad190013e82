"""A static map of metropolitan France (SVG drawn by the server, no tile server): an outline
simplified from the coast and the borders, and a point for each Transfo's collectivité."""

from dataclasses import dataclass
from math import cos, radians

# (latitude, longitude), clockwise from the Belgian border on the North Sea.
OUTLINE = [
    (51.09, 2.54),
    (50.95, 1.85),
    (50.72, 1.60),
    (50.18, 1.55),
    (49.93, 1.08),
    (49.49, 0.10),
    (49.30, -0.35),
    (49.40, -1.20),
    (49.70, -1.26),
    (49.64, -1.95),
    (48.84, -1.58),
    (48.65, -2.02),
    (48.83, -3.20),
    (48.70, -4.05),
    (48.39, -4.77),
    (48.04, -4.73),
    (47.80, -4.35),
    (47.75, -3.37),
    (47.27, -2.21),
    (46.80, -2.15),
    (46.16, -1.15),
    (45.62, -1.03),
    (44.66, -1.25),
    (43.48, -1.56),
    (43.36, -1.77),
    (42.95, -1.00),
    (42.78, 0.00),
    (42.70, 0.70),
    (42.50, 1.72),
    (42.43, 3.16),
    (42.70, 3.04),
    (43.18, 3.13),
    (43.40, 3.70),
    (43.53, 4.10),
    (43.35, 4.85),
    (43.30, 5.37),
    (43.10, 5.93),
    (43.27, 6.64),
    (43.70, 7.27),
    (43.77, 7.50),
    (44.15, 7.65),
    (44.40, 6.90),
    (45.10, 6.65),
    (45.50, 7.05),
    (45.92, 6.95),
    (46.20, 6.15),
    (46.45, 6.80),
    (46.60, 6.10),
    (47.10, 6.75),
    (47.45, 6.95),
    (47.58, 7.59),
    (48.10, 7.58),
    (48.57, 7.80),
    (48.97, 8.20),
    (49.15, 6.90),
    (49.50, 6.35),
    (49.55, 5.80),
    (49.80, 4.90),
    (50.10, 4.80),
    (49.95, 4.15),
    (50.35, 3.70),
    (50.75, 2.90),
]
CORSICA = [
    (43.00, 9.40),
    (42.55, 9.53),
    (42.00, 9.55),
    (41.40, 9.22),
    (41.60, 8.78),
    (41.90, 8.62),
    (42.38, 8.55),
    (42.65, 8.80),
]
WIDTH = 400
MARGIN = 12
MID_LATITUDE = 46.5
LONGITUDE_SCALE = cos(radians(MID_LATITUDE))


@dataclass
class MapPoint:
    x: float
    y: float
    transfo: object

    @property
    def label(self):
        return self.transfo.nom.removeprefix("Transfo ")


def _bounds():
    points = OUTLINE + CORSICA
    xs = [lon * LONGITUDE_SCALE for _, lon in points]
    ys = [lat for lat, _ in points]
    return min(xs), max(xs), min(ys), max(ys)


def _projector():
    min_x, max_x, min_y, max_y = _bounds()
    scale = (WIDTH - 2 * MARGIN) / (max_x - min_x)
    height = round((max_y - min_y) * scale + 2 * MARGIN)

    def project(latitude, longitude):
        x = (longitude * LONGITUDE_SCALE - min_x) * scale + MARGIN
        y = (max_y - latitude) * scale + MARGIN
        return round(x, 1), round(y, 1)

    return project, height


def _path(points, project):
    coordinates = [project(lat, lon) for lat, lon in points]
    return "M" + " L".join(f"{x},{y}" for x, y in coordinates) + " Z"


def france_map(transfos):
    """What the template needs to draw the map: size, outline paths, one point per Transfo
    whose collectivité has coordinates."""
    project, height = _projector()
    points = []
    for transfo in transfos:
        place = transfo.collectivite
        if place.latitude is None or place.longitude is None:
            continue
        x, y = project(place.latitude, place.longitude)
        points.append(MapPoint(x=x, y=y, transfo=transfo))
    return {
        "width": WIDTH,
        "height": height,
        "outline": _path(OUTLINE, project),
        "corsica": _path(CORSICA, project),
        "points": points,
    }
