import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from cas_pratiques.choices import Finalite, TypeLivrable
from cas_pratiques.models import (
    MAX_LIVRABLE_SIZE,
    CasPratique,
    check_livrable_file,
    check_photo_file,
)
from cas_pratiques.seed import tiny_pdf, tiny_png
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.collectivites.factories import SessionFactory
from transfo.text import normalize


def test_normalize_drops_accents_case_and_ligatures():
    assert normalize("Les Mégotiers, œuvre d’Élise") == "les megotiers, oeuvre d'elise"


def test_slug_stays_when_title_changes(cas):
    cas.titre = "Un tout autre titre"
    cas.save()
    cas.refresh_from_db()
    assert cas.slug == "les-inscriptions-scolaires"


def test_slug_is_unique_across_transfos(cas, other_transfo):
    other = CasPratiqueFactory(transfo=other_transfo, titre=cas.titre)
    assert other.slug == "les-inscriptions-scolaires-2"


def test_slug_avoids_the_vitrine_paths(transfo):
    assert CasPratiqueFactory(transfo=transfo, titre="Données").slug == "donnees-2"


def test_choice_list_round_trips(cas):
    cas.finalites = [Finalite.RECOURS_DISPOSITIF, Finalite.VISION_PARTAGEE]
    cas.save()
    cas.refresh_from_db()
    assert cas.finalites == ["recours_dispositif", "vision_partagee"]
    assert cas.get_finalites_display() == [
        "Améliorer le recours à un dispositif",
        "Construire une vision partagée",
    ]


def test_fifth_session_is_flagged(transfo, cas):
    cas.sessions.set([SessionFactory(transfo=transfo, numero=n) for n in range(1, 5)])
    assert not CasPratique.objects.get(pk=cas.pk).hors_protocole
    cas.sessions.add(SessionFactory(transfo=transfo, numero=5))
    assert CasPratique.objects.get(pk=cas.pk).hors_protocole


def test_search_text_holds_public_fields_only(cas_publie):
    assert "megots" in cas_publie.recherche
    assert "canari" not in cas_publie.recherche
    assert "secret" not in cas_publie.recherche


def test_publication_cycle(cas, resident):
    cas.submit(resident)
    assert cas.etat == "a_relire" and cas.soumis_le and cas.soumis_par == resident
    cas.send_back("Ajoutez les résultats.")
    assert cas.etat == "brouillon" and cas.commentaire_relecture == "Ajoutez les résultats."
    cas.submit(None)
    cas.publish(resident)
    assert cas.etat == "publie" and cas.publie_par == resident and cas.commentaire_relecture == ""
    cas.withdraw()
    assert cas.etat == "brouillon"


def upload(name, content):
    return SimpleUploadedFile(name, content)


def test_livrable_pdf_is_accepted():
    assert check_livrable_file(upload("rapport.pdf", tiny_pdf("Rapport", []))) == TypeLivrable.PDF


def test_livrable_image_and_slides_are_accepted():
    assert check_livrable_file(upload("photo.PNG", tiny_png("x"))) == TypeLivrable.IMAGE
    pptx = upload("atelier.pptx", b"PK\x03\x04" + b"\0" * 40)
    assert check_livrable_file(pptx) == TypeLivrable.PRESENTATION


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Format non accepté (« .exe »)"),
        ("faux.pdf", b"<html>pas un pdf</html>", "ne correspond pas à son extension « .pdf »"),
        ("faux.png", b"pas une image", "n'est pas une image lisible"),
        ("sans-extension", b"%PDF-1.4", "Format non accepté"),
    ],
)
def test_livrable_refused_with_a_clear_french_error(name, content, message):
    with pytest.raises(ValidationError) as error:
        check_livrable_file(upload(name, content))
    assert message in error.value.messages[0]


def test_livrable_too_big_is_refused():
    big = upload("gros.pdf", b"%PDF-1.4" + b"0" * MAX_LIVRABLE_SIZE)
    with pytest.raises(ValidationError) as error:
        check_livrable_file(big)
    assert "Fichier trop lourd" in error.value.messages[0]
    assert "20 Mo au maximum" in error.value.messages[0]


def test_photo_must_be_an_image():
    check_photo_file(upload("photo.png", tiny_png("x")))
    with pytest.raises(ValidationError):
        check_photo_file(upload("photo.pdf", tiny_pdf("x", [])))
    with pytest.raises(ValidationError):
        check_photo_file(SimpleUploadedFile("photo.jpg", io.BytesIO(b"nope").read()))
