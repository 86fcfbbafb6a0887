"""Validated entries remembered by content, so a rebuild re-reads only the files that changed.

Only successes are kept (a failure may depend on today's date), and the key includes a
fingerprint of the code that parses and validates, so a schema change empties the cache.
A missing or unreadable cache is simply rebuilt, and so is one this machine did not write
(generator/local_state.py): reading a pickle can run code, and build/ can come in a pull request.

Each document (the data and the line of every value) is stored as its own pickle and read only
when a cross-entry problem must be located in it, and the garbage collector is paused while the
cache is read: unpickling creates hundreds of thousands of objects and no garbage, and each
collection it would trigger walks all of them again.
"""
from __future__ import annotations

import gc
import hashlib
import pickle
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import pydantic

from .yaml_reader import PackedDocument

from ..local_state import seal, state_file, unseal
from ..output import write_bytes_atomic

_CODE = ("schema", "catalog/yaml_reader.py", "catalog/entry_file.py", "catalog/cache.py")


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(pydantic.VERSION.encode())
    for name in _CODE:
        target = package / name
        for source in sorted(target.rglob("*.py")) if target.is_dir() else [target]:
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def paused_gc():
    """No cyclic garbage collection inside the block (reference counting still frees memory)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def pack_document(document) -> bytes:
    if isinstance(document, PackedDocument) and "data" not in vars(document):
        return document._packed  # still the bytes it came as
    return pickle.dumps((document.data, document.lines), protocol=pickle.HIGHEST_PROTOCOL)


def pack_entry(entry) -> bytes:
    """A validated entry as the bytes the cache stores. Pickled one by one (in the worker that
    validated it, when there is one), which is quicker than pickling them all in one go."""
    return pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)


def unpack_entry(packed: bytes):
    return pickle.loads(packed)


def content_key(folder: str, raw: bytes) -> str:
    return hashlib.sha256(folder.encode() + b"\0" + raw).hexdigest()


class EntryCache:
    def __init__(self, path: Path | None, root: Path | None = None):
        if path is not None and root is not None:
            path = state_file(path, root)
        self.path = path
        self.stored: dict[str, tuple] = {}
        self.used: dict[str, tuple] = {}
        if path is not None and path.exists():
            try:
                payload = unseal(path.read_bytes())
                if payload is None:
                    return
                with paused_gc():
                    fingerprint, stored = pickle.loads(payload)
                if fingerprint == code_fingerprint() and isinstance(stored, dict):
                    self.stored = stored
            except Exception:  # a damaged cache costs a full rebuild, nothing more
                self.stored = {}

    def get(self, key: str):
        found = self.stored.get(key)
        if found is not None:
            self.used[key] = found
        return found

    def put(self, key: str, value: tuple) -> None:
        self.used[key] = value

    def save(self) -> None:
        """Keep exactly the entries of this run, so deleted files leave the cache too."""
        if self.path is None or self.used.keys() == self.stored.keys():
            return
        sealed = seal(pickle.dumps((code_fingerprint(), self.used), protocol=pickle.HIGHEST_PROTOCOL))
        if sealed is not None:
            write_bytes_atomic(self.path, sealed)
