"""The demo's working material: the tamis of seed 003, the fiches idées of seed 004."""

from cas_pratiques.models import FicheIdee, Immersion, Tamis, TamisPlacement


def snapshot():
    return {
        "tamis": list(Tamis.objects.values("cas__slug", "titre", "version")),
        "fiches": list(FicheIdee.objects.order_by("pk").values("cas__slug", "nom", "viabilite")),
        "placements": list(TamisPlacement.objects.order_by("pk").values("fiche__nom", "x", "y")),
        "immersions": list(
            Immersion.objects.values("lieu", "journaliste", "observateur", "photographe")
        ),
    }


def test_seeding_the_working_material_twice_changes_nothing(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_comptoir_des_services_has_the_tamis_of_seed_003(demo):
    tamis = Tamis.objects.get(cas__slug="le-comptoir-des-services")
    assert tamis.cas.transfo.slug == "strasbourg"
    assert tamis.axe_x == "autonomie de l'usager ↔ présence physique nécessaire"
    assert tamis.axe_y == "fréquent ↔ exceptionnel"
    assert tamis.placements.count() == 12 == tamis.cas.fiches_idees.count()
    assert tamis.placements.get(fiche__nom="Conciergerie colis").x == 4


def test_carte_citoyenne_has_the_fiche_idee_of_seed_004(demo):
    fiche = FicheIdee.objects.get(cas__transfo__slug="paris", nom="La carte surpate")
    assert fiche.piste == "La carte citoyenne personnalisable"
    assert "Motiver les acteurs locaux" in fiche.obstacles
    assert "Kiosque citoyen" in fiche.post_it_list


def test_inscriptions_scolaires_has_an_immersion_trinome_of_demo_members(demo):
    immersion = Immersion.objects.get(cas__slug="les-inscriptions-scolaires")
    assert [person.email for _role, person in immersion.trinome()] == [
        "ambassadeur@demo.test",
        "ambassadrice@demo.test",
        "pilote@demo.test",
    ]
