"""Ambassadeur profiles, charte, attendance and météo, carnet de bord, bilans, devoirs (issue 4)."""
