"""The Transfos (public list and page), the signed-in home (`/espace/`), a Transfo's space,
and the invitations."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectivites.choices import Role
from collectivites.forms import AcceptInvitationForm, InvitationForm
from collectivites.links import actions, sections
from collectivites.models import Invitation, Participation, Session, Transfo, is_coordinateur
from collectivites.models.sessions import planner_transfo_ids
from collectivites.rules import invitable_roles
from collectivites.shortcuts import get_transfo_for_user


@login_not_required
def transfo_list(request):
    transfos = Transfo.objects.select_related("collectivite").with_counts()
    return render(request, "collectivites/transfo_list.html", {"transfos": transfos})


@login_not_required
def transfo_detail(request, slug):
    transfo = get_object_or_404(
        Transfo.objects.select_related("collectivite").with_counts(), slug=slug
    )
    return render(
        request,
        "collectivites/transfo_detail.html",
        {"transfo": transfo, "sections": sections("transfo", request, transfo=transfo)},
    )


def espace(request):
    participations = (
        Participation.objects.actives()
        .filter(user=request.user)
        .select_related("transfo__collectivite")
        .order_by("-transfo__date_debut")
    )
    all_transfos = None
    if is_coordinateur(request.user):
        all_transfos = Transfo.objects.select_related("collectivite").with_counts()
    calendar_url = settings.SITE_URL + reverse(
        "collectivites:calendar_feed", args=[request.user.calendar_token]
    )
    return render(
        request,
        "collectivites/espace.html",
        {
            "participations": participations,
            "next_sessions": Session.objects.next_for(request.user),
            "planner_ids": planner_transfo_ids(request.user),
            "todo": sections("espace", request),
            "actions": actions("espace", request),
            "all_transfos": all_transfos,
            "calendar_url": calendar_url,
        },
    )


def transfo_espace(request, slug):
    transfo = get_transfo_for_user(request, slug)
    members = (
        transfo.participations.actives().select_related("user").order_by("role", "user__full_name")
    )
    by_role = {role: [] for role in Role}
    for participation in members:
        by_role[Role(participation.role)].append(participation)
    can_invite = request.user.has_perm("collectivites.invite_member", transfo)
    invitations = transfo.invitations.pending() if can_invite else Invitation.objects.none()
    # Members who never signed in, to whom the person may send a sign-in link.
    never_signed_in = (
        {
            participation.pk
            for participation in members
            if participation.user.never_signed_in
            and request.user.has_perm("collectivites.send_sign_in_link", participation)
        }
        if can_invite
        else set()
    )
    return render(
        request,
        "collectivites/transfo_espace.html",
        {
            "transfo": transfo,
            "groups": [(role.label, people) for role, people in by_role.items() if people],
            "member_count": len(members),
            "actions": actions("transfo", request, transfo=transfo),
            "can_invite": can_invite,
            "invitations": invitations,
            "never_signed_in": never_signed_in,
        },
    )


def _get_transfo_for_inviter(request, slug):
    return get_transfo_for_user(request, slug, perm="collectivites.invite_member")


def invitation_create(request, slug):
    transfo = _get_transfo_for_inviter(request, slug)
    form = InvitationForm(
        request.POST or None, transfo=transfo, roles=invitable_roles(request.user, transfo)
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation = form.save(commit=False)
            invitation.transfo = transfo
            invitation.invited_by = request.user
            invitation.save()
            invitation.send()
        messages.success(
            request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
        )
        return redirect(transfo.get_espace_url())
    member = form.member_never_signed_in
    return render(
        request,
        "collectivites/invitation_form.html",
        {
            "transfo": transfo,
            "form": form,
            # A member who never signed in: the sign-in link, when the inviter may send it.
            "member": member,
            "can_send_link": member is not None
            and request.user.has_perm("collectivites.send_sign_in_link", member),
        },
    )


@require_POST
def sign_in_link(request, slug, pk):
    """Mail a member who never signed in (imported, or created for them) a one-time link to
    choose their password and enter (issue 19, item 7)."""
    transfo = _get_transfo_for_inviter(request, slug)
    participation = get_object_or_404(
        transfo.participations.actives().select_related("user"), pk=pk
    )
    participation.transfo = transfo
    if not request.user.has_perm("collectivites.send_sign_in_link", participation):
        raise PermissionDenied
    with transaction.atomic():
        participation.send_sign_in_link(request.user)
    messages.success(
        request,
        _("Lien de connexion envoyé à %(nom)s (%(email)s).")
        % {"nom": participation.user.get_full_name(), "email": participation.user.email},
    )
    return redirect(transfo.get_espace_url())


def _get_pending_invitation(request, slug, pk):
    transfo = _get_transfo_for_inviter(request, slug)
    return get_object_or_404(transfo.invitations.pending(), pk=pk)


@require_POST
def invitation_resend(request, slug, pk):
    invitation = _get_pending_invitation(request, slug, pk)
    with transaction.atomic():
        invitation.send()
    messages.success(request, _("Invitation renvoyée à %(email)s.") % {"email": invitation.email})
    return redirect(invitation.transfo.get_espace_url())


@require_POST
def invitation_cancel(request, slug, pk):
    invitation = _get_pending_invitation(request, slug, pk)
    invitation.delete()
    messages.success(request, _("Invitation à %(email)s annulée.") % {"email": invitation.email})
    return redirect(invitation.transfo.get_espace_url())


@login_not_required
def invitation_accept(request, token):
    invitation = Invitation.from_token(token)
    if invitation is None or not invitation.usable:
        return render(request, "collectivites/invitation_invalid.html", status=410)

    User = get_user_model()
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    context = {"invitation": invitation, "transfo": invitation.transfo}

    if request.user.is_authenticated and request.user != invitee:
        return render(request, "collectivites/invitation_wrong_account.html", context, status=403)

    if invitee is not None and not invitee.never_signed_in:
        if not request.user.is_authenticated:
            messages.info(
                request, _("Vous avez déjà un compte : connectez-vous pour accepter l'invitation.")
            )
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_login')}?{query}")
        if request.method == "POST":
            invitation.accept(invitee)
            messages.success(
                request, _("Vous avez rejoint %(transfo)s.") % {"transfo": invitation.transfo}
            )
            return redirect(invitation.transfo.get_espace_url())
        return render(request, "collectivites/invitation_confirm.html", context)

    if invitee is not None:
        return _accept_as_new_member(request, invitation, invitee, context)

    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={"full_name": invitation.profil.get("nom", "")},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User.objects.create_user(
                email=invitation.email,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            invitation.accept(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Bienvenue ! Vous avez rejoint %(transfo)s.") % {"transfo": invitation.transfo},
        )
        return redirect(invitation.transfo.get_espace_url())
    context["form"] = form
    return render(request, "collectivites/invitation_accept.html", context)


def _accept_as_new_member(request, invitation, invitee, context):
    """The link of a person whose account was made for them and never used (an import, a
    coordinator, a sign-in link sent by the pilote): they choose their password and enter,
    as a new invitee does; with a second factor set up, they then sign in with it."""
    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        initial={"full_name": invitee.full_name or invitation.profil.get("nom", "")},
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitee.full_name = form.cleaned_data["full_name"]
            invitee.set_password(form.cleaned_data["password1"])
            invitee.save(update_fields=["full_name", "password"])
            # The link came by mail: the address is theirs.
            EmailAddress.objects.update_or_create(
                user=invitee, email=invitee.email, defaults={"verified": True, "primary": True}
            )
            invitation.accept(invitee)
        if Authenticator.objects.filter(user=invitee).exists():
            messages.success(
                request,
                _("Votre mot de passe est enregistré : connectez-vous avec votre second facteur."),
            )
            query = urlencode({"next": invitation.transfo.get_espace_url()})
            return redirect(f"{reverse('account_login')}?{query}")
        login(request, invitee, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _("Bienvenue ! Vous êtes connecté·e à %(transfo)s.") % {"transfo": invitation.transfo},
        )
        return redirect(invitation.transfo.get_espace_url())
    context.update(form=form, membre=True)
    return render(request, "collectivites/invitation_accept.html", context)
