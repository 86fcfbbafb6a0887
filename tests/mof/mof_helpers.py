"""Builders for small MOT documents, so each test states only what it varies."""
from __future__ import annotations

from generator.mof.components import COMPONENTS, by_slug

CLASS_III = [c.slug for c in COMPONENTS if c.required and c.mof_class == 3]
CLASS_II = [c.slug for c in COMPONENTS if c.required and c.mof_class == 2]
CLASS_I = [c.slug for c in COMPONENTS if c.required and c.mof_class == 1]
OPTIONAL = [c.slug for c in COMPONENTS if not c.required]


def entry(slug: str, **fields) -> dict:
    """A `components[]` entry; pass license=... to give it its own licence."""
    return {"name": by_slug(slug).mot_name, **fields}


def document(components: list[dict], license: dict | None = None) -> dict:
    return {
        "framework": {"name": "Model Openness Framework", "version": "1.0", "date": "2024-12-15"},
        "release": {"name": "test", "producer": "test", "license": license or {},
                    "components": components},
    }


def open_doc(open_slugs, other: dict[str, str | None] | None = None) -> dict:
    """Each of `open_slugs` under MIT; each slug in `other` under the licence given there."""
    comps = [entry(s, license="MIT") for s in open_slugs]
    comps += [entry(s, license=lic) for s, lic in (other or {}).items()]
    return document(comps)


def without(slugs, *removed):
    return [s for s in slugs if s not in removed]
