"""Who moderates a Transfo's private section of the capot ouvert."""

import rules

from collectivites.rules import is_coordinateur, is_resident

rules.add_perm("blog.moderate_section", is_coordinateur | is_resident)
