"""The state store's contract, run against SQLite and a real PostgreSQL server: claims (claim
before post, stale takeover, release), replays, subscriptions and their per-channel limit,
baselines, runs; concurrent claimers; two digest processes sharing one PostgreSQL database.

The PostgreSQL server is a throwaway cluster (initdb in a temporary folder, a free port),
started once per session and removed at the end; the PostgreSQL tests skip, saying why, only
when no server can be started (no initdb, psycopg missing)."""

from __future__ import annotations

import asyncio
import datetime as dt
import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from careerbot.bot.jobs.config import Filters, Target
from careerbot.bot.jobs.store import SQLiteStore, Store, StoreError, open_store
from tests.fakes import FakeSlack, free_port
from tests.process import careerbot, environment

T0 = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
TIMEOUT = dt.timedelta(minutes=5)
WINDOW = dt.timedelta(hours=1)


# ---- a throwaway PostgreSQL cluster ----------------------------------------------------------


def _pg_bin() -> Path | None:
    """The folder of initdb and pg_ctl: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _as_server_user() -> tuple[list[str], str | None]:
    """The command prefix that runs PostgreSQL's tools, and the user to own its folder: as
    root (which PostgreSQL refuses) another user, ``postgres`` if there is one, else
    ``nobody``; otherwise this user."""
    if os.geteuid() != 0:
        return [], None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise RuntimeError("running as root and there is no runuser to start PostgreSQL as "
                           "another user")
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return [runuser, "-u", name, "--"], name
    raise RuntimeError("running as root and there is neither a postgres nor a nobody user")


class Cluster:
    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.prefix, self.user = _as_server_user()
        self.root = Path(tempfile.mkdtemp(prefix="careerbot-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        if self.user is not None:
            shutil.chown(self.root, self.user)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.prefix, *args], capture_output=True, text=True,
                              timeout=120, check=False, cwd=self.root)

    def start(self) -> str:
        out = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "careerbot",
                        "--auth=trust", "--encoding=UTF8", "--no-sync")
        if out.returncode != 0:
            raise RuntimeError(f"initdb failed: {(out.stderr or out.stdout).strip()[-500:]}")
        for _ in range(3):  # another process may take the free port first
            self.port = free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                       "-c max_connections=200")
            out = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options,
                            "-l", str(self.log), "-w", "-t", "60", "start")
            if out.returncode == 0:
                return f"postgresql://careerbot@127.0.0.1:{self.port}/postgres"
        log = self.log.read_text(errors="replace")[-500:] if self.log.exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {out.stderr.strip()[-300:]} {log}")

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                      "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The URL of a PostgreSQL server for this session (its ``postgres`` database)."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install "
                        "'careerbot[postgres]'): PostgreSQL store tests skipped")
    bin_dir = _pg_bin()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or under "
                    "/usr/lib/postgresql: install postgresql to run the PostgreSQL store tests")
    try:
        cluster = Cluster(bin_dir)
    except RuntimeError as exc:
        pytest.skip(f"cannot start a PostgreSQL server: {exc}")
    try:
        try:
            url = cluster.start()
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"cannot start a PostgreSQL server: {exc}")
        yield url
    finally:
        cluster.stop()


@pytest.fixture
def pg_database(postgres: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped afterwards."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield postgres.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(postgres, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store lives: a SQLite file, or a PostgreSQL URL (``open_store`` picks)."""
    if request.param == "sqlite":
        return str(tmp_path / "state.sqlite3")
    return request.getfixturevalue("pg_database")


@pytest.fixture
def stores(database: str) -> Iterator[Callable[[], Store]]:
    """Opens stores on one database, as separate processes or replicas would; closes them."""
    opened: list[Store] = []

    def make() -> Store:
        opened.append(open_store(database))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


@pytest.fixture
def store(stores: Callable[[], Store]) -> Store:
    return stores()


def target(channel: str = "C1", kind: str = "channel", platform: str = "slack", **kw: object
           ) -> Target:
    return Target.model_validate({"platform": platform, "channel": channel, "kind": kind, **kw})


# ---- the contract ----------------------------------------------------------------------------


def test_open_store_picks_the_store_from_the_database(tmp_path: Path) -> None:
    sqlite = open_store(tmp_path / "a.sqlite3")
    assert isinstance(sqlite, SQLiteStore)
    sqlite.close()
    assert isinstance(open_store(str(tmp_path / "b.sqlite3")), SQLiteStore)


def test_postgres_url_opens_the_postgres_store(pg_database: str) -> None:
    from careerbot.bot.jobs.pgstore import PostgresStore

    for url in (pg_database, pg_database.replace("postgresql://", "postgres://", 1)):
        store = open_store(url)
        assert isinstance(store, PostgresStore)
        store.close()


def test_unreachable_postgres_is_one_clear_error_without_the_password() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as caught:
        open_store(f"postgresql://bot:hunter2@127.0.0.1:{free_port()}/state?connect_timeout=3")
    message = str(caught.value)
    assert "127.0.0.1" in message and "hunter2" not in message and "\n" not in message


def test_a_claim_is_taken_once_in_the_order_asked(store: Store) -> None:
    assert store.claim("slack:C1", ["z", "a", "m", "a"], "one", T0, TIMEOUT) == ["z", "a", "m"]
    assert store.claim("slack:C1", ["a", "b", "z"], "two", T0 + dt.timedelta(seconds=1),
                       TIMEOUT) == ["b"]
    assert store.claim("slack:C1", ["a"], "one", T0 + dt.timedelta(seconds=2), TIMEOUT) == []
    assert store.claim("slack:C2", ["a"], "two", T0, TIMEOUT) == ["a"]  # per channel
    assert store.claim("slack:C1", [], "one", T0, TIMEOUT) == []
    assert store.posted("slack:C1") == set()


def test_a_stale_claim_is_taken_over_after_the_timeout(store: Store) -> None:
    assert store.claim("slack:C1", ["k"], "dead", T0, TIMEOUT) == ["k"]
    assert store.claim("slack:C1", ["k"], "late", T0 + TIMEOUT - dt.timedelta(seconds=1),
                       TIMEOUT) == []
    assert store.claim("slack:C1", ["k"], "late", T0 + TIMEOUT + dt.timedelta(seconds=1),
                       TIMEOUT) == ["k"]
    store.mark_posted("slack:C1", ["k"], "dead", T0 + TIMEOUT * 2)  # no longer its claim
    assert store.posted("slack:C1") == set()
    store.mark_posted("slack:C1", ["k"], "late", T0 + TIMEOUT * 2)
    assert store.posted("slack:C1") == {"k"}


def test_a_posted_job_is_never_claimed_again(store: Store) -> None:
    store.claim("slack:C1", ["k", "j"], "one", T0, TIMEOUT)
    store.mark_posted("slack:C1", ["k"], "one", T0)
    later = T0 + dt.timedelta(days=30)
    assert store.claim("slack:C1", ["k", "j"], "two", later, TIMEOUT) == ["j"]
    assert store.posted("slack:C1") == {"k"} and store.posted("slack:C2") == set()


def test_release_gives_claims_back_but_not_posts(store: Store) -> None:
    store.claim("slack:C1", ["k", "p"], "one", T0, TIMEOUT)
    store.mark_posted("slack:C1", ["p"], "one", T0)
    store.release("slack:C1", ["k"], "two")  # not its claim: nothing happens
    assert store.claim("slack:C1", ["k"], "two", T0, TIMEOUT) == []
    store.release("slack:C1", ["k", "p"], "one")
    assert store.claim("slack:C1", ["k", "p"], "two", T0, TIMEOUT) == ["k"]
    assert store.posted("slack:C1") == {"p"}


def test_first_time_is_true_once_within_the_window(store: Store) -> None:
    assert store.first_time("slack-event", "Ev1", T0, WINDOW)
    assert not store.first_time("slack-event", "Ev1", T0 + dt.timedelta(minutes=59), WINDOW)
    assert store.first_time("slack-command", "Ev1", T0, WINDOW)  # kinds are apart
    assert store.first_time("slack-event", "Ev2", T0, WINDOW)
    assert store.first_time("slack-event", "Ev1", T0 + dt.timedelta(minutes=61), WINDOW)
    assert not store.first_time("slack-event", "Ev1", T0 + dt.timedelta(minutes=62), WINDOW)


def test_subscriptions_add_list_pause_remove(store: Store) -> None:
    filters = Filters.model_validate({"roles": ["data-engineer"], "workplace": ["remote"],
                                      "min_salary": 120_000})
    first = store.add_subscription(target("C1", filters=filters, time="10:30",
                                          timezone="Europe/Berlin"), "U1", T0, limit=20)
    second = store.add_subscription(target("U9", kind="alert"), "U9", T0, limit=5)
    third = store.add_subscription(target("123", platform="discord"), "U2", T0, limit=20)
    assert first is not None and second is not None and third is not None
    assert first.id is not None and second.id is not None and third.id is not None
    assert first.id < second.id < third.id
    listed = store.subscriptions()
    assert [s.target for s in listed] == [first, second, third]
    assert listed[0].target.filters == filters and listed[0].target.timezone == "Europe/Berlin"
    assert [s.created_by for s in listed] == ["U1", "U9", "U2"]
    assert all(s.paused is None for s in listed)
    store.pause_subscription(first.id, "channel_not_found")
    assert store.subscriptions()[0].paused == "channel_not_found"
    store.pause_subscription(first.id, None)
    assert store.subscriptions()[0].paused is None
    assert store.remove_subscriptions([first.id, 999_999]) == 1
    assert store.remove_subscriptions([]) == 0
    assert [s.target.id for s in store.subscriptions()] == [second.id, third.id]
    again = store.add_subscription(target("C1"), "U1", T0, limit=20)
    assert again is not None and again.id not in {first.id, second.id, third.id}


def test_the_per_channel_limit(store: Store) -> None:
    for _ in range(2):
        assert store.add_subscription(target("C1"), "U1", T0, limit=2) is not None
    assert store.add_subscription(target("C1"), "U1", T0, limit=2) is None
    assert store.add_subscription(target("C2"), "U1", T0, limit=2) is not None
    assert store.add_subscription(target("C1", platform="discord"), "U1", T0, limit=2) is not None
    assert store.add_subscription(target("C1", kind="alert"), "U1", T0, limit=2) is not None
    assert len(store.subscriptions()) == 5


def test_baseline(store: Store) -> None:
    assert not store.has_baseline("board") and store.baseline_keys() == set()
    store.add_baseline("board", ["board:1", "board:2", "board:1"], T0)
    store.add_baseline("board", ["board:2", "board:3"], T0 + dt.timedelta(days=1))
    store.add_baseline("empty", [], T0)
    assert store.has_baseline("board") and store.has_baseline("empty")
    assert not store.has_baseline("other")
    assert store.baseline_keys() == {"board:1", "board:2", "board:3"}


def test_runs(store: Store) -> None:
    day = T0.date()
    assert not store.ran("slack:C1", day)
    store.record_run("slack:C1", day, T0)
    store.record_run("slack:C1", day, T0 + dt.timedelta(hours=1))
    assert store.ran("slack:C1", day)
    assert not store.ran("slack:C1", day + dt.timedelta(days=1))
    assert not store.ran("slack:C1#3", day)


def test_state_is_shared_by_stores_on_one_database(stores: Callable[[], Store]) -> None:
    one, two = stores(), stores()
    one.claim("slack:C1", ["k"], "one", T0, TIMEOUT)
    one.mark_posted("slack:C1", ["k"], "one", T0)
    one.record_run("slack:C1", T0.date(), T0)
    one.add_baseline("board", ["board:1"], T0)
    sub = one.add_subscription(target("C1"), "U1", T0, limit=20)
    assert one.first_time("slack-event", "Ev1", T0, WINDOW)
    one.close()
    assert two.posted("slack:C1") == {"k"} and two.ran("slack:C1", T0.date())
    assert two.baseline_keys() == {"board:1"}
    assert [s.target for s in two.subscriptions()] == [sub]
    assert not two.first_time("slack-event", "Ev1", T0, WINDOW)
    assert stores().claim("slack:C1", ["k"], "three", T0 + dt.timedelta(days=1), TIMEOUT) == []


# ---- at the same time ------------------------------------------------------------------------


def test_two_claimers_at_once_split_the_keys(stores: Callable[[], Store]) -> None:
    """Two threads with their own connection claim the same 100 keys at once, in batches and
    in opposite orders: each key goes to exactly one of them."""
    keys = [f"feed:{i:03d}" for i in range(100)]
    start = threading.Barrier(2)
    got: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def claimer(owner: str, order: list[str]) -> None:
        store = stores()
        try:
            start.wait()
            mine: list[str] = []
            for i in range(0, len(order), 5):
                mine += store.claim("slack:C1", order[i:i + 5], owner, T0, TIMEOUT)
            got[owner] = mine
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=claimer, args=("up", keys)),
               threading.Thread(target=claimer, args=("down", keys[::-1]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    up, down = set(got["up"]), set(got["down"])
    assert not up & down
    assert up | down == set(keys)
    assert len(got["up"]) + len(got["down"]) == 100


def test_replicas_opening_a_new_sqlite_file_at_once_all_open(tmp_path: Path) -> None:
    """Switching a new file to WAL does not wait for the lock: it used to fail one opener in
    about ten rounds like these with "database is locked"."""
    failures: list[BaseException] = []
    for round_ in range(30):
        path = tmp_path / f"{round_}.sqlite3"
        start = threading.Barrier(8)

        def open_one(path: Path = path, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                SQLiteStore(path).close()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                failures.append(exc)

        threads = [threading.Thread(target=open_one) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    assert failures == []


def test_the_channel_limit_holds_when_many_add_at_once(stores: Callable[[], Store]) -> None:
    start = threading.Barrier(8)
    results: list[Target | None] = []
    lock = threading.Lock()

    def add() -> None:
        store = stores()
        start.wait()
        for _ in range(2):
            stored = store.add_subscription(target("C1"), "U1", T0, limit=5)
            with lock:
                results.append(stored)

    threads = [threading.Thread(target=add) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(results) == 16
    assert sum(r is not None for r in results) == 5
    assert len(stores().subscriptions()) == 5


# ---- the commands against PostgreSQL ---------------------------------------------------------


def test_two_digest_processes_share_one_postgres_database(tmp_path: Path, kb_root: Path,
                                                          pg_database: str) -> None:
    """Two `careerbot digest` runs at once against one PostgreSQL database (and no shared
    file): each job reaches each channel once."""
    channels = ["C1", "C2", "C3"]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()

    async def scenario() -> None:
        async with FakeSlack(delay=1.5) as slack:
            env = environment(SLACK_BOT_TOKEN="xoxb-1", SLACK_API_URL=slack.base_url,
                              CAREERBOT_KNOWLEDGE=str(kb_root),
                              CAREERBOT_DATABASE_URL=pg_database, CAREERBOT_CACHE_DIR="off")
            runs = []
            for folder in ("one", "two"):  # each its own config file beside its own folder
                path = tmp_path / folder / "careerbot.yaml"
                path.write_text(yaml.safe_dump({
                    "digest": {"database": "state.sqlite3"}, "feeds": [],
                    "targets": [{"platform": "slack", "channel": c} for c in channels]}))
                command = [sys.executable, "-m", "careerbot.adapters.cli", "digest",
                           "--config", str(path), "--date", "2025-01-15"]
                runs.append(await asyncio.create_subprocess_exec(
                    *command, env=env, stdout=asyncio.subprocess.PIPE,
                    stderr=asyncio.subprocess.PIPE))
            for proc in runs:
                _, err = await proc.communicate()
                assert proc.returncode == 0, err.decode()
            posts = slack.posts()
            assert sorted(p["channel"] for p in posts) == channels  # one message each
            for post in posts:
                assert json.dumps(post["blocks"]).count("View job") == 5

    asyncio.run(scenario())
    assert not list(tmp_path.rglob("*.sqlite3"))  # the URL won over the config's database
    store = open_store(pg_database)
    try:
        for channel in channels:
            assert len(store.posted(f"slack:{channel}")) == 5
            assert store.ran(f"slack:{channel}", dt.date(2025, 1, 15))
    finally:
        store.close()


def test_subscriptions_command_reads_the_postgres_database(tmp_path: Path,
                                                           pg_database: str) -> None:
    store = open_store(pg_database)
    try:
        store.add_subscription(target("CJOBS"), "U1", T0, limit=20)
    finally:
        store.close()
    out = careerbot("subscriptions", "list", cwd=tmp_path,
                    env={"CAREERBOT_DATABASE_URL": pg_database})
    assert out.returncode == 0, out.stderr
    assert "slack:channel:CJOBS" in out.stdout
    assert not list(tmp_path.glob("*.sqlite3"))


def test_a_bad_database_url_is_one_line_and_exit_2(tmp_path: Path) -> None:
    out = careerbot("subscriptions", "list", cwd=tmp_path,
                    env={"CAREERBOT_DATABASE_URL": "mysql://bot:hunter2@db/state"})
    assert out.returncode == 2 and out.stderr.startswith("careerbot: CAREERBOT_DATABASE_URL:")
    assert "hunter2" not in out.stderr and out.stderr.count("\n") == 1
