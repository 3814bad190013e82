"""The models of the ambassadeurs app, one module per feature (DESIGN.md, "Code layout").

Import them from here: `from ambassadeurs.models import EntreeCarnet`.
"""

from ambassadeurs.models.attestations import (
    Attestation,
    attestation_content,
    participations_for_attestation,
    render_attestation_html,
)
from ambassadeurs.models.bilans import (
    MAX_QUESTIONS,
    QUESTION_MAX_LENGTH,
    Bilan,
    BilanPersonnel,
    QuestionBilan,
    ReponseBilan,
    ReponseCollective,
    StaleReponse,
)
from ambassadeurs.models.carnet import (
    NEW_ENTRY_KEY,
    Brouillon,
    EntreeCarnet,
    EnvoiDigest,
    LectureEntree,
    PieceJointe,
    day_reminder,
    days_to_write_about,
    reminder_blocs,
)
from ambassadeurs.models.chartes import (
    DEFAULT_CHARTE_TEXT,
    Charte,
    LienN1,
    SignatureCharte,
    TexteCharte,
    signatures_prefetch,
)
from ambassadeurs.models.devoirs import (
    CommentaireDevoir,
    Devoir,
    ReponseDevoir,
)
from ambassadeurs.models.groupe import (
    SUPPRESSION_THRESHOLD,
    AmbassadeurProfile,
    composition,
    composition_figures,
    composition_from,
    group_members,
    normalise_tags,
    shown_count,
)
from ambassadeurs.models.presences import (
    Meteo,
    Presence,
    jour_saisissable,
    serie,
    session_members,
)

__all__ = [
    "DEFAULT_CHARTE_TEXT",
    "MAX_QUESTIONS",
    "NEW_ENTRY_KEY",
    "QUESTION_MAX_LENGTH",
    "SUPPRESSION_THRESHOLD",
    "AmbassadeurProfile",
    "Attestation",
    "Bilan",
    "BilanPersonnel",
    "Brouillon",
    "Charte",
    "CommentaireDevoir",
    "Devoir",
    "EntreeCarnet",
    "EnvoiDigest",
    "LectureEntree",
    "LienN1",
    "Meteo",
    "PieceJointe",
    "Presence",
    "QuestionBilan",
    "ReponseBilan",
    "ReponseCollective",
    "ReponseDevoir",
    "SignatureCharte",
    "StaleReponse",
    "TexteCharte",
    "attestation_content",
    "composition",
    "composition_figures",
    "composition_from",
    "day_reminder",
    "days_to_write_about",
    "group_members",
    "jour_saisissable",
    "normalise_tags",
    "participations_for_attestation",
    "reminder_blocs",
    "render_attestation_html",
    "serie",
    "session_members",
    "shown_count",
    "signatures_prefetch",
]
