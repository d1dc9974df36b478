"""The command line: every ``careerbot`` command, its options and their help."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from careerbot.bot.kb.models import LEVELS
from careerbot.bot.understand.intents import SECTIONS


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge", metavar="DIR", default=argparse.SUPPRESS,
                        help="knowledge-base folder (default: $CAREERBOT_KNOWLEDGE or the "
                             "shipped one)")
    common.add_argument("--log-level", default=argparse.SUPPRESS, type=str.upper,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"],
                        help="default: $CAREERBOT_LOG_LEVEL, else INFO for serve, WARNING otherwise")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument("--format", choices=["text", "json", "slack", "discord"], default="text",
                     help="text for people, json for the platform-neutral reply document, "
                          "slack for the Block Kit payload, discord for the message payload")
    cfg = argparse.ArgumentParser(add_help=False)
    cfg.add_argument("--config", metavar="FILE",
                     help="digest config (default: $CAREERBOT_CONFIG, else ./careerbot.yaml)")

    parser = argparse.ArgumentParser(
        prog="careerbot", parents=[common],
        description="Career answers for data and AI roles. With no command, opens a console.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ask", parents=[common, fmt], help="answer a message as the bot would")
    p.add_argument("text", nargs="+", help="the message")
    p.add_argument("--chart", metavar="FILE",
                   help="save the answer's pay chart as a PNG (ask for a chart: 'DE salary chart')")
    p = sub.add_parser("compare", parents=[common, fmt], help="compare two or more roles")
    p.add_argument("roles", nargs="+", metavar="ROLE", help="role ids, titles or aliases")
    p.add_argument("--section", action="append", choices=list(SECTIONS), default=[],
                   help="only this section (repeatable)")
    p.add_argument("--full", action="store_true",
                   help="every section side by side, not the one-screen summary")
    p = sub.add_parser("role", parents=[common, fmt], help="one role's profile or section")
    p.add_argument("role", help="role id, title or alias")
    p.add_argument("--full", action="store_true", help="the whole profile, not one screen")
    p.add_argument("--section", help=f"one of: {', '.join(SECTIONS)}")
    p = sub.add_parser("jobs", parents=[common, fmt, cfg], help="featured job listings")
    p.add_argument("--role", action="append", default=[], help="only jobs for this role")
    p.add_argument("--level", choices=list(LEVELS))
    p.add_argument("--remote", action="store_true", help="only remote jobs")
    p.add_argument("--min-salary", type=int, metavar="N",
                   help="only jobs whose pay range reaches N a year")
    sub.add_parser("roles", parents=[common, fmt], help="list every role")
    p = sub.add_parser("validate", parents=[common],
                       help="check the knowledge base; warn about old sources, closed jobs, "
                            "figures without a source and sources without an address")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors (exit 1)")
    p = sub.add_parser("match", parents=[common],
                       help="print the roles a message names, as JSON (no TEXT: one per stdin line)")
    p.add_argument("text", nargs="*")
    p = sub.add_parser("console", parents=[common], help="interactive console (the default)")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="json: one reply document per input line (JSON Lines), for scripts")
    p = sub.add_parser("serve", parents=[common, cfg],
                       help="run the chat adapters whose credentials are set (Slack, Discord)")
    p.add_argument("--port", type=int, help="HTTP port (default: $PORT, else 3000)")
    p.add_argument("--host", default="0.0.0.0", help="interface to listen on (default: all)")
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
    p = sub.add_parser("subscriptions", parents=[common, cfg],
                       help="the digest subscriptions made in the chat: list, export, import")
    p.add_argument("action", choices=["list", "export", "import"],
                   help="list: each with its filters and state; export FILE / import FILE: YAML")
    p.add_argument("file", nargs="?", type=Path, help="the YAML file to write or read")
    p = sub.add_parser("slack", parents=[common], help="Slack helpers")
    p.add_argument("action", choices=["manifest"],
                   help="manifest: the Slack app manifest, to paste at api.slack.com/apps")
    return parser
