"""The plan du labo: sections edited in place with conflict detection, versions, spectrums."""

import pytest

from labos.choices import CleSection, TypeRevue
from labos.models import Axe, Plan, Revue, Section, VersionPlan, revue_groups
from tests.collectivites.factories import SessionFactory
from tests.labos.factories import RevueFactory

URL = "/espace/transfos/strasbourg/labo/"


def write(plan, cle, texte):
    section = next(s for s in plan.sections_by_cle() if s.cle == cle)
    section.save_text(texte, version=section.version, user=None)
    return section


def test_the_seven_spectrums_of_seed_000_are_data(db):
    axes = list(Axe.objects.all())
    assert len(axes) == 7
    budget = Axe.objects.get(slug="budget")
    assert (budget.gauche, budget.milieu, budget.droite, budget.crans) == (
        "Labo « sans budget »",
        "Labo don contre don",
        "Labo à budget",
        3,
    )
    assert budget.describe(1) == "Labo don contre don"
    fini = Axe.objects.get(slug="fini")
    assert [fini.describe(n) for n in (0, 1, 2, 4)] == [
        "Labo « fini »",
        "plutôt Labo « fini »",
        "entre les deux",
        "Labo en ré-invention permanente",
    ]


def test_member_sees_every_section_of_the_draft(client, ambassadeur, plan):
    write(plan, CleSection.LIEU, "On peut avancer sans avoir tranché la question du lieu.")
    client.force_login(ambassadeur)
    response = client.get(URL)
    assert response.status_code == 200
    text = response.content.decode()
    for label in CleSection.labels:
        assert str(label) in text
    assert "On peut avancer sans avoir tranché la question du lieu." in text
    assert 'type="range"' in text


def test_a_plan_is_created_on_first_visit(client, resident, transfo):
    client.force_login(resident)
    assert client.get(URL).status_code == 200
    assert Plan.objects.filter(transfo=transfo).exists()
    assert Section.objects.filter(plan__transfo=transfo).count() == len(CleSection)


def test_ambassadeur_saves_a_section(client, ambassadeur, plan):
    client.force_login(ambassadeur)
    response = client.post(
        f"{URL}sections/recit/",
        {"recit-texte": "Un labo qui parle à tout le monde.", "recit-version": 0},
    )
    assert response.status_code == 302
    section = Section.objects.get(plan=plan, cle="recit")
    assert section.texte == "Un labo qui parle à tout le monde."
    assert section.version == 1 and section.updated_by == ambassadeur


def test_stale_save_is_refused_and_the_typed_text_kept(client, ambassadeur, peer, plan):
    write(plan, CleSection.RECIT, "Version de Karim.")  # saved meanwhile: version 1
    Section.objects.filter(plan=plan, cle="recit").update(updated_by=peer)
    client.force_login(ambassadeur)
    response = client.post(
        f"{URL}sections/recit/", {"recit-texte": "Mon texte à moi.", "recit-version": 0}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "a enregistré cette section pendant que vous écriviez" in text
    assert "Karim Benali" in text
    assert "Mon texte à moi." in text  # nothing typed is lost
    assert "Version de Karim." in text  # the stored text is shown beside it
    assert Section.objects.get(plan=plan, cle="recit").texte == "Version de Karim."
    # Saving again from the conflict page replaces it, knowingly.
    assert 'name="recit-version" value="1"' in text
    client.post(f"{URL}sections/recit/", {"recit-texte": "Mon texte à moi.", "recit-version": 1})
    assert Section.objects.get(plan=plan, cle="recit").texte == "Mon texte à moi."


def test_section_edit_with_htmx_returns_the_section_only(client, resident, plan):
    client.force_login(resident)
    response = client.get(f"{URL}sections/lieu/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "<html" not in text and 'id="section-lieu"' in text and "<textarea" in text
    response = client.post(
        f"{URL}sections/lieu/",
        {"lieu-texte": "Un tiers-lieu.", "lieu-version": 0},
        headers={"HX-Request": "true"},
    )
    assert (
        "<html" not in response.content.decode() and "Un tiers-lieu." in response.content.decode()
    )


def test_unknown_section_is_404(client, resident, plan):
    client.force_login(resident)
    assert client.get(f"{URL}sections/inconnue/").status_code == 404


def test_interventions_are_costed_and_totalled(client, resident, plan):
    client.force_login(resident)
    client.post(
        f"{URL}interventions/ajouter/",
        {"intervention-nom": "Immersion", "intervention-jours_homme": "2.5"},
    )
    client.post(
        f"{URL}interventions/ajouter/",
        {"intervention-nom": "Atelier", "intervention-jours_homme": "1"},
    )
    text = client.get(URL).content.decode()
    assert "Immersion" in text and "3,5" in text


def test_freezing_keeps_texts_interventions_and_positions(client, resident, plan, transfo):
    session = SessionFactory(transfo=transfo, numero=11)
    write(plan, CleSection.LIEU, "Pas de lieu.")
    plan.interventions.create(nom="Immersion", jours_homme="2")
    client.force_login(resident)
    client.post(f"{URL}spectres/", {f"spectre-{a.slug}": 0 for a in Axe.objects.all()})
    response = client.post(f"{URL}versions/figer/", {"session": session.pk, "note": ""})
    assert response.status_code == 302
    version = VersionPlan.objects.get(plan=plan)
    assert str(version) == "plan v1, session #11"
    assert version.texte("lieu") == "Pas de lieu."
    assert version.interventions == [{"nom": "Immersion", "jours": "2.0"}]
    assert version.positions["budget"] == 0
    # The draft moves on; the version does not.
    write(plan, CleSection.LIEU, "Un tiers-lieu.")
    client.post(f"{URL}spectres/", {f"spectre-{a.slug}": a.maximum for a in Axe.objects.all()})
    plan.freeze(user=resident)
    version.refresh_from_db()
    assert version.texte("lieu") == "Pas de lieu." and version.positions["budget"] == 0
    v2 = VersionPlan.objects.get(plan=plan, numero=2)
    assert v2.texte("lieu") == "Un tiers-lieu." and v2.positions["budget"] == 2


def test_freeze_refuses_a_session_of_another_transfo(client, resident, plan, other_transfo):
    session = SessionFactory(transfo=other_transfo, numero=3)
    client.force_login(resident)
    client.post(f"{URL}versions/figer/", {"session": session.pk})
    assert not VersionPlan.objects.exists()


def test_out_of_range_position_is_refused(client, resident, plan):
    client.force_login(resident)
    data = {f"spectre-{a.slug}": 0 for a in Axe.objects.all()}
    data["spectre-budget"] = 3
    client.post(f"{URL}spectres/", data)
    plan.refresh_from_db()
    assert plan.positions == {}


def test_compare_marks_additions_and_deletions(client, ambassadeur, plan):
    write(plan, CleSection.GOUVERNANCE, "Rattaché au DGS.")
    plan.freeze()
    write(plan, CleSection.GOUVERNANCE, "Rattaché au cabinet du maire.")
    plan.freeze()
    client.force_login(ambassadeur)
    response = client.get(f"{URL}comparer/?de=1&a=2")
    text = response.content.decode()
    assert '<del><span class="visually-hidden">supprimé : </span>DGS.</del>' in text
    assert '<ins><span class="visually-hidden">ajouté : </span>cabinet du maire.</ins>' in text
    assert "inchangée" in text  # the other sections


def test_compare_escapes_html(client, ambassadeur, plan):
    plan.freeze()
    write(plan, CleSection.RECIT, "<script>alert(1)</script>")
    plan.freeze()
    client.force_login(ambassadeur)
    text = client.get(f"{URL}comparer/?de=1&a=2").content.decode()
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def test_compare_of_long_repetitive_sections_answers_quickly(client, ambassadeur, plan):
    """Found by an attacker's probe: "a b " × 500 against "b a c " × 333 held the page 11 s
    (the word diff's worst case); 100,000 characters would have held a worker for hours."""
    import time

    for cle in (CleSection.RECIT, CleSection.GOUVERNANCE, CleSection.MISSION):
        write(plan, cle, "a b " * 25_000)
    plan.freeze()
    for cle in (CleSection.RECIT, CleSection.GOUVERNANCE, CleSection.MISSION):
        write(plan, cle, "b a c " * 16_666)
    plan.freeze()
    client.force_login(ambassadeur)
    start = time.perf_counter()
    response = client.get(f"{URL}comparer/?de=1&a=2")
    assert time.perf_counter() - start < 5  # absolute bound: the page took hours before
    assert response.status_code == 200
    assert '<ins><span class="visually-hidden">ajouté : </span>b a c' in response.content.decode()


def test_a_long_text_keeps_its_word_diff_where_it_changed():
    from labos.rendering import diff_texts

    paragraphs = [f"Paragraphe {n} : le labo avance." for n in range(2000)]
    old = "\n".join(paragraphs)
    new = old.replace("Paragraphe 1000 : le labo avance.", "Paragraphe 1000 : le labo recule.")
    _left, right, changed = diff_texts(old, new)
    assert changed
    assert right.count("<ins>") == 1
    assert '<ins><span class="visually-hidden">ajouté : </span>recule.</ins>' in right


def test_compare_with_an_unknown_version_says_so(client, ambassadeur, plan):
    plan.freeze()
    plan.freeze()
    client.force_login(ambassadeur)
    assert (
        "Cette version n&#x27;existe pas."
        in client.get(f"{URL}comparer/?de=1&a=9").content.decode()
    )


def test_chart_compares_the_positions_of_the_versions(client, resident, plan):
    plan.set_positions({"budget": 0})
    plan.freeze()
    plan.set_positions({"budget": 2})
    plan.freeze()
    client.force_login(resident)
    text = client.get(URL).content.decode()
    assert "<svg" in text and "plan v1" in text and "plan v2" in text
    # The table beside the chart gives the figures.
    assert "Labo « sans budget »</td>" in text and "Labo à budget</td>" in text


# Reviews ---------------------------------------------------------------------------------


def test_member_reviews_a_version(client, peer, plan):
    plan.freeze()
    client.force_login(peer)
    response = client.post(
        "/transfos/strasbourg/labo/versions/1/revues/ajouter/",
        {"type": TypeRevue.RISQUE, "texte": "Le portage politique flottant.", "contexte": ""},
    )
    assert response.status_code == 302
    revue = Revue.objects.get()
    assert revue.auteur == peer and revue.type == TypeRevue.RISQUE
    text = client.get(f"{URL}").content.decode()
    assert "Le + risqué" in text and "Le portage politique flottant." in text


def test_reviews_are_shown_by_version(client, resident, plan):
    v1 = plan.freeze()
    v2 = plan.freeze()
    RevueFactory(version=v1, texte="Revue de la v1")
    RevueFactory(version=v2, texte="Revue de la v2", type=TypeRevue.QUESTION)
    client.force_login(resident)
    text = client.get(URL).content.decode()
    assert (
        text.index("Revue de la v2") < text.index('id="version-1"') < text.index("Revue de la v1")
    )


def test_member_of_another_transfo_cannot_review_an_unpublished_plan(client, other_member, plan):
    plan.freeze()
    client.force_login(other_member)
    response = client.post(
        "/transfos/strasbourg/labo/versions/1/revues/ajouter/",
        {"type": TypeRevue.INSPIRANT, "texte": "Bravo"},
    )
    assert response.status_code == 404 and not Revue.objects.exists()


def test_member_of_another_transfo_reviews_a_published_plan(client, other_member, plan):
    plan.freeze()
    plan.publish(True)
    client.force_login(other_member)
    response = client.post(
        "/transfos/strasbourg/labo/versions/1/revues/ajouter/",
        {"type": TypeRevue.INSPIRANT, "texte": "Bravo", "contexte": "Intertransfo de Strasbourg"},
    )
    assert response.status_code == 302 and response.url == "/transfos/strasbourg/labo/"
    assert Revue.objects.get().auteur == other_member


def test_outsider_cannot_review_even_a_published_plan(client, outsider, plan):
    plan.freeze()
    plan.publish(True)
    client.force_login(outsider)
    response = client.post(
        "/transfos/strasbourg/labo/versions/1/revues/ajouter/",
        {"type": TypeRevue.INSPIRANT, "texte": "Bravo"},
    )
    assert response.status_code == 404


def test_anonymous_review_goes_to_sign_in(client, plan):
    plan.freeze()
    response = client.post("/transfos/strasbourg/labo/versions/1/revues/ajouter/", {})
    assert response.status_code == 302 and "/comptes/" in response.url


# Public page ------------------------------------------------------------------------------


def test_unpublished_plan_has_no_public_page(client, plan):
    plan.freeze()
    assert client.get("/transfos/strasbourg/labo/").status_code == 404


def test_published_plan_without_version_has_no_public_page(client, plan):
    plan.publish(True)
    assert client.get("/transfos/strasbourg/labo/").status_code == 404


def test_public_page_shows_the_latest_version_never_the_draft_nor_authors(client, plan, peer):
    write(plan, CleSection.RECIT, "Récit de la v1.")
    plan.freeze()
    write(plan, CleSection.RECIT, "Récit de la v2.")
    v2 = plan.freeze()
    write(plan, CleSection.RECIT, "BROUILLON-SECRET")
    RevueFactory(version=v2, texte="La charte tripartite.", auteur=peer)
    plan.publish(True)
    response = client.get("/transfos/strasbourg/labo/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Récit de la v2." in text
    assert "Récit de la v1." not in text and "BROUILLON-SECRET" not in text
    assert "La charte tripartite." in text and "Karim Benali" not in text


def test_a_version_frozen_after_publication_waits_for_a_publisher(client_for, plan):
    """Found by an attacker's probe: any member's freeze went public at once, deciding what a
    published labo says. The public page shows the version its publisher published."""
    write(plan, CleSection.RECIT, "Récit publié par la résidente.")
    plan.freeze()
    resident = client_for("resident")
    resident.post(f"{URL}reglages/", {"plan-nom": "Labo", "plan-publie": "on"})
    ambassadeur = client_for("ambassadeur")
    write(plan, CleSection.RECIT, "Récit de l'ambassadeur, figé après.")
    assert ambassadeur.post(f"{URL}versions/figer/", {}).status_code == 302
    public = ambassadeur.get("/transfos/strasbourg/labo/").content.decode()
    assert "Récit publié par la résidente." in public
    assert "figé après" not in public
    page = client_for("resident").get(URL).content.decode()
    assert "La version n°2, plus récente, n'est pas publique" in page
    client_for("resident").post(f"{URL}reglages/", {"plan-nom": "Labo", "plan-publie": "on"})
    assert (
        "figé après" in client_for("ambassadeur").get("/transfos/strasbourg/labo/").content.decode()
    )


# Coordinators ----------------------------------------------------------------------------


def test_coordinator_compares_several_labos(client, coordinateur, plan, other_plan):
    plan.set_positions({"budget": 0})
    other_plan.set_positions({"budget": 2})
    client.force_login(coordinateur)
    response = client.get("/espace/labos/spectres/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Transfo Strasbourg" in text and "Transfo Metz" in text


@pytest.mark.parametrize("name", ["ambassadeur", "resident", "outsider"])
def test_only_coordinators_compare_labos(client_for, name):
    assert client_for(name).get("/espace/labos/spectres/").status_code == 404


def test_plan_page_links_coordinators_to_the_labos_comparison(client, coordinateur, resident, plan):
    client.force_login(coordinateur)
    assert "/espace/labos/spectres/" in client.get(URL).content.decode()
    client.force_login(resident)
    assert "/espace/labos/spectres/" not in client.get(URL).content.decode()


def test_reviews_come_in_the_order_of_the_method(plan):
    """+ inspirant, + risqué, question en suspens (seed 002), not the alphabet's order, in the
    database (the admin's inline) as on the version's page."""
    version = plan.freeze()
    for kind in (TypeRevue.QUESTION, TypeRevue.RISQUE, TypeRevue.INSPIRANT):
        RevueFactory(version=version, type=kind)
    assert list(version.revues.values_list("type", flat=True)) == list(TypeRevue.values)
    assert [label for label, _revues in revue_groups(version.revues.all())] == list(
        TypeRevue.labels
    )
