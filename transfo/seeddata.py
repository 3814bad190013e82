"""The demo's narrative records, read from each app's `data/*.toml` (seed_demo).

A seed module reads a file with `load(app, name, schema)`, the schema naming every key the
records may hold. A key the schema does not know, or a required key a record lacks, stops the
seed with the file and the record named: a typo in the data fails loudly instead of seeding
less. Loading stays the seed modules' business (idempotent, keyed by natural keys); this
module only reads and checks.

A schema is a dict of keys, each mapped to one of:

- `REQUIRED`; `OPTIONAL` for a key that may be left out and stays out; or the default of a
  key that may be left out;
- a dict: a table with the keys of that schema (required);
- `records(schema)`: an array of tables with the keys of that schema (empty when left out);
- `each(schema)`: a table whose keys are free (slugs, emails) and whose values follow
  `schema` (empty when left out).
"""

import copy
import tomllib
from pathlib import Path

from django.conf import settings

REQUIRED = object()
OPTIONAL = object()

# The keys that name a record in an error message, the first one it holds.
LABEL_KEYS = ("slug", "email", "titre", "nom", "prenom", "numero", "transfo")


class SeedDataError(ValueError):
    """A data file of the demo does not match the schema its seed module declares."""


class records:  # lower case: reads as a word of the schema, like `each`
    """An array of tables, each with the keys of `schema`."""

    def __init__(self, schema):
        self.schema = schema


class each:
    """A table whose keys are free, each value following `schema`."""

    def __init__(self, schema):
        self.schema = schema


def path_of(app, name):
    return Path(settings.BASE_DIR) / app / "data" / f"{name}.toml"


def load(app, name, schema):
    """The checked content of `<app>/data/<name>.toml`, defaults filled in."""
    path = path_of(app, name)
    with path.open("rb") as file:
        try:
            document = tomllib.load(file)
        except tomllib.TOMLDecodeError as error:
            raise SeedDataError(f"{path}: {error}") from error
    return _check(document, schema, path, "top level")


def _check(value, schema, path, where):
    if isinstance(schema, records):
        _expect(value, list, "an array of tables", path, where)
        return [
            _check(item, schema.schema, path, f"{where}[{index}]{_label(item)}")
            for index, item in enumerate(value)
        ]
    if isinstance(schema, each):
        _expect(value, dict, "a table", path, where)
        return {
            key: _check(item, schema.schema, path, _inner(where, key))
            for key, item in value.items()
        }
    if isinstance(schema, dict):
        _expect(value, dict, "a table", path, where)
        unknown = sorted(set(value) - set(schema))
        if unknown:
            raise SeedDataError(f"{path}: {where}: unknown key {unknown[0]!r}")
        table = {}
        for key, spec in schema.items():
            if key in value:
                table[key] = _check(value[key], spec, path, _inner(where, key))
            elif spec is REQUIRED or isinstance(spec, dict):
                raise SeedDataError(f"{path}: {where}: missing required key {key!r}")
            elif spec is OPTIONAL:
                continue
            elif isinstance(spec, records):
                table[key] = []
            elif isinstance(spec, each):
                table[key] = {}
            else:
                table[key] = copy.copy(spec)
        return table
    return value


def _inner(where, key):
    return key if where == "top level" else f"{where}.{key}"


def _expect(value, kind, description, path, where):
    if not isinstance(value, kind):
        raise SeedDataError(f"{path}: {where}: expected {description}")


def _label(item):
    if isinstance(item, dict):
        for key in LABEL_KEYS:
            if isinstance(item.get(key), str | int):
                return f" ({key} = {item[key]!r})"
    return ""
