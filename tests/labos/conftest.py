import pytest

from tests.labos.factories import PlanFactory


@pytest.fixture
def plan(transfo):
    return PlanFactory(transfo=transfo, nom="Le labo de l'Eurométropole")


@pytest.fixture
def other_plan(other_transfo):
    return PlanFactory(transfo=other_transfo, nom="Le labo de Metz")
