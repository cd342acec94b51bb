"""A persistent cache of the tables kg derives from its data files at start-up.

Loading the extractor reads jieba's 350,000-word dictionary into a C++ trie,
reads its tags and packs them into :class:`~kg.extract.tag_table.TagTable`, and
reads the village level of the gazetteer: well over a second, before any
parallel work can start.  The results depend only on their input files and on
the code that derives them, so they are kept on disk as plain data (bytes,
strings, lists, dicts: compiled classes cannot be pickled, so the cache holds
their contents and the caller rebuilds the objects).

An entry's key hashes every input it derives from (file contents, the
deriving modules' source, kg's version, :data:`FORMAT`, the Python version):
a changed input gives another key, never a stale entry.  Entries are written
atomically (temporary file, then ``os.replace``), so concurrent builds are safe,
and carry a checksum: a damaged, unreadable or unwritable cache is skipped
(with a debug log line) and the tables are derived again, the same tables.

Location: ``$KG_CACHE_DIR`` if set (empty: no cache), else
``$XDG_CACHE_HOME/kg-gov-news``, else ``~/.cache/kg-gov-news``.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

from .gc_control import gc_paused

__all__ = ["CACHE_ENV", "FORMAT", "TableCache", "default_cache_dir"]

log = logging.getLogger(__name__)

CACHE_ENV = "KG_CACHE_DIR"
#: Version of the cached layouts: bump it when what an entry holds changes shape.
FORMAT = 1
_MAGIC = b"kg-tables\n"
#: Entries kept per kind (the most recent), for other versions or ontologies used beside this one.
_KEEP = 3
_PKG = Path(__file__).resolve().parent
#: Modules whose code derives the cached tables: an edit of one changes every key.
_DERIVING = ("table_cache.py", "villages.py", "extract/resources.py", "extract/tag_table.py",
             "extract/dat_tokenizer.py")


def default_cache_dir() -> Path | None:
    """The cache folder the environment asks for, or None when it disables the cache.

    A relative path is not used (it would depend on the working directory).
    """
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        if not configured:
            return None
        path = Path(configured).expanduser()
        if not path.is_absolute():
            log.debug("ignoring relative %s=%r", CACHE_ENV, configured)
            return None
        return path
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():  # the XDG spec: a relative value is invalid, ignore it
        return Path(xdg) / "kg-gov-news"
    try:
        return Path.home() / ".cache" / "kg-gov-news"
    except RuntimeError:  # no home directory
        return None


def _code_fingerprint() -> bytes:
    from . import __version__

    digest = hashlib.sha1(f"{FORMAT}\0{__version__}\0{sys.implementation.cache_tag}\0{sys.version}".encode())
    for name in _DERIVING:
        try:
            digest.update(name.encode() + b"\0" + (_PKG / name).read_bytes())
        except OSError:  # a wheel without sources: the version stands for them
            digest.update(name.encode() + b"\0-")
    return digest.digest()


class TableCache:
    """Derived tables on disk, one file per entry; ``folder=None`` is a cache that never hits.

    :meth:`load` and :meth:`store` never raise for the cache's sake: a problem
    is logged at debug level and the caller derives the table itself.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._code: bytes | None = None

    @classmethod
    def from_env(cls) -> TableCache:
        """The cache at :func:`default_cache_dir`."""
        return cls(default_cache_dir())

    def __repr__(self) -> str:
        return f"TableCache({self.folder!r})"

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def key(self, *inputs: Path | str) -> str:
        """A key for a table derived from ``inputs``: files (by content) and strings."""
        if self._code is None:
            self._code = _code_fingerprint()
        digest = hashlib.sha1(self._code)
        for item in inputs:
            if isinstance(item, Path):
                digest.update(b"file\0" + item.name.encode() + b"\0" + item.read_bytes())
            else:
                digest.update(b"str\0" + item.encode())
            digest.update(b"\0")
        return digest.hexdigest()[:24]

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{kind}-{key}.bin"

    def load(self, kind: str, key: str) -> object | None:
        """The value stored under ``kind`` and ``key``, or None (missing, damaged, unreadable)."""
        if self.folder is None:
            return None
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(_MAGIC) + 4
        if len(data) < head or not data.startswith(_MAGIC) \
                or zlib.crc32(data[head:]) != int.from_bytes(data[len(_MAGIC):head], "big"):
            log.debug("ignoring damaged table cache entry %s", path)
            return None
        try:
            with gc_paused():  # hundreds of thousands of new containers, no cycles
                return marshal.loads(memoryview(data)[head:])
        except (ValueError, EOFError, TypeError) as exc:
            log.debug("ignoring unreadable table cache entry %s: %s", path, exc)
            return None

    def store(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` (plain data: what ``marshal`` writes) under ``kind`` and ``key``, atomically."""
        if self.folder is None:
            return
        try:
            payload = marshal.dumps(value)
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(_MAGIC + zlib.crc32(payload).to_bytes(4, "big"))
                    fh.write(payload)
                os.replace(tmp, self._path(kind, key))
            except BaseException:
                os.unlink(tmp)
                raise
            self._prune(kind)
        except (OSError, ValueError) as exc:  # read-only, full or missing folder: only a slower start
            log.debug("not caching %s tables in %s: %s", kind, self.folder, exc)

    def _prune(self, kind: str) -> None:
        """Drop all but the :data:`_KEEP` most recent entries of ``kind``."""
        assert self.folder is not None
        entries = []
        for path in self.folder.glob(f"{kind}-*.bin"):
            try:
                entries.append((path.stat().st_mtime_ns, path))
            except OSError:
                continue  # removed meanwhile by a concurrent build
        for _, path in sorted(entries, reverse=True)[_KEEP:]:
            try:
                path.unlink()
            except OSError:
                pass
