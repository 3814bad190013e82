"""The shapes of the public JSON API (django-ninja schemas), French keys like the exports.

The fields of a case in a list are the open-data export's columns (cas_pratiques/exports.py),
built from them: what the export publishes about a case is what the API publishes, under the
same names and descriptions. The detail adds what the case's public page shows besides.
"""

from datetime import date, datetime

from ninja import Field, Schema
from pydantic import create_model

from cas_pratiques import exports

# The export's column types, as JSON types. An unknown type fails at import: a new kind of
# column must be mapped here before it can reach the API.
COLUMN_TYPES = {
    "texte": str,
    "URL": str,
    "entier": int | None,
    "date": date | None,
    "date et heure": datetime | None,
    "liste": list[str],
}


def _export_fields():
    return {
        column.name: (
            COLUMN_TYPES[column.type],
            Field(..., description=str(column.description)),
        )
        for column in exports.columns(str)
    }


CasResume = create_model("CasResume", __base__=Schema, **_export_fields())
CasResume.__doc__ = "Un cas publié, avec les colonnes de l'export en données ouvertes."


class Lien(Schema):
    slug: str
    nom: str
    url: str = Field(..., description="Adresse de sa page publique.")
    api: str = Field(..., description="Adresse de sa fiche dans l'API.")


class SessionPublique(Schema):
    numero: int | None
    titre: str
    date_debut: date | None = Field(..., description="Premier jour de la session.")


class LivrablePublic(Schema):
    titre: str
    type: str = Field(..., description="PDF, image, présentation, document ou tableur.")
    extension: str
    taille: int = Field(..., description="Taille du fichier en octets.")
    url: str = Field(..., description="Adresse de téléchargement.")


class PhotoPublique(Schema):
    url: str
    alt: str = Field(..., description="Texte alternatif : ce que montre la photo.")
    legende: str


class ContactPublic(Schema):
    nom: str
    role: str
    email: str


class CasDetail(CasResume):
    """Un cas publié tel que le raconte sa page : les colonnes de l'export et le reste du récit."""

    transfo_slug: str = Field(..., description="Identifiant de la Transfo (filtre `transfo`).")
    collectivite_slug: str = Field(
        ..., description="Identifiant de la collectivité (filtre `collectivite`)."
    )
    etapes: list[str] = Field(..., description="Les étapes de la méthode, dans l'ordre.")
    methodes_detail: list[Lien] = Field(..., description="Les méthodes de la boîte à outils.")
    sessions: list[SessionPublique] = Field(
        ..., description="Les sessions publiées où le cas a été travaillé."
    )
    livrables_detail: list[LivrablePublic] = Field(..., description="Les livrables publics.")
    photos: list[PhotoPublique] = Field(..., description="Les photos publiques.")
    contacts: list[ContactPublic] = Field(
        ..., description="Les contacts qui ont accepté de figurer sur la vitrine."
    )


class Page(Schema):
    total: int = Field(..., description="Nombre de résultats, toutes pages confondues.")
    page: int = Field(..., description="Numéro de cette page (à partir de 1).")
    pages: int = Field(..., description="Nombre de pages.")
    suivante: str | None = Field(..., description="Adresse de la page suivante.")
    precedente: str | None = Field(..., description="Adresse de la page précédente.")


class PageCas(Page):
    resultats: list[CasResume]


class Collectivite(Schema):
    slug: str
    nom: str
    type: str
    region: str
    latitude: float | None
    longitude: float | None


class TransfoPublique(Schema):
    """Une Transfo et ses infos clés publiques (comme sur /transfos/)."""

    slug: str
    nom: str
    url: str
    collectivite: Collectivite
    statut: str = Field(..., description="Code du statut.")
    statut_libelle: str
    annees: str
    date_debut: date
    date_fin: date | None
    description: str
    nb_ambassadeurs: int
    nb_residents: int
    nb_cas_publies: int
    sessions_cible: int = Field(..., description="Sessions prévues.")
    jours_cible: int = Field(..., description="Jours d'intervention prévus.")
    duree_mois_cible: int = Field(..., description="Durée maximale en mois.")
    cas_min: int = Field(..., description="Nombre de cas pratiques visé (minimum).")
    cas_max: int = Field(..., description="Nombre de cas pratiques visé (maximum).")


class CasLien(Schema):
    slug: str
    titre: str
    url: str
    api: str


class TransfoDetail(TransfoPublique):
    cas: list[CasLien] = Field(..., description="Ses cas publiés sur la vitrine.")


class PageTransfos(Page):
    resultats: list[TransfoPublique]


class MethodePublique(Schema):
    """Une méthode de la boîte à outils."""

    slug: str
    nom: str
    url: str
    famille: str = Field(..., description="Code de la famille (filtre `famille`).")
    famille_libelle: str
    objectif: str
    etapes: list[str]
    duree_typique: int = Field(..., description="Durée typique en minutes.")
    taille_groupe: str
    materiel: str
    source: str


class RoleMethode(Schema):
    nom: str
    mission: str
    posture: str
    outils: str


class UsageMethode(Schema):
    transfo: str
    transfo_slug: str
    sessions: int = Field(..., description="Nombre de sessions publiées qui l'ont employée.")


class MethodeDetail(MethodePublique):
    roles: list[RoleMethode]
    usages: list[UsageMethode] = Field(..., description="Où elle a été pratiquée.")


class PageMethodes(Page):
    resultats: list[MethodePublique]


class Index(Schema):
    titre: str
    documentation: str
    schema_openapi: str
    licence: dict[str, str]
    ressources: dict[str, str]


class Erreur(Schema):
    detail: str
