"""Who reads the capot ouvert (its pages are closed by Wagtail's view restrictions: this says
whom to offer it to) and who moderates a Transfo's private section of it."""

import rules

from collectivites.rules import is_coordinateur, is_member_anywhere, is_resident

rules.add_perm("blog.moderate_section", is_coordinateur | is_resident)
rules.add_perm("blog.read_capot_ouvert", is_member_anywhere)
