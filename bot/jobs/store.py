"""Digest state: which job went to which channel, which feeds have a baseline, which day ran,
and which chat deliveries were already answered (replays).

SQLite by default (one file, no server), behind a small interface so another store can stand in:
PostgreSQL (:mod:`careerbot.bot.jobs.pgstore`) when the database is a ``postgresql://`` URL, for
replicas sharing one database; :func:`open_store` picks. Every write commits at once (WAL,
synchronous=FULL), so what is recorded survives a crash.

Delivery to a channel is claimed before it is posted: a claim is a row keyed by (channel, job),
taken in one ``BEGIN IMMEDIATE`` transaction, so of two digests running at once only one posts
a job to a channel. A claim never marked posted (its run crashed) may be taken over once it is
older than the claim timeout: a crash repeats at most one message and loses nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from careerbot.bot.jobs.config import Target

SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (target TEXT NOT NULL, job_key TEXT NOT NULL,
                                       owner TEXT NOT NULL, claimed_at TEXT NOT NULL,
                                       posted_at TEXT, PRIMARY KEY (target, job_key));
CREATE TABLE IF NOT EXISTS feeds (source TEXT PRIMARY KEY, baseline_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS baseline (source TEXT NOT NULL, job_key TEXT NOT NULL,
                                     PRIMARY KEY (source, job_key));
CREATE TABLE IF NOT EXISTS runs (target TEXT NOT NULL, day TEXT NOT NULL,
                                 finished_at TEXT NOT NULL, PRIMARY KEY (target, day));
CREATE TABLE IF NOT EXISTS seen (kind TEXT NOT NULL, key TEXT NOT NULL, seen_at TEXT NOT NULL,
                                 PRIMARY KEY (kind, key));
CREATE TABLE IF NOT EXISTS subscriptions (id INTEGER PRIMARY KEY AUTOINCREMENT,
                                          target TEXT NOT NULL, created_by TEXT NOT NULL,
                                          created_at TEXT NOT NULL, paused TEXT);
"""
#: Before claims, posts were recorded after posting only; their rows become posted deliveries.
MIGRATE_POSTS = """
INSERT OR IGNORE INTO deliveries (target, job_key, owner, claimed_at, posted_at)
    SELECT target, job_key, 'before-claims', posted_at, posted_at FROM posts;
DROP TABLE posts;
"""


def stamp(when: dt.datetime) -> str:
    """UTC in one format, so stored times compare as text."""
    return when.astimezone(dt.UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Subscription:
    """A target made in the chat (its ``id`` is its number there), and why it is paused."""

    target: Target
    created_by: str
    paused: str | None = None


class StoreError(Exception):
    """The state database cannot be used (a server that does not answer, a bad URL): one line."""


class Store(Protocol):
    def posted(self, target: str) -> set[str]: ...
    def claim(self, target: str, keys: Iterable[str], owner: str, when: dt.datetime,
              timeout: dt.timedelta) -> list[str]: ...
    def mark_posted(self, target: str, keys: Iterable[str], owner: str,
                    when: dt.datetime) -> None: ...
    def release(self, target: str, keys: Iterable[str], owner: str) -> None: ...
    def has_baseline(self, source: str) -> bool: ...
    def add_baseline(self, source: str, keys: Iterable[str], when: dt.datetime) -> None: ...
    def baseline_keys(self) -> set[str]: ...
    def ran(self, target: str, day: dt.date) -> bool: ...
    def record_run(self, target: str, day: dt.date, when: dt.datetime) -> None: ...
    def first_time(self, kind: str, key: str, when: dt.datetime,
                   window: dt.timedelta) -> bool: ...
    def add_subscription(self, target: Target, created_by: str, when: dt.datetime,
                         limit: int) -> Target | None: ...
    def subscriptions(self) -> list[Subscription]: ...
    def remove_subscriptions(self, ids: Iterable[int]) -> int: ...
    def pause_subscription(self, sub_id: int, reason: str | None) -> None: ...
    def close(self) -> None: ...


#: How a PostgreSQL database is named (anything else is a SQLite file).
URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(database: str | Path) -> bool:
    return isinstance(database, str) and database.startswith(URL_SCHEMES)


def open_store(database: str | Path) -> Store:
    """A ``postgresql://`` (or ``postgres://``) URL opens :class:`PostgresStore` (psycopg is
    imported only then); anything else is a SQLite file (or ``:memory:``)."""
    if is_url(database):
        try:
            from careerbot.bot.jobs.pgstore import PostgresStore
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] != "psycopg":
                raise
            raise StoreError("the state database is a PostgreSQL URL, which needs the Python "
                             "package psycopg: pip install 'careerbot[postgres]'") from None
        return PostgresStore(str(database))
    return SQLiteStore(database)


def _wal(db: sqlite3.Connection, timeout: float) -> None:
    """Switch to write-ahead logging. SQLite does not wait for a lock here as it does for
    writes, so replicas opening a new file at once would fail with "database is locked":
    retry, within the same time budget as any other write."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class SQLiteStore:
    """Safe to share between threads (calls take turns), so async code can run each call in a
    worker thread instead of blocking its event loop."""

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(path), isolation_level=None, timeout=30,
                                   check_same_thread=False)
        _wal(self._db, timeout=30)
        self._db.execute("PRAGMA synchronous=FULL")
        with self._write() as db:
            _script(db, SCHEMA)
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'posts'").fetchone():
                _script(db, MIGRATE_POSTS)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction that holds the database's write lock from its first statement."""
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            yield self._db

    def _read(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def posted(self, target: str) -> set[str]:
        rows = self._read("SELECT job_key FROM deliveries WHERE target = ? AND "
                          "posted_at IS NOT NULL", (target,))
        return {str(key) for (key,) in rows}

    def claim(self, target: str, keys: Iterable[str], owner: str, when: dt.datetime,
              timeout: dt.timedelta) -> list[str]:
        """The keys this owner may now post: unclaimed ones, and claims older than ``timeout``
        that were never marked posted (their run died)."""
        got = []
        with self._write() as db:
            for key in keys:
                cursor = db.execute(
                    "INSERT INTO deliveries (target, job_key, owner, claimed_at) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (target, job_key) DO UPDATE SET "
                    "owner = excluded.owner, claimed_at = excluded.claimed_at "
                    "WHERE deliveries.posted_at IS NULL AND deliveries.claimed_at < ?",
                    (target, key, owner, stamp(when), stamp(when - timeout)))
                if cursor.rowcount == 1:
                    got.append(key)
        return got

    def mark_posted(self, target: str, keys: Iterable[str], owner: str,
                    when: dt.datetime) -> None:
        with self._write() as db:
            db.executemany("UPDATE deliveries SET posted_at = ? WHERE target = ? AND "
                           "job_key = ? AND owner = ?",
                           [(stamp(when), target, key, owner) for key in keys])

    def release(self, target: str, keys: Iterable[str], owner: str) -> None:
        """Give claims back after a failed post, so the next run tries again at once."""
        with self._write() as db:
            db.executemany("DELETE FROM deliveries WHERE target = ? AND job_key = ? AND "
                           "owner = ? AND posted_at IS NULL",
                           [(target, key, owner) for key in keys])

    def has_baseline(self, source: str) -> bool:
        return bool(self._read("SELECT 1 FROM feeds WHERE source = ?", (source,)))

    def add_baseline(self, source: str, keys: Iterable[str], when: dt.datetime) -> None:
        with self._write() as db:
            db.executemany("INSERT OR IGNORE INTO baseline (source, job_key) VALUES (?, ?)",
                           [(source, key) for key in keys])
            db.execute("INSERT OR IGNORE INTO feeds (source, baseline_at) VALUES (?, ?)",
                       (source, stamp(when)))

    def baseline_keys(self) -> set[str]:
        return {str(key) for (key,) in self._read("SELECT job_key FROM baseline")}

    def ran(self, target: str, day: dt.date) -> bool:
        return bool(self._read("SELECT 1 FROM runs WHERE target = ? AND day = ?",
                               (target, day.isoformat())))

    def record_run(self, target: str, day: dt.date, when: dt.datetime) -> None:
        with self._write() as db:
            db.execute("INSERT OR IGNORE INTO runs (target, day, finished_at) VALUES (?, ?, ?)",
                       (target, day.isoformat(), stamp(when)))

    def add_subscription(self, target: Target, created_by: str, when: dt.datetime,
                         limit: int) -> Target | None:
        """Store a chat subscription and return it with its number; None when its channel (or
        person) already has ``limit`` of them."""
        with self._write() as db:
            rows = db.execute("SELECT target FROM subscriptions").fetchall()
            same = [t for (t,) in rows if Target.model_validate_json(t).key == target.key
                    and Target.model_validate_json(t).kind == target.kind]
            if len(same) >= limit:
                return None
            cursor = db.execute("INSERT INTO subscriptions (target, created_by, created_at) "
                                "VALUES ('', ?, ?)", (created_by, stamp(when)))
            stored = target.model_copy(update={"id": cursor.lastrowid})
            db.execute("UPDATE subscriptions SET target = ? WHERE id = ?",
                       (stored.model_dump_json(exclude_defaults=True), stored.id))
        return stored

    def subscriptions(self) -> list[Subscription]:
        rows = self._read("SELECT target, created_by, paused FROM subscriptions ORDER BY id")
        return [Subscription(Target.model_validate_json(str(t)), str(by),
                             None if paused is None else str(paused))
                for t, by, paused in rows]

    def remove_subscriptions(self, ids: Iterable[int]) -> int:
        with self._write() as db:
            return sum(db.execute("DELETE FROM subscriptions WHERE id = ?", (i,)).rowcount
                       for i in ids)

    def pause_subscription(self, sub_id: int, reason: str | None) -> None:
        """Pause (a reason) or resume (None): a channel the bot was removed from, say."""
        with self._write() as db:
            db.execute("UPDATE subscriptions SET paused = ? WHERE id = ?", (reason, sub_id))

    def first_time(self, kind: str, key: str, when: dt.datetime,
                   window: dt.timedelta) -> bool:
        """True the first time ``key`` is seen within ``window``: a replayed or retried chat
        delivery is answered once, across restarts and replicas sharing the database."""
        with self._write() as db:
            db.execute("DELETE FROM seen WHERE kind = ? AND seen_at < ?",
                       (kind, stamp(when - window)))
            cursor = db.execute("INSERT OR IGNORE INTO seen (kind, key, seen_at) "
                                "VALUES (?, ?, ?)", (kind, key, stamp(when)))
            return cursor.rowcount == 1


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Statements one by one: executescript would commit the open transaction first."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)
