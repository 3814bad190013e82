"""`seed_demo --scale N` (issue 10): the benchmark's volume, proportional to N, added once,
and the demo accounts' pages unharmed; `seed_search_bench` for the vitrine's search."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import AmbassadeurProfile, EntreeCarnet, Meteo, Presence
from blog.models import BlogPostPage
from cas_pratiques.models import CasPratique
from collectivites.choices import Role
from collectivites.models import Bloc, Jour, Participation, Session, Transfo
from intertransfo.models import Intertransfo, Participant
from labos.models import Acteur, Plan, Priorite, Section, VersionPlan
from tests.collectivites.factories import MethodeFactory

SYNTH = "synthetique-"


@pytest.fixture(autouse=True)
def _debug_on(settings):
    """The demo loads on a development machine (the test runner turns DEBUG off)."""
    settings.DEBUG = True


def volume():
    """Row counts of everything the synthetic part adds."""
    sessions = Session.objects.filter(transfo__slug__startswith=SYNTH)
    cases = CasPratique.objects.filter(slug__startswith="cas-synthetique-")
    return {
        "transfos": Transfo.objects.filter(slug__startswith=SYNTH).count(),
        "sessions": sessions.count(),
        "jours": Jour.objects.filter(session__in=sessions).count(),
        "blocs": Bloc.objects.filter(jour__session__in=sessions).count(),
        "ambassadeurs": Participation.objects.filter(
            transfo__slug__startswith=SYNTH, role=Role.AMBASSADEUR
        ).count(),
        "profils": AmbassadeurProfile.objects.filter(
            participation__transfo__slug__startswith=SYNTH
        ).count(),
        "entrees": EntreeCarnet.objects.filter(transfo__slug__startswith=SYNTH).count(),
        "presences": Presence.objects.filter(jour__session__in=sessions).count(),
        "meteos": Meteo.objects.filter(jour__session__in=sessions).count(),
        "cas": cases.count(),
        "cas_publies": cases.publies().count(),
        "cas_methodes": CasPratique.methodes.through.objects.filter(caspratique__in=cases).count(),
        "plans": Plan.objects.filter(transfo__slug__startswith=SYNTH).count(),
        "sections": Section.objects.filter(plan__transfo__slug__startswith=SYNTH).count(),
        "versions": VersionPlan.objects.filter(plan__transfo__slug__startswith=SYNTH).count(),
        "acteurs": Acteur.objects.filter(transfo__slug__startswith=SYNTH).count(),
        "priorites": Priorite.objects.filter(transfo__slug__startswith=SYNTH).count(),
        "intertransfos": Intertransfo.objects.filter(slug__startswith=SYNTH).count(),
        "participants": Participant.objects.filter(intertransfo__slug__startswith=SYNTH).count(),
        "billets": BlogPostPage.objects.filter(slug__startswith="billet-synthetique-").count(),
    }


def test_scale_one_adds_the_proportional_volume_once(rescale):
    first = volume()
    # Per scale unit: 8 Transfos of 3 résidents and 20 ambassadeurs; 15 sessions each, every
    # fifth of three days, six blocks a day; 2 or 3 entries per ambassadeur (50 a Transfo);
    # attendance and météos of the first three sessions; 5 cases a Transfo, 4 published.
    assert first == {
        "transfos": 8,
        "sessions": 8 * 15,
        "jours": 8 * (12 * 2 + 3 * 3),
        "blocs": 8 * (12 * 2 + 3 * 3) * 6,
        "ambassadeurs": 8 * 20,
        "profils": 8 * 20,
        "entrees": 8 * 50,
        "presences": 8 * 3 * 2 * 20,
        "meteos": 8 * 3 * 2 * (2 + 5),
        "cas": 8 * 5,
        "cas_publies": 8 * 4,
        "cas_methodes": 8 * 5 * 2,
        "plans": 8,
        "sections": 8 * 8,
        "versions": 8,
        "acteurs": 8 * 5,
        "priorites": 8 * 3,
        "intertransfos": 1,
        "participants": 8 * 5,
        "billets": 10,
    }
    entries = EntreeCarnet.objects.filter(transfo__slug__startswith=SYNTH)
    assert set(entries.values_list("visibilite", flat=True)) == set(Visibilite.values)
    assert not entries.filter(visibilite=Visibilite.PRIVE, partagee_le__isnull=False).exists()
    published = CasPratique.objects.filter(slug__startswith="cas-synthetique-").publies()
    assert not published.filter(methodes__isnull=True).exists()
    assert published.search("usagers").exists()

    rescale()
    assert volume() == first


def test_demo_and_synthetic_pages_render_after_scale(scaled, client):
    User = get_user_model()

    def get_as(email, url):
        client.logout()
        if email:
            client.force_login(User.objects.get(email=email))
        response = client.get(url, follow=True)
        assert response.status_code == 200, (email, url)
        return response.content.decode()

    get_as(None, "/cas/")
    assert "Billet synthétique n°0" in get_as(None, "/blog/billet-synthetique-0/")
    case = CasPratique.objects.filter(slug__startswith="cas-synthetique-").publies().first()
    assert case.titre in get_as(None, f"/cas/{case.slug}/")
    assert "Les bureaux volants" in get_as(None, "/cas/?q=bureaux+volants")
    get_as(None, "/")
    carnet = get_as("ambassadrice@demo.test", "/espace/carnet/")
    assert "Pour le groupe" not in carnet  # nobody else's synthetic entries
    get_as("residente@demo.test", "/espace/transfos/strasbourg/sessions/9/")
    get_as("residente@demo.test", "/espace/transfos/strasbourg/sessions/9/planifier/")
    get_as("coordination@demo.test", "/coordination/")
    # A synthetic résident's 3-day session planner and an Intertransfo page.
    planner = get_as(
        "synthetique-0-0@demo.test", "/espace/transfos/synthetique-0/sessions/5/planifier/"
    )
    assert "Atelier pratique" in planner
    get_as("synthetique-0-0@demo.test", "/espace/intertransfos/synthetique-intertransfo-0/")
    # A synthetic ambassadeur cannot read another Transfo's session.
    client.force_login(User.objects.get(email="synthetique-0-5@demo.test"))
    assert client.get("/espace/transfos/synthetique-1/sessions/1/").status_code in (403, 404)


def test_seed_search_bench_adds_published_searchable_cases_once(db):
    MethodeFactory.create_batch(3)
    call_command("seed_search_bench", cases=60, verbosity=0)
    cases = CasPratique.objects.filter(slug__startswith="cas-recherche-")
    assert cases.publies().count() == 60
    assert Transfo.objects.filter(slug__startswith="recherche-synthetique-").count() == 50
    assert CasPratique.methodes.through.objects.filter(caspratique__in=cases).count() == 120
    broad = cases.search("agents").count()
    narrow = cases.search("megotiers").count()
    assert broad > narrow
    call_command("seed_search_bench", cases=60, verbosity=0)
    assert cases.count() == 60


def test_seed_search_bench_refuses_without_debug_unless_forced(db, settings):
    settings.DEBUG = False  # overrides _debug_on
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_search_bench", cases=1, verbosity=0)
    call_command("seed_search_bench", cases=1, force=True, verbosity=0)
    assert CasPratique.objects.filter(slug="cas-recherche-0").exists()
