"""Server-rendered pictures of a labo: the side-by-side diff, the spectrum chart, the map.

Each returns plain data (or escaped HTML for the diff) that a template draws; every picture
is paired on its page with a table of the same figures.
"""

import difflib
import math
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from labos.choices import RELATION_SHAPES, Perimetre, Relation

TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class DiffRow:
    label: str
    old: str
    new: str
    changed: bool


def diff_texts(old, new):
    """The two texts as HTML, deletions in <del> on the left, additions in <ins> on the right.

    Word by word (whitespace kept), so a changed word is marked, not its whole paragraph;
    a hidden prefix says "supprimé" / "ajouté" for screen readers, which ignore the elements.
    """
    old_tokens, new_tokens = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    left, right = [], []
    deleted, added = _("supprimé : "), _("ajouté : ")
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before = escape("".join(old_tokens[i1:i2]))
        after = escape("".join(new_tokens[j1:j2]))
        if tag == "equal":
            left.append(before)
            right.append(after)
            continue
        if before:
            left.append(f'<del><span class="visually-hidden">{deleted}</span>{before}</del>')
        if after:
            right.append(f'<ins><span class="visually-hidden">{added}</span>{after}</ins>')
    changed = old_tokens != new_tokens
    return mark_safe("".join(left)), mark_safe("".join(right)), changed


# Spectrum chart ---------------------------------------------------------------------------

CHART_WIDTH = 640
ROW_HEIGHT = 64
LINE_LEFT = 40
LINE_RIGHT = 600
MARKERS = ["cercle", "carre", "losange", "triangle", "anneau"]


@dataclass
class Serie:
    """One thing placed on the spectrums: a version of a plan, or a labo."""

    label: str
    positions: dict
    marker: str = "cercle"
    index: int = 0


@dataclass
class ChartRow:
    axe: object
    y: int
    label_y: int
    stops: list
    points: list = field(default_factory=list)
    cells: list = field(default_factory=list)


def spectrum_chart(axes, series):
    """Coordinates of each serie's marker on each axis, offset vertically when they coincide."""
    for index, serie in enumerate(series):
        serie.index = index + 1
        serie.marker = MARKERS[index % len(MARKERS)]
    rows = []
    for n, axe in enumerate(axes):
        y = 40 + n * ROW_HEIGHT
        span = LINE_RIGHT - LINE_LEFT
        stops = [LINE_LEFT + round(span * k / axe.maximum) for k in range(axe.crans)]
        row = ChartRow(axe=axe, y=y, label_y=y - 14, stops=stops)
        taken = {}
        for serie in series:
            value = serie.positions.get(axe.slug)
            if not isinstance(value, int) or not 0 <= value <= axe.maximum:
                row.cells.append(axe.describe(None))
                continue
            row.cells.append(axe.describe(value))
            x = stops[value]
            offset = taken.get(x, 0)
            taken[x] = offset + 1
            row.points.append(
                {"serie": serie, "x": x + offset * 14, "y": y, "label_y": y + 22, "value": value}
            )
        rows.append(row)
    return {
        "width": CHART_WIDTH,
        "height": 40 + len(axes) * ROW_HEIGHT,
        "left": LINE_LEFT,
        "right": LINE_RIGHT,
        "rows": rows,
        "series": series,
    }


# Ecosystem map ----------------------------------------------------------------------------

MAP_WIDTH = 900
MAP_HEIGHT = 560


def ecosystem_map(acteurs):
    """The labo in the middle, internal actors on a half-ring to the left, external to the right.

    Each actor has a shape and a colour for its relation (the legend gives both) and its name
    written beside it, so the picture reads in greyscale.
    """
    cx, cy = MAP_WIDTH // 2, MAP_HEIGHT // 2
    nodes = []
    for perimetre, side in ((Perimetre.INTERNE, -1), (Perimetre.EXTERNE, 1)):
        group = [a for a in acteurs if a.perimetre == perimetre]
        count = len(group)
        for k, acteur in enumerate(group):
            # Spread over a half-circle from top to bottom, radius alternating for room.
            angle = math.pi * (k + 1) / (count + 1)
            radius = 200 if k % 2 == 0 else 150
            x = cx + side * radius * math.sin(angle)
            y = cy - 230 * math.cos(angle)
            nodes.append(
                {
                    "acteur": acteur,
                    "x": round(x),
                    "y": round(y),
                    "shape": RELATION_SHAPES[Relation(acteur.relation)],
                    "text_x": round(x + side * 14),
                    "anchor": "end" if side < 0 else "start",
                }
            )
    legend = [
        {"relation": relation, "shape": RELATION_SHAPES[relation], "y": 24 + i * 24}
        for i, relation in enumerate(Relation)
    ]
    return {
        "width": MAP_WIDTH,
        "height": MAP_HEIGHT,
        "cx": cx,
        "cy": cy,
        "nodes": nodes,
        "legend": legend,
        "interne_x": 24,
        "externe_x": MAP_WIDTH - 24,
    }
