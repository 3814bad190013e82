"""Import of the group of a Transfo from a CSV or XLSX file (read with tablib).

The file is checked as a whole before anything is written: every row gets its errors in
French, and the import runs only when there are none. People are matched on their e-mail:
an unknown one gets an account without a password (no mail is sent: invitations are sent
separately) and a participation; a known one keeps their account as it is. The columns
of the file overwrite the profile's values (an empty cell clears one); a column the file
does not have is left alone. Importing the same file twice changes nothing the second time.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ambassadeurs.choices import Categorie, Genre
from ambassadeurs.models import CERCLE_ROLES, AmbassadeurProfile, normalise_tags
from collectivites.choices import Role
from collectivites.models import Participation, forget_roles

MAX_IMPORT_SIZE = 2 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")
XLSX_SIGNATURE = b"PK\x03\x04"

# The columns of the import and of the export, in order: (key, header).
COLUMNS = [
    ("nom", "Nom"),
    ("email", "E-mail"),
    ("cercle", "Cercle"),
    ("direction", "Direction"),
    ("service", "Service"),
    ("metier", "Métier"),
    ("categorie", "Catégorie"),
    ("genre", "Genre"),
    ("n1_nom", "N+1"),
    ("n1_email", "E-mail du N+1"),
    ("roles", "Rôles"),
    ("passions", "Passions et talents"),
    ("date_entree", "Date d'entrée"),
]
HEADERS = dict(COLUMNS)
PROFILE_FIELDS = (
    "direction",
    "service",
    "metier",
    "categorie",
    "genre",
    "n1_nom",
    "n1_email",
    "roles",
    "passions",
)
REQUIRED = ("nom", "email")


def _plain(text):
    """'E-mail du N+1 ' → 'e-mail du n+1': lower case, no accents, single spaces."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.replace("’", "'").lower().split())


# Headers as people write them, mapped to the columns.
ALIASES = {_plain(header): key for key, header in COLUMNS} | {
    "email": "email",
    "mail": "email",
    "adresse e-mail": "email",
    "nom complet": "nom",
    "prenom nom": "nom",
    "metier / fonction": "metier",
    "fonction": "metier",
    "categorie (a, b, c)": "categorie",
    "n+1 (nom)": "n1_nom",
    "nom du n+1": "n1_nom",
    "email du n+1": "n1_email",
    "e-mail n+1": "n1_email",
    "roles dans le groupe": "roles",
    "passions": "passions",
    "talents": "passions",
    "entree": "date_entree",
    "date d'entree": "date_entree",
}
# An empty cercle keeps the person's (ambassadeur for a newcomer).
CERCLES = {
    "": "",
    "ambassadeur": Role.AMBASSADEUR,
    "ambassadrice": Role.AMBASSADEUR,
    "ambassadeurrice": Role.AMBASSADEUR,
    "relais": Role.RELAIS,
}
CATEGORIES = {"": ""} | {c.value.lower(): c.value for c in Categorie}
CATEGORIES |= {f"categorie {c.value.lower()}": c.value for c in Categorie}
GENRES = {"": "", "f": Genre.FEMME, "h": Genre.HOMME} | {_plain(g.value): g.value for g in Genre}
GENRES |= {_plain(g.label): g.value for g in Genre}
MAX_LENGTHS = {
    "nom": 150,
    "direction": 200,
    "service": 200,
    "metier": 200,
    "n1_nom": 200,
    "roles": 300,
    "passions": 500,
}


# What importing a row does.
NOUVEAU, AJOUT, MISE_A_JOUR, INCHANGE = "nouveau", "ajout", "mise_a_jour", "inchange"
ACTIONS = {
    NOUVEAU: _lazy("Nouveau compte"),
    AJOUT: _lazy("Ajout au groupe"),
    MISE_A_JOUR: _lazy("Mise à jour"),
    INCHANGE: _lazy("Inchangé"),
}


class ImportFileError(Exception):
    """The file cannot be read at all (wrong type, too big, no header): said in French."""


@dataclass
class ImportRow:
    number: int
    values: dict
    errors: list = field(default_factory=list)
    action: str = ""

    @property
    def action_label(self):
        return ACTIONS.get(self.action, "")


@dataclass
class ImportPreview:
    columns: list
    rows: list
    errors: list

    @property
    def valid(self):
        return not self.errors and all(not row.errors for row in self.rows)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)


# Reading -------------------------------------------------------------------------------


def check_file(upload):
    """Refuse what is not a CSV or XLSX file of at most 2 MB; return its extension."""
    name = (upload.name or "").lower()
    extension = next((ext for ext in EXTENSIONS if name.endswith(ext)), None)
    if extension is None:
        raise ImportFileError(_("Le fichier doit être un tableau CSV (.csv) ou Excel (.xlsx)."))
    if upload.size > MAX_IMPORT_SIZE:
        raise ImportFileError(_("Le fichier dépasse 2 Mo : découpez-le ou retirez des colonnes."))
    upload.seek(0)
    head = upload.read(4)
    upload.seek(0)
    if (extension == ".xlsx") != (head == XLSX_SIGNATURE):
        raise ImportFileError(
            _("Le contenu du fichier ne correspond pas à son extension (%(ext)s).")
            % {"ext": extension}
        )
    return extension


def _decode(content):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Le fichier CSV n'est ni en UTF-8 ni en Windows-1252."))


def read_dataset(content, extension):
    """The file's rows as a tablib Dataset with headers (the first sheet of an XLSX)."""
    if extension == ".xlsx":
        try:
            return tablib.Dataset().load(io.BytesIO(content), format="xlsx")
        except Exception as error:  # zipfile, openpyxl: any damaged workbook
            raise ImportFileError(_("Le classeur Excel est illisible ou endommagé.")) from error
    text = _decode(content)
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        return tablib.Dataset().load(text, format="csv", delimiter=delimiter)
    except (csv.Error, tablib.InvalidDimensions) as error:
        raise ImportFileError(_("Le fichier n'a pas pu être lu comme un tableau.")) from error


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value
    return " ".join(str(value).split())


# Checking ------------------------------------------------------------------------------


def _parse_date(value):
    if isinstance(value, date):
        return value
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError


def _clean_row(number, raw):
    """The row's values, cleaned, with an error in French for each wrong cell."""
    row = ImportRow(number, {})
    values = row.values
    for key, value in raw.items():
        values[key] = value
        if isinstance(value, str) and len(value) > MAX_LENGTHS.get(key, 254):
            row.errors.append(
                _("« %(col)s » : %(n)s caractères au plus.")
                % {"col": HEADERS[key], "n": MAX_LENGTHS.get(key, 254)}
            )
    for key in REQUIRED:
        if key in values and not values[key]:
            row.errors.append(_("« %(col)s » est obligatoire.") % {"col": HEADERS[key]})
    for key in ("email", "n1_email"):
        if values.get(key):
            values[key] = str(values[key]).lower()
            try:
                validate_email(values[key])
            except ValidationError:
                row.errors.append(
                    _("« %(col)s » : « %(value)s » n'est pas une adresse e-mail valide.")
                    % {"col": HEADERS[key], "value": values[key]}
                )
    lookups = {"cercle": CERCLES, "categorie": CATEGORIES, "genre": GENRES}
    expected = {
        "cercle": _("ambassadeur ou relais"),
        "categorie": _("A, B ou C"),
        "genre": _("femme, homme, autre, ou vide"),
    }
    for key, table in lookups.items():
        if key in values:
            found = table.get(_plain(values[key]))
            if found is None:
                row.errors.append(
                    _("« %(col)s » : « %(value)s » n'est pas reconnu (attendu : %(expected)s).")
                    % {"col": HEADERS[key], "value": values[key], "expected": expected[key]}
                )
            else:
                values[key] = found
    if "passions" in values:
        values["passions"] = normalise_tags(values["passions"])
    if values.get("date_entree"):
        try:
            values["date_entree"] = _parse_date(values["date_entree"])
        except ValueError:
            row.errors.append(
                _("« %(col)s » : « %(value)s » n'est pas une date (attendu : JJ/MM/AAAA).")
                % {"col": HEADERS["date_entree"], "value": values["date_entree"]}
            )
    elif "date_entree" in values:
        values["date_entree"] = None
    return row


def _action(row, user, participation):
    """What importing the row will do, or an error if the person has another role here."""
    values = row.values
    if user is None:
        return NOUVEAU
    if participation is None:
        return AJOUT
    if participation.role not in CERCLE_ROLES:
        row.errors.append(
            _("%(email)s est déjà membre de la Transfo comme %(role)s.")
            % {"email": values["email"], "role": participation.get_role_display().lower()}
        )
        return ""
    profile = getattr(participation, "profil", None)
    changed = _changed_fields(values, participation, profile)
    return MISE_A_JOUR if changed else INCHANGE


def _changed_fields(values, participation, profile):
    changes = []
    if (values.get("cercle") or participation.role) != participation.role:
        changes.append("cercle")
    if values.get("date_entree") and values["date_entree"] != participation.date_entree:
        changes.append("date_entree")
    for name in PROFILE_FIELDS:
        if name in values and (profile is None or getattr(profile, name) != values[name]):
            changes.append(name)
    if profile is None and not changes:
        changes.append("profil")
    return changes


def preview(dataset, transfo):
    """Check every row of the file against the Transfo: nothing is written."""
    if not dataset.headers:
        raise ImportFileError(
            _("Le fichier est vide : la première ligne doit nommer les colonnes.")
        )
    keys = [ALIASES.get(_plain(header)) for header in dataset.headers]
    errors = []
    missing = [HEADERS[key] for key in REQUIRED if key not in keys]
    if missing:
        errors.append(
            _("Colonnes obligatoires manquantes : %(cols)s.") % {"cols": ", ".join(missing)}
        )
    rows = []
    for number, record in enumerate(dataset, start=2):
        raw = {key: _cell(value) for key, value in zip(keys, record, strict=False) if key}
        if not any(value for value in raw.values()):
            continue
        rows.append(_clean_row(number, raw))
    if not rows and not errors:
        errors.append(_("Le fichier n'a aucune ligne à importer."))

    seen = {}
    for row in rows:
        email = row.values.get("email")
        if email and email in seen:
            row.errors.append(
                _("%(email)s apparaît déjà ligne %(line)s.") % {"email": email, "line": seen[email]}
            )
        elif email:
            seen[email] = row.number

    users = {u.email: u for u in get_user_model().objects.filter(email__in=list(seen))}
    participations = {
        p.user_id: p
        for p in Participation.objects.filter(transfo=transfo, user__in=users.values())
        .select_related("profil")
        .order_by()
    }
    for row in rows:
        user = users.get(row.values.get("email"))
        participation = participations.get(user.pk) if user else None
        if not row.errors:
            row.action = _action(row, user, participation)
    columns = [(key, HEADERS[key]) for key, _header in COLUMNS if key in keys]
    return ImportPreview(columns=columns, rows=rows, errors=errors)


# Writing -------------------------------------------------------------------------------


@transaction.atomic
def apply(dataset, transfo):
    """Import a valid file (checked again here); returns the preview with each row's action."""
    result = preview(dataset, transfo)
    if not result.valid:
        return result
    User = get_user_model()
    users = {
        u.email: u for u in User.objects.filter(email__in=[r.values["email"] for r in result.rows])
    }
    participations = {
        p.user_id: p
        for p in Participation.objects.filter(transfo=transfo, user__in=users.values())
        .select_related("profil")
        .order_by()
    }
    for row in result.rows:
        values = row.values
        user = users.get(values["email"])
        if user is None:
            # No password: the person sets one through the invitation sent separately.
            user = User.objects.create_user(email=values["email"], full_name=values["nom"])
        participation = participations.get(user.pk)
        if participation is None:
            participation = Participation(
                user=user, transfo=transfo, role=values.get("cercle") or Role.AMBASSADEUR
            )
            if values.get("date_entree"):
                participation.date_entree = values["date_entree"]
            participation.save()
            forget_roles(user)
        profile = getattr(participation, "profil", None)
        changes = _changed_fields(values, participation, profile)
        if not changes:
            continue
        if "cercle" in changes or "date_entree" in changes:
            participation.role = values.get("cercle") or participation.role
            participation.date_entree = values.get("date_entree") or participation.date_entree
            participation.save(update_fields=["role", "date_entree"])
        if profile is None:
            profile = AmbassadeurProfile(participation=participation)
        for name in PROFILE_FIELDS:
            if name in values:
                setattr(profile, name, values[name])
        profile.save()
    return result
