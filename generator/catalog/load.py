"""catalog/<folder>/<id>.yaml → raw documents with line numbers, and every loading problem."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from .kinds import KINDS, Kind
from .yaml_reader import Document, YamlProblem, read_document

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80


@dataclass
class RawEntry:
    kind: Kind
    id: str
    path: str  # relative to the catalog's parent, as contributors see it
    document: Document


def load_catalog(root: Path) -> tuple[list[RawEntry], list[Problem]]:
    """Read every entry under `root` (the catalog folder); never stop at the first problem."""
    entries: list[RawEntry] = []
    problems: list[Problem] = []
    base = root.parent
    for child in sorted(root.iterdir()) if root.is_dir() else []:
        if child.name.startswith(".") or child.name == "README.md":
            continue
        if child.is_dir() and child.name in {k.folder for k in KINDS}:
            continue
        problems.append(Problem(_rel(child, base), 1, "", f"not a catalog folder; expected one of {', '.join(k.folder for k in KINDS)}"))
    for kind in KINDS:
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            rel = _rel(path, base)
            if path.name.startswith("."):
                continue
            if path.is_symlink() or not path.is_file():
                problems.append(Problem(rel, 1, "", "entries are plain files; links and folders are not allowed here"))
                continue
            if path.suffix != ".yaml":
                problems.append(Problem(rel, 1, "", "entries are .yaml files"))
                continue
            entry_id = path.stem
            if not ID_PATTERN.match(entry_id) or len(entry_id) > MAX_ID_LENGTH:
                problems.append(Problem(rel, 1, "id", f"file name {entry_id!r} is not an id: use lowercase ASCII letters, digits and single hyphens, at most {MAX_ID_LENGTH} characters"))
                continue
            try:
                document = read_document(path.read_bytes())
            except YamlProblem as exc:
                problems.append(Problem(rel, exc.line, exc.field, exc.message))
                continue
            if not isinstance(document.data, dict):
                problems.append(Problem(rel, 1, "", f"an entry is a mapping of fields, not a {type(document.data).__name__}"))
                continue
            entries.append(RawEntry(kind, entry_id, rel, document))
    return entries, problems


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
