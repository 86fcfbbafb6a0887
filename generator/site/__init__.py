"""build/docs/ → site/: mkdocs builds the index pages once and the entry pages in batches.

An entry page renders the same whichever other pages are in its build (it links to other
entries by address, and every batch carries stand-ins for the navigation's pages), so entry
pages are built a few hundred at a time, in parallel, each batch in its own `mkdocs build
--strict`: memory is bounded by the batch, not the catalog. A sealed record of what site/ holds
(manifest.py) lets the next build reuse every entry page whose Markdown and site setup are
unchanged, so a rebuild after one change builds only the pages that change.
"""
from .assemble import PAGES_PER_BATCH, HtmlBuild, build_html

__all__ = ["PAGES_PER_BATCH", "HtmlBuild", "build_html"]
