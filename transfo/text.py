"""Text helpers every app shares."""

import unicodedata


def normalize(text):
    """Lower-case text without accents or ligatures: "Mégots" and "megots" compare equal."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def en_tant_que(label):
    """ "en tant que" and a role's label as French writes it in a sentence: in lower case, with
    the elision before a vowel ("en tant qu'ambassadeur·rice", "en tant que relais")."""
    word = label[:1].lower() + label[1:]
    if normalize(word[:1]) in "aeiouy":
        return f"en tant qu'{word}"
    return f"en tant que {word}"
