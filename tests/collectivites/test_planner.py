import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from collectivites.choices import Role, StatutSession, TypeBloc
from collectivites.models import Bloc, Session
from tests.collectivites.factories import (
    MethodeFactory,
    ParticipationFactory,
    UserFactory,
    session_with_programme,
)


@pytest.fixture
def session(transfo):
    return session_with_programme(transfo, numero=1, days=2, blocks=3)


@pytest.fixture
def planner_client(client, resident):
    client.force_login(resident)
    return client


def url(name, *args):
    return reverse(f"collectivites:{name}", args=["strasbourg", 1, *args])


def titles(session, position):
    day = session.jours.get(position=position)
    return list(day.blocs.vivants().order_by("position").values_list("titre", flat=True))


def version(session):
    return Session.objects.get(pk=session.pk).version


def test_add_block_with_methode_takes_its_duration(planner_client, session):
    methode = MethodeFactory(nom="Débat mouvant", duree_typique=45)
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("bloc_add", day.pk),
        {"type": TypeBloc.LABO, "titre": "Débat sur le labo", "methode": methode.pk, "duree": ""},
    )
    assert response.status_code == 302
    bloc = Bloc.objects.get(titre="Débat sur le labo")
    assert bloc.duree == 45
    assert titles(session, 0)[-1] == "Débat sur le labo"
    assert version(session) == 2


def test_add_block_without_duration_or_methode_keeps_input(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("bloc_add", day.pk),
        {
            "type": TypeBloc.ATELIER,
            "titre": "Titre que j'ai tapé",
            "description": "Texte long tapé",
        },
    )
    content = response.content.decode()
    assert "Indiquez une durée ou choisissez une méthode." in content
    assert 'value="Titre que j&#x27;ai tapé"' in content
    assert "Texte long tapé" in content
    assert not Bloc.objects.filter(titre="Titre que j'ai tapé").exists()


def test_editing_a_duration_recomputes_later_blocks(planner_client, session):
    first = Bloc.objects.get(titre="Bloc 1.1")
    planner_client.post(
        url("bloc_edit", first.pk),
        {"type": first.type, "titre": first.titre, "duree": 90, "version": first.version},
    )
    content = planner_client.get(url("session_planner")).content.decode()
    # 9:00 + 90 = 10:30, then 60 minutes each.
    assert (
        '<time datetime="10:30">10\xa0h\xa030</time> – <time datetime="11:30">11\xa0h\xa030</time>'
        in content
    )
    assert (
        '<time datetime="11:30">11\xa0h\xa030</time> – <time datetime="12:30">12\xa0h\xa030</time>'
        in content
    )


def test_day_running_past_its_planned_end_is_flagged(planner_client, session):
    day = session.jours.get(position=0)
    day.heure_fin_prevue = day.heure_debut.replace(hour=11, minute=30)
    day.save()
    content = planner_client.get(url("session_planner")).content.decode()
    assert "La journée dépasse sa fin prévue de 30 minutes." in content


def test_delete_then_undo(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 1.2")
    planner_client.post(url("bloc_delete", bloc.pk), {"version": version(session)})
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.3"]
    content = planner_client.get(url("session_planner")).content.decode()
    assert "Bloc « Bloc 1.2 » supprimé." in content
    # The notice is where the block was, between its neighbours, and has the focus.
    notice = content.index(f'<li class="undo-notice" id="retablir-{bloc.pk}">')
    first, third = (Bloc.objects.get(titre=t).pk for t in ("Bloc 1.1", "Bloc 1.3"))
    assert content.index(f'id="bloc-{first}"') < notice < content.index(f'id="bloc-{third}"')
    assert re.search(
        r'<button type="submit" class="button button--small" autofocus>Rétablir', content
    )
    # The focus is given once: a reload leaves it alone.
    assert " autofocus" not in planner_client.get(url("session_planner")).content.decode()
    planner_client.post(url("bloc_restore", bloc.pk))
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.2", "Bloc 1.3"]
    content = planner_client.get(url("session_planner")).content.decode()
    assert "supprimé." not in content
    # Back in its place, its "Modifier" has the focus.
    assert re.search(rf'/blocs/{bloc.pk}/"[^>]* autofocus>Modifier', content)


def test_undo_notice_of_a_last_block_ends_its_day(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 2.3")
    planner_client.post(url("bloc_delete", bloc.pk), {"version": version(session)})
    content = planner_client.get(url("session_planner")).content.decode()
    day_two = content.index('aria-label="Blocs du jour 2"')
    notice = content.index(f'id="retablir-{bloc.pk}"')
    assert content.index('id="bloc-', day_two) < notice < content.index("</ol>", day_two)
    assert content.rindex('id="bloc-', 0, content.index("</ol>", day_two)) < notice


def test_move_with_buttons_within_and_across_days(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 1.3")
    planner_client.post(
        url("bloc_move", bloc.pk), {"direction": "haut", "version": version(session)}
    )
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.3", "Bloc 1.2"]
    planner_client.post(
        url("bloc_move", bloc.pk), {"direction": "jour-suivant", "version": version(session)}
    )
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.2"]
    assert titles(session, 1) == ["Bloc 2.1", "Bloc 2.2", "Bloc 2.3", "Bloc 1.3"]


def test_move_to_a_position_as_drag_and_drop_does(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 2.3")
    first_day = session.jours.get(position=0)
    planner_client.post(
        url("bloc_move", bloc.pk),
        {"jour": first_day.pk, "position": 0, "version": version(session)},
    )
    assert titles(session, 0) == ["Bloc 2.3", "Bloc 1.1", "Bloc 1.2", "Bloc 1.3"]
    assert titles(session, 1) == ["Bloc 2.1", "Bloc 2.2"]


def test_stale_layout_change_is_refused_and_said(client, resident, transfo, session):
    colleague = UserFactory(full_name="Yoan Perrin")
    ParticipationFactory(user=colleague, transfo=transfo, role=Role.RESIDENT)
    stale = version(session)
    client.force_login(colleague)
    client.post(
        url("bloc_move", Bloc.objects.get(titre="Bloc 1.1").pk),
        {"direction": "bas", "version": stale},
    )
    client.force_login(resident)
    response = client.post(
        url("bloc_delete", Bloc.objects.get(titre="Bloc 1.3").pk), {"version": stale}, follow=True
    )
    content = response.content.decode()
    assert (
        "Le programme a été modifié par Yoan Perrin depuis que vous l&#x27;avez ouvert" in content
    )
    assert titles(session, 0) == ["Bloc 1.2", "Bloc 1.1", "Bloc 1.3"]


def test_stale_layout_change_from_another_tab_says_it_was_me(planner_client, session):
    stale = version(session)
    planner_client.post(
        url("bloc_move", Bloc.objects.get(titre="Bloc 1.1").pk),
        {"direction": "bas", "version": stale},
    )
    response = planner_client.post(
        url("bloc_move", Bloc.objects.get(titre="Bloc 1.3").pk),
        {"direction": "haut", "version": stale},
        follow=True,
    )
    content = response.content.decode()
    assert (
        "Vous avez modifié le programme dans un autre onglet ou une autre fenêtre depuis que "
        "cette page est ouverte" in content
    )
    assert "modifié par" not in content
    assert titles(session, 0) == ["Bloc 1.2", "Bloc 1.1", "Bloc 1.3"]


def opened_form(client, bloc):
    """The edit form's data as a person's page holds it when they open it."""
    response = client.get(url("bloc_edit", bloc.pk))
    form = response.context["form"]
    data = {name: form[name].value() for name in ("type", "titre", "duree", "version", "base")}
    data.update(methode="", description=bloc.description, materiel=bloc.materiel)
    return {key: "" if value is None else value for key, value in data.items()}


@pytest.fixture
def colleague(transfo):
    colleague = UserFactory(full_name="Lilas Garnier")
    ParticipationFactory(user=colleague, transfo=transfo, role=Role.RESIDENT)
    return colleague


def test_concurrent_edits_of_different_fields_keep_both(client, resident, colleague, session):
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    client.force_login(resident)
    mine = opened_form(client, bloc)
    client.force_login(colleague)
    theirs = opened_form(client, bloc)
    client.post(url("bloc_edit", bloc.pk), {**theirs, "duree": 75})

    client.force_login(resident)
    response = client.post(url("bloc_edit", bloc.pk), {**mine, "titre": "Mon titre"}, follow=True)
    stored = Bloc.objects.get(pk=bloc.pk)
    assert (stored.titre, stored.duree) == ("Mon titre", 75)  # her duration is not reverted
    assert stored.updated_by == resident
    assert (
        "Bloc « Mon titre » enregistré. Lilas Garnier l&#x27;avait modifié entre-temps : "
        "ses changements sont gardés (la durée)." in response.content.decode()
    )


def test_concurrent_edits_of_one_field_ask_which_to_keep(client, resident, colleague, session):
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    client.force_login(resident)
    mine = opened_form(client, bloc)
    client.force_login(colleague)
    theirs = opened_form(client, bloc)
    client.post(url("bloc_edit", bloc.pk), {**theirs, "duree": 75, "materiel": "Post-it"})

    client.force_login(resident)
    sent = {**mine, "titre": "Mon titre", "duree": 45}
    response = client.post(url("bloc_edit", bloc.pk), sent)
    assert response.status_code == 409
    content = response.content.decode()
    assert "Lilas Garnier a modifié ce bloc pendant que vous l'éditiez." in content
    assert "Vous avez changé tous les deux : la durée." in content
    assert "repris ci-dessous : le matériel." in content
    form = response.context["form"]
    assert list(form.fields["choix_duree"].choices) == [
        ("mine", "Votre version : 45 min"),
        ("theirs", "Version enregistrée par Lilas Garnier : 75 min"),
    ]
    # What she typed is all there; the field she left alone shows the colleague's change.
    assert form["titre"].value() == "Mon titre"
    assert form["duree"].value() == 45
    assert form["materiel"].value() == "Post-it"
    assert Bloc.objects.get(pk=bloc.pk).titre == "Bloc 1.1"

    # Saving without choosing is refused, nothing lost.
    resent = {key: form[key].value() for key in ("type", "titre", "duree", "version", "base")}
    resent.update(materiel="Post-it", description="", methode="")
    response = client.post(url("bloc_edit", bloc.pk), resent)
    assert "Choisissez la version à garder." in response.content.decode()
    assert response.context["form"]["titre"].value() == "Mon titre"

    # She keeps the colleague's duration: her title, their duration and material.
    client.post(url("bloc_edit", bloc.pk), {**resent, "choix_duree": "theirs"})
    stored = Bloc.objects.get(pk=bloc.pk)
    assert (stored.titre, stored.duree, stored.materiel) == ("Mon titre", 75, "Post-it")


def test_keeping_my_version_of_a_conflicting_field(client, resident, colleague, session):
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    client.force_login(resident)
    mine = opened_form(client, bloc)
    client.force_login(colleague)
    client.post(url("bloc_edit", bloc.pk), {**opened_form(client, bloc), "titre": "Sa version"})
    client.force_login(resident)
    response = client.post(url("bloc_edit", bloc.pk), {**mine, "titre": "Ma version"})
    form = response.context["form"]
    resent = {key: form[key].value() for key in ("type", "titre", "duree", "version", "base")}
    resent.update(choix_titre="mine", materiel="", description="", methode="")
    client.post(url("bloc_edit", bloc.pk), resent)
    assert Bloc.objects.get(pk=bloc.pk).titre == "Ma version"


def test_same_person_in_two_tabs_is_told_it_was_them(client, resident, session):
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    client.force_login(resident)
    first_tab, second_tab = opened_form(client, bloc), opened_form(client, bloc)
    client.post(url("bloc_edit", bloc.pk), {**first_tab, "titre": "Onglet 1"})
    response = client.post(url("bloc_edit", bloc.pk), {**second_tab, "titre": "Onglet 2"})
    content = response.content.decode()
    assert response.status_code == 409
    assert (
        "Vous avez modifié ce bloc dans un autre onglet ou une autre fenêtre pendant que vous "
        "l'éditiez ici." in content
    )
    alert = content.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "Suzanne" not in alert
    assert list(response.context["form"].fields["choix_titre"].choices)[1] == (
        "theirs",
        "Version enregistrée par vous, dans un autre onglet ou une autre fenêtre : « Onglet 1 »",
    )


def test_an_old_form_without_its_base_asks_for_every_field_that_differs(
    client, resident, colleague, session
):
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    opened = bloc.version
    client.force_login(colleague)
    client.post(
        url("bloc_edit", bloc.pk),
        {"type": bloc.type, "titre": "Sa version", "duree": 30, "version": opened},
    )
    client.force_login(resident)
    response = client.post(
        url("bloc_edit", bloc.pk),
        {"type": bloc.type, "titre": "Ma version", "duree": 45, "version": opened},
    )
    assert response.status_code == 409
    form = response.context["form"]
    assert {"choix_titre", "choix_duree"} <= set(form.fields)
    assert form["titre"].value() == "Ma version"
    assert Bloc.objects.get(pk=bloc.pk).titre == "Sa version"


def test_a_base_of_another_block_is_not_trusted(client, resident, colleague, session):
    bloc, other = Bloc.objects.get(titre="Bloc 1.1"), Bloc.objects.get(titre="Bloc 1.2")
    client.force_login(resident)
    mine = opened_form(client, bloc)
    mine["base"] = opened_form(client, other)["base"]
    client.force_login(colleague)
    client.post(url("bloc_edit", bloc.pk), {**opened_form(client, bloc), "duree": 75})
    client.force_login(resident)
    response = client.post(url("bloc_edit", bloc.pk), {**mine, "titre": "Mon titre"})
    # Without a base it can trust, the page asks for every field that differs.
    assert response.status_code == 409
    assert {"choix_titre", "choix_duree"} <= set(response.context["form"].fields)
    assert Bloc.objects.get(pk=bloc.pk).duree == 75


def test_add_and_delete_day(planner_client, session):
    planner_client.post(url("day_add"), {"version": version(session)})
    assert session.jours.count() == 3
    new_day = session.jours.get(position=2)
    assert new_day.date == session.jours.get(position=1).date.replace(day=29)  # Monday
    planner_client.post(url("day_delete", new_day.pk), {"version": version(session)})
    assert session.jours.count() == 2


def test_day_with_blocks_cannot_be_deleted(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("day_delete", day.pk), {"version": version(session)}, follow=True
    )
    assert "Ce jour a encore des blocs" in response.content.decode()
    assert session.jours.count() == 2


def test_day_end_before_start_is_refused(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("day_edit", day.pk),
        {
            f"jour-{day.pk}-date": "2026-06-25",
            f"jour-{day.pk}-heure_debut": "14:00",
            f"jour-{day.pk}-heure_fin_prevue": "09:00",
        },
    )
    assert "La fin prévue doit suivre le début." in response.content.decode()


def test_change_to_published_session_marks_it_modified(planner_client, session):
    session.publish()
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    planner_client.post(
        url("bloc_move", bloc.pk), {"direction": "bas", "version": version(session)}
    )
    session.refresh_from_db()
    assert session.is_modified
    assert "Modifié" in planner_client.get(session.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("days", "blocks"), [(2, 4), (3, 14)])
def test_planner_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, days, blocks
):
    session = session_with_programme(transfo, numero=1, days=days, blocks=blocks)
    methode = MethodeFactory()
    Bloc.objects.filter(jour__session=session).update(methode=methode)
    for bloc in Bloc.objects.filter(jour__session=session):
        bloc.animateurs.add(resident)
    client.force_login(resident)
    # session, user, roles, the Transfo, the session, days, blocks with méthodes,
    # facilitators, recently deleted blocks, permissions (1), the Transfo's sessions and
    # their days (protocol hints: 2), session refresh, the first since force_login
    # (savepoint, update, release: 3)
    with django_assert_max_num_queries(15):
        response = client.get(session.get_planner_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="bloc bloc--') == days * blocks


def test_two_days_cannot_share_a_date_and_what_was_typed_stays(planner_client, session):
    day = session.jours.get(position=1)
    response = planner_client.post(
        url("day_edit", day.pk),
        {
            f"jour-{day.pk}-date": "2026-06-25",
            f"jour-{day.pk}-titre": "Terrain à Hautepierre",
            f"jour-{day.pk}-heure_debut": "09:30",
            f"jour-{day.pk}-heure_fin_prevue": "17:00",
        },
    )
    content = response.content.decode()
    assert "Le jour 1 est déjà le jeudi 25 juin 2026 : choisissez une autre date." in content
    assert 'value="Terrain à Hautepierre"' in content
    assert 'value="09:30"' in content
    day.refresh_from_db()
    assert str(day.date) == "2026-06-26"


def test_add_day_proposes_the_next_weekday(planner_client, session):
    # Days on Thursday 25 and Friday 26 June 2026: the third is proposed on Monday 29.
    planner_client.post(url("day_add"), {"version": version(session)})
    assert str(session.jours.get(position=2).date) == "2026-06-29"


def test_session_dated_years_after_its_transfo_is_refused(planner_client, transfo):
    form = {
        "numero": 3,
        "titre": "Session tardive",
        "lieu": "Tiers-lieu",
        "objectifs": "",
        "premier_jour": "2031-03-03",
        "nb_jours": 2,
        "depart": "",
    }
    response = planner_client.post("/espace/transfos/strasbourg/sessions/nouvelle/", form)
    content = response.content.decode()
    assert (
        "Le 3 mars 2031 est hors de la période de la Transfo : du 1er septembre 2025 au "
        "1er septembre 2027 (ses 18 mois et 6 de marge)." in content
    )
    assert 'value="Session tardive"' in content
    assert not Session.objects.filter(numero=3).exists()
    form["premier_jour"] = "2027-02-01"
    planner_client.post("/espace/transfos/strasbourg/sessions/nouvelle/", form)
    assert Session.objects.filter(numero=3).exists()


def test_a_day_moved_out_of_the_transfos_span_is_refused(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("day_edit", day.pk),
        {
            f"jour-{day.pk}-date": "2025-08-29",
            f"jour-{day.pk}-heure_debut": "09:00",
            f"jour-{day.pk}-heure_fin_prevue": "17:00",
        },
    )
    assert "hors de la période de la Transfo" in response.content.decode()


def _legends_and_names(content):
    """{legend: [names]} of the "Animé par" groups of a block form."""
    groups = {}
    for legend, body in re.findall(
        r'<fieldset class="choice-group"><legend>(.*?)</legend>(.*?)</fieldset>', content, re.S
    ):
        groups[legend] = re.findall(r'<label for="id_animateurs_\d+_\d+">(.*?)</label>', body)
    return groups


def test_facilitators_are_grouped_by_role_each_once(planner_client, session, transfo, resident):
    ParticipationFactory(transfo=transfo, role=Role.PILOTE, user__full_name="Isabelle Roth")
    for name in ["Zoé Wagner", "Anne Bloch"]:
        ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, user__full_name=name)
    ParticipationFactory(
        transfo=transfo, role=Role.AMBASSADEUR, user__full_name="Partie", sortie=True
    )
    ParticipationFactory(role=Role.AMBASSADEUR, user__full_name="D'une autre Transfo")
    day = session.jours.get(position=0)
    content = planner_client.get(url("bloc_add", day.pk)).content.decode()
    assert _legends_and_names(content) == {
        "Résident·es": ["Suzanne Keller"],
        "Pilote interne": ["Isabelle Roth"],
        "Ambassadeur·rices": ["Anne Bloch", "Zoé Wagner"],
    }
    # The question is the field's legend, around the groups.
    assert re.search(
        r"<legend>Animé par</legend>.*?<fieldset class=\"choice-group\">", content, re.S
    )


def test_facilitators_grouped_keep_the_choice_and_refuse_outsiders(
    planner_client, session, transfo
):
    ambassadeur = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user
    outsider = ParticipationFactory(role=Role.AMBASSADEUR).user
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    data = {"type": bloc.type, "titre": bloc.titre, "duree": 30, "version": bloc.version}
    refused = planner_client.post(url("bloc_edit", bloc.pk), {**data, "animateurs": [outsider.pk]})
    assert refused.status_code == 200
    assert f"Sélectionnez un choix valide. {outsider.pk} n’en fait pas partie." in (
        refused.content.decode()
    )
    assert not bloc.animateurs.exists()
    planner_client.post(url("bloc_edit", bloc.pk), {**data, "animateurs": [ambassadeur.pk]})
    assert list(bloc.animateurs.all()) == [ambassadeur]
    content = planner_client.get(url("bloc_edit", bloc.pk)).content.decode()
    assert re.search(rf'value="{ambassadeur.pk}"[^>]* checked', content)


def test_planner_toolbar_publishes_the_draft_and_comes_back(planner_client, session):
    content = planner_client.get(url("session_planner")).content.decode()
    assert f'action="{url("session_publish")}"' in content
    assert f'href="{session.get_absolute_url()}?apercu=ambassadeurs"' in content
    assert "Voir comme les ambassadeurs" in content
    response = planner_client.post(url("session_publish"), {"depuis": "planificateur"})
    assert response.url == session.get_planner_url()
    session.refresh_from_db()
    assert session.statut == StatutSession.PUBLIEE
    content = planner_client.get(response.url).content.decode()
    assert "Programme publié : les ambassadeurs le voient" in content
    # Published: nothing left to publish from here.
    assert f'action="{url("session_publish")}"' not in content


def test_preview_as_ambassadeurs_hides_the_notes_and_the_tools(planner_client, session):
    Bloc.objects.filter(titre="Bloc 1.1").update(notes_residents="Penser aux post-it")
    page = planner_client.get(session.get_absolute_url()).content.decode()
    assert "Notes des résident·es" in page
    assert "Penser aux post-it" in page
    assert session.get_planner_url() in page
    preview = planner_client.get(f"{session.get_absolute_url()}?apercu=ambassadeurs")
    content = preview.content.decode()
    assert "Aperçu : le programme tel que les ambassadeur·rices le voient" in content
    assert "Bloc 1.1" in content
    assert "Notes des résident·es" not in content
    assert "Penser aux post-it" not in content
    assert url("session_publish") not in content
    assert "Enregistrer comme modèle" not in content
    assert "Planifier</a>" not in content


def test_preview_gives_ambassadeurs_nothing_more(client, transfo, session):
    ambassadeur = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user
    client.force_login(ambassadeur)
    preview = f"{session.get_absolute_url()}?apercu=ambassadeurs"
    # A draft stays out of their sight, preview or not, and so does its planner.
    assert client.get(preview).status_code == 404
    assert client.get(url("session_planner")).status_code == 404
    assert client.post(url("session_publish"), {"depuis": "planificateur"}).status_code == 404
    Session.objects.filter(pk=session.pk).update(statut=StatutSession.PUBLIEE)
    assert client.get(url("session_planner")).status_code == 403
    assert client.post(url("session_publish"), {"depuis": "planificateur"}).status_code == 403
    Bloc.objects.filter(titre="Bloc 1.1").update(notes_residents="Penser aux post-it")
    content = client.get(preview).content.decode()
    assert "Bloc 1.1" in content
    assert "Aperçu" not in content
    assert "Penser aux post-it" not in content
    assert "Publier" not in content


def _dated(transfo, numero, first_day):
    later = session_with_programme(transfo, numero=numero, days=2, blocks=1)
    for day in later.jours.all():
        day.date = first_day + timedelta(days=day.position)
        day.save()
    return later


def test_planner_shows_the_protocol_hints_of_this_session(planner_client, session, transfo):
    _dated(transfo, 2, date(2026, 9, 1))  # 67 days after session 1
    late = _dated(transfo, 3, date(2027, 4, 1))  # after the 18 months (1 March 2027)
    content = planner_client.get(url("session_planner")).content.decode()
    assert "Au regard du protocole" in content
    assert "67 jours entre la session n°1 et la session n°2" in content
    assert "entre la session n°2 et la session n°3" not in content
    assert "dépasse les 18 mois" not in content
    content = planner_client.get(late.get_planner_url()).content.decode()
    assert "La session n°3 dépasse les 18 mois du protocole." in content
    assert "211 jours entre la session n°2 et la session n°3" in content
    assert "entre la session n°1 et la session n°2" not in content
    # The sessions list says the same.
    listing = planner_client.get(reverse("collectivites:session_list", args=["strasbourg"]))
    assert "La session n°3 dépasse les 18 mois du protocole." in listing.content.decode()
    assert "67 jours entre la session n°1 et la session n°2" in listing.content.decode()


def test_block_form_in_place_refused_replaces_only_the_form(planner_client, session):
    day = session.jours.get(position=0)
    # The planner's links load the form in place (htmx) and keep their address without JS.
    planner = planner_client.get(url("session_planner")).content.decode()
    assert f'data-hx-get="{url("bloc_add", day.pk)}" data-hx-target="#ajout-{day.pk}"' in planner
    form = planner_client.get(url("bloc_add", day.pk)).content.decode()
    assert '<div id="bloc-form" class="bloc-form">' in form
    assert f'action="{url("bloc_add", day.pk)}"' in form
    response = planner_client.post(
        url("bloc_add", day.pk),
        {"type": TypeBloc.ATELIER, "titre": "Tapé en place"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#bloc-form"
    assert response["HX-Reselect"] == "#bloc-form"
    assert "Indiquez une durée ou choisissez une méthode." in response.content.decode()
    assert 'value="Tapé en place"' in response.content.decode()
    # Without htmx, the full-page form is unchanged.
    plain = planner_client.post(
        url("bloc_add", day.pk), {"type": TypeBloc.ATELIER, "titre": "Tapé en place"}
    )
    assert "HX-Retarget" not in plain


def test_block_saved_gives_the_focus_to_its_modifier(planner_client, session):
    day = session.jours.get(position=1)
    response = planner_client.post(
        url("bloc_add", day.pk),
        {"type": TypeBloc.ATELIER, "titre": "Nouveau bloc", "duree": 30},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 302
    bloc = Bloc.objects.get(titre="Nouveau bloc")
    content = planner_client.get(response.url).content.decode()
    assert re.search(rf'/blocs/{bloc.pk}/"[^>]* autofocus>Modifier', content)
    assert titles(session, 1)[-1] == "Nouveau bloc"
