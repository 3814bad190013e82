"""An accepted invitation carrying a group import's values becomes the member's profile."""

from django.dispatch import receiver

from ambassadeurs.imports import accept_invitation_profile
from collectivites.models import invitation_accepted


@receiver(invitation_accepted)
def invitation_accepted_with_profile(sender, invitation, participation, **kwargs):
    """An invitation made by the group import becomes the new member's profile."""
    accept_invitation_profile(invitation, participation)
