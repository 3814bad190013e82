"""The models of the cas pratiques, one module per feature: the case and what the vitrine
shows of it (`cas`), its private working material (`travail`)."""

from cas_pratiques.models.cas import (
    LIVRABLE_FORMATS,
    MAX_IMAGE_PIXELS,
    MAX_LIVRABLE_SIZE,
    SEARCH_MAX_TERMS,
    SESSIONS_MAX_PROTOCOLE,
    CasPratique,
    CasPratiqueQuerySet,
    ChoiceListField,
    Contact,
    ContactQuerySet,
    Livrable,
    Photo,
    PublicQuerySet,
    check_livrable_file,
    check_photo_file,
)
from cas_pratiques.models.travail import (
    TAMIS_CASES,
    FicheIdee,
    Immersion,
    Tamis,
    TamisPlacement,
)

__all__ = [
    "LIVRABLE_FORMATS",
    "MAX_IMAGE_PIXELS",
    "MAX_LIVRABLE_SIZE",
    "SEARCH_MAX_TERMS",
    "SESSIONS_MAX_PROTOCOLE",
    "TAMIS_CASES",
    "CasPratique",
    "CasPratiqueQuerySet",
    "ChoiceListField",
    "Contact",
    "ContactQuerySet",
    "FicheIdee",
    "Immersion",
    "Livrable",
    "Photo",
    "PublicQuerySet",
    "Tamis",
    "TamisPlacement",
    "check_livrable_file",
    "check_photo_file",
]
