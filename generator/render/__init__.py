"""Rendering: the enriched catalog → Markdown pages and the JSON API."""
from .api import iter_api_files
from .pages import iter_pages

__all__ = ["iter_api_files", "iter_pages"]
