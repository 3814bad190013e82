"""Carnet entries of the cast's ambassadeur (the author), one per visibility."""

import pytest
from django.utils import timezone

from ambassadeurs.choices import Visibilite
from tests.ambassadeurs.factories import EntreeCarnetFactory, PieceJointeFactory

CANARY = "canari-7f3a9c-texte-prive-du-carnet"


@pytest.fixture
def make_entree(ambassadeur, transfo):
    """An entry of the cast's ambassadeur in the Transfo, with a given visibility."""

    def make(visibilite=Visibilite.PRIVE, **kwargs):
        if visibilite != Visibilite.PRIVE:
            kwargs.setdefault("partagee_le", timezone.now())
        return EntreeCarnetFactory(
            auteur=ambassadeur, transfo=transfo, visibilite=visibilite, **kwargs
        )

    return make


@pytest.fixture
def entree(make_entree):
    return make_entree()


@pytest.fixture
def entree_with_photo(make_entree):
    """A factory: an entry of a given visibility with one photo."""

    def make(visibilite):
        entree = make_entree(visibilite)
        return entree, PieceJointeFactory(entree=entree)

    return make
