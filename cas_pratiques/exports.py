"""The open-data export of published cases: its columns, documented once for the codebook."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from transfo import exports

LICENCE = {
    "nom": "Licence Ouverte / Open Licence version 2.0",
    "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    type: str
    value: Callable


def _join(values):
    return " | ".join(str(v) for v in values)


def _iso(value):
    return value.isoformat() if value else ""


def columns(absolute_url):
    """The export's columns; `absolute_url` turns a path into a full URL."""
    return [
        Column(
            "slug",
            _("Identifiant stable du cas (son adresse sur la vitrine)."),
            "texte",
            lambda c: c.slug,
        ),
        Column(
            "url",
            _("Adresse de la page du cas sur la vitrine."),
            "URL",
            lambda c: absolute_url(c.get_absolute_url()),
        ),
        Column("numero", _("Numéro du cas dans sa Transfo."), "entier", lambda c: c.numero),
        Column("titre", _("Titre du cas."), "texte", lambda c: c.titre),
        Column(
            "transfo",
            _("Nom de la Transfo qui a travaillé le cas."),
            "texte",
            lambda c: c.transfo.nom,
        ),
        Column(
            "collectivite",
            _("Collectivité où s'est déroulé le cas."),
            "texte",
            lambda c: c.transfo.collectivite.nom,
        ),
        Column("annee", _("Année de début du cas."), "entier", lambda c: c.annee or ""),
        Column(
            "date_debut", _("Date de début (AAAA-MM-JJ)."), "date", lambda c: _iso(c.date_debut)
        ),
        Column(
            "date_fin",
            _("Date de fin (AAAA-MM-JJ), vide si le cas continue."),
            "date",
            lambda c: _iso(c.date_fin),
        ),
        Column(
            "statut",
            _("Avancement : cadrage, en cours, terminé, suites en cours."),
            "texte",
            lambda c: c.get_statut_display(),
        ),
        Column(
            "mode_saisine",
            _("Comment la Transfo a été saisie du cas."),
            "texte",
            lambda c: c.get_mode_saisine_display(),
        ),
        Column("type_sujet", _("Type de sujet."), "texte", lambda c: c.get_type_sujet_display()),
        Column(
            "finalites",
            _("Finalités, séparées par « | »."),
            "liste",
            lambda c: _join(c.get_finalites_display()),
        ),
        Column(
            "modes_intervention",
            _("Modes d'intervention, séparés par « | »."),
            "liste",
            lambda c: _join(c.get_modes_intervention_display()),
        ),
        Column(
            "methodes",
            _("Méthodes de la boîte à outils employées, séparées par « | »."),
            "liste",
            lambda c: _join(m.nom for m in c.methodes.all()),
        ),
        Column(
            "direction_porteuse",
            _("Direction de la collectivité qui portait le cas."),
            "texte",
            lambda c: c.direction_porteuse,
        ),
        Column("sujet", _("Le sujet tel qu'il a été confié."), "texte", lambda c: c.sujet),
        Column(
            "problematique", _("La problématique reformulée."), "texte", lambda c: c.problematique
        ),
        Column("resume", _("Résumé."), "texte", lambda c: c.resume),
        Column(
            "methode", _("Les étapes de la méthode, une par ligne."), "texte", lambda c: c.methode
        ),
        Column("resultats", _("Résultats."), "texte", lambda c: c.resultats),
        Column("suites", _("Ce qui s'est passé ensuite."), "texte", lambda c: c.suites),
        Column(
            "livrables",
            _("Adresses des livrables publics, séparées par « | »."),
            "liste",
            lambda c: _join(absolute_url(f.get_public_url()) for f in c.livrables.all()),
        ),
        Column(
            "publie_le",
            _("Date de publication sur la vitrine (ISO 8601)."),
            "date et heure",
            lambda c: _iso(c.publie_le),
        ),
    ]


def rows(cases, cols):
    for cas in cases:
        yield {col.name: col.value(cas) for col in cols}


def to_csv(cases, cols):
    """The open data as CSV, its cells safe from spreadsheets' formulas (transfo.exports)."""
    names = [col.name for col in cols]
    return exports.csv_text(
        names, ([row[name] for name in names] for row in rows(cases, cols)), bom=False
    )
