"""The apps' order (DESIGN.md) holds in templates and in names, not only in imports.

`lint-imports` (import-linter's layers contract in pyproject.toml, run by `.ci/run`)
refuses a Python import of a higher app. This test refuses what it cannot see: a template
or a module of an app naming the URL of a higher app (`{% url 'labos:plan' %}`,
`reverse("labos:plan")`) or one of its rules (`{% test_rule "ambassadeurs.x" %}`,
`has_perm("ambassadeurs.x")`). A lower page shows higher features through a registry
(collectivites.links, transfo.mydata, transfo.events, transfo.sitemaps).
"""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Rank of each app: an app may name its own URLs and rules and those of lower ranks.
# Apps of one rank are independent of each other.
RANKS = {
    "transfo": 0,
    "collectivites": 1,
    "cas_pratiques": 2,
    "ambassadeurs": 3,
    "labos": 3,
    "intertransfo": 4,
    "blog": 4,
}
# The composition root knows every app: the URLconf, the settings and the site's menu.
COMPOSITION_ROOT = {"transfo/urls.py", "transfo/navigation.py", "transfo/settings.py"}

URL_NAME = re.compile(r"""(?:\{%\s*url\s+|\breverse(?:_lazy)?\(\s*|\bredirect\(\s*)["'](\w+):""")
RULE_NAME = re.compile(
    r"""(?:\{%\s*(?:test_rule|has_perm|test_perm)\s+|\b(?:has_perm|test_rule|test_perm)\(\s*)"""
    r"""["'](\w+)\.\w+["']|\bperms\.(\w+)\.\w+"""
)


def namespaces():
    """{URL namespace: app} from the `app_name` of every URL module of the apps."""
    found = {}
    for app in RANKS:
        for module in (ROOT / app).rglob("*urls*.py"):
            match = re.search(r"""^app_name\s*=\s*["'](\w+)["']""", module.read_text(), re.M)
            if match:
                found[match.group(1)] = app
    return found


def sources():
    """(app, path, text) of every template and module of the apps (tests, migrations and
    the composition root aside)."""
    for app in RANKS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" not in path.parts and relative not in COMPOSITION_ROOT:
                yield app, relative, path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "templates" / app).rglob("*.html")):
            yield app, path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "templates").glob("*.html")):
        yield "transfo", path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "templates" / "includes").rglob("*.html")):
        yield "transfo", path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def allowed(app, target):
    return target == app or RANKS[target] < RANKS[app]


def test_the_url_namespaces_are_known():
    assert {"collectivites", "cas_pratiques", "groupe", "labos", "intertransfo"} <= set(
        namespaces()
    )


def test_no_app_names_a_higher_apps_url_or_rule():
    owners = namespaces()
    wrong = []
    for app, path, text in sources():
        for match in URL_NAME.finditer(text):
            target = owners.get(match.group(1))
            if target and not allowed(app, target):
                wrong.append(f"{path}: URL {match.group(1)}: of {target}")
        for match in RULE_NAME.finditer(text):
            target = match.group(1) or match.group(2)
            if target in RANKS and not allowed(app, target):
                wrong.append(f"{path}: rule {target}.…")
    assert wrong == [], "\n".join(wrong)


def test_the_check_sees_a_violation(tmp_path):
    """The control: the patterns find what the test is there to refuse."""
    samples = [
        "{% url 'labos:plan' transfo.slug %}",
        'reverse("groupe:groupe", args=[slug])',
        '{% test_rule "ambassadeurs.follow_group" user transfo as x %}',
        'request.user.has_perm("labos.publish_labo", transfo)',
        "{% if perms.intertransfo.view %}",
    ]
    found = [bool(URL_NAME.search(s) or RULE_NAME.search(s)) for s in samples]
    assert found == [True] * len(samples)
