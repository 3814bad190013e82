"""What the bench measures: the page types of issue 10, found in the seeded demo, and the
signed-in sessions of the demo accounts that open the private ones."""

from importlib import import_module

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.db.models import Count
from django.test import RequestFactory
from django.urls import reverse
from django.utils.http import urlencode

from blog.models import BlogIndexPage, BlogPostPage
from cas_pratiques.models import CasPratique
from collectivites.choices import StatutSession
from collectivites.models import Session
from intertransfo.models import Intertransfo

# The demo accounts (collectivites/seed.py) that open the signed-in pages.
AMBASSADEUR = "ambassadeur@demo.test"
RESIDENTE = "residente@demo.test"
COORDINATION = "coordination@demo.test"
# The demo's Transfo of those accounts.
TRANSFO = "strasbourg"


def session_cookie(email):
    """A signed-in session of the account, as allauth leaves it after a sign-in (password,
    and the second factor for those who have one), as a Cookie header value."""
    user = get_user_model().objects.get(email=email)
    request = RequestFactory().get("/")
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    record_authentication(request, user, "password", email=email)
    if is_mfa_enabled(user):
        record_authentication(request, user, "mfa", type="totp")
    request.session.save()
    return f"{settings.SESSION_COOKIE_NAME}={request.session.session_key}"


def _demo_cases():
    return CasPratique.objects.publies().exclude(slug__startswith="cas-synthetique-")


def page_list():
    """(name, path, account or None, public): the page types of the issue, in its order."""
    cas = _demo_cases().order_by("pk").first()
    # Two filters that keep cases of the demo in the result.
    filters = urlencode({"mode_saisine": cas.mode_saisine, "type_sujet": cas.type_sujet})
    word = max(cas.titre.split(), key=len)
    indexes = BlogIndexPage.objects.live().public().filter(transfo__isnull=True)
    blog = indexes.filter(slug="blog").first() or indexes.first()
    post = BlogPostPage.objects.live().public().order_by("-first_published_at").first()
    sessions = Session.objects.programmes().filter(transfo__slug=TRANSFO)
    published = sessions.exclude(statut=StatutSession.BROUILLON).order_by("numero").first()
    three_days = (
        sessions.annotate(n=Count("jours")).filter(n__gte=3).order_by("numero").first()
        or sessions.annotate(n=Count("jours")).order_by("-n", "numero").first()
    )
    intertransfo = Intertransfo.objects.order_by("-date").first()
    return [
        ("Home", "/", None, True),
        ("/cas/ with two filters", f"/cas/?{filters}", None, True),
        ("/cas/?q= (search)", f"/cas/?{urlencode({'q': word})}", None, True),
        ("A case", reverse("cas_pratiques:vitrine_detail", args=[cas.slug]), None, True),
        ("/blog/", blog.url, None, True),
        ("A blog post", post.url, None, True),
        (
            "A session's programme",
            reverse("collectivites:session_detail", args=[TRANSFO, published.numero]),
            AMBASSADEUR,
            False,
        ),
        (
            "Planner of a 3-day session",
            reverse("collectivites:session_planner", args=[TRANSFO, three_days.numero]),
            RESIDENTE,
            False,
        ),
        ("Carnet list", reverse("ambassadeurs:carnet"), AMBASSADEUR, False),
        ("/coordination/", reverse("intertransfo:dashboard"), COORDINATION, False),
        (
            "An Intertransfo",
            reverse("intertransfo:detail", args=[intertransfo.slug]),
            AMBASSADEUR,
            False,
        ),
    ]
