"""Digest state: which job went to which channel, which feeds have a baseline, which day ran.

SQLite by default (one file, no server), behind a small interface so another store can stand in.
Every write commits at once (WAL, synchronous=FULL), so what is recorded survives a crash.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (target TEXT NOT NULL, job_key TEXT NOT NULL,
                                  posted_at TEXT NOT NULL, PRIMARY KEY (target, job_key));
CREATE TABLE IF NOT EXISTS feeds (source TEXT PRIMARY KEY, baseline_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS baseline (source TEXT NOT NULL, job_key TEXT NOT NULL,
                                     PRIMARY KEY (source, job_key));
CREATE TABLE IF NOT EXISTS runs (target TEXT NOT NULL, day TEXT NOT NULL,
                                 finished_at TEXT NOT NULL, PRIMARY KEY (target, day));
"""


class Store(Protocol):
    def posted(self, target: str) -> set[str]: ...
    def record_posts(self, target: str, keys: Iterable[str], when: dt.datetime) -> None: ...
    def has_baseline(self, source: str) -> bool: ...
    def add_baseline(self, source: str, keys: Iterable[str], when: dt.datetime) -> None: ...
    def baseline_keys(self) -> set[str]: ...
    def ran(self, target: str, day: dt.date) -> bool: ...
    def record_run(self, target: str, day: dt.date, when: dt.datetime) -> None: ...


class SQLiteStore:
    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        self._db.close()

    def posted(self, target: str) -> set[str]:
        rows = self._db.execute("SELECT job_key FROM posts WHERE target = ?", (target,))
        return {key for (key,) in rows}

    def record_posts(self, target: str, keys: Iterable[str], when: dt.datetime) -> None:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR IGNORE INTO posts (target, job_key, posted_at) VALUES (?, ?, ?)",
                [(target, key, when.isoformat()) for key in keys])

    def has_baseline(self, source: str) -> bool:
        return self._db.execute("SELECT 1 FROM feeds WHERE source = ?",
                                (source,)).fetchone() is not None

    def add_baseline(self, source: str, keys: Iterable[str], when: dt.datetime) -> None:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany("INSERT OR IGNORE INTO baseline (source, job_key) VALUES (?, ?)",
                                 [(source, key) for key in keys])
            self._db.execute("INSERT OR IGNORE INTO feeds (source, baseline_at) VALUES (?, ?)",
                             (source, when.isoformat()))

    def baseline_keys(self) -> set[str]:
        return {key for (key,) in self._db.execute("SELECT job_key FROM baseline")}

    def ran(self, target: str, day: dt.date) -> bool:
        return self._db.execute("SELECT 1 FROM runs WHERE target = ? AND day = ?",
                                (target, day.isoformat())).fetchone() is not None

    def record_run(self, target: str, day: dt.date, when: dt.datetime) -> None:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR IGNORE INTO runs (target, day, finished_at) "
                             "VALUES (?, ?, ?)", (target, day.isoformat(), when.isoformat()))
