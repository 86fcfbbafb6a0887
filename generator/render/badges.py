"""Badges: an SVG per model for its rung (`badges/<id>-rung.svg`) and its MOF class (`<id>-mof.svg`).

Flat two-part badges drawn with system fonts only, so they need nothing from another host.
Every text is XML-escaped, though all of it comes from the verdict tables.
"""
from __future__ import annotations

from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from ..catalog import Catalog
from ..schema.models import Rung

RUNG_COLOURS = {
    Rung.behind_app.value: "#9f3a38",
    Rung.directly_accessible.value: "#c2571a",
    Rung.available_weights.value: "#a07d00",
    Rung.open_weight.value: "#3c7d23",
    Rung.open_source.value: "#1f7a5a",
    Rung.reproducible.value: "#1d5f99",
}
MOF_COLOURS = {0: "#6b6b6b", 3: "#3c7d23", 2: "#1f7a5a", 1: "#1d5f99"}
MOF_NAMES = {0: "no class", 3: "Class III (open model)", 2: "Class II (open tooling)", 1: "Class I (open science)"}
_LABEL_COLOUR = "#555"
_CHAR_WIDTH = 6.6  # average advance of Verdana/DejaVu Sans at 11px, generous enough for both
_PAD = 6


def badge_path(model_id: str, what: str) -> str:
    return f"badges/{model_id}-{what}.svg"


def _width(text: str) -> int:
    return round(len(text) * _CHAR_WIDTH + 2 * _PAD)


def badge_svg(label: str, value: str, colour: str) -> str:
    left, right = _width(label), _width(value)
    total = left + right
    title = f"{label}: {value}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" aria-label={quoteattr(title)}>'
        f"<title>{escape(title)}</title>"
        f'<rect width="{left}" height="20" fill="{_LABEL_COLOUR}"/>'
        f'<rect x="{left}" width="{right}" height="20" fill={quoteattr(colour)}/>'
        f'<g fill="#fff" font-family="Verdana,DejaVu Sans,Geneva,sans-serif" font-size="11" text-anchor="middle">'
        f'<text x="{left / 2:.1f}" y="14">{escape(label)}</text>'
        f'<text x="{left + right / 2:.1f}" y="14">{escape(value)}</text>'
        f"</g></svg>\n"
    )


def rung_badge(rung: str, label: str) -> str:
    return badge_svg("openness", label.lower(), RUNG_COLOURS.get(rung, _LABEL_COLOUR))


def mof_badge(mof_class: int) -> str:
    return badge_svg("MOF", MOF_NAMES.get(mof_class, "no class"), MOF_COLOURS.get(mof_class, _LABEL_COLOUR))


def iter_badges(catalog: Catalog, verdicts: dict) -> Iterator[tuple[str, str]]:
    for model_id in sorted(catalog.of("models")):
        v = verdicts[model_id]
        yield badge_path(model_id, "rung"), rung_badge(v.spectrum.rung.value, v.spectrum.label)
        yield badge_path(model_id, "mof"), mof_badge(v.mof.mof_class)
