"""The right of access and erasure ("mes données"): each app says what it holds about a person.

An app registers, in its AppConfig.ready(), a label, an exporter and an eraser:

    register_personal_data("carnet", export_carnet, erase_carnet)

- `exporter(user, files)` returns what the app holds about the person as JSON-ready data
  (dicts, lists, strings, numbers); the person's files are added with
  `files.add(fieldfile, folder)`, which returns their path inside the archive;
- `eraser(user)` runs when the person deletes their account, before the user row is
  scrubbed: private things go, shared contributions stay (they then show "Ancien·ne membre").

An app may also register a `deletion_check(user)` that returns a French message when the
account must not be deleted (the last coordinator, say), or None. This lowest layer imports
no app: the apps come to it.
"""

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PersonalData:
    label: str
    exporter: object
    eraser: object = None


_registry = {}
_deletion_checks = []


def register_personal_data(label, exporter, eraser=None):
    """Declare the part `label` of the export (and how to erase it); idempotent per label."""
    _registry[label] = PersonalData(label, exporter, eraser)


def register_deletion_check(check):
    if check not in _deletion_checks:
        _deletion_checks.append(check)


def registered():
    return dict(_registry)


class FileCollector:
    """The person's files for the archive: each stored file once, under a readable path."""

    def __init__(self):
        self.files = {}  # archive path -> FieldFile

    def add(self, fieldfile, folder):
        if not fieldfile or not fieldfile.name:
            return None
        base = os.path.basename(fieldfile.name)
        path = f"fichiers/{folder}/{base}"
        counter = 1
        while path in self.files and self.files[path].name != fieldfile.name:
            counter += 1
            path = f"fichiers/{folder}/{counter}-{base}"
        self.files[path] = fieldfile
        return path


def _default(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def collect(user):
    """({label: data}, FileCollector) of everything the apps hold about the person."""
    files = FileCollector()
    data = {label: part.exporter(user, files) for label, part in sorted(_registry.items())}
    return data, files


def write_archive(user, zip_file):
    """Write `donnees.json` and the person's files into an open ZipFile; the file count."""
    data, files = collect(user)
    zip_file.writestr(
        "donnees.json", json.dumps(data, default=_default, ensure_ascii=False, indent=2)
    )
    missing = []
    for path, fieldfile in sorted(files.files.items()):
        try:
            with fieldfile.storage.open(fieldfile.name, "rb") as handle:
                zip_file.writestr(path, handle.read())
        except FileNotFoundError:
            missing.append(path)
    if missing:
        zip_file.writestr("fichiers-manquants.txt", "\n".join(missing))
    return len(files.files) - len(missing)


def deletion_refusals(user):
    """French messages of the reasons why the account cannot be deleted now (none: it can)."""
    return [message for check in _deletion_checks if (message := check(user))]


def erase(user):
    """Run every app's eraser for the person (in the caller's transaction)."""
    for _label, part in sorted(_registry.items()):
        if part.eraser is not None:
            part.eraser(user)


ANONYMOUS_NAME = _("Ancien·ne membre")
