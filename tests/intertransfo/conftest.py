import pytest

from intertransfo.choices import TypeEquipe
from tests.intertransfo.factories import IntertransfoFactory, ParticipantFactory


@pytest.fixture
def intertransfo(transfo, other_transfo):
    return IntertransfoFactory(
        numero=6, slug="n6-strasbourg", lieu="Strasbourg", transfos=[transfo, other_transfo]
    )


@pytest.fixture
def register():
    """Registers a member of a Transfo to an Intertransfo, with their team."""

    def make(intertransfo, user, transfo=None):
        return ParticipantFactory(
            intertransfo=intertransfo,
            user=user,
            type_equipe=TypeEquipe.TRANSFO if transfo else TypeEquipe.REGION_27,
            transfo=transfo,
        )

    return make
