from labos.choices import CleSection
from labos.models import (
    Acteur,
    PartageEcosysteme,
    Plan,
    Priorite,
    RevisionActeur,
    Revue,
    Section,
    VersionPlan,
)


def snapshot():
    return {
        "plans": list(Plan.objects.order_by("pk").values("transfo__slug", "nom", "publie")),
        "sections": list(
            Section.objects.order_by("pk").values("plan_id", "cle", "texte", "version")
        ),
        "versions": list(VersionPlan.objects.order_by("pk").values("plan_id", "numero", "textes")),
        "revues": list(
            Revue.objects.order_by("pk").values("version_id", "type", "texte", "contexte")
        ),
        "acteurs": list(Acteur.objects.order_by("pk").values("transfo__slug", "nom", "relation")),
        "liens": sorted(
            Acteur.cas_pratiques.through.objects.values_list("acteur_id", "caspratique_id")
        ),
        "revisions": RevisionActeur.objects.count(),
        "priorites": list(Priorite.objects.order_by("pk").values("transfo__slug", "texte")),
        "partages": list(PartageEcosysteme.objects.order_by("pk").values("transfo__slug", "actif")),
    }


def test_seed_twice_gives_the_same_data(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_seed_loads_the_labos_of_the_seeds(demo):
    assert set(Plan.objects.values_list("transfo__slug", flat=True)) == {
        "dunkerque",
        "paris",
        "occitanie",
        "mulhouse",
        "paca",
        "strasbourg",
    }
    dunkerque = Revue.objects.filter(version__plan__transfo__slug="dunkerque")
    assert [dunkerque.filter(type=t).count() for t in ("inspirant", "risque", "question")] == [
        4,
        2,
        1,
    ]
    assert set(Revue.objects.values_list("contexte", flat=True)) == {
        "Intertransfo de Dunkerque, 26 janvier 2018"
    }
    assert Revue.objects.filter(
        version__plan__transfo__slug="mulhouse",
        texte__startswith="La charte d'engagement tripartite",
    ).exists()


def test_seed_loads_strasbourgs_ecosystem_and_the_priorities(demo):
    strasbourg = Acteur.objects.filter(transfo__slug="strasbourg")
    assert {"Groupe projet innovation", "Ressources humaines", "Digital"} <= set(
        strasbourg.values_list("nom", flat=True)
    )
    enfance = strasbourg.get(nom="Direction de l'enfance et de l'éducation")
    assert list(enfance.cas_pratiques.values_list("slug", flat=True)) == [
        "les-inscriptions-scolaires"
    ]
    cabinet = Acteur.objects.get(transfo__slug="mulhouse", nom="Cabinet du Maire")
    assert list(cabinet.cas_pratiques.values_list("slug", flat=True)) == ["les-megotiers"]
    counts = {
        slug: Priorite.objects.filter(transfo__slug=slug).count()
        for slug in ("lille", "strasbourg", "metz")
    }
    assert counts == {"lille": 3, "strasbourg": 4, "metz": 5}


def test_seed_fills_the_strasbourg_plan_as_a_draft(demo):
    plan = Plan.objects.get(transfo__slug="strasbourg")
    textes = dict(plan.sections.values_list("cle", "texte"))
    assert "laboratoire interne de l'innovation" in textes[CleSection.MISSION]
    assert "budget propre" in textes[CleSection.BUDGET]
    assert "Poser la V1 d'une organisation du futur labo" in textes[CleSection.GOUVERNANCE]
    # The seeds record no frozen version of it.
    assert not plan.versions.exists()


def test_seed_shares_the_grand_est_ecosystems(demo):
    assert set(
        PartageEcosysteme.objects.filter(actif=True).values_list("transfo__slug", flat=True)
    ) == {"strasbourg", "metz", "mulhouse"}
    strasbourg = Plan.objects.get(transfo__slug="strasbourg").transfo
    labos = set(Acteur.objects.partages_avec(strasbourg).values_list("transfo__slug", flat=True))
    assert labos == {"metz", "mulhouse"}
