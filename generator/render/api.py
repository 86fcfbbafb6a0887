"""The static JSON API under site/api/v1/: a contract, documented in docs/api.md."""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..catalog import KINDS, Catalog
from ..enrich.memory import estimate, smallest_4bit_gib
from ..verdicts.licence_terms import assess
from ..verdicts.record import verdicts_record

SCHEMA_VERSION = "1.0"


def entry_record(entry_id: str, entry, computed: dict | None = None) -> dict:
    record = {"id": entry_id, **entry.model_dump(mode="json", exclude_none=True)}
    if computed is not None:
        record["computed"] = computed
    return record


def _json(value: object) -> str:
    # Compact: json's C encoder writes it several times faster than an indented file (which goes
    # through the pure-Python encoder), and browsers and `jq` lay it out for reading.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _wrap(generated_at: str, total: int, key: str, payload_json: str) -> str:
    """The envelope every API file has, around a payload already in JSON."""
    head = _json({"schema_version": SCHEMA_VERSION, "generated_at": generated_at, "total": total})
    return f"{head[:-1]},{_json(key)}:{payload_json}}}\n"


def memory_record(model) -> dict:
    variants = {}
    for variant in model.variants:
        if (est := estimate(variant)) is not None:
            variants[variant.id] = {"weights_gib": {k: round(v, 3) for k, v in est.weights_gib.items()},
                                    "kv_cache_gib": None if est.kv_cache_gib is None else round(est.kv_cache_gib, 3),
                                    "context": est.context, "total_4bit_gib": round(est.total_4bit_gib, 3),
                                    "fits_4bit_gib": est.fits_4bit}
    smallest = smallest_4bit_gib(model.variants)
    return {"smallest_4bit_gib": None if smallest is None else round(smallest, 3), "variants": variants}


def _computed(folder: str, entry_id: str, catalog: Catalog, verdicts: dict) -> dict | None:
    if folder == "models" and entry_id in verdicts:
        return {**verdicts_record(verdicts[entry_id]), "memory": memory_record(catalog.of("models")[entry_id])}
    if folder == "licenses":
        a = assess(f"LicenseRef-{entry_id}", catalog.licenses)
        return {"commercial_use": a.commercial_use, "conditions": [{"code": c.code, "text": c.text} for c in a.conditions]}
    return None


def iter_api_files(catalog: Catalog, verdicts: dict, generated_at: str) -> Iterator[tuple[str, str]]:
    """(path under site/, JSON text) for every API file; models carry their computed verdicts."""
    index = []
    for kind in KINDS:
        # Each record is held as JSON text, not as objects: a fraction of the memory for the list file.
        records = []
        for entry_id, entry in sorted(catalog.of(kind.folder).items()):
            records.append(_json(entry_record(entry_id, entry, _computed(kind.folder, entry_id, catalog, verdicts))))
            yield f"api/v1/{kind.folder}/{entry_id}.json", _wrap(generated_at, 1, kind.singular, records[-1])
        yield f"api/v1/{kind.folder}.json", _wrap(generated_at, len(records), kind.folder, f"[{','.join(records)}]")
        index.append({"kind": kind.folder, "total": len(records), "url": f"{kind.folder}.json"})
    yield "api/v1/index.json", _wrap(generated_at, len(index), "kinds", _json(index))
