"""One way to ask "may they?" (issue 23, item 1): `user.has_perm(name, obj)` and
`{% has_perm %}`, on names registered with `rules.add_perm`.

django-rules keeps a second registry (`rules.add_rule`, asked with `rules.test_rule`); asking
`has_perm` for a name registered there silently refuses everyone but superusers. The project
uses the first only, and `User.has_perm` gives an object permission by the rules alone,
superuser or not. This test reads every name asked in the project's code and templates and
checks it is a registered permission, and that nothing registers or asks a bare rule.
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
ADD_RULE = re.compile(r"\brules\.add_rule\(")


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
    assert wrong == [], "register the name with rules.add_perm"


def test_nothing_registers_or_asks_a_bare_rule():
    wrong = sorted(f"{path}: {name}" for name, path in asked(TEST_RULE))
    wrong += sorted(
        path.relative_to(ROOT).as_posix() for path, text in sources() if ADD_RULE.search(text)
    )
    assert wrong == [], "register with rules.add_perm and ask with has_perm"


def test_the_check_sees_every_kind_of_question():
    """The control: the patterns find a permission, a bare rule asked, a bare rule added."""
    assert asked(HAS_PERM)
    assert HAS_PERM.findall('request.user.has_perm("labos.publish_labo", transfo)') == [
        "labos.publish_labo"
    ]
    assert TEST_RULE.findall('{% test_rule "ambassadeurs.follow_group" user transfo as x %}') == [
        "ambassadeurs.follow_group"
    ]
    assert ADD_RULE.search('rules.add_rule("ambassadeurs.x", is_author)')


def test_a_superuser_gets_model_permissions_but_objects_only_by_the_rules(db):
    """`User.has_perm`: Django's answer without an object (the admins), the rules' with one."""
    from tests.ambassadeurs.factories import EntreeCarnetFactory
    from tests.collectivites.factories import UserFactory

    superuser = UserFactory(is_superuser=True, is_staff=True)
    entree = EntreeCarnetFactory()
    assert superuser.has_perm("wagtailadmin.access_admin")
    assert superuser.has_perm("cas_pratiques.view_cas") is True
    assert not superuser.has_perm("ambassadeurs.read_entree", entree)
    assert not superuser.has_perm("ambassadeurs.change_entree", entree)
    assert entree.auteur.has_perm("ambassadeurs.change_entree", entree)
    assert not superuser.has_perm("ambassadeurs.no_such_permission", entree)
