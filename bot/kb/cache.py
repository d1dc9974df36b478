"""A compiled copy of a loaded knowledge base, so that starting the bot skips parsing every YAML
file (about 40 ms of a 450 ms cold start, see ``scripts/coldstart.py``).

The key covers every knowledge file's name, size and modification time, and the same of the
code whose objects are stored (``bot/``): any edit, or an upgrade, misses the cache and the
knowledge base is loaded and checked from YAML again. Only a knowledge base that loaded without
problems is stored. The cache is a convenience: if it cannot be read or written, loading simply
takes the slow path. Files are pickles, so they are read only from a folder the current user
owns and no one else can write to.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from careerbot import bot
from careerbot import knowledge as shipped
from careerbot.bot.kb import knowledge
from careerbot.bot.kb.knowledge import KnowledgeBase


def key(root: Path) -> str:
    """A digest of what the loaded knowledge base depends on (files and code, by size and time)."""
    digest = hashlib.sha256(f"{sys.version}\0{root.resolve()}".encode())
    code = Path(bot.__file__).parent
    files = [*sorted(root.rglob("*.yaml")), *sorted(code.rglob("*.py"))]
    for path in files:
        info = path.stat()
        digest.update(f"\0{path}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def _private(folder: Path) -> bool:
    """Owned by this user and writable by no one else (pickles run code when loaded)."""
    info = folder.stat()
    getuid = getattr(os, "getuid", None)
    return (getuid is None or info.st_uid == getuid()) and not info.st_mode & (stat.S_IWGRP
                                                                               | stat.S_IWOTH)


def load(root: Path | None, cache_dir: Path | None) -> KnowledgeBase:
    """The knowledge base at ``root`` (default: the shipped one), from the cache when it is
    current; raises :class:`~.knowledge.KnowledgeError` like :func:`~.knowledge.load`."""
    root = Path(root) if root is not None else shipped.PATH
    path: Path | None = None
    if cache_dir is not None:
        try:
            cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            if _private(cache_dir):
                path = cache_dir / f"knowledge-{key(root)}.pickle"
                cached = _read(path)
                if cached is not None:
                    return cached
        except OSError:
            path = None
    kb = knowledge.load(root)
    if path is not None:
        _store(kb, path)
    return kb


def _read(path: Path) -> KnowledgeBase | None:
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError):
        return None  # missing, cut short or from other code: load from YAML and store anew
    return cached if isinstance(cached, KnowledgeBase) else None


def _store(kb: KnowledgeBase, path: Path) -> None:
    try:
        for old in path.parent.glob("knowledge-*.pickle"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as handle:
            pickle.dump(kb, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # readers see the old file or the whole new one
    except OSError:
        pass
