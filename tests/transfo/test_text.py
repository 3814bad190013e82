"""French as it is written in a sentence (transfo.text)."""

import pytest

from transfo.text import en_tant_que


@pytest.mark.parametrize(
    ("label", "phrase"),
    [
        ("Ambassadeur·rice", "en tant qu'ambassadeur·rice"),
        ("Relais", "en tant que relais"),
        ("Pilote interne", "en tant que pilote interne"),
        ("Élue référente", "en tant qu'élue référente"),
    ],
)
def test_a_role_in_a_sentence(label, phrase):
    assert en_tant_que(label) == phrase
