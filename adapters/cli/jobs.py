"""``careerbot jobs`` (curated jobs and, with a digest config, its feeds), ``careerbot digest``
and ``careerbot subscriptions``."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from careerbot.adapters.cli.answers import emit, unknown
from careerbot.adapters.cli.errors import ANSWERED, BROKEN, UserError, run_until_signal
from careerbot.adapters.settings import Settings
from careerbot.bot.engine import Bot, UnknownRole
from careerbot.bot.jobs.config import Config, Target, load_config
from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError, Problem, parse_file
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
    emit(bot.jobs(ids, args.level, args.remote, args.min_salary), args.format)
    return 0


def digest(kb: KnowledgeBase, args: argparse.Namespace, settings: Settings) -> int:
    from careerbot.adapters.digest import database_path, failures, report_lines, run_once

    path, named = settings.config_file(args.config)
    # Without a config file the digest still serves the channels and people that subscribed
    # from the chat (their subscriptions live in CAREERBOT_DATABASE_URL or CAREERBOT_DATABASE).
    has_file = named or path.exists()
    config = read_config(path) if has_file else Config()
    unknown_ids = sorted({r for t in config.targets for r in t.filters.roles} - set(kb.roles))
    if unknown_ids:
        raise UserError(f"{path}: targets name unknown role ids: {', '.join(unknown_ids)}")
    if not args.dry_run:
        _check_credentials(config, path, settings)
    database = database_path(path if has_file else None, config, settings.careerbot_database,
                             settings.database_url())
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


class Exported(Target):
    """One subscription in an export file: the target plus who made it and whether paused."""

    created_by: str = "import"
    paused: str | None = None


class ExportFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subscriptions: list[Exported]


def subscriptions(kb: KnowledgeBase, args: argparse.Namespace, settings: Settings) -> int:
    """``careerbot subscriptions list|export FILE|import FILE``: the chat's subscriptions, for an
    operator to check, back up or move (the config's targets stay in the config)."""
    from careerbot.adapters.digest import database_path
    from careerbot.bot.jobs.digest import next_run_of
    from careerbot.bot.jobs.store import open_store
    from careerbot.bot.jobs.subscriptions import Subscriptions
    from careerbot.bot.understand.intents import vocabulary

    path, named = settings.config_file(args.config)
    has_file = named or path.exists()
    config = read_config(path) if has_file else Config()
    if args.action != "list" and args.file is None:
        raise UserError(f"'careerbot subscriptions {args.action}' needs a FILE")
    store = open_store(database_path(path if has_file else None, config,
                                     settings.careerbot_database, settings.database_url()))
    try:
        subs = Subscriptions(kb, vocabulary(kb.intents), store, config.digest)
        now = dt.datetime.now(dt.UTC)
        current = store.subscriptions()
        if args.action == "list":
            for s in current:
                state = f"paused ({s.paused})" if s.paused else (
                    f"next {next_run_of(now, s.target, config.digest):%Y-%m-%d %H:%M %Z}")
                print(f"{s.target.id}\t{s.target.platform}:{s.target.kind}:{s.target.channel}\t"
                      f"{subs.describe(s.target)}\t{state}")
            if not current:
                print("no subscriptions")
            return ANSWERED
        if args.action == "export":
            rows = [{**s.target.model_dump(mode="json", exclude_defaults=True),
                     "created_by": s.created_by, **({"paused": s.paused} if s.paused else {})}
                    for s in current]
            args.file.write_text(yaml.safe_dump({"subscriptions": rows}, sort_keys=False),
                                 encoding="utf-8")
            print(f"exported {len(rows)} subscription(s) to {args.file}")
            return ANSWERED
        problems: list[Problem] = []
        loaded = parse_file(args.file, ExportFile, problems)
        if loaded is None:
            raise UserError("the file has problems:\n" + "\n".join(f"  {p}" for p in problems))
        rows = loaded.model.subscriptions  # type: ignore[attr-defined]
        unknown_ids = sorted({r for row in rows for r in row.filters.roles} - set(kb.roles))
        if unknown_ids:
            raise UserError(f"{args.file}: unknown role ids: {', '.join(unknown_ids)}")
        have = {_same(s.target) for s in current}
        added = 0
        for row in loaded.model.subscriptions:  # type: ignore[attr-defined]
            target = Target.model_validate(row.model_dump(exclude={"created_by", "paused", "id"}))
            if _same(target) in have:
                continue
            stored = store.add_subscription(target, row.created_by, now, limit=10_000)
            if stored is not None and row.paused:
                store.pause_subscription(stored.id or 0, row.paused)
            have.add(_same(target))
            added += 1
        print(f"imported {added} subscription(s); {len(loaded.model.subscriptions) - added} "  # type: ignore[attr-defined]
              "already there")
        return ANSWERED
    finally:
        store.close()


def _same(target: Target) -> str:
    """Two subscriptions are the same when all but their number are."""
    return target.model_copy(update={"id": None}).model_dump_json()
