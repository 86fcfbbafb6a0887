"""Entry ids for drafts: the loader's rule (generator.catalog.load), and a slug made from a Hub repo's name."""
from __future__ import annotations

import re

from ..catalog.load import ID_PATTERN, MAX_ID_LENGTH


def valid_id(entry_id: str) -> bool:
    return bool(ID_PATTERN.match(entry_id)) and len(entry_id) <= MAX_ID_LENGTH


def slug_of(name: str) -> str:
    """`OLMo-2-1124-7B` → `olmo-2-1124-7b`; may be empty."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-")
