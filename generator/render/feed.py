"""`site/feed.xml`: an Atom feed (RFC 4287) of new and changed entries, newest first.

An entry's date is its `updated` date if it has one, else its `added` date.  Links are relative
to the feed (it sits at the site root), or absolute when mkdocs.yml sets `site_url`.  Ids are
stable `tag:` URIs that do not depend on where the site is served.  All text is XML-escaped.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape as _escape, quoteattr

from ..catalog import KINDS, Catalog
from .settings import SiteSettings

FEED_PATH = "feed.xml"
FEED_SIZE = 50
TAG_AUTHORITY = "open-model-atlas"

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """XML text: markup characters escaped, characters XML 1.0 forbids dropped."""
    return _escape(_NOT_XML.sub("", str(text)))


@dataclass(frozen=True)
class Change:
    folder: str
    singular: str
    id: str
    name: str
    summary: str
    date: dt.date
    added: dt.date
    what: str  # "added" or "updated"

    @property
    def path(self) -> str:
        """From the site root, as mkdocs publishes it (use_directory_urls)."""
        return f"{self.folder}/{self.id}/"


def recent_changes(catalog: Catalog, limit: int = FEED_SIZE) -> list[Change]:
    singular = {kind.folder: kind.singular for kind in KINDS}
    changes = [
        Change(folder, singular[folder], entry_id, entry.name, entry.summary, entry.updated or entry.added, entry.added,
               "updated" if entry.updated else "added")
        for folder, entry_id, entry in catalog.all()
    ]
    changes.sort(key=lambda c: (c.date, c.folder, c.id), reverse=True)
    return changes[:limit]


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(catalog: Catalog, settings: SiteSettings) -> str:
    changes = recent_changes(catalog)
    updated = max((c.date for c in changes), default=dt.date(2025, 1, 1))
    home = settings.absolute("") or "./"
    self_link = settings.absolute(FEED_PATH) or FEED_PATH
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>tag:{TAG_AUTHORITY},2025:feed</id>",
        "  <title>Open Model Atlas: new and changed entries</title>",
        f"  <updated>{_stamp(updated)}</updated>",
        f"  <link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_link)}/>",
        f"  <link rel=\"alternate\" type=\"text/html\" href={quoteattr(home)}/>",
        "  <author><name>Open Model Atlas contributors</name></author>",
    ]
    for c in changes:
        link = settings.absolute(c.path) or c.path
        lines += [
            "  <entry>",
            f"    <id>tag:{TAG_AUTHORITY},{c.added.isoformat()}:{escape(c.folder)}/{escape(c.id)}</id>",
            f"    <title>{escape(c.name)} ({escape(c.singular)} {escape(c.what)})</title>",
            f"    <updated>{_stamp(c.date)}</updated>",
            f"    <link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
            f"    <summary type=\"text\">{escape(c.summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def iter_feed(catalog: Catalog, settings: SiteSettings) -> Iterator[tuple[str, str]]:
    yield FEED_PATH, atom_feed(catalog, settings)
