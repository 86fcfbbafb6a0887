"""One entry file → its document and validated entry, or its problems.  Pure, so it can run
in worker processes and its successes can be cached by content."""
from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import ValidationError

from ..problems import Problem
from ..schema import Entry
from .kinds import BY_FOLDER
from .yaml_reader import Document, Path as DocPath, YamlProblem, dotted, read_document


@dataclass
class FileResult:
    document: Document | None
    entry: Entry | None
    problems: list[Problem] = field(default_factory=list)
    packed_entry: bytes | None = None  # the entry as the cache stores it, once someone packed it


def check_file(folder: str, rel: str, raw: bytes) -> FileResult:
    kind = BY_FOLDER[folder]
    try:
        document = read_document(raw)
    except YamlProblem as exc:
        return FileResult(None, None, [Problem(rel, exc.line, exc.field, exc.message)])
    if not isinstance(document.data, dict):
        return FileResult(None, None, [Problem(rel, 1, "", f"an entry is a mapping of fields, not a {type(document.data).__name__}")])
    try:
        entry = kind.schema.model_validate(document.data)
    except ValidationError as exc:
        return FileResult(document, None, [_located(kind.schema, rel, document, e) for e in exc.errors(include_url=False)])
    return FileResult(document, entry)


def check_files(jobs: list[tuple[str, str, bytes]]) -> list[FileResult]:
    return [check_file(*job) for job in jobs]


def _located(schema: type, rel: str, document: Document, error: dict) -> Problem:
    path = _data_path(document.data, error["loc"], error["type"])
    return Problem(rel, document.line_of(path), dotted(path), _explain(schema, error))


def _data_path(data: object, loc: tuple, error_type: str) -> DocPath:
    """Pydantic's loc also names union branches and validators; keep only what is in the file."""
    kept: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        elif error_type == "missing" and i == len(loc) - 1:
            pass
        else:
            break
        kept.append(part)
    return tuple(kept)


def _explain(schema: type, error: dict) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(schema, error["loc"][:-1])
        return f"unknown field; expected one of: {', '.join(allowed)}" if allowed else "unknown field"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    if isinstance(value, (str, int, float, bool)) and len(repr(value)) <= 80 and repr(value) not in message:
        message += f" (got {value!r})"
    return message


def _allowed_fields(schema: type, loc: tuple) -> list[str]:
    model = schema
    for part in loc:
        field_info = getattr(model, "model_fields", {}).get(part) if isinstance(part, str) else None
        if field_info is None:
            continue
        model = _inner_model(field_info.annotation)
        if model is None:
            return []
    return list(getattr(model, "model_fields", {}))


def _inner_model(annotation: object) -> type | None:
    from typing import get_args

    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for arg in get_args(annotation):
        if (found := _inner_model(arg)) is not None:
            return found
    return None
