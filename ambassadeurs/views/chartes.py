"""The charte d'engagement tripartite: its text, the signatures, the N+1's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ambassadeurs.choices import (
    ActionLienN1,
    PartieCharte,
)
from ambassadeurs.forms.chartes import (
    DenonciationForm,
    SignatureForm,
    TexteCharteForm,
)
from ambassadeurs.models import (
    AmbassadeurProfile,
    Charte,
    LienN1,
    SignatureCharte,
    TexteCharte,
    group_members,
    signatures_prefetch,
)
from ambassadeurs.views.groupe import get_transfo_for_group
from collectivites.choices import CERCLE_ROLES
from collectivites.shortcuts import get_transfo_for_user


def get_charte_for_user(request, slug, pk):
    """The charter of a member of the group (by participation), with its signatures: for the
    member themselves and those who follow the group; 404 for anyone else."""
    transfo = get_transfo_for_user(request, slug)
    profil = get_object_or_404(
        AmbassadeurProfile.objects.select_related("participation__user").filter(
            participation__transfo=transfo, participation__role__in=CERCLE_ROLES
        ),
        participation_id=pk,
    )
    profil.participation.transfo = transfo
    if not request.user.has_perm("ambassadeurs.view_charte", Charte(profil=profil)):
        raise Http404
    charte = Charte.objects.prefetch_related(signatures_prefetch()).filter(profil=profil).first()
    if charte is None:
        charte = Charte.of_profil(profil)
    charte.profil = profil
    return charte


def _parties(charte):
    """[(partie, its last signature or None)] in the charter's order."""
    return list(charte.etats().items())


def charte_list(request, slug):
    """Every active member of the group and where their charter stands: who has not signed."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.follow_group")
    membres = list(
        group_members(transfo)
        .actives()
        .select_related("user", "profil__charte")
        .prefetch_related(
            Prefetch(
                "profil__charte__signatures",
                queryset=SignatureCharte.objects.order_by("signee_le", "pk"),
            )
        )
        .order_by("user__full_name", "pk")
    )
    rows = []
    for membre in membres:
        profil = getattr(membre, "profil", None)
        charte = getattr(profil, "charte", None) if profil is not None else None
        etats = charte.etats() if charte is not None else dict.fromkeys(PartieCharte)
        rows.append((membre, profil, list(etats.values())))
    incomplete = sum(
        1 for _m, profil, etats in rows if any(s is None or not s.active for s in etats)
    )
    return render(
        request,
        "ambassadeurs/charte_list.html",
        {
            "transfo": transfo,
            "rows": rows,
            "parties": list(PartieCharte),
            "incomplete": incomplete,
            "texte": TexteCharte.current(transfo),
        },
    )


def charte_mine(request, slug):
    """The person's own charter in the Transfo."""
    transfo = get_transfo_for_user(request, slug)
    participation = group_members(transfo).filter(profil__isnull=False, user=request.user).first()
    if participation is None:
        messages.info(
            request,
            _(
                "Votre charte d'engagement sera prête quand le pilote interne aura complété "
                "votre profil (avec votre N+1)."
            ),
        )
        return redirect(transfo.get_espace_url())
    return redirect("chartes:detail", transfo.slug, participation.pk)


def charte_texte(request, slug):
    """Edit the charter's text of the Transfo: each change is saved as a new version."""
    transfo = get_transfo_for_group(request, slug, "ambassadeurs.follow_group")
    current = TexteCharte.current(transfo)
    form = TexteCharteForm(request.POST or None, initial={"texte": current.texte})
    if request.method == "POST" and form.is_valid():
        texte, created = TexteCharte.revise(transfo, form.cleaned_data["texte"], request.user)
        if created:
            messages.success(
                request,
                _("Texte de la charte enregistré : version %(v)s.") % {"v": texte.version},
            )
        else:
            messages.info(request, _("Le texte n'a pas changé : pas de nouvelle version."))
        return redirect("chartes:list", transfo.slug)
    return render(
        request,
        "ambassadeurs/charte_texte.html",
        {
            "transfo": transfo,
            "form": form,
            "en_vigueur": current,
            "versions": TexteCharte.objects.of_transfo(transfo).select_related("auteur"),
        },
    )


def _charte_rights(user, charte):
    transfo = charte.profil.participation.transfo
    return {
        "holder": user.has_perm("ambassadeurs.sign_as_ambassadeur", charte),
        "labo": user.has_perm("ambassadeurs.sign_for_labo", transfo),
        "follow": user.has_perm("ambassadeurs.follow_group", transfo),
    }


def charte_detail(request, slug, pk, *, denounce_form=None, status=200):
    charte = get_charte_for_user(request, slug, pk)
    transfo = charte.profil.participation.transfo
    return render(
        request,
        "ambassadeurs/charte_detail.html",
        {
            "transfo": transfo,
            "charte": charte,
            "membre": charte.profil.participation,
            "texte": TexteCharte.current(transfo),
            "parties": _parties(charte),
            "sign_form": SignatureForm(),
            "denounce_form": denounce_form or DenonciationForm(),
            "denounce_partie": request.POST.get("partie") if denounce_form else None,
            "n1_signed": charte.active_signature(PartieCharte.N1) is not None,
            **_charte_rights(request.user, charte),
        },
        status=status,
    )


def _partie_allowed(user, charte, partie):
    """May the person sign or denounce for this party? (The N+1 acts only through a link.)"""
    rights = _charte_rights(user, charte)
    if partie == PartieCharte.AMBASSADEUR:
        return rights["holder"]
    if partie == PartieCharte.LABO:
        return rights["labo"]
    return False


def _partie_from(request):
    try:
        return PartieCharte(request.POST.get("partie", ""))
    except ValueError:
        raise Http404 from None


@require_POST
def charte_sign(request, slug, pk):
    charte = get_charte_for_user(request, slug, pk)
    partie = _partie_from(request)
    if not _partie_allowed(request.user, charte, partie):
        raise PermissionDenied
    form = SignatureForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cochez la case « J'ai lu la charte » pour signer."))
    elif charte.sign(partie, nom=request.user.get_full_name(), user=request.user):
        messages.success(request, _("Charte signée : %(partie)s.") % {"partie": partie.label})
    else:
        messages.info(request, _("Cette partie a déjà signé la charte."))
    return redirect("chartes:detail", slug, pk)


@require_POST
def charte_denounce(request, slug, pk):
    charte = get_charte_for_user(request, slug, pk)
    partie = _partie_from(request)
    if not _partie_allowed(request.user, charte, partie):
        raise PermissionDenied
    form = DenonciationForm(request.POST)
    if not form.is_valid():
        # Nothing is denounced unconfirmed or on a refused motif; the page comes back with
        # what was typed.
        return charte_detail(request, slug, pk, denounce_form=form, status=400)
    if charte.denounce(partie, motif=form.cleaned_data["motif"], user=request.user):
        messages.success(
            request,
            _("Charte dénoncée : %(partie)s. Les autres parties en sont informées par e-mail.")
            % {"partie": partie.label},
        )
    else:
        messages.info(request, _("Il n'y a pas de signature en vigueur à dénoncer."))
    return redirect("chartes:detail", slug, pk)


@require_POST
def charte_send_n1_link(request, slug, pk):
    """Mail the N+1 a one-time link: to sign, or to denounce once signed."""
    charte = get_charte_for_user(request, slug, pk)
    rights = _charte_rights(request.user, charte)
    if not (rights["holder"] or rights["follow"]):
        raise PermissionDenied
    if not charte.profil.n1_email:
        messages.error(
            request,
            _("L'adresse e-mail du N+1 manque au profil : le pilote interne peut la renseigner."),
        )
        return redirect("chartes:detail", slug, pk)
    signed = charte.active_signature(PartieCharte.N1) is not None
    if not charte.send_n1_link(ActionLienN1.DENONCER if signed else ActionLienN1.SIGNER):
        messages.warning(
            request,
            _(
                "Un lien est parti il y a moins de dix minutes : que le N+1 regarde sa boîte "
                "(et ses indésirables) avant d'en demander un autre."
            ),
        )
        return redirect("chartes:detail", slug, pk)
    messages.success(
        request,
        _("Un lien à usage unique part à %(email)s.") % {"email": charte.profil.n1_email},
    )
    return redirect("chartes:detail", slug, pk)


@login_not_required
def charte_n1(request, pk, token):
    """The N+1's page, reached without an account through a one-time link: the charter's
    text, the ambassadeur's name and where each party stands, and nothing else.

    The token is in the path: `same-origin` keeps it out of the Referer of any request to
    another site, while the page's own form still posts with its real Origin. (With
    `no-referrer`, Chromium posts with `Origin: null`, which the CSRF check refuses: the N+1
    could never sign. Issue 19, item 1.)"""
    response = _charte_n1_page(request, pk, token)
    response["Referrer-Policy"] = "same-origin"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _charte_n1_page(request, pk, token):
    link = LienN1.find(pk, token)
    if link is None:
        return render(request, "ambassadeurs/charte_n1_invalide.html", status=404)
    charte = Charte.objects.prefetch_related(signatures_prefetch()).get(pk=link.charte_id)
    profil = link.charte.profil
    form_class = DenonciationForm if link.action == ActionLienN1.DENONCER else SignatureForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not link.use():
            return render(request, "ambassadeurs/charte_n1_invalide.html", status=404)
        charte.profil = profil
        if link.action == ActionLienN1.DENONCER:
            charte.denounce(PartieCharte.N1, motif=form.cleaned_data["motif"])
            done = _(
                "Vous avez dénoncé la charte : les deux autres parties en sont informées par "
                "e-mail."
            )
        else:
            charte.sign(PartieCharte.N1, nom=profil.n1_nom or profil.n1_email)
            done = _("Merci : vous avez signé la charte.")
        charte = Charte.objects.prefetch_related(signatures_prefetch()).get(pk=charte.pk)
        return render(
            request,
            "ambassadeurs/charte_n1.html",
            {
                "ambassadeur": profil.participation.user.get_full_name(),
                "texte": TexteCharte.current(profil.participation.transfo),
                "parties": _parties(charte),
                "done": done,
            },
        )
    return render(
        request,
        "ambassadeurs/charte_n1.html",
        {
            "ambassadeur": profil.participation.user.get_full_name(),
            "texte": TexteCharte.current(profil.participation.transfo),
            "parties": _parties(charte),
            "form": form,
            "action": ActionLienN1(link.action),
        },
    )
