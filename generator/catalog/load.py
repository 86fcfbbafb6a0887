"""catalog/<folder>/<id>.yaml → raw documents with line numbers, and every loading problem."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem
from .kinds import KINDS, Kind
from .yaml_reader import Document

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 80


@dataclass
class RawEntry:
    kind: Kind
    id: str
    path: str  # relative to the catalog's parent, as contributors see it
    document: Document


@dataclass(frozen=True)
class EntryFile:
    kind: Kind
    id: str
    rel: str
    path: Path


def list_entry_files(root: Path) -> tuple[list[EntryFile], list[Problem]]:
    """Every entry file under `root` (the catalog folder), and every misplaced or misnamed one."""
    files: list[EntryFile] = []
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
        if folder.is_symlink():
            problems.append(Problem(_rel(folder, base), 1, "", "catalog folders are real folders, not symbolic links"))
            continue
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
            files.append(EntryFile(kind, entry_id, rel, path))
    return files, problems


def _rel(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()
