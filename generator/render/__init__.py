"""Rendering: the enriched catalog → Markdown pages and the JSON API."""
from .api import iter_api_files
from .pages import PageRenderer, iter_pages, write_pages

__all__ = ["PageRenderer", "iter_api_files", "iter_pages", "write_pages"]
