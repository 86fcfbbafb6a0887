"""Write a whole folder or nothing: outputs are built beside their target and renamed into place."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path


def safe_join(root: Path, relative: str) -> Path:
    """`root/relative`, refusing any path that could land outside `root`: absolute, with `..`,
    `.` or empty parts, backslashes or NUL. Checked on the text alone, without asking the file
    system, because `root` is always a folder this run made, holding no symbolic link (docs/
    is refused if it has one, refuse_links_within)."""
    parts = relative.split("/")
    if (not relative or relative.startswith("/") or "\\" in relative or "\0" in relative
            or any(part in ("", ".", "..") for part in parts)):
        raise ValueError(f"refusing to write outside {root}: {relative!r}")
    return root.joinpath(*parts)


def write_files(root: Path, files: Iterable[tuple[str, str]]) -> int:
    count = 0
    made: set[Path] = set()
    for relative, text in files:
        target = safe_join(root, relative)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(text)
        count += 1
    return count


class UnsafeOutput(Exception):
    pass


def link_on_the_way(target: Path, root: Path) -> Path | None:
    """The first symbolic link between `root` and `target`, if any."""
    current = target
    while current != root and current != current.parent:
        if current.is_symlink():
            return current
        current = current.parent
    return None


def refuse_links(target: Path, root: Path) -> None:
    """An output folder reached through a symbolic link could be anywhere: a pull request can
    add `build -> /somewhere` (ignore rules do not stop a link), so outputs never follow one."""
    if (link := link_on_the_way(target, root)) is not None:
        raise UnsafeOutput(f"refusing to write through the symbolic link {link}; remove it")


def refuse_links_within(folder: Path) -> None:
    """Hand-written docs/ is copied into the site: a symbolic link there (a pull request can add
    one) would publish whatever file it points at, so a build refuses it."""
    if folder.is_symlink():
        raise UnsafeOutput(f"refusing to build: {folder} is a symbolic link; replace it with the folder itself")
    for current, folders, files in os.walk(folder):
        for name in folders + files:
            if os.path.islink(os.path.join(current, name)):
                link = Path(current, name)
                raise UnsafeOutput(f"refusing to build: {link} is a symbolic link; replace it with the file itself")


@contextmanager
def staged_folder(target: Path, root: Path | None = None):
    """Yield a fresh folder beside `target`; on success it replaces `target`, on failure it is removed."""
    refuse_links(target, root or target.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def sync_folder(source: Path, target: Path) -> None:
    """Make `target` hold what `source` holds, touching only files that changed.

    Used while previewing: the live server watches `target`, and replacing the folder
    itself would drop its watch.
    """
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for old in [p for p in target.rglob("*") if p.is_file() and p.relative_to(target) not in wanted]:
        old.unlink()
    for relative in wanted:
        new, current = source / relative, target / relative
        if current.is_file() and current.read_bytes() == new.read_bytes():
            continue
        current.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(new, current)
