"""What a conversation was about, so a follow-up ("what about their salaries?", "and the
tools?", "and for a senior?") refers to the roles of the answer before it.

A conversation is whatever the adapter says it is: a Slack thread and user, a Discord channel
and user, the console. Context expires after a while and is small; losing it costs one question
that names its roles again, so the SQLite store only has to survive a restart.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

#: How long a follow-up may refer to the last answer.
TTL_SECONDS = 30 * 60


@dataclass(frozen=True)
class Context:
    roles: tuple[str, ...]
    kind: str
    at: float


class Contexts(Protocol):
    def get(self, conversation: str) -> Context | None: ...

    def put(self, conversation: str, context: Context) -> None: ...


class MemoryContexts:
    """Contexts in memory (the console, tests): bounded, oldest dropped first."""

    def __init__(self, ttl: float = TTL_SECONDS, size: int = 10_000,
                 clock: Callable[[], float] = time.time) -> None:
        self._items: OrderedDict[str, Context] = OrderedDict()
        self._ttl, self._size, self.clock = ttl, size, clock

    def get(self, conversation: str) -> Context | None:
        found = self._items.get(conversation)
        return found if found is not None and self.clock() - found.at <= self._ttl else None

    def put(self, conversation: str, context: Context) -> None:
        self._items.pop(conversation, None)
        self._items[conversation] = context
        while len(self._items) > self._size:
            self._items.popitem(last=False)


class SQLiteContexts:
    """Contexts in a SQLite file, so follow-ups still work after a restart."""

    def __init__(self, path: Path | str, ttl: float = TTL_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("CREATE TABLE IF NOT EXISTS context (conversation TEXT PRIMARY KEY, "
                         "roles TEXT NOT NULL, kind TEXT NOT NULL, at REAL NOT NULL)")
        self._lock = threading.Lock()
        self._ttl, self.clock = ttl, clock

    def get(self, conversation: str) -> Context | None:
        with self._lock:
            row = self._db.execute("SELECT roles, kind, at FROM context WHERE conversation = ?",
                                   (conversation,)).fetchone()
        if row is None or self.clock() - row[2] > self._ttl:
            return None
        return Context(tuple(json.loads(row[0])), row[1], row[2])

    def put(self, conversation: str, context: Context) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO context VALUES (?, ?, ?, ?)",
                             (conversation, json.dumps(list(context.roles)), context.kind,
                              context.at))
            self._db.execute("DELETE FROM context WHERE at < ?", (context.at - self._ttl,))

    def close(self) -> None:
        self._db.close()
