"""What the pages of collectivites show of the features built above it.

collectivites sits low in the apps' order (DESIGN.md: transfo ← collectivites ←
cas_pratiques ← {ambassadeurs, labos} ← intertransfo; blog above): its code and templates
may not name a higher app's URLs or rules. A higher app registers here, from its
AppConfig.ready(), what it adds to these pages, and decides who sees it:

- `register_actions(place, order)`: a function `(request, **objects) -> [Link]` giving
  buttons for a place: "espace" (top of /espace/), "transfo" (a Transfo's space, with
  `transfo`), "session" (a session's page, with `transfo` and `session`); buttons come in
  the order of `order`, then of registration;
- `register_session_column(column)`: a column of a Transfo's sessions table, with the
  prefetch it needs (so the table costs the same queries for any number of sessions);
- `register_sections(place, order)`: a function `(request, **objects) -> Section or None`
  giving a section of a page: "transfo" (a Transfo's public page, with `transfo`: its
  cases, posts, labo), "methode" (a méthode's page, with `methode`: the cases that used
  it), "espace" (the signed-in home, `/espace/`: what the person has to do now, each link
  a thing to do). Each function costs a fixed number of queries and returns only what the
  reader may see.

`tests/transfo/test_layers.py` fails when a template or module names a higher app's URL
or rule.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    primary: bool = False


@dataclass(frozen=True)
class SessionColumn:
    """`cell(session)` gives the [Link] of a session, from what `prefetch` loaded."""

    header: str
    cell: object
    prefetch: tuple = field(default_factory=tuple)


@dataclass(frozen=True)
class Section:
    """A titled list of links on a lower app's page, with a link to the whole list."""

    title: str
    links: list
    more: Link | None = None


_ACTIONS = {}
_SECTIONS = {}
SESSION_COLUMNS = []


def register_actions(place, order=100):
    def decorator(function):
        registered = _ACTIONS.setdefault(place, [])
        if all(existing is not function for _order, existing in registered):
            registered.append((order, function))
            registered.sort(key=lambda item: item[0])
        return function

    return decorator


def actions(place, request, **objects):
    """The buttons of `place` for this request, in order."""
    return [
        link
        for _order, function in _ACTIONS.get(place, [])
        for link in function(request, **objects)
    ]


def register_sections(place, order=100):
    def decorator(function):
        registered = _SECTIONS.setdefault(place, [])
        if all(existing is not function for _order, existing in registered):
            registered.append((order, function))
            registered.sort(key=lambda item: item[0])
        return function

    return decorator


def sections(place, request, **objects):
    """The non-empty sections of `place` for this request, in order."""
    found = (function(request, **objects) for _order, function in _SECTIONS.get(place, []))
    return [section for section in found if section is not None and section.links]


def register_session_column(column):
    if column not in SESSION_COLUMNS:
        SESSION_COLUMNS.append(column)
    return column
