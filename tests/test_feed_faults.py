"""Regressions for the feed faults of the reliability report (issue 15): each test reproduces
one fault against real servers on 127.0.0.1 or the real ``careerbot`` process."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import yaml
from aiohttp import web

from careerbot.adapters.digest import http_fetch
from careerbot.bot.jobs import digest
from careerbot.bot.jobs.config import Config, load_config
from careerbot.bot.jobs.feeds import Feed, employment_from, fetch_feed
from careerbot.bot.jobs.store import SQLiteStore
from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError
from tests.fakes import FakeFeeds, FakeSlack, Loopback
from tests.process import careerbot

DAY = dt.date(2025, 1, 15)
NOW = dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)


@dataclass
class Body:
    """One answer of :class:`StreamingFeeds`: sent ``chunk`` bytes at a time, a moment apart,
    with chunked transfer encoding unless ``declare_length`` sends a Content-Length."""

    data: bytes
    content_type: str = "application/rss+xml"
    status: int = 200
    chunk: int = 4096
    declare_length: bool = False


@dataclass
class StreamingFeeds(Loopback):
    """Feeds on 127.0.0.1 that arrive in pieces, as large feeds do over a real network."""

    routes: dict[str, Body] = field(default_factory=dict)
    port: int = 0
    _runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def mount(self, app: web.Application) -> None:
        app.router.add_get("/{path:.*}", self._serve)

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        body = self.routes["/" + request.match_info["path"]]
        resp = web.StreamResponse(status=body.status,
                                  headers={"Content-Type": body.content_type})
        if body.declare_length:
            resp.content_length = len(body.data)
        else:
            resp.enable_chunked_encoding()
        await resp.prepare(request)
        try:
            for start in range(0, len(body.data), body.chunk):
                await resp.write(body.data[start:start + body.chunk])
                await asyncio.sleep(0.001)  # the next piece is not there yet
            await resp.write_eof()
        except ConnectionError:
            pass  # the client stopped reading (a body over its limit)
        return resp


def rss(items: int) -> bytes:
    """An RSS feed of ``items`` jobs, about 200 bytes each."""
    entries = "".join(
        f"<item><title>Data Engineer {i}</title><link>https://jobs.example/{i}</link>"
        f"<guid>job-{i}</guid><pubDate>Tue, 14 Jan 2025 10:00:00 GMT</pubDate>"
        f"<description>Pipelines and warehouses, posting number {i:05d}.</description></item>"
        for i in range(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Jobs</title>{entries}</channel></rss>").encode()


def greenhouse(jobs: int) -> bytes:
    return json.dumps({"jobs": [
        {"id": 10_000 + i, "title": f"Machine Learning Engineer {i}",
         "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{10_000 + i}",
         "location": {"name": "Remote - US"}, "updated_at": "2025-01-14T12:00:00Z"}
        for i in range(jobs)], "meta": {"total": jobs}}).encode()


def config(tmp_path: Path, feeds: list[dict[str, Any]], **digest_opts: Any) -> Config:
    path = tmp_path / "careerbot.yaml"
    path.write_text(yaml.safe_dump({
        "digest": {"database": "state.sqlite3", **digest_opts}, "feeds": feeds,
        "targets": [{"platform": "slack", "channel": "C1"}]}))
    return load_config(path)


async def gather(kb: KnowledgeBase, cfg: Config, store: SQLiteStore
                 ) -> tuple[list[str], dict[str, int]]:
    """One digest's gathering of jobs over real HTTP: (unknown feeds, baselined per feed)."""
    async with aiohttp.ClientSession() as session:
        _, unknown, baselined = await digest.gather_jobs(
            kb, cfg, store, http_fetch(session, cfg.digest.max_feed_bytes), DAY, NOW,
            record=True)
    return unknown, baselined


# ---- feed bodies are read whole, up to a limit -----------------------------------------------


def test_a_large_rss_feed_in_small_chunks_is_baselined_whole(kb: KnowledgeBase, tmp_path: Path
                                                             ) -> None:
    async def scenario() -> None:
        body = rss(2000)
        assert len(body) > 400 * 1024
        async with StreamingFeeds(routes={"/rss": Body(body)}) as feeds:
            cfg = config(tmp_path, [{"name": "board", "type": "rss", "url": feeds.url("/rss")}])
            store = SQLiteStore(tmp_path / "s.db")
            unknown, baselined = await gather(kb, cfg, store)
        assert (unknown, baselined) == ([], {"board": 2000})
        assert len(store.baseline_keys()) == 2000

    asyncio.run(scenario())


def test_a_greenhouse_board_of_1500_jobs_in_chunks_is_parsed_whole(tmp_path: Path) -> None:
    async def scenario() -> None:
        routes = {"/gh": Body(greenhouse(1500), "application/json")}
        async with StreamingFeeds(routes=routes) as feeds, aiohttp.ClientSession() as session:
            (acme,) = config(tmp_path, [{"name": "acme", "type": "greenhouse",
                                         "url": feeds.url("/gh")}]).feeds
            jobs = await fetch_feed(acme, http_fetch(session), DAY)
        assert jobs is not None and len(jobs) == 1500

    asyncio.run(scenario())


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "chunked"])
def test_a_body_over_the_configured_limit_fails_the_fetch(kb: KnowledgeBase, tmp_path: Path,
                                                          declare_length: bool) -> None:
    async def scenario() -> None:
        body = Body(rss(1000), declare_length=declare_length)  # about 200 KiB
        async with StreamingFeeds(routes={"/big": body}) as feeds:
            cfg = config(tmp_path, [{"name": "big", "type": "rss", "url": feeds.url("/big")}],
                         max_feed_bytes=64 * 1024)
            store = SQLiteStore(tmp_path / "s.db")
            unknown, baselined = await gather(kb, cfg, store)
        assert (unknown, baselined) == (["big"], {})
        assert not store.has_baseline("big")

    asyncio.run(scenario())


def test_the_feed_size_limit_defaults_to_5_mb(tmp_path: Path) -> None:
    assert config(tmp_path, []).digest.max_feed_bytes == 5 * 1024 * 1024


# ---- only a real feed counts ---------------------------------------------------------------

HTML = b"<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Oops</h1></body></html>"
EMPTY_RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Jobs</title></channel></rss>'
EMPTY_ATOM = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
              b"<title>Board</title><id>urn:board</id>"
              b"<updated>2025-01-14T00:00:00Z</updated></feed>")


async def fetch_one(kind: str, body: Body) -> list[Any] | None:
    """Fetch one feed of type ``kind`` served as ``body`` over real HTTP."""
    async with StreamingFeeds(routes={"/feed": body}) as feeds, \
            aiohttp.ClientSession() as session:
        source = Feed(name="f", type=kind, url=feeds.url("/feed"))  # type: ignore[arg-type]
        return await fetch_feed(source, http_fetch(session), DAY)


def test_an_error_page_takes_no_baseline_and_the_first_real_feed_does(kb: KnowledgeBase,
                                                                     tmp_path: Path) -> None:
    async def scenario() -> None:
        async with StreamingFeeds(routes={"/rss": Body(HTML, "text/html")}) as feeds:
            cfg = config(tmp_path, [{"name": "board", "type": "rss", "url": feeds.url("/rss")}])
            store = SQLiteStore(tmp_path / "s.db")
            assert await gather(kb, cfg, store) == (["board"], {})
            assert not store.has_baseline("board")
            feeds.routes["/rss"] = Body(rss(30))
            assert await gather(kb, cfg, store) == ([], {"board": 30})

    asyncio.run(scenario())


@pytest.mark.parametrize("body", [
    Body(HTML, "text/html"), Body(HTML, "text/html; charset=utf-8"),
    Body(HTML, "application/xml"),  # an HTML page that claims to be XML: no RSS/Atom version
], ids=["text/html", "text/html-charset", "html-as-xml"])
def test_an_html_page_with_status_200_is_no_feed(body: Body) -> None:
    assert asyncio.run(fetch_one("rss", body)) is None


def test_a_truncated_rss_feed_is_no_feed() -> None:
    cut = rss(50)[:-2000]  # well past the first items: feedparser still finds some (bozo)
    assert asyncio.run(fetch_one("rss", Body(cut))) is None


@pytest.mark.parametrize(("kind", "data"), [
    ("greenhouse", b'{"error": "board not found"}'), ("greenhouse", b"[]"),
    ("greenhouse", b'{"jobs": null}'), ("lever", b'{"ok": false, "error": "Document not found"}'),
])
def test_json_of_the_wrong_shape_is_no_board(kind: str, data: bytes) -> None:
    assert asyncio.run(fetch_one(kind, Body(data, "application/json"))) is None


@pytest.mark.parametrize(("kind", "body"), [
    ("rss", Body(EMPTY_RSS)), ("rss", Body(EMPTY_ATOM, "application/atom+xml")),
    ("greenhouse", Body(b'{"jobs": [], "meta": {"total": 0}}', "application/json")),
    ("lever", Body(b"[]", "application/json")),
], ids=["rss", "atom", "greenhouse", "lever"])
def test_an_empty_but_valid_feed_is_empty_not_unknown(kind: str, body: Body) -> None:
    assert asyncio.run(fetch_one(kind, body)) == []


# ---- a url override for every feed type ----------------------------------------------------

LEVER = json.dumps([{"id": "5c0a-1", "text": "Data Scientist", "createdAt": 1736800000000,
                     "hostedUrl": "https://jobs.lever.co/beta/5c0a-1",
                     "categories": {"commitment": "Full-time", "location": "New York"}}])


@pytest.mark.parametrize(("kind", "body", "count"), [
    ("greenhouse", Body(greenhouse(3), "application/json"), 3),
    ("lever", Body(LEVER.encode(), "application/json"), 1),
])
def test_a_board_is_read_from_its_url_override(tmp_path: Path, kind: str, body: Body,
                                               count: int) -> None:
    async def scenario() -> list[Any] | None:
        async with StreamingFeeds(routes={"/proxy/board": body}) as feeds, \
                aiohttp.ClientSession() as session:
            (board,) = config(tmp_path, [{"name": "acme", "type": kind, "board": "acme",
                                          "url": feeds.url("/proxy/board")}]).feeds
            return await fetch_feed(board, http_fetch(session), DAY)

    found = asyncio.run(scenario())
    assert found is not None and len(found) == count


@pytest.mark.parametrize("url", ["ftp://jobs.example/feed", "file:///etc/passwd",
                                 "boards.example.com/jobs", "https://"])
def test_a_feed_url_that_is_not_http_is_a_config_error(tmp_path: Path, url: str) -> None:
    with pytest.raises(KnowledgeError) as caught:
        config(tmp_path, [{"name": "acme", "type": "greenhouse", "url": url}])
    (problem,) = caught.value.problems
    assert problem.field == "feeds[0].url" and "http" in problem.message


# ---- the digest command fails loudly when nothing could be read or posted ---------------------


async def digest_command(tmp_path: Path, kb_root: Path, slack: FakeSlack,
                         feeds: list[dict[str, Any]], channels: list[str]
                         ) -> subprocess.CompletedProcess[str]:
    """`careerbot digest --config FILE` in its own process, posting to the fake Slack."""
    path = tmp_path / "careerbot.yaml"
    path.write_text(yaml.safe_dump({
        "digest": {"database": "state.sqlite3"}, "feeds": feeds,
        "targets": [{"platform": "slack", "channel": c} for c in channels]}))
    env = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": slack.base_url,
           "CAREERBOT_KNOWLEDGE": str(kb_root), "CAREERBOT_CACHE_DIR": "off"}
    return await asyncio.to_thread(careerbot, "digest", "--config", str(path), "--date",
                                   DAY.isoformat(), env=env)


def test_digest_exits_1_naming_the_feeds_when_every_feed_failed(tmp_path: Path,
                                                                 kb_root: Path) -> None:
    async def scenario() -> subprocess.CompletedProcess[str]:
        async with FakeSlack() as slack, FakeFeeds(routes={"/a": (500, "down", "text/plain"),
                                                           "/b": (500, "down", "text/plain")}
                                                   ) as down:
            return await digest_command(tmp_path, kb_root, slack, [
                {"name": "alpha", "type": "rss", "url": down.url("/a")},
                {"name": "beta", "type": "greenhouse", "url": down.url("/b")}], ["C1"])

    done = asyncio.run(scenario())
    assert done.returncode == 1, done.stderr
    assert "every feed failed this run: alpha, beta" in done.stderr


def test_digest_exits_0_when_only_some_feeds_failed(tmp_path: Path, kb_root: Path) -> None:
    async def scenario() -> subprocess.CompletedProcess[str]:
        routes = {"/down": (500, "down", "text/plain"),
                  "/up": (200, EMPTY_RSS.decode(), "application/rss+xml")}
        async with FakeSlack() as slack, FakeFeeds(routes=routes) as feeds:
            return await digest_command(tmp_path, kb_root, slack, [
                {"name": "alpha", "type": "rss", "url": feeds.url("/down")},
                {"name": "beta", "type": "rss", "url": feeds.url("/up")}], ["C1"])

    done = asyncio.run(scenario())
    assert done.returncode == 0, done.stderr
    assert "feed alpha: unavailable this time" in done.stdout


def test_digest_exits_1_naming_the_channel_it_could_not_post_to(tmp_path: Path,
                                                                kb_root: Path) -> None:
    async def scenario() -> subprocess.CompletedProcess[str]:
        async with FakeSlack(fail_channels={"CGONE": "channel_not_found"}) as slack:
            return await digest_command(tmp_path, kb_root, slack, [], ["C1", "CGONE"])

    done = asyncio.run(scenario())
    assert done.returncode == 1, done.stderr
    assert "could not post to slack:CGONE" in done.stderr
    assert "slack:C1" not in done.stderr


# ---- employment type: whole words, not substrings -------------------------------------------


@pytest.mark.parametrize("title", [
    "Data Analyst, Department of Data", "International Sales Analyst",
    "Participating Data Engineer", "Counterpart Risk Analyst"])
def test_employment_type_ignores_words_that_merely_contain_a_keyword(title: str) -> None:
    assert employment_from(title) == "full-time"


@pytest.mark.parametrize(("text", "expected"), [
    ("Data Science Intern", "internship"), ("Internship: Analytics", "internship"),
    ("Part-time Data Analyst", "part-time"), ("Part time BI Developer", "part-time"),
    ("Contract Data Engineer", "contract"), ("Freelance ML Engineer", "contract"),
])
def test_employment_type_from_whole_words(text: str, expected: str) -> None:
    assert employment_from(text) == expected
