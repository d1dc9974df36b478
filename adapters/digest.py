"""Digest glue: fetch feeds over HTTP, post to Slack and Discord, run once or on a schedule.

The decisions (what is new, what goes where, in which order things are recorded) live in
:mod:`careerbot.bot.jobs.digest`; this module only supplies the I/O it needs.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack, suppress
from pathlib import Path
from typing import Any

import aiohttp

from careerbot.adapters.observe import Metrics
from careerbot.adapters.settings import Settings
from careerbot.bot.answer.reply import Reply
from careerbot.bot.jobs import digest
from careerbot.bot.jobs.config import Config, Target
from careerbot.bot.jobs.feeds import Feed, Fetch, fetch_all
from careerbot.bot.jobs.store import is_url, open_store
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import Job

log = logging.getLogger("careerbot.digest")

#: Default largest feed body (``digest.max_feed_bytes`` in careerbot.yaml sets another).
MAX_FEED_BYTES = 5 * 1024 * 1024
#: A backstop only: each feed's own ``timeout_s`` (at most 120) bounds its whole fetch.
FETCH_TIMEOUT_S = 120
#: No feed type is an HTML page; one served with status 200 is an error page or a login wall.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
USER_AGENT = "careerbot/0.1 (job digest)"


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def http_fetch(session: aiohttp.ClientSession, max_bytes: int = MAX_FEED_BYTES) -> Fetch:
    """Read a feed's whole body, however it arrives (one piece or many chunks), up to
    ``max_bytes``; a larger body fails the fetch rather than being cut to a partial feed."""

    async def fetch(url: str) -> str:
        async with session.get(url, headers={"User-Agent": USER_AGENT},
                               timeout=aiohttp.ClientTimeout(total=FETCH_TIMEOUT_S)) as resp:
            resp.raise_for_status()
            if resp.content_type in HTML_TYPES:
                raise ValueError(f"an HTML page ({resp.content_type}), not a feed")
            if resp.content_length is not None and resp.content_length > max_bytes:
                raise ValueError(f"feed of {resp.content_length} bytes is over the limit of "
                                 f"{max_bytes} bytes (digest.max_feed_bytes)")
            body = bytearray()
            async for chunk in resp.content.iter_chunked(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise ValueError(f"feed is over the limit of {max_bytes} bytes "
                                     "(digest.max_feed_bytes)")
            return body.decode(resp.charset or "utf-8", errors="replace")

    return fetch


class SlackPoster:
    def __init__(self, client: Any) -> None:
        self.client = client

    async def send(self, target: Target, reply: Reply) -> None:
        from careerbot.adapters.slack import blocks

        for message in blocks.messages(reply):
            await self.client.chat_postMessage(channel=target.channel, unfurl_links=False,
                                               unfurl_media=False, **message)


class DiscordPoster:
    def __init__(self, client: Any) -> None:
        self.client = client

    async def send(self, target: Target, reply: Reply) -> None:
        from careerbot.adapters.discord.client import message_kwargs
        from careerbot.adapters.discord.embeds import messages

        if target.kind == "alert":
            # A person's alert: a direct message. NotFound (no such user) and Forbidden (DMs
            # closed, no shared server) propagate, and the digest pauses the subscription.
            user = await self.client.fetch_user(int(target.channel))
            channel = await user.create_dm()
        else:
            channel = self.client.get_partial_messageable(int(target.channel))
        for message in messages(reply):
            await channel.send(**message_kwargs(message))


def slack_poster(settings: Settings) -> SlackPoster | None:
    slack = settings.slack_poster_settings()
    if slack is None:
        return None
    from careerbot.adapters.slack.app import web_client

    return SlackPoster(web_client(slack, with_token=True))


async def discord_poster(settings: Settings, stack: AsyncExitStack) -> DiscordPoster | None:
    """A REST-only discord.py client (no gateway needed to post to a channel)."""
    token = settings.discord
    if not token:
        return None
    import discord

    from careerbot.adapters.discord.client import use_api_url

    use_api_url(settings.discord_api_url)
    client = discord.Client(intents=discord.Intents.none())
    await client.login(token)
    stack.push_async_callback(client.close)
    return DiscordPoster(client)


def database_path(config_file: Path | None, config: Config | None, fallback: str,
                  url: str | None = None) -> Path | str:
    """The state database: ``url`` (CAREERBOT_DATABASE_URL, a PostgreSQL URL) when set, passed
    through as a string; else the config's ``database`` (relative to the config file) when
    there is a config file; else ``fallback`` (CAREERBOT_DATABASE). A ``postgresql://`` URL in
    either is passed through too. serve, digest and subscriptions agree on it."""
    if url:
        return url
    if config_file is None or config is None:
        return fallback if is_url(fallback) else Path(fallback)
    if is_url(config.digest.database):
        return config.digest.database
    path = Path(config.digest.database)
    return path if path.is_absolute() else config_file.parent / path


async def run_once(kb: KnowledgeBase, config: Config, database: Path | str, settings: Settings,
                   day: dt.date | None, dry_run: bool) -> digest.Report:
    store = open_store(database)
    targets = digest.all_targets(config, store)
    platforms = {t.platform for t in targets}
    try:
        async with AsyncExitStack() as stack, aiohttp.ClientSession() as session:
            posters: dict[str, Any] = {}
            if not dry_run and "slack" in platforms and (poster := slack_poster(settings)):
                posters["slack"] = poster
            if not dry_run and "discord" in platforms and (
                    found := await discord_poster(settings, stack)):
                posters["discord"] = found
            today = day or utc_now().astimezone(config.digest.zone).date()
            fetch = http_fetch(session, config.digest.max_feed_bytes)
            return await digest.run(kb, config, store, fetch, posters, today, utc_now,
                                    dry_run=dry_run)
    finally:
        store.close()


def report_lines(report: digest.Report, dry_run: bool) -> list[str]:
    lines = [f"digest for {report.day.isoformat()}" + (" (dry run: nothing posted or recorded)"
                                                       if dry_run else "")]
    for name in report.unknown_feeds:
        lines.append(f"  feed {name}: unavailable this time (will retry next run)")
    for name, count in report.baselined.items():
        lines.append(f"  feed {name}: first run, {count} current jobs recorded as seen")
    if not report.results:
        lines.append("  no channels: list them under targets: in careerbot.yaml, or subscribe "
                     "from the chat (/careerbot subscribe ...)")
    for result in report.results:
        key = result.target.run_key
        if result.error:
            lines.append(f"  {key}: FAILED ({result.error}); posted {len(result.posted)} "
                         f"job(s) before that" + (f"; {result.note}" if result.note else ""))
            continue
        jobs = result.jobs if dry_run else result.posted
        verb = "would post" if dry_run else "posted"
        lines.append(f"  {key}: {verb} {len(jobs)} job(s)"
                     + (f" in {result.messages} message(s)" if not dry_run else ""))
        lines += [f"    - {j.title} at {j.company} ({j.level}, {j.workplace})" for j in jobs]
    return lines


def failures(report: digest.Report, feeds: Sequence[Feed]) -> list[str]:
    """What makes a run fail as a whole (exit 1): no feed answered, or a channel not posted to.
    Some feeds down is normal (retried next run) and not a failure."""
    out = []
    if feeds and {f.name for f in feeds} <= set(report.unknown_feeds):
        out.append(f"every feed failed this run: {', '.join(report.unknown_feeds)}")
    out += [f"could not post to {r.target.key}: {r.error}" for r in report.results if r.error]
    return out


class FeedCache:
    """Feed jobs for `/jobs` answers while serving, refreshed in the background."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def __call__(self) -> list[Job]:
        return self.jobs

    async def refresh(self, config: Config, fetch: Fetch) -> None:
        today = utc_now().astimezone(config.digest.zone).date()
        found = await fetch_all(config.feeds, fetch, today)
        fresh = [j for jobs in found.values() if jobs for j in jobs]
        if fresh or all(v is not None for v in found.values()):
            self.jobs = fresh


async def serve_digest(kb: KnowledgeBase, config: Config, database: Path | str,
                       posters: dict[str, Any], cache: FeedCache,
                       clock: Callable[[], dt.datetime] = utc_now,
                       metrics: Metrics | None = None) -> None:
    """The scheduler task of `careerbot serve` (runs until cancelled)."""
    store = open_store(database)
    try:
        async with aiohttp.ClientSession() as session:
            fetch = http_fetch(session, config.digest.max_feed_bytes)

            async def run_for(day: dt.date, targets: list[Target]) -> None:
                report = await digest.run(kb, config, store, fetch, posters, day, clock,
                                          targets=targets)
                for line in report_lines(report, dry_run=False):
                    log.info(line)
                if metrics is not None:
                    metrics.digest(report)
                for problem in failures(report, config.feeds):
                    log.error("digest: %s", problem)
                await cache.refresh(config, fetch)

            await cache.refresh(config, fetch)
            await digest.schedule(config, store, run_for, clock)
    finally:
        store.close()


async def cancel(task: asyncio.Task[None]) -> None:
    task.cancel()
    with suppress(asyncio.CancelledError):
        await task
