"""Jobs from feeds and the daily digest: sources, filters, exactly-once posting, restarts, DST."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from slack_sdk.models.blocks import Block

from careerbot.adapters.digest import SlackPoster, http_fetch, report_lines, slack_poster
from careerbot.bot.engine import Bot
from careerbot.bot.jobs import digest
from careerbot.bot.jobs.config import Config, load_config
from careerbot.bot.jobs.feeds import (
    Feed,
    fetch_feed,
    job_key,
    normalise_url,
    parse_greenhouse,
    parse_lever,
    parse_rss,
)
from careerbot.bot.jobs.store import SQLiteStore
from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError, load
from careerbot.bot.kb.models import Job
from tests.fakes import FakeDiscord, FakeFeeds, FakeSlack, settings, wait_for

DAY = dt.date(2025, 1, 15)
NOW = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title>
<item><title>Senior Data Engineer (Remote)</title><link>https://jobs.example/de?utm_source=x</link>
<guid>job-1</guid><pubDate>Tue, 14 Jan 2025 10:00:00 GMT</pubDate></item>
<item><title>Junior Data Analyst</title><link>https://jobs.example/da</link>
<pubDate>Mon, 13 Jan 2025 10:00:00 GMT</pubDate></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Board</title><id>urn:board</id><updated>2025-01-14T00:00:00Z</updated>
<entry><title>Machine Learning Engineer, Hybrid</title><id>urn:job:9</id>
<link href="https://atom.example/jobs/9"/><updated>2025-01-14T08:00:00Z</updated></entry>
</feed>"""
GREENHOUSE = json.dumps({"jobs": [
    {"id": 4001, "title": "Staff Machine Learning Engineer", "absolute_url":
     "https://boards.greenhouse.io/acme/jobs/4001?gh_src=abc",
     "location": {"name": "Remote - US"}, "updated_at": "2025-01-14T12:00:00-05:00",
     "first_published": "2025-01-10T12:00:00-05:00", "company_name": "Acme",
     "internal_job_id": 1, "metadata": None, "requisition_id": "R1", "data_compliance": []},
    {"id": 4002, "title": "Head of Data", "absolute_url":
     "https://boards.greenhouse.io/acme/jobs/4002", "location": {"name": "Berlin"},
     "updated_at": "2025-01-12T12:00:00Z"}], "meta": {"total": 2}})
LEVER = json.dumps([
    {"id": "5c0a-1", "text": "Data Scientist", "hostedUrl": "https://jobs.lever.co/beta/5c0a-1",
     "applyUrl": "https://jobs.lever.co/beta/5c0a-1/apply", "createdAt": 1736800000000,
     "workplaceType": "remote", "categories": {"commitment": "Full-time", "location":
                                               "New York", "team": "Data"},
     "salaryRange": {"min": 150000, "max": 190000, "currency": "USD",
                     "interval": "per-year-salary"}, "descriptionPlain": "x", "lists": []},
    {"id": "5c0a-2", "text": "Analytics Engineer Intern", "hostedUrl":
     "https://jobs.lever.co/beta/5c0a-2", "createdAt": 1736700000000,
     "workplaceType": "onsite", "categories": {"commitment": "Internship",
                                               "location": "Austin"}}])


def feed(name: str, kind: str, url: str, **extra: Any) -> Feed:
    return Feed(name=name, type=kind, url=url, **extra)  # type: ignore[arg-type]


def config(tmp_path: Path, targets: list[dict[str, Any]], feeds: list[dict[str, Any]] = (),
           **digest_opts: Any) -> Path:
    path = tmp_path / "careerbot.yaml"
    path.write_text(yaml.safe_dump({"digest": {"database": "state.sqlite3", **digest_opts},
                                    "feeds": list(feeds), "targets": targets}))
    return path


# ---- feeds ---------------------------------------------------------------------------------


def test_rss_atom_greenhouse_and_lever_normalise_to_jobs() -> None:
    rss = parse_rss(feed("board", "rss", "https://x/rss", company="Board Co"), RSS, DAY)
    assert [(j.title, j.level, j.workplace, j.posted) for j in rss] == [
        ("Senior Data Engineer (Remote)", "senior", "remote", dt.date(2025, 1, 14)),
        ("Junior Data Analyst", "entry", "on-site", dt.date(2025, 1, 13))]
    assert rss[0].guid == "job-1" and rss[0].company == "Board Co"
    atom = parse_rss(feed("atom", "rss", "https://x/atom"), ATOM, DAY)
    assert atom[0].workplace == "hybrid" and atom[0].guid == "urn:job:9"
    gh = parse_greenhouse(feed("acme", "greenhouse", "https://x"), GREENHOUSE, DAY)
    assert [(j.title, j.level, j.workplace, j.company) for j in gh] == [
        ("Staff Machine Learning Engineer", "senior", "remote", "Acme"),
        ("Head of Data", "executive", "on-site", "acme")]  # no company_name: the feed name
    assert gh[0].posted == dt.date(2025, 1, 10)
    lever = parse_lever(feed("beta", "lever", "https://x"), LEVER, DAY)
    assert lever[0].salary is not None and lever[0].salary.max == 190000
    assert (lever[1].employment_type, lever[1].level, lever[1].workplace) == (
        "internship", "entry", "on-site")


def test_job_identity_is_stable_and_ignores_tracking() -> None:
    assert normalise_url("HTTPS://Jobs.Example/a/?utm_source=x&b=2&a=1#top") == (
        "https://jobs.example/a?a=1&b=2")
    rss = parse_rss(feed("board", "rss", "https://x/rss"), RSS, DAY)
    assert job_key(rss[0]) == "board:job-1"
    assert job_key(rss[1]).startswith("board:url:")
    # The same key in a fresh interpreter (no salted hash()).
    code = ("from careerbot.bot.jobs.feeds import *; import datetime as d; print(job_key(parse_rss(Feed("
            "name='board', type='rss', url='https://x'), open(0).read(), d.date(2025,1,15))[1]))")
    out = subprocess.run([sys.executable, "-c", code], input=RSS, capture_output=True,
                         text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "123"})
    assert out.stdout.strip() == job_key(rss[1])


@pytest.mark.parametrize(("route", "answer"), [
    ("/500", (500, "oops", "text/plain")),
    ("/garbage", (200, "\x00\x01 not a feed {]", "application/octet-stream")),
    ("/slow", (200, None, "text/plain")),
    ("/badjson", (200, "{\"jobs\": [", "application/json")),
])
def test_failing_feed_is_unknown_not_empty(route: str, answer: tuple[int, Any, str]) -> None:
    async def scenario() -> None:
        async with FakeFeeds(routes={route: answer}) as feeds, aiohttp.ClientSession() as s:
            kind = "greenhouse" if route == "/badjson" else "rss"
            result = await fetch_feed(feed("f", kind, feeds.url(route), timeout_s=0.5),
                                      http_fetch(s), DAY)
            assert result is None

    asyncio.run(scenario())


# ---- config ----------------------------------------------------------------------------------


def test_config_errors_name_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "careerbot.yaml"
    path.write_text("digest:\n  time: '25:00'\n  timezone: Mars/Olympus\ntargets:\n"
                    "  - platform: irc\n    channel: C1\n")
    with pytest.raises(KnowledgeError) as caught:
        load_config(path)
    by_field = {p.field: p for p in caught.value.problems}
    assert by_field["digest.time"].line == 2
    assert by_field["digest.timezone"].line == 3 and "Mars/Olympus" in str(by_field[
        "digest.timezone"])
    assert by_field["targets[0].platform"].line == 5


# ---- the digest ------------------------------------------------------------------------------


def run_digest(kb: KnowledgeBase, cfg: Config, store: SQLiteStore, fetch: Any, posters: Any,
               day: dt.date = DAY, **kw: Any) -> digest.Report:
    return asyncio.run(digest.run(kb, cfg, store, fetch, posters, day, lambda: NOW, **kw))


async def no_fetch(url: str) -> str:
    raise AssertionError(f"no feeds configured, yet {url} was fetched")


class Recorder:
    def __init__(self, fail: set[str] = frozenset()) -> None:
        self.sent: list[tuple[str, Any]] = []
        self.fail = fail

    async def send(self, target: Any, reply: Any) -> None:
        if target.channel in self.fail:
            raise RuntimeError("channel_not_found")
        self.sent.append((target.channel, reply))


def test_each_job_once_second_run_nothing_new_job_alone(kb: KnowledgeBase, tmp_path: Path
                                                        ) -> None:
    cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "C1"}]))
    store = SQLiteStore(tmp_path / "s.db")
    out = Recorder()
    first = run_digest(kb, cfg, store, no_fetch, {"slack": out})
    assert len(first.results[0].posted) == len(kb.jobs) == 5
    assert run_digest(kb, cfg, store, no_fetch, {"slack": out}).results[0].posted == []
    assert len(out.sent) == 1
    new = Job.model_validate({**kb.jobs[0].model_dump(), "id": "fresh-one",
                              "title": "Analytics Engineer", "posted": DAY})
    expired = Job.model_validate({**kb.jobs[0].model_dump(), "id": "gone",
                                  "expires": DAY - dt.timedelta(days=1)})
    kb2 = KnowledgeBase(kb.roles, [*kb.jobs, new, expired], kb.root, kb.matcher)
    third = run_digest(kb2, cfg, store, no_fetch, {"slack": out})
    assert [j.id for j in third.results[0].posted] == ["fresh-one"]
    assert [j.id for j in out.sent[-1][1].jobs] == ["fresh-one"]


def test_filters_and_grouping(kb: KnowledgeBase, tmp_path: Path) -> None:
    cfg = load_config(config(tmp_path, [
        {"platform": "slack", "channel": "CREMOTE", "filters": {"workplace": ["remote"]}},
        {"platform": "slack", "channel": "CSENIOR", "filters": {"levels": ["senior"],
                                                                "min_salary": 140000}},
        {"platform": "slack", "channel": "CDE", "filters": {"roles": ["data-engineer"]}},
        {"platform": "slack", "channel": "CKW", "filters": {"keywords": ["amazon"],
                                                            "employment_types": ["internship"]}},
    ]))
    report = run_digest(kb, cfg, SQLiteStore(":memory:"), no_fetch, {}, dry_run=True)
    got = {r.target.channel: sorted(j.title for j in r.jobs) for r in report.results}
    assert got["CREMOTE"] == ["Data Engineer", "Senior Data Scientist"]
    assert got["CSENIOR"] == ["Senior Data Scientist"]
    assert got["CDE"] == ["Data Engineer", "Data Engineer Intern, AWS"]
    assert len(got["CKW"]) == 2 and all("Intern" in t for t in got["CKW"])
    reply = digest.digest_reply(kb, report.results[0].jobs, DAY, 1, 1)
    assert [j.group for j in reply.jobs] == ["Engineering", "Science"]


def test_dry_run_posts_and_records_nothing(kb: KnowledgeBase, tmp_path: Path) -> None:
    cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "C1"}]))
    store = SQLiteStore(":memory:")
    out = Recorder()
    report = run_digest(kb, cfg, store, no_fetch, {"slack": out}, dry_run=True)
    assert len(report.results[0].jobs) == 5 and out.sent == []
    assert store.posted("slack:C1") == set() and not store.ran("slack:C1", DAY)
    assert "would post 5 job(s)" in "\n".join(report_lines(report, dry_run=True))


def test_one_failing_channel_does_not_stop_the_others(kb: KnowledgeBase, tmp_path: Path) -> None:
    cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "CGONE"},
                                        {"platform": "slack", "channel": "C2"}]))
    store = SQLiteStore(":memory:")
    report = run_digest(kb, cfg, store, no_fetch, {"slack": Recorder(fail={"CGONE"})})
    failed, ok = report.results
    assert failed.error and "channel_not_found" in failed.error and failed.posted == []
    assert len(ok.posted) == 5 and not report.ok
    assert store.posted("slack:CGONE") == set()  # retried next run


def test_empty_day_posts_nothing_or_a_note(kb: KnowledgeBase, tmp_path: Path) -> None:
    for mode, expected in (("skip", 0), ("message", 1)):
        cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "C1",
                                             "filters": {"keywords": ["astronaut"]}}],
                                 when_empty=mode))
        out = Recorder()
        run_digest(kb, cfg, SQLiteStore(":memory:"), no_fetch, {"slack": out})
        assert len(out.sent) == expected


def test_feeds_baseline_then_new_items_and_outages(kb: KnowledgeBase, tmp_path: Path) -> None:
    async def scenario() -> None:
        routes = {"/gh": (200, GREENHOUSE, "application/json"), "/rss": (200, RSS, "text/xml")}
        async with FakeFeeds(routes=routes) as feeds, aiohttp.ClientSession() as session:
            cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "C1"}], feeds=[
                {"name": "acme", "type": "greenhouse", "url": feeds.url("/gh")},
                {"name": "board", "type": "rss", "url": feeds.url("/rss")}]))
            store = SQLiteStore(tmp_path / "s.db")
            out = Recorder()
            fetch = http_fetch(session)

            async def once() -> digest.Report:
                return await digest.run(kb, cfg, store, fetch, {"slack": out}, DAY, lambda: NOW)

            first = await once()
            assert first.baselined == {"acme": 2, "board": 2}
            assert {j.source for j in first.results[0].posted} == {"curated"}
            # A new item appears in one feed while the other is down.
            grown = json.loads(GREENHOUSE)
            grown["jobs"].append({"id": 4003, "title": "Data Engineer", "absolute_url":
                                  "https://boards.greenhouse.io/acme/jobs/4003",
                                  "location": {"name": "Remote"},
                                  "updated_at": "2025-01-15T08:00:00Z"})
            feeds.routes["/gh"] = (200, json.dumps(grown), "application/json")
            feeds.routes["/rss"] = (500, "down", "text/plain")
            second = await once()
            assert second.unknown_feeds == ["board"]
            assert [j.guid for j in second.results[0].posted] == ["4003"]
            # The feed comes back: its old items stay baseline, nothing is re-posted.
            feeds.routes["/rss"] = (200, RSS, "text/xml")
            third = await once()
            assert third.results[0].posted == [] and third.unknown_feeds == []

    asyncio.run(scenario())


def test_posting_to_slack_and_discord_fakes(kb: KnowledgeBase, tmp_path: Path) -> None:
    """Real clients against the fakes: valid blocks, bounded concurrency, 429 waited out."""
    from careerbot.adapters.digest import DiscordPoster
    from careerbot.adapters.discord.client import use_api_url

    async def scenario() -> None:
        import discord

        async with FakeSlack(delay=0.2, rate_limit={"chat.postMessage": 1}) as slack, \
                FakeDiscord() as fake_discord:
            targets = [{"platform": "slack", "channel": f"C{i}"} for i in range(5)]
            targets.append({"platform": "discord", "channel": "901"})
            cfg = load_config(config(tmp_path, targets, concurrency=2))
            before = discord.http.Route.BASE
            use_api_url(fake_discord.base_url)
            client = discord.Client(intents=discord.Intents.none())
            try:
                await client.login("MTAwMA.fake.token")
                poster = slack_poster(settings(SLACK_BOT_TOKEN="xoxb-1",
                                                SLACK_API_URL=slack.base_url))
                assert isinstance(poster, SlackPoster)
                report = await digest.run(kb, cfg, SQLiteStore(":memory:"), no_fetch,
                                          {"slack": poster, "discord": DiscordPoster(client)},
                                          DAY, lambda: NOW)
            finally:
                await client.close()
                discord.http.Route.BASE = before
            assert report.ok, [r.error for r in report.results]
            posts = slack.posts()
            assert sorted(p["channel"] for p in posts) == [f"C{i}" for i in range(5)]
            assert slack.max_in_flight <= 2
            assert any(c.method == "chat.postMessage:429" for c in slack.calls)
            for message in posts:
                for raw in message["blocks"]:
                    Block.parse(raw).validate_json()
                assert len(message["blocks"]) <= 50
            (sent,) = fake_discord.requests("/channels/901/messages")
            assert sent["allowed_mentions"]["parse"] == []
            assert len(json.dumps(sent["embeds"])) < 6000 * 2

    asyncio.run(scenario())


# ---- schedule --------------------------------------------------------------------------------


def digest_cfg(tmp_path: Path, time: str, zone: str) -> Config:
    return load_config(config(tmp_path, [{"platform": "slack", "channel": "C1"}], time=time,
                              timezone=zone))


@pytest.mark.parametrize(("zone", "day", "utc_hour"), [
    ("Europe/Berlin", dt.date(2025, 3, 29), 8),   # CET, day before spring forward
    ("Europe/Berlin", dt.date(2025, 3, 30), 7),   # CEST from 02:00 that day
    ("Europe/Berlin", dt.date(2025, 10, 26), 8),  # back to CET that night
    ("America/New_York", dt.date(2025, 3, 9), 13),
    ("America/New_York", dt.date(2025, 11, 2), 14),
])
def test_scheduled_time_follows_local_clock_across_dst(tmp_path: Path, zone: str,
                                                       day: dt.date, utc_hour: int) -> None:
    at = digest.scheduled_at(day, digest_cfg(tmp_path, "09:00", zone).digest)
    assert at.astimezone(dt.UTC).hour == utc_hour and at.hour == 9


def test_time_skipped_by_spring_forward_still_runs_that_day(tmp_path: Path) -> None:
    at = digest.scheduled_at(dt.date(2025, 3, 30),
                             digest_cfg(tmp_path, "02:30", "Europe/Berlin").digest)
    assert at.date() == dt.date(2025, 3, 30) and at.astimezone(dt.UTC).hour == 1


class FakeClock:
    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=max(seconds, 1))
        await asyncio.sleep(0)


def drive_schedule(cfg: Config, store: SQLiteStore, clock: FakeClock, until: dt.datetime
                   ) -> list[tuple[dt.date, dt.datetime]]:
    runs: list[tuple[dt.date, dt.datetime]] = []

    async def run_for(day: dt.date, targets: list[Any]) -> None:
        runs.append((day, clock()))
        for t in targets:
            store.record_run(t.key, day, clock())

    async def main() -> None:
        task = asyncio.create_task(digest.schedule(cfg, store, run_for, clock, clock.sleep,
                                                   max_nap=3600))
        while clock() < until:
            await asyncio.sleep(0)
        task.cancel()

    asyncio.run(main())
    return runs


def test_schedule_runs_once_a_day_across_a_dst_change(tmp_path: Path) -> None:
    cfg = digest_cfg(tmp_path, "09:00", "Europe/Berlin")
    clock = FakeClock(dt.datetime(2025, 3, 28, 12, 0, tzinfo=dt.UTC))
    store = SQLiteStore(":memory:")
    store.record_run("slack:C1", dt.date(2025, 3, 28), clock())
    runs = drive_schedule(cfg, store, clock, dt.datetime(2025, 4, 1, 12, 0, tzinfo=dt.UTC))
    days = [d for d, _ in runs]
    assert days == [dt.date(2025, 3, 29), dt.date(2025, 3, 30), dt.date(2025, 3, 31),
                    dt.date(2025, 4, 1)]
    for _, when in runs:
        local = when.astimezone(cfg.digest.zone)
        assert (local.hour, local.minute) == (9, 0)


def test_catch_up_after_downtime_runs_once(tmp_path: Path) -> None:
    cfg = digest_cfg(tmp_path, "09:00", "UTC")
    store = SQLiteStore(tmp_path / "s.db")
    start = dt.datetime(2025, 1, 15, 15, 0, tzinfo=dt.UTC)  # came back at 15:00
    runs = drive_schedule(cfg, store, FakeClock(start), start + dt.timedelta(hours=2))
    assert [(d, w) for d, w in runs] == [(dt.date(2025, 1, 15), start)]
    # Restarted again the same day: nothing more until tomorrow's 09:00.
    store2 = SQLiteStore(tmp_path / "s.db")
    later = start + dt.timedelta(hours=3)
    again = drive_schedule(cfg, store2, FakeClock(later), later + dt.timedelta(hours=20))
    assert [d for d, _ in again] == [dt.date(2025, 1, 16)]


# ---- the command, and a crash in the middle ---------------------------------------------------


def test_digest_command_twice_and_a_kill_mid_digest(tmp_path: Path, kb_root: Path) -> None:
    """`careerbot digest` in its own process; killed with SIGKILL while a post is in flight,
    then run again once its claim timed out: nothing lost, and only that one message
    repeated."""

    async def scenario() -> None:
        hung = asyncio.Event()

        def hang(call: Any) -> bool:
            if call.method == "chat.postMessage" and call.args.get("channel") == "C2" \
                    and not hung.is_set():
                hung.set()
                return True
            return False

        async with FakeSlack(hang=hang) as slack:
            path = config(tmp_path, [{"platform": "slack", "channel": "C1"},
                                     {"platform": "slack", "channel": "C2"}], concurrency=1,
                          claim_timeout_s=1)
            env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": slack.base_url,
                   "CAREERBOT_KNOWLEDGE": str(kb_root)}
            command = [sys.executable, "-m", "careerbot.adapters.cli", "digest", "--config", str(path),
                       "--date", "2025-01-15"]
            dry = await asyncio.create_subprocess_exec(*command, "--dry-run", env=env,
                                                       stdout=asyncio.subprocess.PIPE)
            out, _ = await dry.communicate()
            assert dry.returncode == 0 and "would post 5 job(s)" in out.decode()
            assert slack.posts() == []
            proc = await asyncio.create_subprocess_exec(*command, env=env,
                                                        stdout=asyncio.subprocess.PIPE)
            assert await wait_for(hung.is_set, 60)
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            assert [p["channel"] for p in slack.posts()] == ["C1", "C2"]
            await asyncio.sleep(1.1)  # the dead run's claim on C2's message times out
            again = await asyncio.create_subprocess_exec(*command, env=env,
                                                         stdout=asyncio.subprocess.PIPE)
            out, _ = await again.communicate()
            assert again.returncode == 0, out.decode()
            posts = slack.posts()
            assert [p["channel"] for p in posts] == ["C1", "C2", "C2"]  # the one in flight
            assert posts[1]["blocks"] == posts[2]["blocks"]
            last = await asyncio.create_subprocess_exec(*command, env=env,
                                                        stdout=asyncio.subprocess.PIPE)
            out, _ = await last.communicate()
            assert "posted 0 job(s)" in out.decode() and len(slack.posts()) == 3

    asyncio.run(scenario())


def test_jobs_answer_includes_feed_jobs(kb: KnowledgeBase) -> None:
    extra = parse_greenhouse(feed("acme", "greenhouse", "https://x"), GREENHOUSE, DAY)
    bot = Bot(kb, today=lambda: DAY, feed_jobs=lambda: extra)
    titles = [j.title for j in bot.answer("remote senior ml engineer jobs").jobs]
    assert titles == ["Staff Machine Learning Engineer"]


def test_serve_schedules_the_digest_and_catches_up(kb: KnowledgeBase, tmp_path: Path) -> None:
    """`careerbot serve` with a config whose time has passed today posts once, at start."""
    from careerbot.adapters import serve
    from tests.fakes import free_port

    bot = Bot(kb)

    async def scenario() -> None:
        async with FakeSlack() as slack:
            path = config(tmp_path, [{"platform": "slack", "channel": "CDIGEST"}],
                          time="00:00", timezone="UTC")
            stop = asyncio.Event()
            env = settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s",
                           SLACK_API_URL=slack.base_url)
            task = asyncio.create_task(serve.run(bot, env, "127.0.0.1", free_port(), stop,
                                                 config_file=path))
            try:
                assert await wait_for(lambda: bool(slack.posts()))
                await asyncio.sleep(0.3)
                (post,) = slack.posts()
                assert post["channel"] == "CDIGEST" and "New featured jobs" in post["text"]
            finally:
                stop.set()
                assert await asyncio.wait_for(task, 20) == 0
            store = SQLiteStore(tmp_path / "state.sqlite3")
            assert len(store.posted("slack:CDIGEST")) == 5

    asyncio.run(scenario())


def test_config_accepts_flat_settings_and_common_spellings(tmp_path: Path) -> None:
    path = tmp_path / "careerbot.yaml"
    path.write_text("time: '07:30'\ntimezone: America/New_York\nmax_jobs_per_post: 3\n"
                    "state: s.db\nchannels:\n  - platform: discord\n    channel_id: 1234567890\n"
                    "    filters: {levels: senior, minimum_salary: 100000, workplaces: [remote]}\n")
    cfg = load_config(path)
    assert (cfg.digest.time, cfg.digest.timezone, cfg.digest.max_jobs, cfg.digest.database) == (
        "07:30", "America/New_York", 3, "s.db")
    target = cfg.targets[0]
    assert target.channel == "1234567890" and target.filters.levels == ["senior"]
    assert target.filters.min_salary == 100000 and target.filters.workplace == ["remote"]
    path.write_text("time: '07:30'\ntargets:\n  - platform: slack\n    channel: C1\n"
                    "    colour: red\n")
    with pytest.raises(KnowledgeError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert (problem.field, problem.line) == ("targets[0].colour", 5)


def test_a_curated_job_posted_over_60_days_ago_is_not_posted(kb_copy: Path, tmp_path: Path
                                                             ) -> None:
    jobs = kb_copy / "jobs.yaml"
    jobs.write_text(jobs.read_text().replace("    expires: 2099-12-31\n", ""))
    kb = load(kb_copy)
    cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "C1"}]))
    day = dt.date(2025, 3, 11)  # 60 days after 2025-01-10, 61 after 2025-01-09
    report = run_digest(kb, cfg, SQLiteStore(":memory:"), no_fetch, {}, day=day, dry_run=True)
    assert {j.posted for j in report.results[0].jobs} == {dt.date(2025, 1, 10)}


# ---- claims: two digests at once, crashes -------------------------------------------------------

T0 = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(minutes=5)


def test_a_claimed_job_is_not_claimed_again_by_another_run(tmp_path: Path) -> None:
    first, second = SQLiteStore(tmp_path / "s.db"), SQLiteStore(tmp_path / "s.db")
    assert first.claim("slack:C1", ["a", "b"], "run-1", T0, LEASE) == ["a", "b"]
    assert second.claim("slack:C1", ["a", "b", "c"], "run-2", T0, LEASE) == ["c"]


def test_a_claim_of_a_dead_run_is_taken_over_after_the_timeout(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    store.claim("slack:C1", ["a"], "run-1", T0, LEASE)
    assert store.claim("slack:C1", ["a"], "run-2", T0 + LEASE, LEASE) == []
    assert store.claim("slack:C1", ["a"], "run-2", T0 + LEASE * 2, LEASE) == ["a"]


def test_a_posted_job_is_never_claimed_again(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    store.claim("slack:C1", ["a"], "run-1", T0, LEASE)
    store.mark_posted("slack:C1", ["a"], "run-1", T0)
    assert store.claim("slack:C1", ["a"], "run-2", T0 + dt.timedelta(days=9), LEASE) == []
    assert store.posted("slack:C1") == {"a"}


def test_a_failed_post_gives_its_claim_back(kb: KnowledgeBase, tmp_path: Path) -> None:
    cfg = load_config(config(tmp_path, [{"platform": "slack", "channel": "CGONE"}]))
    store = SQLiteStore(tmp_path / "s.db")
    run_digest(kb, cfg, store, no_fetch, {"slack": Recorder(fail={"CGONE"})})
    out = Recorder()
    assert len(run_digest(kb, cfg, store, no_fetch, {"slack": out}).results[0].posted) == 5


def test_posts_recorded_before_claims_still_count(tmp_path: Path) -> None:
    import sqlite3

    old = sqlite3.connect(tmp_path / "s.db")
    old.executescript("CREATE TABLE posts (target TEXT NOT NULL, job_key TEXT NOT NULL, "
                      "posted_at TEXT NOT NULL, PRIMARY KEY (target, job_key));"
                      "INSERT INTO posts VALUES ('slack:C1', 'curated:x', '2025-01-01T09:00');")
    old.close()
    assert SQLiteStore(tmp_path / "s.db").posted("slack:C1") == {"curated:x"}


def test_two_digest_processes_at_once_post_each_job_once_per_channel(tmp_path: Path,
                                                                     kb_root: Path) -> None:
    async def scenario() -> None:
        async with FakeSlack(delay=1.5) as slack:
            channels = ["C1", "C2", "C3"]
            path = config(tmp_path, [{"platform": "slack", "channel": c} for c in channels])
            env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": slack.base_url,
                   "CAREERBOT_KNOWLEDGE": str(kb_root)}
            command = [sys.executable, "-m", "careerbot.adapters.cli", "digest", "--config",
                       str(path), "--date", "2025-01-15"]
            runs = [await asyncio.create_subprocess_exec(*command, env=env,
                                                         stdout=asyncio.subprocess.PIPE)
                    for _ in range(2)]
            for proc in runs:
                await proc.communicate()
                assert proc.returncode == 0
            posts = slack.posts()
            assert sorted(p["channel"] for p in posts) == channels  # one message each
            for post in posts:
                assert json.dumps(post["blocks"]).count("View job") == 5

    asyncio.run(scenario())
