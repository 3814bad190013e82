"""Helpers of the forms fuzz test: find the project's forms, generate input for their fields,
and check what a page answers to it."""

import copy
import importlib
import inspect
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.formsets import BaseFormSet
from django.utils.datastructures import MultiValueDict
from django.utils.html import escape
from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"

# Django's English messages (and their usual shapes): a form error containing one of these was
# hard-coded in English or not marked for translation.
ENGLISH_PHRASES = (
    "This field is required",
    "Enter a valid",
    "Ensure this value",
    "Select a valid choice",
    "is not one of the available choices",
    "Enter a whole number",
    "Enter a number",
    "Enter a list of values",
    "The submitted file is empty",
    "No file was submitted",
    "Upload a valid image",
    "already exists",
    "is not a valid",
    "Null characters are not allowed",
    "Please submit",
    "Please correct",
    "Ensure that there are no more",
    "characters (it has",
)


def project_form_classes():
    """Every Form / ModelForm class defined in the project's apps (in any of their modules,
    migrations aside), by dotted name."""
    found = {}
    for app in settings.PROJECT_APPS:
        package = importlib.import_module(app)
        root = Path(package.__path__[0])
        for module_path in sorted(root.rglob("*.py")):
            relative = module_path.relative_to(root).with_suffix("")
            if "migrations" in relative.parts:
                continue
            source = module_path.read_text(encoding="utf-8")
            if not re.search(r"^class \w+\(.*Form\b", source, re.M):
                continue
            module_name = ".".join((app, *relative.parts)).removesuffix(".__init__")
            module = importlib.import_module(module_name)
            for name, obj in vars(module).items():
                if (
                    inspect.isclass(obj)
                    and issubclass(obj, forms.BaseForm)
                    and obj.__module__ == module_name
                    and not name.startswith("_")
                ):
                    found[f"{module_name}.{name}"] = obj
    return found


# Text a person could type: any printable unicode (no surrogates, no control characters
# other than newlines and tabs), the script marker, very long strings, blanks.
_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
    max_size=40,
)
_HOSTILE = st.sampled_from(
    [
        SCRIPT,
        f"Avant {SCRIPT} après",
        '"><img src=x onerror=alert(1)>',
        "   ",
        "",
        "x" * 6000,
        "Texte long " * 10_000,  # 110 KB: over every bound (transfo/fields.py)
        "é" * 300,
        "Robert'); DROP TABLE cas;--",
        "{{ 7*7 }} {% now 'Y' %}",
        "\u202eRTL\u00a0nbsp\u2028ligne",
    ]
)
TEXT = st.one_of(_TEXT, _HOSTILE)
NUMBER = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.sampled_from(["", "-1", "0", "1e309", "3,5", "NaN", "99999999999999999999", SCRIPT]),
)
DATE = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["", "2024-02-30", "2024-13-01", "31/12/2024", "demain", "0000-00-00", SCRIPT]),
)
TIME = st.one_of(
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.sampled_from(["", "25:00", "12:61", "midi", SCRIPT]),
)
DATETIME = st.one_of(
    st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M")),
    st.sampled_from(["", "2024-02-30T10:00", "hier soir", SCRIPT]),
)
BOOLEAN = st.sampled_from(["on", "", "false", "1"])
INVALID_CHOICES = ["", "n-existe-pas", "999999", "-1", SCRIPT]
FILE = st.sampled_from(
    [
        None,
        ("vide.pdf", b""),
        ("faux.pdf", b"pas un PDF du tout"),
        ("image.png", b"GIF89a pas une image"),
        ("script.html", SCRIPT.encode()),
    ]
)


def _choice_values(field):
    if isinstance(field, forms.ModelChoiceField):
        return [str(pk) for pk in field.queryset.values_list("pk", flat=True)[:6]]
    values = []
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):  # optgroup
            values.extend(str(v) for v, _label in label)
        else:
            values.append(str(value))
    return values


def field_strategy(field):
    """Input for one field: valid values mixed with hostile and malformed ones."""
    if isinstance(field, forms.FileField):
        return FILE
    if isinstance(field, (forms.ModelMultipleChoiceField, forms.MultipleChoiceField)):
        options = _choice_values(field) + INVALID_CHOICES
        return st.lists(st.sampled_from(options), max_size=3)
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        return st.sampled_from(_choice_values(field) + INVALID_CHOICES)
    if isinstance(field, forms.BooleanField):
        return BOOLEAN
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return NUMBER
    if isinstance(field, forms.DateTimeField):
        return DATETIME
    if isinstance(field, forms.DateField):
        return DATE
    if isinstance(field, forms.TimeField):
        return TIME
    if isinstance(field, forms.EmailField):
        return st.one_of(st.emails(), TEXT)
    return TEXT


def form_strategy(form):
    """A dict of POST data for the whole form (keys with the form's prefix)."""
    return st.fixed_dictionaries(
        {form.add_prefix(name): field_strategy(field) for name, field in form.fields.items()}
    )


def encode(data):
    """POST data for the test client: files become uploads, absent files are left out."""
    encoded = {}
    for key, value in data.items():
        if isinstance(value, tuple):
            encoded[key] = SimpleUploadedFile(value[0], value[1])
        elif value is not None:
            encoded[key] = value
    return encoded


def typed_text(form, data):
    """The names of the form's text fields in which something was typed."""
    names = []
    for name, field in form.fields.items():
        if (
            isinstance(field, forms.CharField)
            and not field.widget.is_hidden
            and not isinstance(field.widget, forms.PasswordInput)
        ):
            value = data.get(form.add_prefix(name))
            if isinstance(value, str) and value.strip():
                names.append(name)
    return names


def refuses(form, data):
    """The errors `form` (as the page rendered it) finds in `data` (a copy of it, bound)."""
    bound = copy.copy(form)
    bound.fields = copy.deepcopy(form.fields)
    if isinstance(form, forms.BaseModelForm):
        bound.instance = copy.copy(form.instance)
    values, files = MultiValueDict(), MultiValueDict()
    for key, value in data.items():
        if isinstance(value, tuple):
            files.setlist(key, [SimpleUploadedFile(value[0], value[1])])
        elif isinstance(value, list):
            values.setlist(key, value)
        elif value is not None:
            values.setlist(key, [value])
    bound.data, bound.files, bound.is_bound, bound._errors = values, files, True, None
    bound._bound_fields_cache = {}
    return bound.errors.get_json_data() if not bound.is_valid() else {}


def find_forms(context, cls):
    """The instances of `cls` in a response's template context (also in lists, tuples and
    formsets, and as the `form` attribute of listed objects)."""
    found = []
    seen = set()

    def visit(value, depth=0):
        if id(value) in seen or depth > 3:
            return
        seen.add(id(value))
        if isinstance(value, cls):
            if not any(form is value for form in found):
                found.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value[:50]:
                visit(item, depth + 1)
        elif isinstance(value, BaseFormSet):
            for item in value.forms[:50]:
                visit(item, depth + 1)
        elif isinstance(value, dict):
            for item in list(value.values())[:50]:
                visit(item, depth + 1)
        elif hasattr(value, "__dict__") and isinstance(vars(value).get("form"), cls):
            visit(vars(value)["form"], depth + 1)

    if context is None:
        return found
    for layer in getattr(context, "dicts", [context]):
        for value in dict(layer).values():
            visit(value)
    return found


def _error_beside(html, bound):
    """The field's errors are where its control is: in the element its control names with
    `aria-describedby` (id `<id>_error`, what Django points to), or, for a group of radios or
    checkboxes in a fieldset, inside that fieldset."""
    if f'id="{bound.auto_id}_error"' in html:
        return True
    if bound.use_fieldset:
        control = html.find(f'name="{bound.html_name}"')
        if control == -1:
            return False
        fieldset = html.rfind("<fieldset", 0, control)
        return fieldset != -1 and re.search(
            r"field__errors|errorlist|_error\"", html[fieldset:control]
        )
    return False


def check_response(response, cls, data, errors, refused=()):
    """Append to `errors` what is wrong with one answer to generated input; `refused`: the
    text fields typed in, when the form refuses the input."""
    html = response.content.decode("utf-8", "replace")
    if response.status_code >= 500:
        errors.append(f"{response.status_code} server error")
        return
    if "<script>alert(1)" in html:
        errors.append("a typed <script> is rendered unescaped")
    for phrase in ENGLISH_PHRASES:
        if phrase in html:
            errors.append(f"English message on the page: {phrase!r}")
    if response.status_code in (301, 302, 303) and refused:
        errors.append(
            f"refused input answered with a redirect: what was typed in {refused} is lost"
        )
    if response.status_code not in (200, 400, 409, 422):
        return
    for form in find_forms(response.context, cls):
        if not form.is_bound or not form.errors:
            continue
        for name in form.errors:
            if name == "__all__" or name not in form.fields:
                continue
            bound = form[name]
            if bound.is_hidden:
                continue
            if not _error_beside(html, bound):
                errors.append(f"error of {name!r} not rendered beside it")
        for name, field in form.fields.items():
            bound = form[name]
            if bound.is_hidden or isinstance(field.widget, forms.PasswordInput):
                continue
            if not isinstance(field, forms.CharField):
                continue
            typed = data.get(form.add_prefix(name))
            if typed and typed.strip() and escape(typed) not in html and typed not in html:
                errors.append(f"typed text of {name!r} lost: {typed[:60]!r}")
