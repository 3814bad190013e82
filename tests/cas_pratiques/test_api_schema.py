"""Schemathesis drives every endpoint of the API with generated input, in-process.

Its pytest plugin (`schemathesis.pytest.from_fixture`) does not run under pytest 9, so each
operation's strategy is driven by Hypothesis directly, in the test's database transaction:
the WSGI app runs in this thread and sees the test's data.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as settings_

from tests.cas_pratiques import test_vitrine
from tests.cas_pratiques.factories import ContactFactory, LivrableFactory, PhotoFactory
from tests.collectivites.factories import SessionFactory

vitrine = test_vitrine.vitrine


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Called directly, the WSGI app closes the database connection at the end of each request
    (as a server must); on PostgreSQL that is the test's own connection, holding its
    transaction. Django's test client unhooks the same signal handlers for the same reason."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_answers_its_schema(settings, vitrine):
    # Schemathesis's WSGI client calls the app as http://localhost/.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/cas/", "/api/cas/{slug}/", "/api/methodes/"}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings_(
            max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def check(case):
            # No server error; status code, content type and body as the schema declares.
            case.call_and_validate()

        check()


def test_detail_answers_of_real_objects_match_the_schema(settings, vitrine):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    cas = vitrine["megotiers"]
    cas.sessions.set([SessionFactory(transfo=cas.transfo, numero=2, publiee=True)])
    LivrableFactory(cas=cas, est_public=True)
    PhotoFactory(cas=cas, est_public=True)
    ContactFactory(cas=cas, consentant=True)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    slugs = {
        "/api/cas/{slug}/": vitrine["megotiers"].slug,
        "/api/transfos/{slug}/": "mulhouse",
        "/api/methodes/{slug}/": "prototypage",
    }
    for path, slug in slugs.items():
        case = schema[path]["GET"].Case(path_parameters={"slug": slug})
        response = case.call_and_validate()
        assert response.status_code == 200
