"""Determinism: the talk's checklist as data, and a probe that measures an endpoint against it."""
from .checklist import BY_SLUG, CHECKLIST, SLUGS, ChecklistItem

__all__ = ["BY_SLUG", "CHECKLIST", "SLUGS", "ChecklistItem"]
