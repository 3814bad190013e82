"""Cas pratiques, their working material, the public vitrine and its open data (issue 5)."""
