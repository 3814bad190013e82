"""Import of the group of a Transfo from a CSV or XLSX file (read with tablib).

The file is checked as a whole before anything is written: every row gets its errors in
French, and the import runs only when there are none. People are matched on their e-mail,
among the Transfo's current members and pending invitations only: whether an address has
an account elsewhere on the platform is neither used nor told. A current ambassadeur or
relais gets the file's values on their profile (an empty cell clears one; a column the
file does not have is left alone). Anyone else is invited: the invitation carries the
file's values, which become a profile only when the person accepts (a pending invitation
gets the new values, and is not sent again). Importing the same file twice changes
nothing the second time.
"""

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ambassadeurs.choices import Categorie, Genre
from ambassadeurs.models import AmbassadeurProfile, normalise_tags
from collectivites.choices import CERCLE_ROLES, Role
from collectivites.models import Invitation, Participation

MAX_IMPORT_SIZE = 2 * 1024 * 1024
# A group is some 20 people (40 with the relais): more rows than this is not a group, and
# each new address is a mail sent from the platform.
MAX_IMPORT_ROWS = 500
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
INVITATION, MISE_A_JOUR, INCHANGE = "invitation", "mise_a_jour", "inchange"
INVITATION_MISE_A_JOUR, INVITATION_INCHANGEE = "invitation_mise_a_jour", "invitation_inchangee"
ACTIONS = {
    INVITATION: _lazy("Invitation"),
    MISE_A_JOUR: _lazy("Mise à jour"),
    INCHANGE: _lazy("Inchangé"),
    INVITATION_MISE_A_JOUR: _lazy("Invitation en attente, mise à jour"),
    INVITATION_INCHANGEE: _lazy("Invitation en attente, inchangée"),
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
    ignored: list = field(default_factory=list)

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


def _action(row, participation, invitation):
    """What importing the row will do, or an error if the person is a member, or invited (by
    the coordination), with another role here: an import never changes that role."""
    values = row.values
    holder = participation or invitation
    if holder is not None and holder.role not in CERCLE_ROLES:
        message = (
            _("%(email)s est déjà membre de la Transfo comme %(role)s.")
            if participation is not None
            else _("%(email)s est déjà invité·e dans la Transfo comme %(role)s.")
        )
        row.errors.append(
            message % {"email": values["email"], "role": holder.get_role_display().lower()}
        )
        return ""
    if participation is not None:
        profile = getattr(participation, "profil", None)
        changed = _changed_fields(values, participation, profile)
        return MISE_A_JOUR if changed else INCHANGE
    if invitation is not None:
        changed = _invitation_changes(values, invitation)
        return INVITATION_MISE_A_JOUR if changed else INVITATION_INCHANGEE
    return INVITATION


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


def invitation_profile(values, previous=None):
    """What an invitation carries of a row: its name, profile fields and entry date (JSON);
    a column the file does not have keeps what a previous import said."""
    carried = dict(previous or {})
    for name in ("nom", *PROFILE_FIELDS):
        if name in values:
            carried[name] = values[name]
    if values.get("date_entree"):
        carried["date_entree"] = values["date_entree"].isoformat()
    return carried


def _invitation_changes(values, invitation):
    role = values.get("cercle") or invitation.role
    return role != invitation.role or invitation_profile(values, invitation.profil) != (
        invitation.profil
    )


def _members_and_invitations(transfo, emails):
    """{email: participation} of the Transfo's current members, {email: invitation} of its
    pending invitations: nothing about accounts outside the Transfo."""
    participations = {
        p.user.email.lower(): p
        for p in Participation.objects.actives()
        .alias(email=Lower("user__email"))
        .filter(transfo=transfo, email__in=emails)
        .select_related("user", "profil")
        .order_by()
    }
    invitations = {}
    for invitation in transfo.invitations.pending().filter(email__in=emails).order_by("created_at"):
        invitations[invitation.email] = invitation
    return participations, invitations


def preview(dataset, transfo, *, genres):
    """Check every row of the file against the Transfo: nothing is written.

    `genres`: whether the importer may see each person's genre (`ambassadeurs.see_genres`).
    For anyone else the Genre column is ignored, neither compared nor written: whether a row
    would change a profile would otherwise tell each member's genre.
    """
    if not dataset.headers:
        raise ImportFileError(
            _("Le fichier est vide : la première ligne doit nommer les colonnes.")
        )
    if dataset.height > MAX_IMPORT_ROWS:
        raise ImportFileError(
            _("Le fichier compte %(n)s lignes : %(max)s au plus par import. Découpez-le.")
            % {"n": dataset.height, "max": MAX_IMPORT_ROWS}
        )
    keys = [ALIASES.get(_plain(header)) for header in dataset.headers]
    ignored = []
    if not genres and "genre" in keys:
        keys = [None if key == "genre" else key for key in keys]
        ignored.append(HEADERS["genre"])
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

    participations, invitations = _members_and_invitations(transfo, list(seen))
    for row in rows:
        email = row.values.get("email")
        if not row.errors:
            row.action = _action(row, participations.get(email), invitations.get(email))
    columns = [(key, HEADERS[key]) for key, _header in COLUMNS if key in keys]
    return ImportPreview(columns=columns, rows=rows, errors=errors, ignored=ignored)


# Writing -------------------------------------------------------------------------------


@transaction.atomic
def apply(dataset, transfo, invited_by, *, genres):
    """Import a valid file (checked again here); returns the preview with each row's action.
    New invitations are sent once the transaction commits."""
    result = preview(dataset, transfo, genres=genres)
    if not result.valid:
        return result
    participations, invitations = _members_and_invitations(
        transfo, [row.values["email"] for row in result.rows]
    )
    for row in result.rows:
        values = row.values
        if row.action == INVITATION:
            invitation = Invitation.objects.create(
                email=values["email"],
                transfo=transfo,
                role=values.get("cercle") or Role.AMBASSADEUR,
                invited_by=invited_by,
                profil=invitation_profile(values),
            )
            invitation.send()
        elif row.action == INVITATION_MISE_A_JOUR:
            invitation = invitations[values["email"]]
            invitation.role = values.get("cercle") or invitation.role
            invitation.profil = invitation_profile(values, invitation.profil)
            invitation.save(update_fields=["role", "profil"])
        elif row.action == MISE_A_JOUR:
            update_member(participations[values["email"]], values)
    return result


def update_member(participation, values):
    """Write a row's (or an accepted invitation's) values on a member and their profile."""
    profile = getattr(participation, "profil", None)
    changes = _changed_fields(values, participation, profile)
    if not changes:
        return
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


def accept_invitation_profile(invitation, participation):
    """The profile an imported invitation carried, written when the person accepts it."""
    carried = dict(invitation.profil or {})
    if not carried or participation.role not in CERCLE_ROLES:
        return
    values = {name: carried[name] for name in PROFILE_FIELDS if name in carried}
    if carried.get("date_entree"):
        values["date_entree"] = date.fromisoformat(carried["date_entree"])
    update_member(participation, values)
