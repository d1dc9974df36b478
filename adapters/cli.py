"""The ``careerbot`` command: console adapter, one-shot questions and knowledge-base tools.

Exit codes: 0 answered, 1 the knowledge base is broken (or an internal error), 2 a user mistake
(unknown role, bad option). Never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from adapters import console
from adapters.textrender import render
from bot.config import Config
from bot.engine import Bot, UnknownRole
from bot.intents import SECTIONS
from bot.knowledge import KnowledgeBase, KnowledgeError, load
from bot.models import LEVELS, Job
from bot.reply import Reply

USER_ERROR = 2


class UserError(Exception):
    """A mistake in what the user asked for; printed as-is with exit code 2."""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS,
                        help="knowledge-base folder (default: $CAREERBOT_KNOWLEDGE or the "
                             "shipped one)")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["text", "json", "slack", "discord"], default="text",
                     help="text for people, json for the platform-neutral reply document, "
                          "slack for the Block Kit payload, discord for the message payload")

    parser = argparse.ArgumentParser(
        prog="careerbot", parents=[common],
        description="Career answers for data and AI roles. With no command, opens a console.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ask", parents=[common, fmt], help="answer a message as the bot would")
    p.add_argument("text", nargs="+", help="the message")
    p = sub.add_parser("compare", parents=[common, fmt], help="compare two or more roles")
    p.add_argument("roles", nargs="+", metavar="ROLE", help="role ids, titles or aliases")
    p.add_argument("--section", action="append", choices=list(SECTIONS), default=[],
                   help="only this section (repeatable)")
    p = sub.add_parser("role", parents=[common, fmt], help="one role's profile or section")
    p.add_argument("role", help="role id, title or alias")
    p.add_argument("--section", help=f"one of: {', '.join(SECTIONS)}")
    p = sub.add_parser("jobs", parents=[common, fmt], help="featured job listings")
    p.add_argument("--config", metavar="FILE",
                   help="also list jobs from the feeds of this digest config")
    p.add_argument("--role", action="append", default=[], help="only jobs for this role")
    p.add_argument("--level", choices=list(LEVELS))
    p.add_argument("--remote", action="store_true", help="only remote jobs")
    sub.add_parser("roles", parents=[common, fmt], help="list every role")
    sub.add_parser("validate", parents=[common], help="check the knowledge base")
    p = sub.add_parser("match", parents=[common],
                       help="print the roles a message names, as JSON (no TEXT: one per stdin line)")
    p.add_argument("text", nargs="*")
    sub.add_parser("console", parents=[common], help="interactive console (the default)")
    p = sub.add_parser("serve", parents=[common],
                       help="run the chat adapters whose credentials are set (Slack, Discord)")
    p.add_argument("--port", type=int, help="HTTP port (default: $PORT, else 3000)")
    p.add_argument("--host", default="0.0.0.0", help="interface to listen on (default: all)")
    cfg = argparse.ArgumentParser(add_help=False)
    cfg.add_argument("--config", metavar="FILE",
                     help="digest config (default: $CAREERBOT_CONFIG, else ./careerbot.yaml)")
    p = sub.add_parser("digest", parents=[common, cfg],
                       help="post today's new jobs to every subscribed channel, once")
    p.add_argument("--dry-run", action="store_true",
                   help="print what each channel would get; post and record nothing")
    p.add_argument("--date", type=_date, help="run as of this day (YYYY-MM-DD)")
    p = sub.add_parser("discord", parents=[common], help="Discord helpers")
    p.add_argument("action", choices=["invite-url"],
                   help="invite-url: the OAuth2 link that adds the bot to a server")
    p.add_argument("--client-id", help="application id (default: $DISCORD_CLIENT_ID, else read "
                                       "from $DISCORD_TOKEN)")
    return parser


def _emit(reply: Reply, fmt: str) -> None:
    if fmt == "json":
        print(reply.model_dump_json(indent=2))
    elif fmt == "slack":
        from adapters.slack.blocks import payload_json

        print(payload_json(reply))
    elif fmt == "discord":
        from adapters.discord.embeds import payload_json as discord_payload

        print(discord_payload(reply))
    else:
        sys.stdout.write(render(reply))


def _unknown(exc: UnknownRole, kb: KnowledgeBase) -> UserError:
    titles = [f"{kb.roles[r].title} ({r})" for r in exc.closest]
    hint = f" Did you mean: {', '.join(titles)}?" if titles else " Run 'careerbot roles' to list them."
    return UserError(f"unknown role '{exc.name}'.{hint}")


def _run(args: argparse.Namespace) -> int:
    root = getattr(args, "knowledge", None)
    if args.command == "validate":
        try:
            kb = load(Path(root) if root else None)
        except KnowledgeError as exc:
            for problem in exc.problems:
                print(problem)
            print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
            return 1
        print(f"ok: {len(kb.roles)} roles, {len(kb.jobs)} jobs in {kb.root}")
        return 0
    if args.command == "discord":
        return _discord(args)
    kb = load(Path(root) if root else None)
    bot = Bot(kb)
    try:
        match args.command:
            case None | "console":
                if sys.stdin.isatty():
                    return console.run(bot)
                for line in sys.stdin:
                    if line.strip():
                        sys.stdout.write(render(bot.answer(line)) + "\n")
                return 0
            case "ask":
                _emit(bot.answer(" ".join(args.text)), args.format)
            case "compare":
                try:
                    _emit(bot.compare(args.roles, args.section), args.format)
                except ValueError as exc:
                    raise UserError(str(exc)) from None
            case "role":
                try:
                    _emit(bot.role(args.role, args.section), args.format)
                except ValueError as exc:
                    raise UserError(str(exc)) from None
            case "jobs":
                ids = [bot.resolve(r).id for r in args.role]
                bot.feed_jobs = _feed_jobs(args.config, kb)
                _emit(bot.jobs(ids, args.level, args.remote), args.format)
            case "digest":
                return _digest(kb, args)
            case "roles":
                _emit(bot.roles(), args.format)
            case "serve":
                return _serve(bot, args)
            case "match":
                lines = [" ".join(args.text)] if args.text else sys.stdin
                for line in lines:
                    text = line.rstrip("\r\n")
                    print(json.dumps({"text": text, "roles": kb.matcher.match(text)},
                                     ensure_ascii=False), flush=False)
    except UnknownRole as exc:
        raise _unknown(exc, kb) from None
    return 0


def environment() -> dict[str, str]:
    """The process environment over a ``.env`` file in the working directory (if any)."""
    from dotenv import dotenv_values

    values = {k: v for k, v in dotenv_values(".env").items() if v is not None}
    return {**values, **os.environ}


def _discord(args: argparse.Namespace) -> int:
    from adapters.discord.client import client_id_from_token, invite_url

    env = environment()
    client_id = (args.client_id or env.get("DISCORD_CLIENT_ID")
                 or client_id_from_token(env.get("DISCORD_TOKEN", "")))
    if not client_id or not client_id.isdigit():
        raise UserError("no application id: pass --client-id (Developer Portal -> your app -> "
                        "Application ID) or set DISCORD_CLIENT_ID or DISCORD_TOKEN.")
    print(invite_url(client_id))
    return 0


def _config(given: str | None) -> tuple[Path, Config]:
    from bot.config import config_path, load_config

    path = config_path(given)
    try:
        return path, load_config(path)
    except KnowledgeError as exc:
        raise UserError("the digest config has problems:\n" + "\n".join(
            f"  {p}" for p in exc.problems)) from None


def _feed_jobs(given: str | None, kb: KnowledgeBase) -> Callable[[], list[Job]]:
    """Jobs from the digest config's feeds, when there is a config (same sources as the digest)."""
    from bot.config import config_path

    if not given and not config_path(None).exists():
        return list
    import asyncio

    import aiohttp

    from adapters.digest import FeedCache, http_fetch

    _, config = _config(given)
    cache = FeedCache()

    async def fetch() -> None:
        async with aiohttp.ClientSession() as session:
            await cache.refresh(config, http_fetch(session))

    asyncio.run(fetch())
    return cache


def _digest(kb: KnowledgeBase, args: argparse.Namespace) -> int:
    import asyncio
    import logging

    from adapters.digest import report_lines, run_once

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    path, config = _config(args.config)
    unknown = sorted({r for t in config.targets for r in t.filters.roles} - set(kb.roles))
    if unknown:
        raise UserError(f"{path}: targets name unknown role ids: {', '.join(unknown)}")
    report = asyncio.run(run_once(kb, config, path, environment(), args.date, args.dry_run))
    print("\n".join(report_lines(report, args.dry_run)))
    return 0 if report.ok else 1


def _serve(bot: Bot, args: argparse.Namespace) -> int:
    import asyncio
    import logging

    from adapters import serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    env = environment()
    port = args.port or int(env.get("PORT") or 3000)
    from bot.config import config_path

    config_file = config_path(env.get("CAREERBOT_CONFIG"))
    return asyncio.run(serve.run(bot, env, args.host, port, config_file=config_file))


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # bad bytes become U+FFFD, not a crash
    args = _parser().parse_args(argv)
    try:
        return _run(args)
    except UserError as exc:
        print(f"careerbot: {exc}", file=sys.stderr)
        return USER_ERROR
    except KnowledgeError as exc:
        print("careerbot: the knowledge base has problems (run 'careerbot validate'):",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:  # last resort: a clear line instead of a traceback
        print(f"careerbot: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
