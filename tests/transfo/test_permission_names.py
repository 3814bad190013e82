"""A permission is asked the way it was registered (issue 23, item 1).

django-rules keeps two registries: `rules.add_perm` names answer `user.has_perm(...)` and
`{% has_perm %}`; `rules.add_rule` names answer `rules.test_rule(...)` and `{% test_rule %}`.
Asking `has_perm` for a name registered with `add_rule` silently refuses everyone but
superusers, and the other way round raises nothing either. This test reads every name asked
in the project's code and templates and checks it is registered where it is asked.
"""

import re
from pathlib import Path

import rules
from django.conf import settings
from django.contrib.auth.models import Permission

ROOT = Path(settings.BASE_DIR)
# The project's apps, as folders (transfo.users lives inside transfo).
APPS = [app for app in settings.PROJECT_APPS if "." not in app]
HAS_PERM = re.compile(
    r"""(?:\bhas_perm\(\s*|\{%\s*has_perm\s+|permission_required\(\s*)["'](\w+\.\w+)["']"""
)
TEST_RULE = re.compile(r"""(?:\btest_rule\(\s*|\{%\s*test_rule\s+)["'](\w+\.\w+)["']""")


def sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "templates").rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")


def asked(pattern):
    return {
        (name, path.relative_to(ROOT).as_posix())
        for path, text in sources()
        for name in pattern.findall(text)
    }


def django_permission(name):
    app_label, codename = name.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def test_every_has_perm_asks_a_registered_permission(db):
    wrong = sorted(
        f"{path}: {name}"
        for name, path in asked(HAS_PERM)
        if not rules.perm_exists(name) and not django_permission(name)
    )
    assert wrong == [], "register with rules.add_perm, or ask with test_rule"


def test_every_test_rule_asks_a_registered_rule():
    wrong = sorted(
        f"{path}: {name}" for name, path in asked(TEST_RULE) if not rules.rule_exists(name)
    )
    assert wrong == [], "register with rules.add_rule, or ask with has_perm"


def test_the_check_sees_both_kinds_of_question():
    """The control: both kinds are found, and a rule asked as a permission would be caught."""
    assert asked(HAS_PERM) and asked(TEST_RULE)
    assert rules.rule_exists("ambassadeurs.follow_group")
    assert not rules.perm_exists("ambassadeurs.follow_group")
    assert HAS_PERM.findall('request.user.has_perm("labos.publish_labo", transfo)') == [
        "labos.publish_labo"
    ]
    assert TEST_RULE.findall('{% test_rule "ambassadeurs.follow_group" user transfo as x %}') == [
        "ambassadeurs.follow_group"
    ]
