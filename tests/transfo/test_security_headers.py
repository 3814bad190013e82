"""The Content Security Policy every page carries, and the relaxation only the admins get."""

import pytest


def directives(response):
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/transfos/", "/methodes/", "/comptes/login/"])
def test_public_pages_allow_no_inline_script_nor_framing(client, path):
    policy = directives(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_private_pages_carry_the_same_policy(client, resident, transfo):
    client.force_login(resident)
    policy = directives(client.get(f"/espace/transfos/{transfo.slug}/sessions/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_the_wagtail_admin_gets_inline_scripts_and_may_frame_its_preview(client, coordinateur):
    client.force_login(coordinateur)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
