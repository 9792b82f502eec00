"""Disk storage: ``persist="disk"`` entries that survive a restart.

One directory per cached function under the cache directory (``RILLET_CACHE_DIR``, else
``$XDG_CACHE_HOME/rillet``, else ``~/.cache/rillet``), one file per entry: a small header with
the expiry time, then the pickled entry. Files are written to a temporary name and renamed,
so a reader (another thread or process) never sees half an entry. A file's modification time
is its last use, which orders the least recently used first for ``max_entries``/``max_size``.
``rillet cache clear`` removes the directory.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import struct
import tempfile
from pathlib import Path

from rillet.caching import storage
from rillet.caching.storage import Hit

_MAGIC = b"RILLET1\n"
_HEADER = struct.Struct("<8sd")
_NO_EXPIRY = -1.0
_SUFFIX = ".entry"
_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def default_cache_dir() -> Path:
    """``RILLET_CACHE_DIR``, else ``$XDG_CACHE_HOME/rillet``, else ``~/.cache/rillet``."""
    configured = os.environ.get("RILLET_CACHE_DIR")
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "rillet"


def clear_cache_dir(root: Path) -> int:
    """Remove every cached entry under ``root``; returns how many entry files went."""
    if not root.exists():
        return 0
    count = sum(1 for _ in root.rglob(f"*{_SUFFIX}"))
    for child in root.iterdir():
        if child.is_dir():
            shutil.rmtree(child, ignore_errors=True)
        elif child.suffix == _SUFFIX:
            child.unlink(missing_ok=True)
    return count


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name) or name in (".", ".."):
        raise ValueError(f"not a cache key: {name!r}")
    return name


class DiskStorage:
    """Entries of one namespace (one cached function) as files under ``root/namespace``."""

    def __init__(
        self,
        root: Path | str,
        namespace: str,
        *,
        max_entries: int | None = None,
        max_size: int | None = None,
    ) -> None:
        self.directory = Path(root) / _checked(namespace)
        self.max_entries = max_entries
        self.max_size = max_size

    def _path(self, key: str) -> Path:
        return self.directory / (_checked(key) + _SUFFIX)

    def get(self, key: str) -> Hit[bytes] | None:
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                header = f.read(_HEADER.size)
                if len(header) < _HEADER.size:
                    return None
                magic, expires_at = _HEADER.unpack(header)
                if magic != _MAGIC:
                    return None
                if expires_at != _NO_EXPIRY and storage.now() >= expires_at:
                    path.unlink(missing_ok=True)
                    return None
                data = f.read()
        except FileNotFoundError:
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # last use, for least-recently-used eviction
        return Hit(data, None if expires_at == _NO_EXPIRY else expires_at)

    def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        path = self._path(key)
        self.directory.mkdir(parents=True, exist_ok=True)
        expires_at = storage.expiry(ttl)
        header = _HEADER.pack(_MAGIC, _NO_EXPIRY if expires_at is None else expires_at)
        handle, temp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as f:
                f.write(header)
                f.write(value)
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        if self.max_entries is not None or self.max_size is not None:
            self._evict(keep=path)

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)

    def _files(self) -> list[tuple[float, int, Path]]:
        """(last use, payload bytes, path) of every entry, least recently used first."""
        found = []
        try:
            entries = list(os.scandir(self.directory))
        except FileNotFoundError:
            return []
        for entry in entries:
            if not entry.name.endswith(_SUFFIX):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:
                continue
            found.append((st.st_mtime, max(st.st_size - _HEADER.size, 0), Path(entry.path)))
        found.sort()
        return found

    @property
    def size(self) -> int:
        return sum(size for _, size, _ in self._files())

    def __len__(self) -> int:
        return len(self._files())

    def _evict(self, keep: Path) -> None:
        files = self._files()
        total = sum(size for _, size, _ in files)
        count = len(files)
        for _, size, path in files:
            over_count = self.max_entries is not None and count > self.max_entries
            over_size = self.max_size is not None and total > self.max_size
            if not (over_count or over_size):
                break
            if path == keep:
                continue
            path.unlink(missing_ok=True)
            count -= 1
            total -= size
