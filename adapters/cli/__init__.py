"""The ``careerbot`` command: parses the command line, reads the settings, runs one command and
turns every failure into one clear line and an exit code (see :mod:`.errors`)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence

from careerbot.adapters import logs
from careerbot.adapters.cli import answers, parser
from careerbot.adapters.cli.errors import BROKEN, USER_ERROR, UserError, missing_package
from careerbot.adapters.settings import Settings, SettingsError, load_settings
from careerbot.bot.engine import Bot
from careerbot.bot.jobs.store import StoreError
from careerbot.bot.kb import cache
from careerbot.bot.kb.knowledge import KnowledgeError
from careerbot.bot.understand.context import Contexts, MemoryContexts, SQLiteContexts


def _logging(args: argparse.Namespace, settings: Settings) -> None:
    default = "INFO" if args.command == "serve" else "WARNING"
    level = getattr(args, "log_level", None) or settings.careerbot_log_level or default
    logs.configure(level, timestamps=args.command == "serve")


def run(args: argparse.Namespace, settings: Settings) -> int:
    # Each command imports what it needs: answering a question loads no job or chat code.
    if args.command in ("discord", "slack", "serve"):
        from careerbot.adapters.cli import chat
    if args.command in ("jobs", "digest", "subscriptions"):
        from careerbot.adapters.cli import jobs
    match args.command:
        case "validate":
            return answers.validate(args, settings)
        case "discord":
            return chat.discord(args, settings)
        case "slack":
            return chat.slack(args)
    kb = cache.load(answers.knowledge_root(args, settings), settings.cache_dir())
    match args.command:
        case "digest":
            return jobs.digest(kb, args, settings)
        case "subscriptions":
            return jobs.subscriptions(kb, args, settings)
        case "jobs":
            return jobs.jobs(Bot(kb), args, settings)
        case "serve":
            return chat.serve(Bot(kb, contexts=_contexts(settings)), args, settings)
    return answers.run(Bot(kb, contexts=MemoryContexts()), args)


def _contexts(settings: Settings) -> Contexts:
    """Follow-up context for serve: a SQLite file beside the knowledge-base cache, so it
    survives a restart; in memory when there is no cache folder."""
    folder = settings.cache_dir()
    if folder is not None:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            return SQLiteContexts(folder / "context.sqlite3")
        except (OSError, sqlite3.Error):
            pass
    return MemoryContexts()


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")  # bad bytes become U+FFFD, not a crash
    args = parser.build().parse_args(argv)
    try:
        settings = load_settings()
        _logging(args, settings)
        return run(args, settings)
    except (UserError, SettingsError, StoreError) as exc:
        print(f"careerbot: {exc}", file=sys.stderr)
        return USER_ERROR
    except KnowledgeError as exc:
        print("careerbot: the knowledge base has problems (run 'careerbot validate'):",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return BROKEN
    except ModuleNotFoundError as exc:
        package = missing_package(exc)
        if package is None:
            print(f"careerbot: internal error: {exc} (a broken install? reinstall careerbot)",
                  file=sys.stderr)
            return BROKEN
        print(f"careerbot: this needs the Python package {package}, which is not installed: "
              f"pip install {package}", file=sys.stderr)
        return USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as exc:  # last resort: a clear line instead of a traceback
        print(f"careerbot: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return BROKEN
