"""One home for the spreadsheets the platform hands over (CSV, XLSX).

A cell that a spreadsheet would run as a formula (it starts with = + - @, a tab or a carriage
return: CSV injection) is written with a leading apostrophe, which spreadsheets show as
text, as is one that follows a "," or a ";" inside a text (a spreadsheet splitting on the
other separator would start a cell there); a CSV starts with a BOM so that Excel reads the accents; a private export is an
attachment that no cache keeps.
"""

import csv
import io
import re

import tablib
from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet that splits the line on another separator than ours (Excel in French splits a
# .csv on ";", whatever the quotes) starts a new cell after any "," or ";" of the text.
FORMULA_AFTER_SEPARATOR = re.compile(r"([;,]\s*)(?=[=+\-@\t\r])")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def safe_cell(value):
    """`value`, or, for a text a spreadsheet would run as a formula, the same text quoted:
    at its start, and after a separator of either kind (`a;'=b`)."""
    if not isinstance(value, str):
        return value
    value = FORMULA_AFTER_SEPARATOR.sub(r"\1'", value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_text(header, rows, *, delimiter=",", bom=True):
    """A CSV of `header` and `rows` (sequences of values), every cell safe."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter)
    if header is not None:
        writer.writerow([safe_cell(value) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def safe_dataset(dataset):
    """A copy of a tablib Dataset whose every cell is safe."""
    safe = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        safe.append([safe_cell(value) for value in row])
    return safe


def spreadsheet_response(content, *, format, filename, private=True):
    """The export as an attachment; a private one is kept by no cache."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def csv_response(header, rows, *, filename, delimiter=",", private=True):
    return spreadsheet_response(
        csv_text(header, rows, delimiter=delimiter),
        format="csv",
        filename=filename,
        private=private,
    )


def dataset_response(dataset, *, format, filename):
    """A private tablib Dataset as CSV (with its BOM) or XLSX, every cell safe."""
    content = safe_dataset(dataset).export(format)
    if format == "csv":
        content = "\ufeff" + content
    return spreadsheet_response(content, format=format, filename=filename)
