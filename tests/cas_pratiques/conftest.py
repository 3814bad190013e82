"""Cases of the fixed cast's Transfo (Strasbourg) and of the other one (Metz)."""

import pytest

from tests.cas_pratiques.factories import CasPratiqueFactory


@pytest.fixture
def cas(transfo):
    """A draft case of the cast's Transfo."""
    return CasPratiqueFactory(transfo=transfo, numero=1, titre="Les inscriptions scolaires")


@pytest.fixture
def cas_a_relire(transfo):
    return CasPratiqueFactory(
        transfo=transfo, numero=2, titre="Le comptoir des services", a_relire=True
    )


@pytest.fixture
def cas_publie(transfo):
    return CasPratiqueFactory(
        transfo=transfo,
        numero=3,
        titre="Les mégotiers",
        sujet="Lutter contre le jet de mégots dans le centre-ville.",
        porteur="Porteur secret",
        notes_internes="CANARI-NOTES-PRIVEES",
        publie=True,
    )


@pytest.fixture
def cas_autre_transfo(other_transfo):
    return CasPratiqueFactory(
        transfo=other_transfo, numero=1, titre="Les bureaux volants", publie=True
    )
