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
from django.urls import get_resolver

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


def _views_modules(patterns):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _views_modules(pattern.url_patterns)
        else:
            yield pattern.callback.__module__


def namespaces():
    """{URL namespace: app} for every namespace of the URLconf whose views live in an app:
    the app is the one whose views the namespace's URLs call."""
    found = {}
    for namespace, (_prefix, resolver) in get_resolver().namespace_dict.items():
        apps = {module.split(".")[0] for module in _views_modules(resolver.url_patterns)}
        apps &= set(RANKS)
        if apps:
            assert len(apps) == 1, f"the namespace {namespace} serves the views of {apps}"
            found[namespace] = apps.pop()
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
    expected = {
        "collectivites": "collectivites",
        "cas_pratiques": "cas_pratiques",
        "ambassadeurs": "ambassadeurs",
        "groupe": "ambassadeurs",
        "bilans": "ambassadeurs",
        "charte_n1": "ambassadeurs",
        "labos": "labos",
        "intertransfo": "intertransfo",
        "blog": "blog",
    }
    found = namespaces()
    assert {namespace: found.get(namespace) for namespace in expected} == expected


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


# One split convention: an app's models, views and forms are a module, or a package of one
# module per feature (`ambassadeurs/views/carnet.py`); never a sibling `views_x.py`; and one
# `urls.py` per app, mounted once by the composition root.
SPLIT_KINDS = ("models", "views", "forms", "urls")


def split_convention_breaches(root, apps):
    wrong = []
    for app in apps:
        for path in sorted((root / app).glob("*.py")):
            stem = path.stem
            for kind in SPLIT_KINDS:
                if stem != kind and (stem.startswith(f"{kind}_") or stem.endswith(f"_{kind}")):
                    wrong.append(f"{app}/{path.name}: a {kind} module beside {app}/{kind}")
        for kind in ("models", "views", "forms"):
            if (root / app / f"{kind}.py").exists() and (root / app / kind).is_dir():
                wrong.append(f"{app}: both {kind}.py and {kind}/")
    return wrong


def test_one_split_convention():
    assert split_convention_breaches(ROOT, RANKS) == []


def test_the_split_check_sees_a_breach(tmp_path):
    """The control: a sibling `views_x.py`, a `x_urls.py` and a module beside its package."""
    app = tmp_path / "app"
    (app / "views").mkdir(parents=True)
    for name in ("views_x.py", "groupe_urls.py", "forms_bilans.py", "views.py", "urls.py"):
        (app / name).write_text("")
    assert len(split_convention_breaches(tmp_path, ["app"])) == 4


def test_every_app_mounts_its_urls_once():
    text = (ROOT / "transfo" / "urls.py").read_text()
    for app in RANKS:
        if app == "transfo":
            continue
        assert text.count(f'include("{app}.urls")') == 1, app
