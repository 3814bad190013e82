"""Intertransfo events and the coordinators cross-Transfo dashboards (issue 7)."""
