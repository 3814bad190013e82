"""Collectivites' part of "mes données": memberships, blocks facilitated, invitations."""

from django.utils import timezone
from django.utils.translation import gettext as _

from collectivites.choices import Role
from collectivites.models import Bloc, Invitation, Participation
from transfo.mydata import register_deletion_check, register_personal_data


def export_participations(user, files):
    participations = Participation.objects.filter(user=user).select_related("transfo")
    return {
        "participations": [
            {
                "transfo": p.transfo.nom,
                "role": p.get_role_display(),
                "discipline": p.get_discipline_display(),
                "entree": p.date_entree,
                "sortie": p.date_sortie,
            }
            for p in participations.order_by("date_entree", "pk")
        ],
        "blocs_animes": [
            {"session": str(b.jour.session), "jour": b.jour.date, "bloc": b.titre}
            for b in Bloc.objects.filter(animateurs=user)
            .select_related("jour__session")
            .order_by("jour__date", "pk")
        ],
        "invitations_recues": [
            {
                "transfo": i.transfo.nom,
                "role": i.get_role_display(),
                "envoyee_le": i.sent_at,
                "profil_importe": i.profil,
            }
            for i in Invitation.objects.filter(email=user.email.lower()).select_related("transfo")
        ],
    }


def erase_participations(user):
    """Memberships end today (the history and the figures stay); invitations to the address go."""
    Participation.objects.filter(user=user, date_sortie__isnull=True).update(
        date_sortie=timezone.localdate()
    )
    Invitation.objects.filter(email=user.email.lower()).delete()


def last_coordinator(user):
    """La 27e Région must keep a coordinator."""
    active = Participation.objects.actives().filter(role=Role.COORDINATEUR, user__is_active=True)
    if active.filter(user=user).exists() and not active.exclude(user=user).exists():
        return _(
            "Vous êtes le ou la dernière coordinatrice de La 27e Région : transmettez ce rôle "
            "à une autre personne avant de supprimer votre compte."
        )
    return None


def register():
    register_personal_data("participations", export_participations, erase_participations)
    register_deletion_check(last_coordinator)
