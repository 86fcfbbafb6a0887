"""JSON Schema for editors: one file per kind, which the `yaml-language-server` modeline names."""
from __future__ import annotations

import json
from pathlib import Path

from ..output import write_text_atomic


def write_schemas(folder: Path) -> list[Path]:
    from ..catalog.kinds import KINDS

    written = []
    for kind in KINDS:
        schema = kind.schema.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Open Model Atlas {kind.singular} entry"
        path = folder / f"{kind.singular}.schema.json"
        write_text_atomic(path, json.dumps(schema, indent=2, sort_keys=True) + "\n")
        written.append(path)
    return written
