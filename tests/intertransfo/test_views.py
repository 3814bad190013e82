"""What members and coordinators see and do on an Intertransfo's pages."""

from datetime import date, time

import pytest

from collectivites.choices import Role
from intertransfo.choices import TypeEquipe
from intertransfo.models import Intertransfo, Participant, Proposition
from tests.collectivites.factories import ParticipationFactory
from tests.intertransfo.factories import (
    AtelierFactory,
    IntertransfoFactory,
    MomentFactory,
    ParticipantFactory,
    PropositionFactory,
)

pytestmark = pytest.mark.django_db

URL = "/espace/intertransfos/n6-strasbourg/"
MANAGE = "/coordination/intertransfos/n6-strasbourg/"


def test_programme_is_in_time_order_whatever_the_entry_order(client_for, intertransfo):
    MomentFactory(intertransfo=intertransfo, debut=time(14), fin=time(16), titre="Transition")
    MomentFactory(
        intertransfo=intertransfo,
        debut=time(9, 30),
        fin=time(10, 30),
        titre="Labos grand-estois, unissez-vous !",
    )
    MomentFactory(intertransfo=intertransfo, debut=time(12, 30), fin=time(14), titre="Pause déj")
    html = client_for("ambassadeur").get(f"{URL}programme/").content.decode()
    assert "9h30-10h30" in html
    positions = [
        html.index(t) for t in ("Labos grand-estois, unissez-vous !", "Pause déj", "Transition")
    ]
    assert positions == sorted(positions)


def test_coordinator_adds_a_programme_item(client_for, intertransfo):
    response = client_for("coordinateur").post(
        f"{MANAGE}programme/ajouter/",
        {"moment-debut": "16:00", "moment-fin": "16:30", "moment-titre": "Prochaines actions"},
    )
    assert response.status_code == 302
    moment = intertransfo.moments.get()
    assert (moment.horaire, moment.titre) == ("16h-16h30", "Prochaines actions")


def test_programme_item_ending_before_it_starts_is_refused_in_french(client_for, intertransfo):
    response = client_for("coordinateur").post(
        f"{MANAGE}programme/ajouter/",
        {"moment-debut": "16:00", "moment-fin": "15:00", "moment-titre": "À l'envers"},
    )
    assert response.status_code == 200
    assert "La fin doit suivre le début." in response.content.decode()
    assert "À l&#x27;envers" in response.content.decode()
    assert not intertransfo.moments.exists()


def test_member_registers_in_one_click_with_their_transfo_as_team(
    client_for, intertransfo, ambassadeur, transfo
):
    client = client_for("ambassadeur")
    assert client.post(f"{URL}inscription/").status_code == 302
    participant = intertransfo.participants.get()
    assert (participant.user, participant.type_equipe, participant.transfo) == (
        ambassadeur,
        TypeEquipe.TRANSFO,
        transfo,
    )
    html = client.get(URL).content.decode()
    assert "Vous êtes inscrit·e à cette Intertransfo." in html
    assert "Transfo Strasbourg" in html and "Claire Muller" in html


def test_registering_twice_keeps_one_registration(client_for, intertransfo):
    client = client_for("ambassadeur")
    client.post(f"{URL}inscription/")
    client.post(f"{URL}inscription/")
    assert intertransfo.participants.count() == 1


def test_member_unregisters(client_for, intertransfo, register, ambassadeur, transfo):
    register(intertransfo, ambassadeur, transfo)
    client_for("ambassadeur").post(f"{URL}inscription/", {"action": "desinscrire"})
    assert not intertransfo.participants.exists()


def test_coordinator_comes_with_la_27e_region(client_for, intertransfo, coordinateur):
    client_for("coordinateur").post(f"{URL}inscription/")
    assert intertransfo.participants.get().equipe == "La 27e Région"


def test_participants_list_shows_names_and_teams_but_not_guests_emails(
    client_for, intertransfo, register, other_member, other_transfo
):
    register(intertransfo, other_member, other_transfo)
    ParticipantFactory(intertransfo=intertransfo, invite=True, nom="Stephanie", email="s@bb.test")
    html = client_for("ambassadeur").get(URL).content.decode()
    assert "Transfo Metz" in html and "Thomas Schmitt" in html
    assert "Bloomberg Philanthropies" in html and "Stephanie" in html
    assert "s@bb.test" not in html


def test_coordinator_adds_a_guest_without_account(client_for, intertransfo):
    response = client_for("coordinateur").post(
        f"{MANAGE}participants/invite/",
        {"invite-nom": "Andrea", "invite-organisation": "Bloomberg Philanthropies"},
    )
    assert response.status_code == 302
    guest = intertransfo.participants.get()
    assert (guest.user, guest.equipe, guest.type_equipe) == (
        None,
        "Bloomberg Philanthropies",
        TypeEquipe.INVITE,
    )


def test_coordinator_registers_a_member(client_for, intertransfo, peer, transfo):
    response = client_for("coordinateur").post(
        f"{MANAGE}participants/membre/?q={peer.email}", {"membre-user": peer.pk}
    )
    assert response.status_code == 302
    assert intertransfo.participants.get().transfo == transfo


def test_coordinator_finds_a_member_by_searching_not_in_a_list_of_everyone(
    client_for, intertransfo, peer, ambassadeur, register, transfo
):
    """Issue 21, item 8: no list of every member; a search by name or e-mail."""
    UserModel = type(peer)
    UserModel.objects.filter(pk=peer.pk).update(full_name="Zoé Quintard")
    register(intertransfo, ambassadeur, transfo)
    client = client_for("coordinateur")
    manage = client.get(MANAGE).content.decode()
    assert 'name="membre-user"' not in manage  # the Transfo, and a search
    assert 'name="membre-transfo"' in manage and 'type="search"' in manage
    page = client.get(f"{MANAGE}participants/membre/", {"q": "quint zo"}).content.decode()
    assert page.count('name="membre-user"') == 1
    assert "Zoé Quintard" in page
    # Already registered: not offered; nothing found: said so.
    page = client.get(f"{MANAGE}participants/membre/", {"q": ambassadeur.email}).content.decode()
    assert 'name="membre-user"' not in page and "Personne trouvé·e pour" in page
    response = client.post(f"{MANAGE}participants/membre/?q=quintard", {"membre-user": ""})
    assert "Choisissez la personne à inscrire." in response.content.decode()


def test_coordinator_registers_a_whole_transfo(
    client_for, intertransfo, transfo, register, ambassadeur, other_transfo
):
    register(intertransfo, ambassadeur, transfo)
    ParticipationFactory.create_batch(2, transfo=transfo, role=Role.RELAIS)
    ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, sortie=True)
    actives = set(
        transfo.participations.filter(date_sortie__isnull=True)
        .exclude(role=Role.COORDINATEUR)
        .values_list("user", flat=True)
    )
    client = client_for("coordinateur")
    response = client.post(f"{MANAGE}participants/membre/", {"membre-transfo": transfo.pk})
    assert response.status_code == 302
    registered = set(
        intertransfo.participants.filter(transfo=transfo).values_list("user", flat=True)
    )
    assert registered == actives  # once each, those who left aside
    assert not intertransfo.participants.filter(transfo=other_transfo).exists()
    # Again: nobody twice.
    client.post(f"{MANAGE}participants/membre/", {"membre-transfo": transfo.pk})
    assert intertransfo.participants.filter(transfo=transfo).count() == len(actives)
    response = client.post(f"{MANAGE}participants/membre/", {"membre-transfo": "999999"})
    assert "Choisissez la Transfo dans la liste." in response.content.decode()


def test_coordinator_marks_attendance(client_for, intertransfo, register, ambassadeur, transfo):
    participant = register(intertransfo, ambassadeur, transfo)
    client = client_for("coordinateur")
    client.post(f"{MANAGE}participants/{participant.pk}/presence/", {"present": "1"})
    participant.refresh_from_db()
    assert participant.present is True
    assert "présent·e" in client.get(MANAGE).content.decode()
    client.post(f"{MANAGE}participants/{participant.pk}/presence/", {"present": "0"})
    participant.refresh_from_db()
    assert participant.present is False


def test_coordinator_removes_a_participant(client_for, intertransfo, register, peer, transfo):
    participant = register(intertransfo, peer, transfo)
    client_for("coordinateur").post(f"{MANAGE}participants/{participant.pk}/retirer/")
    assert not Participant.objects.filter(pk=participant.pk).exists()


def test_coordinator_creates_an_intertransfo(client_for, transfo):
    response = client_for("coordinateur").post(
        "/coordination/intertransfos/nouvelle/",
        {
            "numero": "7",
            "slug": "n7-metz",
            "date": "2026-10-02",
            "lieu": "Metz",
            "theme": "Labos",
            "transfos": [transfo.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/coordination/intertransfos/n7-metz/"


def test_an_intertransfo_address_is_made_from_its_title(client_for, transfo):
    """Issue 21, item 8: no slug to type; a second one in the same place gets its own."""
    client = client_for("coordinateur")
    data = {"numero": "8", "date": "2026-10-02", "lieu": "Metz Métropole", "transfos": []}
    response = client.post("/coordination/intertransfos/nouvelle/", data)
    assert response["Location"] == "/coordination/intertransfos/n8-metz-metropole-2026/"
    IntertransfoFactory(slug="metz-2027")
    data = {"date": "2027-03-02", "lieu": "Metz"}
    response = client.post("/coordination/intertransfos/nouvelle/", data)
    assert response["Location"] == "/coordination/intertransfos/metz-2027-2/"
    # Editing keeps the address unless the coordinator writes another.
    intertransfo = Intertransfo.objects.get(slug="metz-2027-2")
    data = {"slug": "metz-2027-2", "date": "2027-03-02", "lieu": "Metz, Bliiida"}
    client.post(f"/coordination/intertransfos/{intertransfo.slug}/modifier/", data)
    intertransfo.refresh_from_db()
    assert (intertransfo.slug, intertransfo.lieu) == ("metz-2027-2", "Metz, Bliiida")


def test_intertransfo_form_errors_are_french_and_keep_what_was_typed(
    client_for, transfo, intertransfo
):
    client = client_for("coordinateur")
    response = client.post(
        "/coordination/intertransfos/nouvelle/",
        {
            "numero": str(intertransfo.numero),
            "slug": "N6 Strasbourg é",
            "date": "pas une date",
            "lieu": "",
            "theme": '="cmd" <script>',
            "transfos": ["999999"],
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    for message in (
        "Une autre Intertransfo porte déjà ce numéro.",
        "L&#x27;identifiant d&#x27;URL ne contient que des lettres sans accents",
        "Indiquez une date valide, par exemple 26/01/2018.",
        "Indiquez le lieu de l&#x27;Intertransfo",
        "Choisissez les Transfos participantes dans la liste.",
    ):
        assert message in page, message
    for english in ("Enter a valid", "This field is required", "already exists", "Select a"):
        assert english not in page
    assert "=&quot;cmd&quot; &lt;script&gt;" in page  # kept, escaped
    response = client.post(
        "/coordination/intertransfos/nouvelle/",
        {"slug": intertransfo.slug, "date": "2026-10-02", "lieu": "Metz"},
    )
    assert "Une autre Intertransfo a déjà cet identifiant d&#x27;URL." in response.content.decode()


# Ateliers -----------------------------------------------------------------------------------


@pytest.fixture
def atelier(intertransfo):
    return AtelierFactory(
        intertransfo=intertransfo,
        numero=1,
        titre="Communiquer sur la Transfo",
        questions="Comment parle-t-on de la Transfo ?\nAux interlocuteurs sensibles ?",
    )


ATELIER = f"{URL}ateliers/1/"


def test_atelier_page_polls_its_propositions_every_five_seconds(client_for, atelier):
    PropositionFactory(atelier=atelier, texte="Une hotline")
    html = client_for("ambassadeur").get(ATELIER).content.decode()
    assert 'data-hx-trigger="every 5s"' in html
    assert "Aux interlocuteurs sensibles ?" in html
    assert "Une hotline" in html


def test_the_poll_returns_only_the_list(client_for, atelier):
    PropositionFactory(atelier=atelier, texte="Une newsletter")
    response = client_for("ambassadeur").get(ATELIER, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Une newsletter" in html
    assert "<html" not in html and "<form" not in html


def test_registered_participant_adds_a_proposition_without_js(
    client_for, atelier, register, ambassadeur, transfo
):
    register(atelier.intertransfo, ambassadeur, transfo)
    client = client_for("ambassadeur")
    response = client.post(ATELIER, {"texte": "Un guide « expliquer la Transfo »"})
    assert response.status_code == 302
    assert "Un guide « expliquer la Transfo »" in client.get(ATELIER).content.decode()
    assert Proposition.objects.get().auteur == ambassadeur


def test_registered_participant_adds_a_proposition_with_htmx(
    client_for, atelier, register, ambassadeur, transfo
):
    register(atelier.intertransfo, ambassadeur, transfo)
    response = client_for("ambassadeur").post(
        ATELIER, {"texte": "Déminer les ambiguïtés"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Déminer les ambiguïtés" in html
    assert "<html" not in html
    assert 'name="texte"' in html  # a fresh, empty form for the next one
    assert "Déminer les ambiguïtés</textarea>" not in html


def test_empty_proposition_is_refused_beside_the_field(
    client_for, atelier, register, ambassadeur, transfo
):
    register(atelier.intertransfo, ambassadeur, transfo)
    response = client_for("ambassadeur").post(ATELIER, {"texte": ""})
    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()
    assert not Proposition.objects.exists()


def test_member_not_registered_cannot_add_a_proposition(client_for, atelier):
    response = client_for("other_member").post(ATELIER, {"texte": "Hors groupe"})
    assert response.status_code == 403
    assert not Proposition.objects.exists()


def test_restitution_shows_every_group_with_its_propositions(client_for, intertransfo, atelier):
    second = AtelierFactory(intertransfo=intertransfo, numero=2, titre="Gouvernance interne")
    PropositionFactory(atelier=atelier, texte="Une hotline")
    PropositionFactory(atelier=second, texte="Partager un tamis de critères")
    html = client_for("other_member").get(f"{URL}restitution/").content.decode()
    for text in (
        "Groupe 1 : Communiquer sur la Transfo",
        "Une hotline",
        "Groupe 2 : Gouvernance interne",
        "Partager un tamis de critères",
    ):
        assert text in html
    assert html.index("Une hotline") < html.index("Partager un tamis de critères")


def test_coordinator_creates_a_group_with_a_registered_scribe(
    client_for, intertransfo, register, ambassadeur, transfo
):
    register(intertransfo, ambassadeur, transfo)
    response = client_for("coordinateur").post(
        f"{MANAGE}ateliers/ajouter/",
        {
            "atelier-numero": "3",
            "atelier-titre": "Créer le collectif",
            "atelier-questions": "Comment donner la parole aux plus silencieux ?",
            "atelier-scribe": ambassadeur.pk,
        },
    )
    assert response.status_code == 302
    atelier = intertransfo.ateliers.get()
    assert (atelier.numero, atelier.scribe) == (3, ambassadeur)


def test_a_transfos_space_links_to_the_intertransfos(client_for, ambassadeur):
    html = client_for("ambassadeur").get("/espace/transfos/strasbourg/").content.decode()
    assert 'href="/espace/intertransfos/"' in html


def test_list_shows_the_intertransfos_and_my_registration(
    client_for, intertransfo, register, ambassadeur, transfo
):
    register(intertransfo, ambassadeur, transfo)
    html = client_for("ambassadeur").get("/espace/intertransfos/").content.decode()
    assert "Intertransfo n°6" in html and "inscrit·e" in html
    assert "/coordination/intertransfos/" not in html


def test_programme_pdf_is_an_a4_pdf(client_for, intertransfo):
    MomentFactory(intertransfo=intertransfo, titre="Labos grand-estois, unissez-vous !")
    response = client_for("other_member").get(f"{URL}programme.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_programme_pdf_is_not_for_outsiders(client_for, intertransfo):
    assert client_for("outsider").get(f"{URL}programme.pdf").status_code == 404


def test_coordination_list_goes_from_the_latest_to_the_oldest(client_for, transfo):
    for year in (2017, 2018, 2019):
        intertransfo = IntertransfoFactory(
            numero=year - 2016, slug=f"it-{year}", date=date(year, 1, 25)
        )
        ParticipantFactory(intertransfo=intertransfo, transfo=transfo)
    page = client_for("coordinateur").get("/coordination/intertransfos/").content.decode()
    assert "de la plus récente à la plus ancienne" in page
    positions = [page.index(f"25 janvier {year}") for year in (2019, 2018, 2017)]
    assert positions == sorted(positions)
