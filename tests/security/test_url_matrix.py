"""Every URL of the project, requested as every role, against the demo's real objects.

The expected answers are in `url_matrix.py` beside this file, one row per route: a route
missing from the table (a new view nobody thought about) fails, and so does a row whose
route no longer exists. The Wagtail and Django admins are checked as a family: none of
their routes opens for anyone who is not an editor, a coordinator or staff.

To review the table after adding routes: `URL_MATRIX_WRITE=1 pytest tests/security/test_url_matrix.py`
rewrites it from what the platform answers; read the diff row by row before committing it,
the invariants below still have to hold.
"""

import os
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import with_totp
from tests.security import url_matrix
from tests.security.url_matrix import ADMIN_PREFIXES, EXPECTED, ROLES

User = get_user_model()

DEMO_ACCOUNTS = {
    "amb_a": "ambassadrice@demo.test",  # Strasbourg: author of the private entries
    "amb_b": "ambassadeur@demo.test",  # Strasbourg: her peer
    "amb_other": "ambassadeur.metz@demo.test",  # Metz
    "resident": "residente@demo.test",  # Strasbourg
    "pilote": "pilote@demo.test",  # Strasbourg
    "coordinateur": "coordination@demo.test",
    "editor": "editeur@demo.test",
}


def routes(patterns=None, prefix=""):
    """(route, pattern) for every URL pattern of the project, included ones too."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


@pytest.fixture
def demo_world(transactional_db, settings):
    """The demo, plus the few objects it has none of (an invitation, an attachment...)."""
    from allauth.account.models import EmailAddress
    from django.core.management import call_command
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction

    from ambassadeurs.models import AmbassadeurProfile, EntreeCarnet, PieceJointe
    from cas_pratiques.models import CasPratique, Contact, FicheIdee, Immersion, Tamis
    from collectivites.models import Invitation, Methode, Session, Transfo
    from tests.cas_pratiques.factories import (
        ContactFactory,
        ImmersionFactory,
        LivrableFactory,
        PhotoFactory,
    )
    from tests.collectivites.factories import InvitationFactory

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False

    strasbourg = Transfo.objects.get(slug="strasbourg")
    session = Session.objects.filter(transfo=strasbourg).order_by("numero").last()
    jour = session.jours.first()
    author = User.objects.get(email=DEMO_ACCOUNTS["amb_a"])
    entry = EntreeCarnet.objects.filter(auteur=author, visibilite="prive").first()
    piece = PieceJointe.objects.create(
        entree=entry,
        fichier=ContentFile(b"%PDF-1.4 canary", name="note.pdf"),
        nom="note.pdf",
        type="document",
        content_type="application/pdf",
        taille=15,
    )
    published = CasPratique.objects.publies().filter(transfo=strasbourg).first()
    public_photo = PhotoFactory(cas=published, public=True)
    # The case being worked on (seed 003's comptoir des services): its private material.
    case = Tamis.objects.filter(cas__transfo=strasbourg).first().cas
    private_livrable = LivrableFactory(cas=case, public=False)
    private_photo = PhotoFactory(cas=case, public=False)
    contact = Contact.objects.filter(cas=case).first() or ContactFactory(cas=case)
    invitation = Invitation.objects.filter(transfo=strasbourg).first() or InvitationFactory(
        transfo=strasbourg, invited_by=User.objects.get(email=DEMO_ACCOUNTS["pilote"])
    )
    staff = with_totp(User.objects.create_superuser("staff@demo.test", "transfo-demo"))
    EmailAddress.objects.get_or_create(user=staff, email=staff.email, verified=True, primary=True)
    # A document of a collection restricted to signed-in people.
    internal = Collection.get_first_root_node().add_child(name="Documents internes")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Note interne",
        collection=internal,
        file=ContentFile(b"%PDF-1.4 note interne", name="note-interne.pdf"),
    )
    return {
        "users": {
            **{role: User.objects.get(email=email) for role, email in DEMO_ACCOUNTS.items()},
            "staff": staff,
        },
        # Values of the routes' parameters, by the literal segment before them.
        "segments": {
            "transfos": "strasbourg",
            "sessions": session.numero,
            "jours": jour.pk,
            "blocs": jour.blocs.first().pk,
            "invitations": invitation.pk,
            "invitation": invitation.make_token(),
            "methodes": Methode.objects.first().slug,
            "cas": case.slug,
            "livrables": private_livrable.pk,
            "photos": private_photo.pk,
            "contacts": contact.pk,
            "immersions": (
                Immersion.objects.filter(cas=case).first() or ImmersionFactory(cas=case)
            ).pk,
            "fiches": FicheIdee.objects.filter(cas=case).first().pk,
            "tamis": Tamis.objects.filter(cas=case).first().pk,
            "carnet": entry.pk,
            "pieces": piece.pk,
            "groupe": AmbassadeurProfile.objects.filter(participation__transfo=strasbourg)
            .first()
            .participation_id,
            "calendrier": author.calendar_token,
            "documents": f"{document.pk}/{document.filename}",
        },
        # The vitrine's and the API's routes name the published case and its public files.
        "public_segments": {
            "cas": published.slug,
            "livrables": published.livrables.filter(public=True).first().pk,
            "photos": public_photo.pk,
        },
    }


# Routes whose parameters are not objects of the demo: what to request instead.
FIXED_URLS = {
    # Wagtail's page tree: the private section of Strasbourg's capot ouvert.
    "^((?:[\\w\\-]+/)*)$": "/capot-ouvert/strasbourg/",
    "^media/(?P<path>.*)$": "/media/absent.jpg",
    "documents/authenticate_with_password/<int:restriction_id>/": (
        "/documents/authenticate_with_password/1/"
    ),
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        "/_util/authenticate_with_password/1/1/"
    ),
}


def url_for(route, segments):
    """The route with its parameters filled from the demo's objects (by preceding segment)."""
    if route in FIXED_URLS:
        return FIXED_URLS[route]
    if route.startswith("comptes/^"):  # allauth's keyed links: a key nobody holds
        return "/comptes/" + (
            "confirm-email/cle-inconnue/"
            if "confirm-email" in route
            else "password/reset/key/1-cle-inconnue/"
        )
    if route == "documents/^(\\d+)/(.*)$":
        return f"/documents/{segments['documents']}"
    parts = route.replace(".ics", "/.ics").split("/")
    url = []
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part.strip("<>").split(":")[-1]
            previous = parts[index - 1] if index else ""
            if name == "cas_slug":
                previous = "cas"
            if previous not in segments:
                raise LookupError(f"{route}: no demo object for a parameter after {previous!r}")
            url.append(str(segments[previous]))
        else:
            url.append(part)
    return "/" + "/".join(url).replace("/.ics", ".ics")


def admin_url(route):
    """An admin route with placeholder parameters: only its gate is checked."""
    parts = []
    for part in route.split("/"):
        if part.startswith("<"):
            parts.append("1" if part.startswith(("<int:", "<pk")) else "x")
        else:
            parts.append(part)
    url = "/" + "/".join(parts)
    if "^" in url or "(?P" in url or "$" in url:
        return None  # regular-expression routes of the Django admin: covered by their family
    return url


def answer(client, url):
    """Status and redirect target of a GET; file responses are closed, not leaked."""
    response = client.get(url)
    response.close()
    return response.status_code, response.get("Location", "")


def observe(world):
    """What each role gets on every route (a GET, following no redirect)."""
    clients = {"anonymous": Client()}
    for role, user in world["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
    observed, admin_observed = {}, {}
    for route, _pattern in routes():
        if route.startswith(ADMIN_PREFIXES):
            url = admin_url(route)
            if url is None:
                continue
            for role in ("anonymous", "amb_a", "amb_other", "pilote"):
                admin_observed[(route, role)] = answer(clients[role], url)
            continue
        try:
            segments = world["segments"]
            if route.startswith(("cas/", "api/")):
                segments = {**segments, **world["public_segments"]}
            url = url_for(route, segments)
        except LookupError as error:
            observed[route] = str(error)
            continue
        observed[route] = " ".join(str(answer(clients[role], url)[0]) for role in ROLES)
    return observed, admin_observed


# allauth's MFA pages and the admins read optional variables; the platform's own templates
# are held to --fail-on-template-vars by their own tests.
@pytest.mark.ignore_template_errors
def test_every_route_answers_every_role_as_the_table_says(demo_world):
    observed, admin_observed = observe(demo_world)

    if os.environ.get("URL_MATRIX_WRITE"):
        path = Path(url_matrix.__file__)
        head = path.read_text().split("# fmt: off")[0]
        rows = "".join(
            f"    {route!r}: {answer!r},\n" for route, answer in sorted(observed.items())
        )
        path.write_text(f"{head}# fmt: off\nEXPECTED = {{\n{rows}}}\n# fmt: on\n")
        pytest.skip("url_matrix.py rewritten: review its diff")

    missing = sorted(set(observed) - set(EXPECTED))
    stale = sorted(set(EXPECTED) - set(observed) - set(url_matrix.DEBUG_ONLY))
    wrong = {
        route: f"expected {EXPECTED[route]!r}, got {answer!r}"
        for route, answer in observed.items()
        if route in EXPECTED and EXPECTED[route] != answer
    }
    assert missing == [], "routes missing from tests/security/url_matrix.py"
    assert stale == [], "rows of url_matrix.py whose route no longer exists"
    assert wrong == {}

    # The admins open for no one but editors, coordinators and staff.
    opened = {
        key: (status, location)
        for key, (status, location) in admin_observed.items()
        if (status == 200 and key[0] not in url_matrix.ADMIN_ASSETS)
        or (key[1] == "anonymous" and not location.startswith(url_matrix.SIGN_IN_URLS))
    }
    assert opened == {}, sorted(opened)


def test_the_table_keeps_the_invariants_of_privacy():
    """Read without the platform: the table itself never grants what must be refused."""
    column = {role: index for index, role in enumerate(ROLES)}
    for route, answers in EXPECTED.items():
        codes = answers.split()
        assert len(codes) == len(ROLES), route
        if route.startswith("espace/"):
            # Private space: anonymous is sent to sign in.
            assert codes[column["anonymous"]] == "302", route
        if route.startswith("espace/transfos/"):
            # Strasbourg's space: Metz and the editor (no Transfo) never see it.
            assert codes[column["amb_other"]] in {"404", "405"}, route
            assert codes[column["editor"]] in {"404", "405"}, route
        if route.startswith("espace/carnet/<int:pk>"):
            # A private entry: its author only, not her peer, not even staff.
            for role in ROLES:
                if role != "amb_a":
                    assert codes[column[role]] in {"302", "404", "405"}, (route, role)
        if route.startswith("coordination/"):
            for role in ("anonymous", "amb_a", "amb_b", "amb_other", "resident", "pilote"):
                assert codes[column[role]] != "200", (route, role)
