"""Commands that answer from the knowledge base: ask, compare, role, roles, match, validate and
the console. Chat SDKs are imported only for ``--format slack`` and ``--format discord``."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from careerbot.adapters import console
from careerbot.adapters.cli.errors import BROKEN, UserError
from careerbot.adapters.settings import Settings
from careerbot.adapters.textrender import render
from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot, UnknownRole
from careerbot.bot.kb.audit import audit
from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError, load


def knowledge_root(args: argparse.Namespace, settings: Settings) -> Path | None:
    """``--knowledge``, else ``CAREERBOT_KNOWLEDGE``, else None (the shipped knowledge base)."""
    given = getattr(args, "knowledge", None)
    return Path(given) if given else settings.careerbot_knowledge


def emit(reply: Reply, fmt: str) -> None:
    if fmt == "json":
        print(reply.model_dump_json(indent=2))
    elif fmt == "slack":
        from careerbot.adapters.slack.blocks import payload_json

        print(payload_json(reply))
    elif fmt == "discord":
        from careerbot.adapters.discord.embeds import payload_json as discord_payload

        print(discord_payload(reply))
    else:
        sys.stdout.write(render(reply))


def save_chart(reply: Reply, path: Path) -> None:
    if reply.chart is None or not reply.chart.rows:
        raise UserError("this answer has no chart; ask for one, e.g. \u201cdata engineer salary "
                        "chart\u201d")
    from careerbot.adapters.chart import png

    path.write_bytes(png(reply.chart))
    print(f"chart saved to {path}", file=sys.stderr)


def unknown(exc: UnknownRole, kb: KnowledgeBase) -> UserError:
    titles = [f"{kb.roles[r].title} ({r})" for r in exc.closest]
    hint = f" Did you mean: {', '.join(titles)}?" if titles else " Run 'careerbot roles' to list them."
    return UserError(f"unknown role '{exc.name}'.{hint}")


def validate(args: argparse.Namespace, settings: Settings) -> int:
    try:
        kb = load(knowledge_root(args, settings))
    except KnowledgeError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) found.", file=sys.stderr)
        return BROKEN
    warnings = audit(kb.root, dt.date.today())
    for warning in warnings:
        print(f"{warning} (warning)")
    if warnings and args.strict:
        print(f"{len(warnings)} warning(s), and --strict treats them as errors.", file=sys.stderr)
        return BROKEN
    print(f"ok: {len(kb.roles)} roles, {len(kb.jobs)} jobs in {kb.root}"
          + (f"; {len(warnings)} warning(s)" if warnings else ""))
    return 0


def run(bot: Bot, args: argparse.Namespace) -> int:
    """The answering commands, with a loaded bot."""
    try:
        match args.command:
            case None | "console":
                fmt = getattr(args, "format", "text")
                if sys.stdin.isatty() and fmt == "text":
                    return console.run(bot)
                for line in sys.stdin:
                    if not line.strip():
                        continue
                    reply = bot.answer(line, "console")
                    if fmt == "json":  # JSON Lines: a conversation scripted end to end
                        print(reply.model_dump_json(), flush=True)
                    else:
                        sys.stdout.write(render(reply) + "\n")
            case "ask":
                reply = bot.answer(" ".join(args.text))
                emit(reply, args.format)
                if args.chart:
                    save_chart(reply, Path(args.chart))
            case "compare":
                try:
                    emit(bot.compare(args.roles, args.section, args.full), args.format)
                except ValueError as exc:
                    raise UserError(str(exc)) from None
            case "role":
                try:
                    emit(bot.role(args.role, args.section, args.full), args.format)
                except ValueError as exc:
                    raise UserError(str(exc)) from None
            case "roles":
                emit(bot.roles(), args.format)
            case "match":
                lines = [" ".join(args.text)] if args.text else sys.stdin
                for line in lines:
                    text = line.rstrip("\r\n")
                    print(json.dumps({"text": text, "roles": bot.kb.matcher.match(text)},
                                     ensure_ascii=False), flush=False)
    except UnknownRole as exc:
        raise unknown(exc, bot.kb) from None
    return 0
