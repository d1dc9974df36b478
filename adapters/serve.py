"""``careerbot serve``: every chat adapter whose credentials are set, in one process and loop.

One aiohttp server carries Slack's HTTP endpoint (``POST /slack/events``) and ``GET /healthz``,
which answers 200 only once every adapter has started. Chat SDKs are imported here, lazily, so
the console never pays for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from careerbot.adapters.observe import Metrics
from careerbot.adapters.settings import Settings
from careerbot.bot.engine import Bot

if TYPE_CHECKING:
    from careerbot.bot.jobs.config import Config
    from careerbot.bot.jobs.subscriptions import Subscriptions

log = logging.getLogger("careerbot.serve")

#: Time the adapters get to stop after SIGTERM or Ctrl-C, together.
STOP_SECONDS = 3.0



@dataclass
class Service:
    """A started-and-stopped part of the server (an adapter, the digest scheduler)."""

    name: str
    start: Callable[[], Awaitable[None]]
    stop: Callable[[], Awaitable[None]]


@dataclass
class Server:
    app: web.Application = field(default_factory=web.Application)
    services: list[Service] = field(default_factory=list)
    ready: bool = False
    #: Clients the digest posts with, by platform.
    posters: dict[str, Any] = field(default_factory=dict)
    #: Where answered chat deliveries are remembered (replays, retries after a restart).
    store: Any = None
    metrics: Metrics = field(default_factory=Metrics)

    async def metrics_page(self, _: web.Request) -> web.Response:
        return web.Response(body=self.metrics.render(),
                            headers={"Content-Type": self.metrics.content_type})

    async def healthz(self, _: web.Request) -> web.Response:
        status = 200 if self.ready else 503
        return web.json_response({"ok": self.ready,
                                  "adapters": [s.name for s in self.services]}, status=status)


def build(bot: Bot, settings: Settings, config_file: Path | None = None) -> Server:
    """Wire up the adapters the settings have credentials for (none: empty ``services``), and
    with them the digest scheduler: for the config's channels (careerbot.yaml, when it exists)
    and for the channels and people that subscribe from the chat. Only those adapters' SDKs
    are imported."""
    server = Server()
    server.app.router.add_get("/healthz", server.healthz)
    server.app.router.add_get("/metrics", server.metrics_page)
    wanted = settings.adapters()
    slack = settings.slack() if "slack" in wanted else None
    discord_on = bool(settings.discord) and "discord" in wanted
    digest_only = bool(settings.careerbot_adapters) and wanted == {"digest"}
    if slack is None and not discord_on and not digest_only:
        return server
    from careerbot.adapters.digest import database_path
    from careerbot.bot.jobs.config import Config, load_config
    from careerbot.bot.jobs.store import open_store
    from careerbot.bot.jobs.subscriptions import Subscriptions

    has_file = config_file is not None and config_file.exists()
    config = load_config(config_file) if has_file else Config()  # broken: stops with problems
    database = database_path(config_file if has_file else None, config,
                             settings.careerbot_database, settings.database_url())
    server.store = open_store(database)
    subscriptions = Subscriptions(bot.kb, bot.vocabulary, server.store, config.digest)
    if slack is not None:
        from careerbot.adapters.slack.app import build_app

        app = build_app(bot, slack, server.store, subscriptions, config.managers,
                        server.metrics)
        if slack.socket_mode:
            from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

            handler = AsyncSocketModeHandler(app, slack.app_token)
            server.services.append(Service("slack-socket-mode", handler.connect_async,
                                           handler.close_async))
        else:
            from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request

            async def events(request: web.Request) -> web.Response:
                return await to_aiohttp_response(await app.async_dispatch(
                    await to_bolt_request(request)))

            async def nothing() -> None:
                return None

            server.app.router.add_post("/slack/events", events)
            server.services.append(Service("slack-http", nothing, nothing))
    if discord_on:
        server.services.append(discord_service(bot, settings, server, subscriptions))
    if "digest" in wanted:
        server.services.append(digest_service(bot, settings, config, database, server))
    from careerbot.adapters.reload import Reloader

    reloader = Reloader(bot, bot.kb.root, [lambda kb: subscriptions.use(kb, bot.vocabulary)])
    server.services.append(Service("reload", reloader.start, reloader.stop))
    return server


def digest_service(bot: Bot, settings: Settings, config: Config, database: Path | str,
                   server: Server) -> Service:
    from careerbot.adapters.digest import FeedCache, cancel, serve_digest, slack_poster

    cache = FeedCache()
    bot.feed_jobs = cache
    if "slack" not in server.posters and (poster := slack_poster(settings)):
        server.posters["slack"] = poster
    tasks: list[asyncio.Task[None]] = []
    stack = AsyncExitStack()

    async def start() -> None:
        if "discord" not in server.posters and settings.discord:
            # This replica does not run the Discord gateway: post over REST only.
            from careerbot.adapters.digest import discord_poster

            found = await discord_poster(settings, stack)
            if found is not None:
                server.posters["discord"] = found
        tasks.append(asyncio.create_task(
            serve_digest(bot.kb, config, database, server.posters, cache,
                         metrics=server.metrics), name="digest"))

    async def stop() -> None:
        for task in tasks:
            await cancel(task)
        await stack.aclose()

    return Service("digest", start, stop)


def discord_service(bot: Bot, settings: Settings, server: Server,
                    subscriptions: Subscriptions | None = None) -> Service:
    from careerbot.adapters.discord.client import CareerClient, use_api_url

    use_api_url(settings.discord_api_url, settings.discord_gateway_url)
    options: dict[str, Any] = {}
    kind: type[CareerClient] = CareerClient
    if settings.discord_shards:
        from careerbot.adapters.discord.client import ShardedCareerClient

        kind = ShardedCareerClient
        options = {"shard_count": settings.discord_shards, "shard_ids": settings.shard_ids()}
    client = kind(bot, guild_id=settings.discord_guild_id, subscriptions=subscriptions,
                  metrics=server.metrics, **options)
    from careerbot.adapters.digest import DiscordPoster

    server.posters["discord"] = DiscordPoster(client)
    token = settings.discord or ""
    tasks: list[asyncio.Task[None]] = []

    async def start() -> None:
        await client.login(token)  # REST login, then setup_hook: command sync
        tasks.append(asyncio.create_task(client.connect(reconnect=True), name="discord-gateway"))

    async def stop() -> None:
        await client.close()
        for task in tasks:
            task.cancel()

    return Service("discord", start, stop)


async def run(bot: Bot, settings: Settings, host: str, port: int,
              stop: asyncio.Event | None = None, config_file: Path | None = None) -> int:
    problem = settings.chat_problem()
    if problem:
        print(f"careerbot serve: {problem}", file=sys.stderr)
        return 2
    server = build(bot, settings, config_file)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not possible off the main thread or on Windows; Ctrl-C still ends asyncio.run there.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    runner = web.AppRunner(server.app, access_log=None, shutdown_timeout=1.0)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    attempted: list[Service] = []

    async def start_all() -> None:
        for service in server.services:
            attempted.append(service)
            await service.start()
        server.ready = True
        log.info("careerbot ready on %s:%d with %s", host, port,
                 ", ".join(s.name for s in server.services))

    # Start-up runs as a task beside the stop signal: an adapter whose server never answers
    # (Socket Mode, the Discord gateway) must not make SIGTERM and Ctrl-C wait for it.
    starting = asyncio.create_task(start_all(), name="start-up")
    stopping = asyncio.create_task(stop.wait(), name="stop-signal")
    try:
        await asyncio.wait({starting, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if starting.done():
            starting.result()  # a failed start-up raises here
            await stopping
    finally:
        server.ready = False
        for task in (starting, stopping):
            task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await asyncio.wait_for(starting, 1)
        deadline = loop.time() + STOP_SECONDS
        for service in reversed(attempted):
            try:
                await asyncio.wait_for(service.stop(), max(0.1, deadline - loop.time()))
            except Exception as exc:  # noqa: BLE001 - shutting down: log and go on
                log.warning("stopping %s: %s", service.name, type(exc).__name__)
        await runner.cleanup()
        if server.store is not None:
            server.store.close()
    return 0
