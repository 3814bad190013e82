"""What ambassadeurs adds to the pages of collectivites (collectivites.links)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from collectivites.links import Link, register_actions


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
