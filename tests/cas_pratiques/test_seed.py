from cas_pratiques import seed
from cas_pratiques.models import CasPratique, Contact, Livrable, Photo


def quiet(message):
    pass


def snapshot():
    return {
        "cas": list(
            CasPratique.objects.order_by("slug").values(
                "slug", "titre", "etat", "publie_le", "recherche", "finalites"
            )
        ),
        "sessions": sorted(
            CasPratique.sessions.through.objects.values_list("caspratique_id", "session_id")
        ),
        "livrables": list(Livrable.objects.order_by("pk").values("titre", "fichier", "public")),
        "photos": Photo.objects.count(),
        "contacts": list(Contact.objects.order_by("pk").values("nom", "consentement_le")),
    }


def test_seed_twice_gives_the_same_data(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_seed_loads_the_cases_of_the_seeds(demo):
    assert set(CasPratique.objects.values_list("titre", flat=True)) == {
        "Les bureaux volants",
        "Amelio et le Brico Concierge",
        "Les mégotiers",
        "Les inscriptions scolaires",
        "Les pieds d'arbres",
        "Le Bois des Forts",
        "La carte Max",
        "La carte citoyenne",
        "Le comptoir des services",
    }
    etats = list(CasPratique.objects.values_list("etat", flat=True))
    assert (
        etats.count("publie") == 7
        and etats.count("a_relire") == 1
        and etats.count("brouillon") == 1
    )
    megotiers = CasPratique.objects.get(slug="les-megotiers")
    assert megotiers.notes_internes and megotiers.transfo.slug == "mulhouse"
    assert list(megotiers.livrables.values_list("public", flat=True)) == [True, False]
    assert megotiers.contacts.publics().count() == 1 and megotiers.contacts.count() == 2
    comptoir = CasPratique.objects.get(slug="le-comptoir-des-services")
    assert [s.numero for s in comptoir.sessions_list()] == [7, 8, 9]


def test_seed_livrables_are_real_files(demo):
    livrable = Livrable.objects.get(titre="Les mégotiers : la fiche du cas")
    with livrable.fichier.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-1.4")


def test_scale_adds_synthetic_published_cases(rescale):
    synthetic = CasPratique.objects.filter(slug__startswith="cas-synthetique-")
    # Five cases for each of the 8 synthetic Transfos, four of them published.
    total = 8 * seed.SYNTHETIC_CASES_PER_TRANSFO
    assert synthetic.publies().count() == 8 * 4
    assert synthetic.search("synthetique").count() == total
    rescale()
    assert synthetic.count() == total
