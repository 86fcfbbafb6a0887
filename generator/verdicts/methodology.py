"""The rule tables, handed to the methodology page so the page can never drift from the code."""
from __future__ import annotations

from ..enrich import memory
from ..mof.classify import REQUIRED_FOR_CLASS
from ..mof.components import COMPONENTS
from ..mof.open_licenses import EXTRA_OPEN_LICENSES, OPEN_DATA_LICENSES
from . import osaid, owd
from .aspects import ASPECT_TABLE, ASPECTS, FREEDOM_TABLE, FREEDOMS
from .licence_terms import CONDITIONS
from .spectrum import REQUIREMENTS, RUNG_LABELS


def methodology_tables() -> dict:
    return {
        "requirements": REQUIREMENTS,
        "rung_labels": RUNG_LABELS,
        "aspect_names": ASPECTS,
        "aspect_table": ASPECT_TABLE,
        "freedom_names": FREEDOMS,
        "freedom_table": FREEDOM_TABLE,
        "conditions": CONDITIONS,
        "owd_criteria": owd.CRITERIA,
        "owd_breaks": owd.BREAKS,
        "owd_not_assessed": owd.NOT_ASSESSED,
        "owd_source": owd.SOURCE,
        "osaid_elements": osaid.ELEMENTS,
        "osaid_source": osaid.SOURCE,
        "mof_components": COMPONENTS,
        "mof_required": REQUIRED_FOR_CLASS,
        "open_data_licences": sorted(OPEN_DATA_LICENSES | EXTRA_OPEN_LICENSES),
        "memory_precisions": memory.PRECISIONS,
        "memory_context": memory.DEFAULT_CONTEXT,
        "memory_sizes": memory.MEMORY_SIZES_GIB,
        "memory_overhead": memory.RUNTIME_OVERHEAD,
    }
