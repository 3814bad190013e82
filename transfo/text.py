"""Text helpers every app shares."""

import unicodedata


def normalize(text):
    """Lower-case text without accents or ligatures: "Mégots" and "megots" compare equal."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
