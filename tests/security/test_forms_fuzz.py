"""Every form of the project, driven with generated input through its real view (issue 9,
check 12): no server error, errors in French beside their field, what the person typed kept,
a typed `<script>` rendered escaped.

FORMS below says, for each form class of the project, which page renders it, where it is
posted and who may post it, against the demo's objects (seed_demo, loaded once for the
module, in a transaction rolled back at its end). A form class of the project missing from
FORMS fails `test_every_form_is_covered`: add the new form to FORMS.

Each generated example runs inside a transaction rolled back at its end, so what one
example creates never reaches the next.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings

from tests.conftest import load_demo
from tests.security.fuzz_forms import (
    check_response,
    encode,
    find_forms,
    form_strategy,
    project_form_classes,
    refuses,
    typed_text,
)

# Examples per form: the module (46 forms, one seed_demo) runs in about 40-60 s. Examples are
# derandomized (the same in CI each run) and not shrunk (the failing input is printed as is).
EXAMPLES = 10


@dataclass(frozen=True)
class Case:
    """`page` renders the form (GET), `post` receives it (default: the page), as `role`;
    `extra(form)`: the POST data the page adds beside the form's fields (hidden inputs)."""

    page: str
    role: str
    post: str | None = None
    extra: object = None


# Pages and posts are "url-name segment..." (segments: keys of the world's `segments`).
# fmt: off
FORMS = {
    # collectivites
    "collectivites.forms.InvitationForm": Case("collectivites:invitation_create transfo", "pilote"),
    "collectivites.forms.AcceptInvitationForm": Case("collectivites:invitation_accept invitation", "anonymous"),
    "collectivites.forms.SessionForm": Case("collectivites:session_edit transfo session", "resident"),
    "collectivites.forms.SessionEditForm": Case("collectivites:session_edit transfo session", "resident"),
    "collectivites.forms.SessionCreateForm": Case("collectivites:session_create transfo", "resident"),
    "collectivites.forms.DuplicateForm": Case("collectivites:session_detail transfo session", "resident", post="collectivites:session_duplicate transfo session"),
    "collectivites.forms.DebriefForm": Case("collectivites:session_edit transfo session", "resident"),
    "collectivites.forms.JourForm": Case("collectivites:day_edit transfo session jour", "resident"),
    "collectivites.forms.BlocForm": Case("collectivites:bloc_edit transfo session bloc", "resident"),
    # ambassadeurs
    "ambassadeurs.forms.carnet.EntreeCarnetForm": Case("ambassadeurs:entree_create", "amb_a"),
    "ambassadeurs.forms.carnet.VisibiliteForm": Case("ambassadeurs:entree_visibilite entry", "amb_a"),
    "ambassadeurs.forms.carnet.PieceJointeForm": Case("ambassadeurs:piece_add entry", "amb_a"),
    "ambassadeurs.forms.groupe.ProfilForm": Case("groupe:membre_edit transfo membre", "pilote"),
    "ambassadeurs.forms.groupe.SortieForm": Case("groupe:membre_sortie transfo membre", "pilote"),
    "ambassadeurs.forms.groupe.ImportGroupeForm": Case("groupe:import transfo", "pilote"),
    "ambassadeurs.forms.chartes.TexteCharteForm": Case("chartes:texte transfo", "pilote"),
    "ambassadeurs.forms.chartes.SignatureForm": Case("chartes:detail transfo charte", "amb_a", post="chartes:sign transfo charte", extra=lambda form: {"partie": "ambassadeur"}),
    "ambassadeurs.forms.chartes.DenonciationForm": Case("chartes:detail transfo charte", "amb_a", post="chartes:denounce transfo charte", extra=lambda form: {"partie": "ambassadeur"}),
    "ambassadeurs.forms.presences.MeteoForm": Case("presences:ma_meteo transfo meteo_session", "amb_a"),
    "ambassadeurs.forms.devoirs.DevoirForm": Case("devoirs:create transfo", "resident"),
    "ambassadeurs.forms.devoirs.ReponseDevoirForm": Case("devoirs:detail transfo devoir", "amb_a"),
    "ambassadeurs.forms.devoirs.CommentaireForm": Case("devoirs:reponse transfo devoir reponse", "resident"),
    # cas_pratiques
    "cas_pratiques.forms.CasPratiqueForm": Case("cas_pratiques:cas_edit transfo cas", "resident"),
    "cas_pratiques.forms.LivrableForm": Case("cas_pratiques:livrable_add transfo cas", "resident"),
    "cas_pratiques.forms.PhotoForm": Case("cas_pratiques:photo_add transfo cas", "resident"),
    "cas_pratiques.forms.ContactForm": Case("cas_pratiques:contact_add transfo cas", "resident"),
    "cas_pratiques.forms.SendBackForm": Case("cas_pratiques:cas_send_back transfo cas", "resident"),
    "cas_pratiques.forms.ImmersionForm": Case("cas_pratiques:immersion_add transfo cas", "resident"),
    "cas_pratiques.forms.FicheIdeeForm": Case("cas_pratiques:fiche_add transfo cas", "resident"),
    "cas_pratiques.forms.TamisForm": Case("cas_pratiques:tamis_add transfo cas", "resident"),
    # labos
    "labos.forms.SectionForm": Case("labos:section_edit transfo section", "pilote"),
    "labos.forms.InterventionForm": Case("labos:plan transfo", "pilote", post="labos:intervention_add transfo"),
    "labos.forms.PlanSettingsForm": Case("labos:plan transfo", "pilote", post="labos:plan_settings transfo"),
    "labos.forms.FreezeForm": Case("labos:plan transfo", "pilote", post="labos:freeze transfo"),
    "labos.forms.PositionsForm": Case("labos:plan transfo", "pilote", post="labos:positions transfo"),
    "labos.forms.RevueForm": Case("labos:version_detail transfo version", "pilote", post="labos:revue_add transfo version"),
    "labos.forms.PrioriteForm": Case("labos:priorite_add transfo", "pilote"),
    "labos.forms.ActeurForm": Case("labos:acteur_add transfo", "pilote"),
    "labos.forms.EchangeTempsForm": Case("labos:echange_add transfo", "pilote"),
    "labos.forms.PartageEcosystemeForm": Case("labos:ecosysteme_territoire transfo", "pilote", post="labos:partage_ecosysteme transfo"),
    # intertransfo
    "intertransfo.forms.IntertransfoForm": Case("intertransfo:manage_edit intertransfo", "coordinateur"),
    "intertransfo.forms.MomentForm": Case("intertransfo:moment_add intertransfo", "coordinateur"),
    "intertransfo.forms.GuestForm": Case("intertransfo:guest_add intertransfo", "coordinateur"),
    "intertransfo.forms.MemberForm": Case("intertransfo:member_add intertransfo", "coordinateur"),
    "intertransfo.forms.AtelierForm": Case("intertransfo:atelier_add intertransfo", "coordinateur"),
    "intertransfo.forms.PropositionForm": Case("intertransfo:atelier intertransfo atelier", "coordinateur"),
    "intertransfo.forms.RevueForm": Case("intertransfo:labos intertransfo", "coordinateur", extra=lambda form: {"version": form.prefix[1:]}),
    "intertransfo.forms.SyntheseForm": Case("intertransfo:synthese_publish intertransfo", "coordinateur"),
    "intertransfo.forms.PrioriteForm": Case("intertransfo:priorites intertransfo", "coordinateur", extra=lambda form: {"transfo": form.prefix[1:]}),
    # blog
    "blog.forms.MemberPostForm": Case("blog:post_write transfo", "amb_a"),
    "blog.forms.MemberPhotoForm": Case("blog:post_write transfo", "amb_a", extra=lambda form: {"titre": "Un billet", "texte": "Son texte.", "photos-TOTAL_FORMS": "3", "photos-INITIAL_FORMS": "0", "photos-MIN_NUM_FORMS": "0", "photos-MAX_NUM_FORMS": "3"}),
    # bilans, attestations and one's own data
    "ambassadeurs.forms.bilans.BilanForm": Case("bilans:create transfo", "resident"),
    "ambassadeurs.forms.bilans.ReponsesBilanForm": Case("bilans:repondre transfo bilan", "amb_a"),
    "ambassadeurs.forms.bilans.VisibiliteBilanForm": Case("bilans:copie_visibilite transfo bilan copie", "amb_a"),
    "ambassadeurs.forms.bilans.ReponseCollectiveForm": Case("bilans:collectif transfo question", "amb_a"),
    "transfo.users.forms.SuppressionCompteForm": Case("mes_donnees:index", "amb_a", post="mes_donnees:account_delete"),
    "transfo.users.forms.ResetPasswordForm": Case("account_reset_password", "anonymous"),
}
# fmt: on

# Known bugs in apps this check may not fix from here: the form's fuzz must fail (strict).
KNOWN_BUGS = {}

DEMO_ACCOUNTS = {
    "amb_a": "ambassadrice@demo.test",
    "amb_b": "ambassadeur@demo.test",
    "resident": "residente@demo.test",
    "pilote": "pilote@demo.test",
    "coordinateur": "coordination@demo.test",
}


# Forms that Wagtail's admin renders with its own markup (errors in its own place), which
# the checks here do not read: their refusals are tested in tests/collectivites/test_admin.py.
ADMIN_FORMS = {
    "collectivites.wagtail_hooks.InvitationAdminForm",
    "collectivites.wagtail_hooks.ParticipationAdminForm",
    # Tested in tests/blog/test_page_slugs.py.
    "blog.forms.PageSlugForm",
}


def test_every_form_is_covered():
    missing = sorted(set(project_form_classes()) - set(FORMS) - ADMIN_FORMS)
    assert not missing, f"add it to FORMS: {missing}"
    stale = sorted(set(FORMS) - set(project_form_classes()))
    assert not stale, f"no such form any more, remove from FORMS: {stale}"


@pytest.fixture(scope="module")
def world(demo_snapshot, django_db_blocker, tmp_path_factory):
    """The demo (seed_demo's, from the session's snapshot), loaded once for the module, and
    the objects the URLs name."""
    from ambassadeurs.models import (
        AmbassadeurProfile,
        Bilan,
        BilanPersonnel,
        Devoir,
        EntreeCarnet,
        ReponseDevoir,
    )
    from cas_pratiques.models import Tamis
    from collectivites.models import Invitation, Session, Transfo
    from intertransfo.models import Atelier
    from labos.models import Plan
    from transfo.celery import app as celery_app

    media = tmp_path_factory.mktemp("fuzz-media")
    overrides = override_settings(
        MEDIA_ROOT=media / "media",
        PRIVATE_MEDIA_ROOT=media / "private",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CELERY_TASK_ALWAYS_EAGER=True,
        DEBUG=True,
    )
    celery_app.conf.task_always_eager = True
    User = get_user_model()
    # One transaction for the whole module, rolled back at its end: the tests' own (and
    # each example's) are savepoints in it, and no other module sees the demo.
    with django_db_blocker.unblock(), transaction.atomic():
        with overrides:
            load_demo(demo_snapshot, django_settings)
        strasbourg = Transfo.objects.get(slug="strasbourg")
        session = Session.objects.filter(transfo=strasbourg).order_by("numero").last()
        jour = session.jours.first()
        author = User.objects.get(email=DEMO_ACCOUNTS["amb_a"])
        invitation = Invitation.objects.filter(transfo=strasbourg).first()
        if invitation is None:
            from tests.collectivites.factories import InvitationFactory

            invitation = InvitationFactory(
                transfo=strasbourg, invited_by=User.objects.get(email=DEMO_ACCOUNTS["pilote"])
            )
        plan = Plan.for_transfo(strasbourg)
        version = plan.freeze()
        plan.publish(True)
        meteo_session = (
            Session.objects.for_user(author).filter(transfo=strasbourg, jours__isnull=False).last()
        )
        devoir = Devoir.objects.filter(transfo=strasbourg).first()
        reponse = ReponseDevoir.objects.filter(devoir=devoir).first() if devoir else None
        atelier = Atelier.objects.filter(intertransfo__slug="n6-strasbourg-2019").first()
        bilan = Bilan.objects.get(transfo=strasbourg, titre="Bilan de fin de Transfo")
        segments = {
            "transfo": "strasbourg",
            "session": session.numero,
            "jour": jour.pk,
            "bloc": jour.blocs.first().pk,
            "invitation": invitation.make_token(),
            "cas": Tamis.objects.filter(cas__transfo=strasbourg).first().cas.slug,
            "entry": EntreeCarnet.objects.filter(auteur=author).first().pk,
            "membre": AmbassadeurProfile.objects.filter(participation__transfo=strasbourg)
            .exclude(participation__user=author)
            .first()
            .participation_id,
            "charte": AmbassadeurProfile.objects.get(participation__user=author).participation_id,
            "meteo_session": meteo_session.numero,
            "devoir": devoir.pk if devoir else 0,
            "reponse": reponse.pk if reponse else 0,
            "version": version.numero,
            "section": "mission",
            "intertransfo": "n6-strasbourg-2019",
            "atelier": atelier.numero if atelier else 0,
            "bilan": bilan.pk,
            "copie": BilanPersonnel.objects.get(bilan=bilan, auteur=author).pk,
            "question": Bilan.objects.get(transfo=strasbourg, titre__startswith="Bilan collectif")
            .questions.first()
            .pk,
        }
        users = {role: User.objects.get(email=email) for role, email in DEMO_ACCOUNTS.items()}
        yield {"segments": segments, "users": users}
        transaction.set_rollback(True)


def url(spec, segments):
    name, *keys = spec.split()
    return reverse(name, args=[segments[key] for key in keys])


def client_as(world, role):
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def _params():
    for name in sorted(FORMS):
        marks = []
        if name in KNOWN_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BUGS[name]))
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_text_area_is_bounded(name, world, db):
    """A text typed in a textarea has a bound, checked by the form, and no `maxlength` that
    would cut a paste without a word (transfo/fields.py)."""
    from django import forms

    case = FORMS[name]
    response = client_as(world, case.role).get(url(case.page, world["segments"]))
    form = find_forms(response.context, project_form_classes()[name])[0]
    unbounded = [
        field_name
        for field_name, field in form.fields.items()
        if isinstance(field.widget, forms.Textarea)
        and (not getattr(field, "max_length", None) or "maxlength" in field.widget.attrs)
    ]
    assert unbounded == [], "make these transfo.fields.FreeTextFormField"


@pytest.mark.parametrize("name", list(_params()))
def test_form_holds_generated_input(name, world, db):
    case = FORMS[name]
    cls = project_form_classes()[name]
    page = url(case.page, world["segments"])
    post = url(case.post or case.page, world["segments"])
    client = client_as(world, case.role)
    response = client.get(page)
    assert response.status_code == 200, f"GET {page} as {case.role}: {response.status_code}"
    rendered = find_forms(response.context, cls)
    assert rendered, f"GET {page}: no {cls.__name__} in the page's context"
    form = rendered[0]
    extra = case.extra(form) if case.extra else {}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=form_strategy(form))
    def run(data):
        cache.clear()
        errors = []
        with transaction.atomic():
            # Whether the form refuses the input, asked before the post changes the data.
            refusal = refuses(form, data)
            refused = typed_text(form, data) if refusal else ()
            answer = client.post(post, {**extra, **encode(data)})
            if answer.status_code in (403, 404, 405):
                errors.append(f"{answer.status_code}: the post does not reach the form")
            check_response(answer, cls, data, errors, refused)
            if refused and answer.status_code in (301, 302, 303):
                errors.append(f"(the form's errors: {refusal})")
            location = answer.get("Location", "") if answer.status_code in (301, 302) else ""
            if (
                location
                and not urlsplit(location).netloc
                and any(isinstance(v, str) and "<script>" in v for v in data.values())
            ):
                check_response(client.get(location), cls, data, errors)
            transaction.set_rollback(True)
        if errors:
            raise AssertionError(f"POST {post} as {case.role}: {errors}\ninput: {data!r}")

    run()
