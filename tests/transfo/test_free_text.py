"""Every free text is bounded (transfo/fields.py), and a text over its bound is refused in
French and given back whole, never cut (issue 18, item 6: 5 MB were accepted)."""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail.fields import RichTextField

from ambassadeurs.models import EntreeCarnet
from transfo.fields import TEXT, FreeTextField


def project_text_fields():
    for model in apps.get_models():
        if model._meta.app_config.name not in settings.PROJECT_APPS:
            continue
        for field in model._meta.local_fields:
            if isinstance(field, models.TextField) and field.editable:
                yield f"{model._meta.label}.{field.name}", field


def test_every_editable_text_field_of_the_project_is_bounded():
    fields = dict(project_text_fields())
    assert "ambassadeurs.EntreeCarnet.texte" in fields
    unbounded = [
        name
        for name, field in fields.items()
        # Wagtail's rich text is written by editors in Wagtail's editor (its own limits).
        if not isinstance(field, RichTextField)
        and not (isinstance(field, FreeTextField) and field.max_length)
    ]
    assert unbounded == [], "make these transfo.fields.FreeTextField"


@pytest.fixture
def writer(client, ambassadeur):
    client.force_login(ambassadeur)
    return client


def test_a_bounded_textarea_has_no_maxlength_that_would_cut_a_paste(writer):
    page = writer.get("/espace/carnet/nouvelle/").content.decode()
    textarea = re.search(r"<textarea[^>]*name=\"texte\"[^>]*>", page).group(0)
    assert "maxlength" not in textarea
    assert f'data-max-length="{TEXT}"' in textarea


def test_a_100_kb_carnet_entry_is_refused_in_french_and_given_back_whole(writer, transfo):
    text = "Canari <script>alert(1)</script> =cmd|' /C calc'!A0 « guillemets » " * 1600
    assert len(text) > 100_000
    response = writer.post(
        "/espace/carnet/nouvelle/",
        {"transfo": transfo.pk, "date": "2026-12-01", "titre": "Très long", "texte": text},
    )
    assert response.status_code == 200
    content = response.content.decode()
    length = f"{len(text.strip()):,}".replace(",", "\xa0")  # French grouping (no-break space)
    assert response.context["form"].errors["texte"] == [
        f"Ce texte compte {length} caractères, pour 20\xa0000 au plus : raccourcissez-le "
        "(il vous est rendu en entier ci-dessous)."
    ]
    form = response.context["form"]
    assert form["texte"].value() == text  # the whole text comes back in the field
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert not EntreeCarnet.objects.filter(titre="Très long").exists()


def test_a_text_at_its_bound_is_accepted(writer, transfo):
    text = "é" * TEXT
    response = writer.post(
        "/espace/carnet/nouvelle/",
        {"transfo": transfo.pk, "date": "2026-12-01", "titre": "Juste", "texte": text},
    )
    assert response.status_code == 302
    assert len(EntreeCarnet.objects.get(titre="Juste").texte) == TEXT
