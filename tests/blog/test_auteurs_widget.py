"""The post's authors in the Wagtail editor: checkboxes of people with a box to find a name."""

import pytest

from blog.widgets import AuteursWidget


@pytest.fixture
def editor(home):
    """An editor of the blog, in the demo's Editors group, with two-factor authentication."""
    from blog.seed import editors_group
    from tests.collectivites.factories import UserFactory
    from tests.conftest import with_totp

    user = with_totp(UserFactory(full_name="Camille Durand"))
    user.groups.add(editors_group())
    return user


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_the_editor_finds_authors_by_name_among_checkboxes(client, editor, ambassadeur, make_post):
    post = make_post("Session #9")
    post.auteurs.set([ambassadeur])
    post.save_revision().publish()
    client.force_login(editor)
    html = client.get(f"/admin/pages/{post.pk}/edit/").text
    assert '<label for="id_auteurs_filtre">Trouver une personne</label>' in html
    assert 'data-auteurs-filtre="id_auteurs"' in html
    assert 'type="checkbox" name="auteurs"' in html
    assert f'value="{ambassadeur.pk}" id="id_auteurs_' in html
    assert "js/auteurs.js" in html


def test_the_widget_keeps_the_checked_people(db, ambassadeur, peer):
    from django.contrib.auth import get_user_model

    widget = AuteursWidget()
    widget.choices = [(user.pk, str(user)) for user in get_user_model().objects.order_by("pk")]
    html = widget.render("auteurs", [ambassadeur.pk], {"id": "id_auteurs"})
    assert html.startswith('<div class="auteurs-widget" data-auteurs>')
    assert f'value="{ambassadeur.pk}" id="id_auteurs_0" checked' in html
    assert "Karim Benali" in html
    assert widget.value_from_datadict(
        {"auteurs": [str(ambassadeur.pk), str(peer.pk)]}, {}, "auteurs"
    ) == [str(ambassadeur.pk), str(peer.pk)]
