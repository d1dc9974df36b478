"""``careerbot jobs`` (curated jobs and, with a digest config, its feeds) and ``careerbot digest``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from careerbot.adapters.cli.answers import emit, unknown
from careerbot.adapters.cli.errors import ANSWERED, BROKEN, UserError, run_until_signal
from careerbot.adapters.settings import Settings
from careerbot.bot.engine import Bot, UnknownRole
from careerbot.bot.jobs.config import Config, load_config
from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError
from careerbot.bot.kb.models import Job


def read_config(path: Path) -> Config:
    if not path.exists():
        raise UserError(f"config file not found: {path} (set CAREERBOT_CONFIG or pass --config)")
    try:
        return load_config(path)
    except KnowledgeError as exc:
        raise UserError("the digest config has problems:\n" + "\n".join(
            f"  {p}" for p in exc.problems)) from None
    except OSError as exc:
        raise UserError(f"cannot read the digest config {path}: {exc.strerror or exc}") from None


def feed_jobs(path: Path, named: bool) -> Callable[[], list[Job]]:
    """Jobs from the digest config's feeds, when there is a config (same sources as the digest)."""
    if not named and not path.exists():
        return list
    import aiohttp

    from careerbot.adapters.digest import FeedCache, http_fetch

    config = read_config(path)
    cache = FeedCache()

    async def fetch() -> None:
        async with aiohttp.ClientSession() as session:
            await cache.refresh(config, http_fetch(session, config.digest.max_feed_bytes))

    asyncio.run(fetch())
    return cache


def jobs(bot: Bot, args: argparse.Namespace, settings: Settings) -> int:
    try:
        ids = [bot.resolve(r).id for r in args.role]
    except UnknownRole as exc:
        raise unknown(exc, bot.kb) from None
    bot.feed_jobs = feed_jobs(*settings.config_file(args.config))
    emit(bot.jobs(ids, args.level, args.remote), args.format)
    return 0


def digest(kb: KnowledgeBase, args: argparse.Namespace, settings: Settings) -> int:
    from careerbot.adapters.digest import database_path, failures, report_lines, run_once

    path, named = settings.config_file(args.config)
    # Without a config file the digest still serves the channels and people that subscribed
    # from the chat (their subscriptions live in CAREERBOT_DATABASE).
    has_file = named or path.exists()
    config = read_config(path) if has_file else Config()
    unknown_ids = sorted({r for t in config.targets for r in t.filters.roles} - set(kb.roles))
    if unknown_ids:
        raise UserError(f"{path}: targets name unknown role ids: {', '.join(unknown_ids)}")
    if not args.dry_run:
        _check_credentials(config, path, settings)
    database = database_path(path if has_file else None, config, settings.careerbot_database)
    report = run_until_signal(run_once(kb, config, database, settings, args.date, args.dry_run))
    print("\n".join(report_lines(report, args.dry_run)))
    problems = failures(report, config.feeds)
    for problem in problems:
        print(f"careerbot: digest: {problem}", file=sys.stderr)
    return BROKEN if problems else ANSWERED


#: The setting each platform posts with.
TOKENS = {"slack": "SLACK_BOT_TOKEN", "discord": "DISCORD_TOKEN"}


def _check_credentials(config: Config, path: Path, settings: Settings) -> None:
    """Refuse to start a digest that could not post to some of its channels."""
    have = {"slack": settings.slack_poster_settings() is not None, "discord": bool(settings.discord)}
    missing = sorted({t.platform for t in config.targets if not have[t.platform]})
    if missing:
        names = " and ".join(TOKENS[p] for p in missing)
        raise UserError(f"{path} posts to {' and '.join(missing)}, but {names} is not set "
                        "(environment or .env); use --dry-run to preview without posting")
