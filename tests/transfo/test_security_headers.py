"""The Content Security Policy every page carries, and the relaxation only the admins get."""

import re

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
    response = client.get(path)
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_private_pages_carry_the_same_policy(client, resident, transfo):
    client.force_login(resident)
    policy = directives(client.get(f"/espace/transfos/{transfo.slug}/sessions/"))
    assert policy["script-src"][0] == "'self'"
    assert policy["script-src"][1].startswith("'nonce-")
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


def test_every_script_carries_the_nonce_of_its_response(client, db):
    response = client.get("/transfos/")
    nonce = directives(response)["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    assert scripts
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    # A fresh nonce for every response: a nonce seen once is worth nothing later.
    assert nonce not in client.get("/transfos/").headers["Content-Security-Policy"]


def test_no_template_writes_a_script_without_the_nonce():
    from django.conf import settings

    offenders = [
        f"{path}: {tag}"
        for path in settings.BASE_DIR.joinpath("templates").rglob("*.html")
        for tag in re.findall(r"<script\b[^>]*>", path.read_text())
        if "request.csp_nonce" not in tag
    ]
    assert offenders == []
