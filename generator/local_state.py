"""State kept between runs is trusted only if this machine wrote it.

The validation cache is a pickle, and reading a pickle can run code; the record of what site/
holds decides which pages are copied into the next site unchanged. Both live under build/, and
anything under the clone can arrive in a pull request (`git add -f build/cache/...` passes any
ignore rule). So each such file is sealed with an HMAC whose key lives outside the clone, in
the user's cache folder, and a file whose seal does not match is treated as missing: it costs
a full rebuild, never a run of someone else's code. A machine that cannot keep a key (no
writable cache folder) simply keeps no state.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tempfile
from functools import lru_cache
from pathlib import Path

from .output import link_on_the_way

_MAGIC = b"atlas-state-1\n"
_DIGEST_SIZE = hashlib.sha256().digest_size


def key_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "open-model-atlas" / "state.key"


@lru_cache(maxsize=None)
def _key(path: Path) -> bytes | None:
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written aside and linked into place, so a parallel run never reads half a key,
            # and the first of two racing runs wins (os.link refuses an existing name).
            fd, draft = tempfile.mkstemp(dir=path.parent, prefix=".state.key.")
            try:
                os.write(fd, secrets.token_bytes(32))
                os.close(fd)
                try:
                    os.link(draft, path)
                except FileExistsError:
                    pass
            finally:
                os.unlink(draft)
        if path.is_symlink():
            return None
        key = path.read_bytes()
        return key if len(key) == 32 else None
    except OSError:
        return None


def state_key() -> bytes | None:
    return _key(key_file())


def state_file(path: Path, root: Path) -> Path | None:
    """`path`, or None when a symbolic link lies between `root` and it: state is then neither
    read nor written, since the link could put it anywhere."""
    return path if link_on_the_way(path, root) is None else None


def seal(payload: bytes) -> bytes | None:
    """`payload` with a seal only this machine can make; None when there is no key to seal with."""
    key = state_key()
    if key is None:
        return None
    return _MAGIC + hmac.new(key, payload, hashlib.sha256).digest() + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload `seal` wrapped, or None for anything this machine did not write."""
    key = state_key()
    if key is None or not blob.startswith(_MAGIC):
        return None
    start = len(_MAGIC) + _DIGEST_SIZE
    mac, payload = blob[len(_MAGIC):start], blob[start:]
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return None
    return payload
