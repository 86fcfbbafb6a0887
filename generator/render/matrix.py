"""The matrix: one row of key facts and verdicts per model.

The same rows feed the matrix page (an HTML table whose cells carry `data-*` sort keys, so the
page is a complete table without JavaScript) and `site/matrix.json`, which the compare page
fetches.  Every value is plain data; escaping is the template's job (`html` filter) or JSON's.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..catalog import Catalog
from ..enrich.memory import smallest_4bit_gib
from ..schema.models import Model, Status
from ..verdicts import ModelVerdicts
from ..verdicts.evidence import gather
from ..verdicts.spectrum import RUNG_LABELS, RUNG_ORDER

MOF_LABELS = ("none", "I", "II", "III")
MATRIX_JSON = "matrix.json"  # under site/; not part of the versioned API in api/v1/


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "text", "number" or "rank": how the browser sorts it


COLUMNS: tuple[Column, ...] = (
    Column("model", "Model", "text"),
    Column("rung", "Rung", "rank"),
    Column("mof", "MOF class", "rank"),
    Column("osaid", "OSAID 1.0", "text"),
    Column("owd", "OWD", "text"),
    Column("licence", "Weights licence", "text"),
    Column("commercial", "Commercial use", "rank"),
    Column("gating", "Gating", "rank"),
    Column("data", "Training data", "rank"),
    Column("code", "Training code", "rank"),
    Column("parameters", "Parameters (largest)", "number"),
    Column("modality", "Modality", "text"),
    Column("memory", "Smallest at 4-bit (GiB)", "number"),
    Column("released", "Released", "text"),
)

_COMMERCIAL_ORDER = ("no", "unknown", "conditional", "yes")
_GATING_ORDER = ("manual", "unknown", "automatic", "none")
_DATA_ORDER = ("not published", "unknown", "published")
_CODE_ORDER = ("not published", "unknown", "published", "open")


@dataclass(frozen=True)
class MatrixRow:
    id: str
    name: str
    organization: str
    url: str  # from the site root
    rung: str
    rung_label: str
    rung_rank: int
    not_higher_because: str | None
    mof_class: int
    mof_label: str
    osaid: bool
    owd: bool
    licence: str
    commercial_use: str
    commercial_rank: int
    conditions: list[str]
    gating: str
    gating_rank: int
    training_data: str
    training_data_rank: int
    training_code: str
    training_code_rank: int
    parameters: int | None
    parameters_label: str
    modality: list[str]
    smallest_4bit_gib: float | None
    released: str | None


def human_count(n: int) -> str:
    """7000000000 → "7B", 1500000000 → "1.5B", 270000000 → "270M"."""
    for size, suffix in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "K")):
        if n >= size:
            value = n / size
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return text.removesuffix(".0") + suffix
    return str(n)


def _training_data(model: Model) -> str:
    component = model.components.get("datasets")
    status = component.status if component else Status.unknown
    return {Status.published: "published", Status.not_published: "not published"}.get(status, "unknown")


def _training_code(model: Model, evidence) -> str:
    """"open" when published under an OSI-approved licence, as the open-source rung asks."""
    status = evidence.published("training-code")
    if status is Status.published:
        return "open" if evidence.osi_licensed("training-code") else "published"
    return "not published" if status is Status.not_published else "unknown"


def matrix_rows(catalog: Catalog, verdicts: dict[str, ModelVerdicts]) -> list[MatrixRow]:
    services = catalog.of("services")
    rows = []
    for model_id, model in sorted(catalog.of("models").items(), key=lambda item: (item[1].name.lower(), item[0])):
        v = verdicts[model_id]
        evidence = gather(model, None, catalog.licenses, services)
        sizes = [variant.parameters for variant in model.variants if variant.parameters]
        smallest = smallest_4bit_gib(model.variants)
        data, code = _training_data(model), _training_code(model, evidence)
        commercial = v.licence.commercial_use
        rows.append(MatrixRow(
            id=model_id, name=model.name, organization=model.organization, url=f"models/{model_id}/",
            rung=v.spectrum.rung.value, rung_label=v.spectrum.label, rung_rank=RUNG_ORDER.index(v.spectrum.rung),
            not_higher_because=v.spectrum.blocker,
            mof_class=v.mof.mof_class, mof_label=MOF_LABELS[v.mof.mof_class],
            osaid=v.osaid.passed, owd=v.owd.passed,
            licence=model.license.weights, commercial_use=commercial,
            commercial_rank=_COMMERCIAL_ORDER.index(commercial) if commercial in _COMMERCIAL_ORDER else 1,
            conditions=[c.text for c in v.licence.conditions],
            gating=model.gating.value, gating_rank=_GATING_ORDER.index(model.gating.value),
            training_data=data, training_data_rank=_DATA_ORDER.index(data),
            training_code=code, training_code_rank=_CODE_ORDER.index(code),
            parameters=max(sizes) if sizes else None,
            parameters_label=human_count(max(sizes)) if sizes else "unknown",
            modality=[m.value for m in model.modality],
            smallest_4bit_gib=None if smallest is None else round(smallest, 2),
            released=None if model.released is None else str(model.released),
        ))
    return rows


def rung_labels() -> list[tuple[str, str]]:
    return [(rung.value, RUNG_LABELS[rung]) for rung in RUNG_ORDER]


def iter_matrix_json(catalog: Catalog, verdicts: dict, generated_at: str):
    """site/matrix.json: the matrix rows, for the compare page."""
    rows = [asdict(row) for row in matrix_rows(catalog, verdicts)]
    body = {"generated_at": generated_at, "columns": [asdict(c) for c in COLUMNS], "total": len(rows), "models": rows}
    yield MATRIX_JSON, json.dumps(body, ensure_ascii=False, separators=(",", ":")) + "\n"
