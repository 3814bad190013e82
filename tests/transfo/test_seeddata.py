"""The demo's data files (transfo/seeddata.py): a typo fails loudly, naming the file and the
record, and every data file of the project is read by a seed module and passes its checks."""

import importlib
from pathlib import Path

import pytest
from django.conf import settings

from transfo import seeddata
from transfo.seeddata import OPTIONAL, REQUIRED, SeedDataError, each, records

SCHEMA = {
    "transfo": REQUIRED,
    "cas": records({"titre": REQUIRED, "resume": "", "porteur": OPTIONAL}),
    "equipes": each({"nom": REQUIRED}),
}


@pytest.fixture
def data_file(tmp_path, settings):
    """Write `demo/data/essai.toml` under a temporary BASE_DIR."""
    settings.BASE_DIR = tmp_path
    (tmp_path / "demo" / "data").mkdir(parents=True)

    def write(text):
        path = tmp_path / "demo" / "data" / "essai.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_load_fills_defaults_and_leaves_optional_keys_out(data_file):
    data_file(
        'transfo = "metz"\n'
        '[[cas]]\ntitre = "Les bureaux volants"\n'
        "[equipes.bleue]\nnom = '''\nBleue\net blanche'''\n"
    )

    assert seeddata.load("demo", "essai", SCHEMA) == {
        "transfo": "metz",
        "cas": [{"titre": "Les bureaux volants", "resume": ""}],
        "equipes": {"bleue": {"nom": "Bleue\net blanche"}},
    }


def test_unknown_key_names_the_file_and_the_record(data_file):
    path = data_file('transfo = "metz"\n[[cas]]\ntitre = "Les bureaux volants"\nresumee = "x"\n')

    with pytest.raises(SeedDataError) as error:
        seeddata.load("demo", "essai", SCHEMA)

    assert str(error.value) == (
        f"{path}: cas[0] (titre = 'Les bureaux volants'): unknown key 'resumee'"
    )


def test_missing_required_key_names_the_file_and_the_record(data_file):
    path = data_file('transfo = "metz"\n[[cas]]\nresume = "x"\n[equipes.bleue]\n')

    with pytest.raises(SeedDataError) as error:
        seeddata.load("demo", "essai", SCHEMA)

    assert str(error.value) == f"{path}: cas[0]: missing required key 'titre'"


def test_unknown_key_in_a_keyed_table_names_its_key(data_file):
    path = data_file('transfo = "metz"\n[equipes.bleue]\ncouleur = "bleu"\n')

    with pytest.raises(SeedDataError) as error:
        seeddata.load("demo", "essai", SCHEMA)

    assert str(error.value) == f"{path}: equipes.bleue: unknown key 'couleur'"


def test_missing_required_top_level_key_names_the_file(data_file):
    path = data_file("[[cas]]\ntitre = 'x'\n")

    with pytest.raises(SeedDataError, match=f"^{path}: top level: missing required key 'transfo'$"):
        seeddata.load("demo", "essai", SCHEMA)


def test_invalid_toml_names_the_file(data_file):
    path = data_file('transfo = "metz\n')

    with pytest.raises(SeedDataError, match=f"^{path}: "):
        seeddata.load("demo", "essai", SCHEMA)


def test_every_data_file_is_read_by_a_seed_module_and_passes_its_checks(monkeypatch):
    base = Path(settings.BASE_DIR)
    read = []
    load = seeddata.load

    def spy(app, name, schema):
        read.append(seeddata.path_of(app, name))
        return load(app, name, schema)

    monkeypatch.setattr(seeddata, "load", spy)
    for app in settings.PROJECT_APPS:
        for path in sorted([*(base / app).glob("seed.py"), *(base / app).glob("seed_*.py")]):
            # Reloaded: the seed module reads its data files again, through the spy.
            importlib.reload(importlib.import_module(f"{app}.{path.stem}"))

    files = {path for app in settings.PROJECT_APPS for path in (base / app).glob("data/*.toml")}
    assert files
    assert set(read) == files
