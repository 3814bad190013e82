"""What ambassadeurs adds to the pages of collectivites (collectivites.links)."""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ambassadeurs.choices import PartieCharte
from ambassadeurs.models import (
    AmbassadeurProfile,
    Bilan,
    Devoir,
    EntreeCarnet,
    Presence,
    SignatureCharte,
)
from collectivites.choices import CERCLE_ROLES, FOLLOW_ROLES, GROUP_ROLES
from collectivites.links import Link, Section, register_actions, register_sections
from collectivites.models import Transfo, transfo_ids
from transfo.dates import french_date

# Entries shared longer ago than this are no longer "to read" on /espace/.
UNREAD_DAYS = 30


@register_actions("espace", order=30)
def espace_actions(request):
    return [Link(_("Mon carnet de bord"), reverse("ambassadeurs:carnet"), primary=True)]


@register_actions("transfo", order=30)
def transfo_actions(request, transfo):
    user, slug = request.user, transfo.slug
    follows_group = user.has_perm("ambassadeurs.follow_group", transfo)
    links = [
        Link(_("Le groupe"), reverse("groupe:groupe", args=[slug]), primary=True),
        Link(_("Devoirs"), reverse("devoirs:list", args=[slug])),
        Link(_("Bilans"), reverse("bilans:list", args=[slug])),
    ]
    if follows_group:
        links += [
            Link(_("Présences et météo"), reverse("presences:presences", args=[slug])),
            Link(_("Chartes d'engagement"), reverse("chartes:list", args=[slug])),
        ]
    else:
        links.append(Link(_("Ma charte d'engagement"), reverse("chartes:mine", args=[slug])))
    if user.has_perm("ambassadeurs.view_attestations", transfo):
        label = _("Attestations") if follows_group else _("Mon attestation")
        links.append(Link(label, reverse("attestations:list", args=[slug])))
    return links


@register_actions("session", order=30)
def session_actions(request, transfo, session):
    user, args = request.user, [transfo.slug, session.numero]
    links = []
    if user.has_perm("ambassadeurs.follow_group", transfo):
        links.append(Link(_("Présences et météo"), reverse("presences:grille", args=args)))
    if user.has_perm("ambassadeurs.give_meteo", transfo):
        links.append(Link(_("Donner ma météo"), reverse("presences:ma_meteo", args=args)))
    return links


def _devoirs_to_do(user, today):
    """Devoirs of the person's cercle not answered yet: due from today, or late by at most a
    month (older ones are history, not a thing to do)."""
    devoirs = (
        Devoir.objects.filter(
            transfo_id__in=transfo_ids(user, CERCLE_ROLES),
            echeance__gte=today - datetime.timedelta(days=31),
        )
        .exclude(reponses__auteur_id=user.pk)
        .select_related("transfo")
        .order_by("echeance", "pk")
    )
    links = []
    for devoir in devoirs:
        if devoir.echeance < today:
            text = _("Devoir « %(titre)s » : en retard, il était à rendre pour le %(date)s")
        else:
            text = _("Devoir « %(titre)s » : à rendre pour le %(date)s")
        date = french_date(devoir.echeance)
        links.append(Link(text % {"titre": devoir.titre, "date": date}, devoir.get_absolute_url()))
    return links


def _chartes_to_sign(user):
    """The person's charters (as ambassadeur or relais) they have not signed, or denounced."""
    signed = SignatureCharte.objects.filter(
        charte__profil=OuterRef("pk"),
        partie=PartieCharte.AMBASSADEUR,
        denoncee_le__isnull=True,
    )
    profils = (
        AmbassadeurProfile.objects.filter(
            participation__user_id=user.pk,
            participation__date_sortie__isnull=True,
            participation__role__in=CERCLE_ROLES,
        )
        .exclude(Exists(signed))
        .select_related("participation__transfo")
    )
    return [
        Link(
            _("Signer ma charte d'engagement (%(transfo)s)")
            % {"transfo": profil.participation.transfo.nom},
            reverse("chartes:mine", args=[profil.participation.transfo.slug]),
        )
        for profil in profils
    ]


def _bilans_to_write(user):
    links = []
    for bilan in Bilan.objects.to_answer(user):
        if bilan.cloture:
            text = _("Bilan « %(titre)s » : à écrire d'ici le %(date)s")
        else:
            text = _("Bilan « %(titre)s » : à écrire")
        date = french_date(bilan.cloture)
        links.append(Link(text % {"titre": bilan.titre, "date": date}, bilan.get_absolute_url()))
    return links


@register_sections("espace", order=10)
def a_faire(request):
    """What the person has to do now in their groups (4 queries at most, any data size; none
    for those outside every group, such as coordinators)."""
    user, today = request.user, timezone.localdate()
    if not transfo_ids(user, GROUP_ROLES):
        return None
    links = []
    if transfo_ids(user, CERCLE_ROLES):
        links += _devoirs_to_do(user, today) + _chartes_to_sign(user) + _bilans_to_write(user)
    unread = EntreeCarnet.objects.unread_by(
        user, since=timezone.now() - datetime.timedelta(days=UNREAD_DAYS)
    ).count()
    if unread:
        links.append(
            Link(
                ngettext(
                    "%(n)s entrée de carnet partagée avec vous ces %(jours)s derniers jours, "
                    "pas encore lue",
                    "%(n)s entrées de carnet partagées avec vous ces %(jours)s derniers jours, "
                    "pas encore lues",
                    unread,
                )
                % {"n": unread, "jours": UNREAD_DAYS},
                reverse("ambassadeurs:partages"),
            )
        )
    return Section(_("À faire"), links)


@register_sections("espace", order=20)
def a_suivre(request):
    """For the pilote and résident·es: who to remind, charters to complete (per Transfo)."""
    links = []
    followed_ids = transfo_ids(request.user, FOLLOW_ROLES)
    if not followed_ids:
        return None
    for transfo in Transfo.objects.filter(pk__in=followed_ids).order_by("nom"):
        missing = len(Presence.objects.to_remind(transfo))
        if missing:
            links.append(
                Link(
                    ngettext(
                        "%(transfo)s : %(n)s personne à relancer (absente à ses deux "
                        "dernières sessions)",
                        "%(transfo)s : %(n)s personnes à relancer (absentes à leurs deux "
                        "dernières sessions)",
                        missing,
                    )
                    % {"transfo": transfo.nom, "n": missing},
                    reverse("presences:presences", args=[transfo.slug]) + "#a-relancer",
                )
            )
    return Section(_("À suivre dans vos groupes"), links)
