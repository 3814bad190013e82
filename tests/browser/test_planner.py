import re

import pytest
from playwright.sync_api import expect

from collectivites.models import Bloc, Jour, Session
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

BLOCKS = [
    # day, kind label, title, minutes
    (1, "Temps collectif", "Météo du groupe", "15"),
    (1, "Débriefing", "Débrief de la session précédente", "90"),
    (1, "Pause", "Déjeuner", "60"),
    (1, "Travail sur le labo", "Débat mouvant", "45"),
    (2, "Temps collectif", "Météo du jour 2", "15"),
    (2, "Atelier pratique", "Tamis de critères", "90"),
    (2, "Pause", "Déjeuner du jour 2", "60"),
    (2, "Restitution", "Restitution des groupes", "45"),
]


def day_titles(page, day):
    return page.locator(f".planner-day:nth-of-type({day}) .bloc__title").all_inner_texts()


def test_residente_plans_publishes_and_ambassadeur_reads(live_server, demo, page, browser):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/nouvelle/")
    page.get_by_label("Numéro").fill("12")
    page.get_by_label("Titre").fill("Session d'essai")
    page.get_by_label("Lieu").fill("Tiers-lieu")
    page.get_by_label("Premier jour").fill("2019-10-10")
    page.get_by_label("Nombre de jours").fill("2")
    page.get_by_role("button", name="Créer et planifier").click()
    page.wait_for_url(re.compile(r".*/sessions/12/planifier/$"))

    for day, kind, title, minutes in BLOCKS:
        page.get_by_role("link", name=f"Ajouter un bloc au jour {day}").click()
        page.get_by_label("Type").select_option(label=kind)
        page.get_by_label("Titre").fill(title)
        page.get_by_label("Durée (minutes)").fill(minutes)
        page.get_by_role("button", name="Enregistrer").click()
        # The form is in place (htmx): saved, the planner says so and the form is gone.
        expect(page.locator("#planner-status")).to_contain_text(f"Bloc « {title} » ajouté.")
        expect(page.locator("#bloc-form")).to_have_count(0)
    assert day_titles(page, 1) == [b[2] for b in BLOCKS[:4]]
    assert day_titles(page, 2) == [b[2] for b in BLOCKS[4:]]
    # Times computed from 9:00: météo 9 h–9 h 15, débrief 9 h 15–10 h 45.
    debrief = page.locator(".planner-bloc", has_text="Débrief de la session précédente")
    assert "9\u00a0h\u00a015" in debrief.locator(".bloc__time").inner_text()
    assert "10\u00a0h\u00a045" in debrief.locator(".bloc__time").inner_text()

    # Keyboard: move "Débat mouvant" up with its button, focused and pressed with Enter.
    button = page.get_by_role("button", name="Monter Débat mouvant")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('.planner-day:nth-of-type(1) .bloc__title')[2].innerText === 'Débat mouvant'"
    )
    assert day_titles(page, 1) == [
        "Météo du groupe",
        "Débrief de la session précédente",
        "Débat mouvant",
        "Déjeuner",
    ]
    moved = page.locator(".planner-bloc", has_text="Débat mouvant")
    assert "10\u00a0h\u00a045" in moved.locator(".bloc__time").inner_text()  # recomputed

    # Drag and drop: "Restitution des groupes" (day 2) to the top of day 1.
    source = page.locator(".planner-bloc", has_text="Restitution des groupes").locator(
        ".planner-bloc__handle"
    )
    target = page.locator(".planner-bloc", has_text="Météo du groupe").first
    source.drag_to(target, target_position={"x": 20, "y": 5})
    # The server's answer replaces the planner with recomputed times.
    page.wait_for_function(
        "() => document.querySelector('.planner-day:nth-of-type(1) .planner-bloc .bloc__time').innerText.startsWith('9\u00a0h')"
    )
    assert day_titles(page, 1)[0] == "Restitution des groupes"
    assert "Restitution des groupes" not in day_titles(page, 2)
    stored = Bloc.objects.vivants().filter(
        jour__session__transfo__slug="strasbourg", jour__session__numero=12, jour__position=0
    )
    assert stored.order_by("position").first().titre == "Restitution des groupes"
    first = page.locator(".planner-day:nth-of-type(1) .planner-bloc").first
    assert first.locator(".bloc__time").inner_text().startswith("9\u00a0h –")
    assert "9\u00a0h\u00a045" in first.locator(".bloc__time").inner_text()

    # Publish, then the ambassadeur reads the programme.
    page.get_by_role("link", name="Voir le programme").click()
    page.get_by_role("button", name="Publier le programme au groupe").click()
    assert page.get_by_text("Programme publié").is_visible()
    # Publishing is not a change: no "Modifié" badge, and no "Programme modifié" mail later.
    assert page.locator(".badge--modifie").count() == 0

    other = browser.new_context(locale="fr-FR")
    reader = other.new_page()
    sign_in(reader, base, "ambassadeur@demo.test")
    reader.goto(f"{base}/espace/transfos/strasbourg/sessions/12/")
    assert reader.get_by_role("heading", level=1).inner_text() == "Session d'essai"
    assert reader.get_by_role("heading", name="Tamis de critères").is_visible()
    assert reader.get_by_role("button", name="Publier le programme au groupe").count() == 0
    other.close()


def test_second_residents_conflicting_edit_is_detected(live_server, demo, page, browser):
    base = live_server.url
    session = Session.objects.get(transfo__slug="strasbourg", numero=9)
    bloc = Bloc.objects.get(jour__session=session, titre="Tamis de critères")
    edit_url = f"{base}/espace/transfos/strasbourg/sessions/9/blocs/{bloc.pk}/"

    sign_in(page, base, "residente@demo.test")
    page.goto(edit_url)
    page.get_by_label("Titre").fill("Tamis, version de Suzanne")

    colleague_context = browser.new_context(locale="fr-FR")
    colleague = colleague_context.new_page()
    sign_in(colleague, base, "yoan.perrin@demo.test")
    colleague.goto(edit_url)
    colleague.get_by_label("Titre").fill("Tamis, version de Yoan")
    colleague.get_by_role("button", name="Enregistrer").click()
    colleague.wait_for_url(re.compile(r".*/planifier/$"))
    colleague_context.close()

    page.get_by_role("button", name="Enregistrer").click()
    alert = page.get_by_role("alert")
    assert "Yoan Perrin a modifié ce bloc pendant que vous l'éditiez." in alert.inner_text()
    assert page.get_by_label("Titre").input_value() == "Tamis, version de Suzanne"
    assert Bloc.objects.get(pk=bloc.pk).titre == "Tamis, version de Yoan"


def test_crossed_edits_keep_both_and_ask_only_for_the_field_both_changed(
    live_server, demo, page, browser
):
    base = live_server.url
    session = Session.objects.get(transfo__slug="strasbourg", numero=9)
    bloc = Bloc.objects.get(jour__session=session, titre="Tamis de critères")
    edit_url = f"{base}/espace/transfos/strasbourg/sessions/9/blocs/{bloc.pk}/"

    sign_in(page, base, "residente@demo.test")
    page.goto(edit_url)
    page.get_by_label("Titre").fill("Tamis, version de Suzanne")
    page.get_by_label("Durée (minutes)").fill("60")

    colleague_context = browser.new_context(locale="fr-FR")
    colleague = colleague_context.new_page()
    sign_in(colleague, base, "yoan.perrin@demo.test")
    colleague.goto(edit_url)
    colleague.get_by_label("Durée (minutes)").fill("120")
    colleague.get_by_label("Matériel").fill("Post-it et feutres")
    colleague.get_by_role("button", name="Enregistrer").click()
    colleague.wait_for_url(re.compile(r".*/planifier/$"))
    colleague_context.close()

    page.get_by_role("button", name="Enregistrer").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Yoan Perrin a modifié ce bloc pendant que vous l'éditiez.")
    expect(alert).to_contain_text("Vous avez changé tous les deux : la durée.")
    expect(alert).to_contain_text("repris ci-dessous : le matériel.")
    # Both durations side by side; her title kept, his material taken in.
    choice = page.get_by_role(
        "group", name="Durée (minutes) : vous l'avez modifié tous les deux, quelle version garder ?"
    )
    expect(choice.get_by_label("Votre version : 60 min")).to_be_visible()
    expect(choice.get_by_label("Version enregistrée par Yoan Perrin : 120 min")).to_be_visible()
    assert page.get_by_label("Titre").input_value() == "Tamis, version de Suzanne"
    assert page.get_by_label("Matériel").input_value() == "Post-it et feutres"
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    choice.get_by_label("Version enregistrée par Yoan Perrin : 120 min").check()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/planifier/$"))
    stored = Bloc.objects.get(pk=bloc.pk)
    assert (stored.titre, stored.duree, stored.materiel) == (
        "Tamis, version de Suzanne",
        120,
        "Post-it et feutres",
    )


def test_same_person_in_two_tabs_keeps_both_changes(live_server, demo, page):
    base = live_server.url
    session = Session.objects.get(transfo__slug="strasbourg", numero=9)
    bloc = Bloc.objects.get(jour__session=session, titre="Tamis de critères")
    edit_url = f"{base}/espace/transfos/strasbourg/sessions/9/blocs/{bloc.pk}/"
    sign_in(page, base, "residente@demo.test")
    page.goto(edit_url)
    other_tab = page.context.new_page()
    other_tab.goto(edit_url)
    other_tab.get_by_label("Durée (minutes)").fill("100")
    other_tab.get_by_role("button", name="Enregistrer").click()
    other_tab.wait_for_url(re.compile(r".*/planifier/$"))

    page.get_by_label("Titre").fill("Tamis revu")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/planifier/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Bloc « Tamis revu » enregistré. Ce que vous aviez changé dans un autre onglet ou une "
        "autre fenêtre est gardé : la durée."
    )
    stored = Bloc.objects.get(pk=bloc.pk)
    assert (stored.titre, stored.duree) == ("Tamis revu", 100)

    # A move from the older tab of the planner: refused, and it says it was her.
    other_tab.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    page.get_by_role("button", name="Descendre Tamis revu").click()
    expect(page.get_by_role("status")).to_contain_text("déplacé en position")
    other_tab.get_by_role("button", name="Monter Tamis revu").click()
    expect(other_tab.get_by_role("status")).to_contain_text(
        "Vous avez modifié le programme dans un autre onglet ou une autre fenêtre"
    )
    expect(other_tab.get_by_role("status")).not_to_contain_text("Suzanne Keller")


def test_duplicate_keeps_facilitators_and_moves_every_date(live_server, demo, page):
    base = live_server.url
    source = Session.objects.get(transfo__slug="strasbourg", numero=9)
    led = Bloc.objects.vivants().filter(jour__session=source, animateurs__isnull=False)
    led_count = led.distinct().count()
    assert led_count
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/")
    page.get_by_label("Premier jour de la copie").fill("2019-09-09")
    page.get_by_role("button", name="Dupliquer").click()
    page.wait_for_url(re.compile(r".*/planifier/$"))
    assert page.locator(".bloc__people", has_text="Animé par").count() == led_count
    headings = page.locator(".planner-day h2").all_inner_texts()
    assert headings[0] == "Jour 1 · lundi 9 septembre"
    assert headings[1] == "Jour 2 · mardi 10 septembre"

    # "Modifier la session": one date moves every day.
    page.goto(page.url.replace("/planifier/", "/modifier/"))
    page.get_by_label("Premier jour").fill("2019-09-16")
    page.get_by_role("button", name="Enregistrer").click()
    page.goto(page.url + "planifier/")
    headings = page.locator(".planner-day h2").all_inner_texts()
    assert headings[:2] == ["Jour 1 · lundi 16 septembre", "Jour 2 · mardi 17 septembre"]


def test_days_keep_distinct_weekdays_within_the_transfo(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    # Session n°9 of Strasbourg: Thursday 27 and Friday 28 June 2019.
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    page.get_by_role("button", name="Ajouter un jour").click()
    third = page.locator(".planner-day h2").nth(2)
    assert third.inner_text() == "Jour 3 · lundi 1er juillet"

    page.get_by_role("link", name="Date et horaires du jour 3").click()
    page.get_by_label("Titre du jour").fill("Terrain")
    page.get_by_label("Date").fill("2019-06-28")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text(
        "Le jour 2 est déjà le vendredi 28 juin 2019 : choisissez une autre date."
    ).is_visible()
    assert page.get_by_label("Titre du jour").input_value() == "Terrain"
    assert page.get_by_label("Date").input_value() == "2019-06-28"

    # Years after the Transfo (April 2018 – October 2019): refused, what was typed kept.
    page.get_by_label("Date").fill("2023-06-29")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text(
        "Le 29 juin 2023 est hors de la période de la Transfo : du 1er avril 2018 au "
        "31 octobre 2019 (sa fin)."
    ).is_visible()
    assert page.get_by_label("Titre du jour").input_value() == "Terrain"
    assert (
        Jour.objects.get(
            session__transfo__slug="strasbourg", session__numero=9, position=2
        ).date.isoformat()
        == "2019-07-01"
    )


MEETING = "Accueil et météo du groupe"


def press(page, name):
    """Press the focused control with Enter: it must be the one named."""
    focused = page.get_by_role("button", name=name)
    expect(focused).to_be_focused()
    page.keyboard.press("Enter")


def test_keyboard_reordering_keeps_focus_and_says_where_the_block_went(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    status = page.locator("#planner-status")
    assert status.get_attribute("role") == "status"

    # Three places down, pressing Enter three times without navigating back to the block.
    page.get_by_role("button", name=f"Descendre {MEETING}").focus()
    for position in (2, 3, 4):
        press(page, f"Descendre {MEETING}")
        expect(status).to_contain_text(
            f"« {MEETING} » déplacé en position {position} sur 9, Jour 1, de "
        )
        expect(page.get_by_role("button", name=f"Descendre {MEETING}")).to_be_focused()
    assert day_titles(page, 1)[3] == MEETING
    # The live region is the same element all along (a replaced region is not announced).
    status.evaluate("element => { element.dataset.kept = 'yes'; }")

    # Back up to the top: there, "Monter" is gone and its neighbour "Descendre" has the focus.
    page.keyboard.press("Shift+Tab")
    for position in (3, 2, 1):
        press(page, f"Monter {MEETING}")
        expect(status).to_contain_text(
            f"« {MEETING} » déplacé en position {position} sur 9, Jour 1, de 9\u00a0h\u00a030 à 9\u00a0h\u00a045."
            if position == 1
            else f"« {MEETING} » déplacé en position {position} sur 9, Jour 1"
        )
    expect(page.get_by_role("button", name=f"Descendre {MEETING}")).to_be_focused()
    assert day_titles(page, 1)[0] == MEETING

    # To the next day, the last one: focus on "Jour précédent", the region says the day.
    page.keyboard.press("Tab")
    press(page, f"Jour suivant : {MEETING}")
    expect(status).to_contain_text(f"« {MEETING} » déplacé au Jour 2, en position 8 sur 8")
    expect(page.get_by_role("button", name=f"Jour précédent : {MEETING}")).to_be_focused()
    assert day_titles(page, 2)[-1] == MEETING
    assert status.evaluate("element => element.dataset.kept") == "yes"
    assert axe_violations(page) == []
    # The page fixture fails the test on any Content Security Policy violation.


def test_reordering_without_javascript_keeps_focus_on_the_moved_block(live_server, demo, browser):
    base = live_server.url
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    page.get_by_role("button", name=f"Descendre {MEETING}").focus()
    for position in (2, 3):
        with page.expect_navigation():
            press(page, f"Descendre {MEETING}")
        # The reloaded page puts the focus back on the same button (autofocus) and says it.
        expect(page.get_by_role("button", name=f"Descendre {MEETING}")).to_be_focused()
        expect(page.get_by_role("status")).to_contain_text(
            f"« {MEETING} » déplacé en position {position} sur 9, Jour 1"
        )
    context.close()


def in_viewport(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


def no_horizontal_scroll(page):
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [1366, 320])
def test_undo_notice_takes_the_deleted_blocks_place_and_the_focus(
    live_server, demo, browser, width
):
    """Issue 21, item 4: deleting the last block of a long day, the undo notice is where the
    block was, in view and focused, not at the top of the page."""
    base = live_server.url
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 700})
    page = context.new_page()
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    last = day_titles(page, 1)[-1]
    button = page.get_by_role("button", name=f"Supprimer {last}", exact=True)
    button.scroll_into_view_if_needed()
    assert page.evaluate("() => window.scrollY") > 700  # a long day: far below the top
    button.click()
    notice = page.locator(".planner-day:nth-of-type(1) .planner-blocks > li").last
    expect(notice).to_contain_text(f"Bloc « {last} » supprimé.")
    undo = page.get_by_role("button", name=f"Rétablir {last}")
    expect(undo).to_be_focused()
    assert in_viewport(page, notice)
    assert last not in day_titles(page, 1)
    expect(page.locator("#planner-status")).to_contain_text(f"Bloc « {last} » supprimé.")
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []

    # Undo: the block is back in its place, its "Modifier" focused.
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=f"Modifier {last}")).to_be_focused()
    assert day_titles(page, 1)[-1] == last
    assert page.locator(".undo-notice").count() == 0
    context.close()


def test_undo_notice_in_place_without_javascript(live_server, demo, browser):
    base = live_server.url
    context = browser.new_context(
        locale="fr-FR", java_script_enabled=False, viewport={"width": 1366, "height": 700}
    )
    page = context.new_page()
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    last = day_titles(page, 1)[-1]
    with page.expect_navigation():
        page.get_by_role("button", name=f"Supprimer {last}", exact=True).click()
    notice = page.locator(".planner-day:nth-of-type(1) .planner-blocks > li").last
    expect(notice).to_contain_text(f"Bloc « {last} » supprimé.")
    expect(page.get_by_role("button", name=f"Rétablir {last}")).to_be_focused()
    assert in_viewport(page, notice)
    context.close()


@pytest.mark.parametrize("width", [1366, 320])
def test_planner_toolbar_grouped_facilitators_and_preview_fit_and_pass_axe(
    live_server, demo, browser, width
):
    """Issue 21, item 4: "Animé par" grouped by role, "Voir comme les ambassadeurs" and the
    protocol hints, at a desktop's and a phone's width."""
    base = live_server.url
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Ajouter un bloc au jour 1").click()
    group = page.get_by_role("group", name="Animé par")
    expect(group.get_by_role("group", name="Résident·es")).to_be_visible()
    expect(group.get_by_role("group", name="Ambassadeur·rices")).to_be_visible()
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []

    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    page.get_by_role("link", name="Voir comme les ambassadeurs").click()
    expect(page.get_by_text("Aperçu : le programme tel que les ambassadeur·rices")).to_be_visible()
    assert page.get_by_text("Notes des résident·es :").count() == 0
    assert page.get_by_role("link", name="Planifier").count() == 0
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    context.close()


def test_blocks_added_and_edited_in_place(live_server, demo, page):
    """Issue 21, item 4: the block form opens in the day (or the block), a refusal keeps it
    there with what was typed, and saving re-renders the days, without leaving the page."""
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    page.evaluate("() => { document.body.dataset.kept = 'yes'; }")
    status = page.locator("#planner-status")

    page.get_by_role("link", name="Ajouter un bloc au jour 2").click()
    form = page.locator(".planner-day:nth-of-type(2) #bloc-form")
    expect(form).to_be_visible()
    expect(form.get_by_label("Type")).to_be_focused()
    form.get_by_label("Type").select_option(label="Temps collectif")
    form.get_by_label("Titre").fill("Café des idées")
    form.get_by_role("button", name="Enregistrer").click()
    expect(form).to_contain_text("Indiquez une durée ou choisissez une méthode.")
    expect(form.get_by_label("Titre")).to_have_value("Café des idées")
    page.set_viewport_size({"width": 320, "height": 800})
    assert no_horizontal_scroll(page)
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})

    form.get_by_label("Durée (minutes)").fill("20")
    form.get_by_role("button", name="Enregistrer").click()
    expect(status).to_contain_text("Bloc « Café des idées » ajouté.")
    assert day_titles(page, 2)[-1] == "Café des idées"
    expect(page.get_by_role("link", name="Modifier Café des idées")).to_be_focused()
    assert page.locator("#bloc-form").count() == 0

    page.get_by_role("link", name="Modifier Café des idées").click()
    bloc = page.locator(".planner-bloc", has=page.locator("#bloc-form"))
    expect(bloc.get_by_label("Titre")).to_have_value("Café des idées")
    bloc.get_by_label("Titre").fill("Café des idées partagées")
    bloc.get_by_role("button", name="Enregistrer").click()
    expect(status).to_contain_text("Bloc « Café des idées partagées » enregistré.")
    assert day_titles(page, 2)[-1] == "Café des idées partagées"
    assert page.evaluate("() => document.body.dataset.kept") == "yes"  # never left the page
    assert axe_violations(page) == []


def test_block_form_without_javascript_is_a_page_of_its_own(live_server, demo, browser):
    base = live_server.url
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/sessions/9/planifier/")
    page.get_by_role("link", name="Ajouter un bloc au jour 2").click()
    page.wait_for_url(re.compile(r".*/blocs/ajouter/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ajouter un bloc au jour 2")
    page.get_by_label("Type").select_option(label="Temps collectif")
    page.get_by_label("Titre").fill("Café des idées")
    page.get_by_label("Durée (minutes)").fill("20")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/planifier/$"))
    assert day_titles(page, 2)[-1] == "Café des idées"
    # Back in the planner, the new block's "Modifier" has the focus (and is in view).
    expect(page.get_by_role("link", name="Modifier Café des idées")).to_be_focused()
    context.close()
