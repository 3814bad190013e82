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


# How many token pairs one diff may compare, in all (SequenceMatcher's worst case grows
# faster than the product of the lengths: 2,000 repetitive words took 13 s, 4,000 took 100 s).
# Within it, a changed paragraph is marked word by word; past it, a block is marked whole.
DIFF_BUDGET = 200_000
LINES = re.compile(r"[^\n]*\n|[^\n]+")


class _Differ:
    """Opcodes (as SequenceMatcher's) in bounded time: common head and tail first, then
    paragraph by paragraph, then word by word inside a changed paragraph, while the budget
    lasts."""

    def __init__(self, budget=DIFF_BUDGET):
        self.budget = budget

    def opcodes(self, a, b):
        start = 0
        while start < min(len(a), len(b)) and a[start] == b[start]:
            start += 1
        end = 0
        while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
            end += 1
        a_end, b_end = len(a) - end, len(b) - end
        ops = [("equal", 0, start, 0, start)] if start else []
        if start < a_end or start < b_end:
            cost = (a_end - start) * (b_end - start)
            if cost <= self.budget:
                self.budget -= cost
                matcher = difflib.SequenceMatcher(
                    a=a[start:a_end], b=b[start:b_end], autojunk=False
                )
                ops += [
                    (tag, i1 + start, i2 + start, j1 + start, j2 + start)
                    for tag, i1, i2, j1, j2 in matcher.get_opcodes()
                ]
            else:
                ops.append(("replace", start, a_end, start, b_end))
        if end:
            ops.append(("equal", a_end, len(a), b_end, len(b)))
        return ops


def _token_opcodes(old, new):
    """(old tokens, new tokens, opcodes): paragraphs compared first, words inside the
    paragraphs that changed."""
    differ = _Differ()
    old_lines, new_lines = LINES.findall(old), LINES.findall(new)
    old_tokens, new_tokens, ops = [], [], []
    for tag, i1, i2, j1, j2 in differ.opcodes(old_lines, new_lines):
        a = TOKENS.findall("".join(old_lines[i1:i2]))
        b = TOKENS.findall("".join(new_lines[j1:j2]))
        base_a, base_b = len(old_tokens), len(new_tokens)
        old_tokens += a
        new_tokens += b
        inner = [("equal", 0, len(a), 0, len(b))] if tag == "equal" else differ.opcodes(a, b)
        ops += [
            (t, x1 + base_a, x2 + base_a, y1 + base_b, y2 + base_b) for t, x1, x2, y1, y2 in inner
        ]
    return old_tokens, new_tokens, ops


def diff_texts(old, new):
    """The two texts as HTML, deletions in <del> on the left, additions in <ins> on the right.

    Word by word (whitespace kept), so a changed word is marked, not its whole paragraph;
    a hidden prefix says "supprimé" / "ajouté" for screen readers, which ignore the elements.
    The work is bounded (`DIFF_BUDGET`): a long, much changed text is marked by paragraph.
    """
    old_tokens, new_tokens, opcodes = _token_opcodes(old or "", new or "")
    left, right = [], []
    deleted, added = _("supprimé : "), _("ajouté : ")
    for tag, i1, i2, j1, j2 in opcodes:
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
