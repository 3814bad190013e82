"""Attestations: what the PDF says, who may get it, and its rebuilding only when it changed."""

import re
from datetime import date

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ambassadeurs.models import (
    Attestation,
    attestation_content,
    render_attestation_html,
)
from ambassadeurs.tasks import render_attestation
from collectivites.choices import Role
from collectivites.models import Participation
from tests.ambassadeurs.factories import (
    AmbassadeurProfileFactory,
    read_file_response,
    record,
    session_days,
)
from tests.collectivites.factories import BlocFactory, MethodeFactory, ParticipationFactory
from transfo.users.models import AuditAction, AuditEvent


@pytest.fixture
def weasyprint():
    """WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0); CI installs it."""
    import os

    try:
        import weasyprint
    except OSError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"WeasyPrint cannot load its system libraries: {error}")
    return weasyprint


@pytest.fixture
def membre(ambassadeur):
    participation = Participation.objects.get(user=ambassadeur)
    participation.date_entree = date(2025, 9, 15)
    participation.save()
    AmbassadeurProfileFactory(participation=participation, roles="journaliste d'immersion")
    return participation


@pytest.fixture
def parcours(membre, transfo, pilote):
    """Two sessions: present both days of the first, one day of the second."""
    from tests.cas_pratiques.factories import CasPratiqueFactory

    first = session_days(transfo, 1, titre="Immersion")
    second = session_days(transfo, 2, titre="Idéation")
    record(first, membre, True, True)
    record(second, membre, False, True)
    crazy = MethodeFactory(nom="Crazy 8")
    BlocFactory(jour=second.jours.order_by("position")[1], methode=crazy)
    BlocFactory(jour=second.jours.order_by("position")[0], methode=MethodeFactory(nom="Absent"))
    cas = CasPratiqueFactory(transfo=transfo, titre="L'accueil en mairie annexe")
    cas.sessions.add(first)
    CasPratiqueFactory(transfo=transfo, titre="Un cas d'une autre session")
    return first, second


def detail_url(participation):
    return reverse("attestations:detail", args=[participation.transfo.slug, participation.pk])


def pdf_url(participation):
    return reverse("attestations:pdf", args=[participation.transfo.slug, participation.pk])


def request_url(participation):
    return reverse("attestations:request", args=[participation.transfo.slug, participation.pk])


def ask(client, participation):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(request_url(participation))


def test_content_says_what_the_person_did(membre, parcours):
    contenu = attestation_content(membre)
    assert contenu.nom == "Claire Muller"
    assert [(s.numero, s.titre, len(s.jours)) for s in contenu.sessions] == [
        (1, "Immersion", 2),
        (2, "Idéation", 1),
    ]
    assert contenu.nb_jours == 3
    assert [c.split(". ", 1)[1] for c in contenu.cas] == ["L'accueil en mairie annexe"]
    assert contenu.methodes == ["Crazy 8"]  # not the method of the day they missed
    assert contenu.roles_groupe == "journaliste d'immersion"
    assert contenu.pilotes == ["Isabelle Roth"]


def test_content_leaves_out_sessions_from_before_the_person_joined(membre, parcours, transfo):
    """Issue 19, item 8: a cell stored for someone who was not yet a member (before the fix,
    touching any cell recorded everyone on the list) is no session followed."""
    before = session_days(transfo, 3, first=date(2025, 6, 2), titre="Avant l'entrée")
    record(before, membre, True, True)
    contenu = attestation_content(membre)
    assert [s.numero for s in contenu.sessions] == [1, 2]
    assert contenu.nb_jours == 3


def test_pdf_html_names_the_issuers_and_signs_nothing(membre, parcours):
    """Issue 19, item 3: nobody signs the PDF, so it says when and from what it was made,
    with the fingerprint stored with it, not "Signé électroniquement"."""
    contenu = attestation_content(membre)
    html = render_attestation_html(
        contenu, timezone.make_aware(timezone.datetime(2026, 7, 1, 10, 30))
    )
    for text in (
        "Claire Muller",
        "La 27e Région, en tant qu&#x27;ambassadeur·rice",
        "Session n°1 — Immersion",
        "3 journées de session suivies",
        "Crazy 8",
        "L&#x27;accueil en mairie annexe",
        "journaliste d&#x27;immersion",
        "Isabelle Roth",
        "La 27e Région",
        "Établie le 1er juillet 2026 à 10\u00a0h\u00a030 à partir des présences enregistrées",
        f"Empreinte du contenu (SHA-256) : {contenu.empreinte()}",
    ):
        assert text in re.sub(r"<[^>]+>", "", html), text
    assert "Absent" not in html
    assert "igné" not in html  # neither "Signé" nor "signée"


def pdf_page_texts(html):
    """The text of each page of the PDF that WeasyPrint lays out from `html`."""
    from weasyprint import HTML

    def texts(box):
        if getattr(box, "text", None):
            yield box.text
        for child in getattr(box, "children", ()):
            yield from texts(child)

    document = HTML(string=html).render()
    return [" ".join(" ".join(texts(page._page_box)).split()) for page in document.pages]


def test_the_pdf_says_on_page_1_when_and_from_what_it_was_made(
    membre, parcours, transfo, weasyprint
):
    # A long year: sixteen sessions, their methods; the PDF runs onto a second page.
    for numero in range(3, 19):
        session = session_days(transfo, numero, titre=f"Session de travail numéro {numero}")
        record(session, membre, True, True)
        for jour in session.jours.all():
            BlocFactory(jour=jour, methode=MethodeFactory(nom=f"Méthode {numero}-{jour.pk}"))
    contenu = attestation_content(membre)
    html = render_attestation_html(
        contenu, timezone.make_aware(timezone.datetime(2026, 7, 1, 10, 30))
    )
    pages = pdf_page_texts(html)
    assert len(pages) >= 2
    assert (
        # (the page's text is read with its spaces folded: the no-break ones too)
        "Établie le 1er juillet 2026 à 10 h 30 à partir des présences enregistrées" in pages[0]
    )
    assert contenu.empreinte() in pages[0]
    assert "Isabelle Roth" in pages[0] and "Signé" not in " ".join(pages)


def test_the_stored_fingerprint_is_the_printed_one(
    client, ambassadeur, membre, parcours, weasyprint
):
    client.force_login(ambassadeur)
    ask(client, membre)
    attestation = Attestation.objects.get(participation=membre)
    assert attestation.empreinte == attestation_content(membre).empreinte()
    page = client.get(detail_url(membre)).content.decode()
    assert "signé électroniquement" not in page


def test_ambassadeur_gets_their_attestation(client, ambassadeur, membre, parcours, weasyprint):
    client.force_login(ambassadeur)
    page = client.get(detail_url(membre))
    assert page.status_code == 200
    assert "Préparer l'attestation" in page.content.decode()
    assert ask(client, membre).status_code == 302

    page = client.get(detail_url(membre))
    assert pdf_url(membre) in page.content.decode()
    response = read_file_response(client.get(pdf_url(membre)))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.body.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=ambassadeur).exists()


def test_a_pending_attestation_says_it_is_being_prepared(client, ambassadeur, membre):
    Attestation.objects.create(participation=membre, demandee_le=timezone.now())
    client.force_login(ambassadeur)
    response = client.get(detail_url(membre))
    assert "en cours de préparation" in response.content.decode()
    assert response["Refresh"] == "5"
    assert client.get(pdf_url(membre)).status_code == 404


def test_asking_again_rebuilds_only_when_the_content_changed(
    client, ambassadeur, membre, parcours, weasyprint
):
    client.force_login(ambassadeur)
    ask(client, membre)
    first = Attestation.objects.get()
    ask(client, membre)
    same = Attestation.objects.get()
    assert same.fichier.name == first.fichier.name
    assert same.empreinte == first.empreinte
    assert same.prete

    record(parcours[1], membre, True, True)
    ask(client, membre)
    changed = Attestation.objects.get()
    assert changed.empreinte != first.empreinte
    assert changed.fichier.name != first.fichier.name
    assert not changed.fichier.storage.exists(first.fichier.name)


def test_the_task_does_nothing_for_a_ready_attestation(membre, parcours, weasyprint):
    attestation = Attestation.objects.create(participation=membre, demandee_le=timezone.now())
    render_attestation(attestation.pk)
    attestation.refresh_from_db()
    generated = attestation.generee_le
    render_attestation(attestation.pk)
    attestation.refresh_from_db()
    assert attestation.generee_le == generated


@pytest.mark.parametrize(
    "who, expected",
    [
        ("ambassadeur", 200),
        ("pilote", 200),
        ("resident", 200),
        ("peer", 404),
        ("coordinateur", 404),
        ("other_member", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_get_an_attestation(client_for, membre, who, expected):
    client = client_for(who)
    assert client.get(detail_url(membre)).status_code == expected
    assert client.post(request_url(membre)).status_code in {expected, 302}
    if expected != 200:
        assert not Attestation.objects.filter(demandee_le__isnull=False).exists()


@pytest.mark.parametrize("who", ["peer", "coordinateur", "other_member", "outsider"])
def test_others_cannot_download_the_pdf(client_for, membre, who):
    Attestation.objects.create(participation=membre)
    Attestation.objects.filter(participation=membre).update(fichier="attestations/x/a.pdf")
    assert client_for(who).get(pdf_url(membre)).status_code == 404


def test_a_resident_has_no_attestation(client, resident, transfo):
    client.force_login(resident)
    participation = Participation.objects.get(user=resident)
    assert client.get(detail_url(participation)).status_code == 404


def test_pilote_lists_the_group(client, pilote, membre, peer, django_assert_max_num_queries):
    client.force_login(pilote)
    url = reverse("attestations:list", args=[membre.transfo.slug])
    with django_assert_max_num_queries(12):
        response = client.get(url)
    body = response.content.decode()
    assert "Claire Muller" in body
    assert "Karim Benali" in body
    for _ in range(5):
        ParticipationFactory(transfo=membre.transfo, role=Role.AMBASSADEUR)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_ambassadeur_list_leads_to_their_own(client, ambassadeur, membre, peer):
    client.force_login(ambassadeur)
    response = client.get(reverse("attestations:list", args=[membre.transfo.slug]))
    assert response.status_code == 302
    assert response["Location"] == detail_url(membre)


def test_coordinator_gets_no_list(client, coordinateur, membre):
    client.force_login(coordinateur)
    response = client.get(reverse("attestations:list", args=[membre.transfo.slug]))
    assert response.status_code == 404


@pytest.mark.django_db
def test_an_attestation_queued_under_the_tasks_old_name_is_still_built():
    """The task moved to ambassadeurs.tasks: migration 0007 renames the outbox's unsent rows,
    which then reach the registered task."""
    from importlib import import_module

    from django.apps import apps

    from transfo import outbox
    from transfo.models import TacheEnAttente

    migration = import_module("ambassadeurs.migrations.0007_render_attestation_task_name")
    queued = TacheEnAttente.objects.create(task=migration.OLD, args=[1])
    done = TacheEnAttente.objects.create(task="collectivites.tasks.render_programme_pdf")

    migration.rename(apps, None)

    queued.refresh_from_db()
    assert queued.task == "ambassadeurs.tasks.render_attestation"
    assert outbox._task(queued.task).name == render_attestation.name
    assert TacheEnAttente.objects.get(pk=done.pk).task == "collectivites.tasks.render_programme_pdf"
