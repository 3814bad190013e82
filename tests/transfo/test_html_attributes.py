"""Valid HTML for the Nu validator (issue 22, item 3): htmx's attributes are written with the
`data-` prefix htmx reads too (`data-hx-get`), never as `hx-*`, which HTML does not define."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE_HTMX = re.compile(r'(?<=[\s"])hx-[a-z-]+=')


def test_no_template_writes_a_bare_htmx_attribute():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted(ROOT.glob("templates/**/*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if BARE_HTMX.search(line)
    ]
    assert not offenders, "write data-hx-…:\n" + "\n".join(offenders)
