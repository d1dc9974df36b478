"""Chat-platform commands: ``serve`` and the Slack and Discord setup helpers."""

from __future__ import annotations

import argparse
import asyncio
from importlib import resources

from careerbot.adapters.cli.errors import UserError
from careerbot.adapters.settings import Settings
from careerbot.bot.engine import Bot


def serve(bot: Bot, args: argparse.Namespace, settings: Settings) -> int:
    from careerbot.adapters import serve as server

    port = args.port or settings.port
    config_file, _ = settings.config_file(args.config)
    return asyncio.run(server.run(bot, settings, args.host, port, config_file=config_file))


def slack_manifest() -> str:
    """The Slack app manifest, read from the installed package (no Slack SDK import)."""
    return resources.files("careerbot.adapters.slack").joinpath("manifest.yaml").read_text("utf-8")


def slack(args: argparse.Namespace) -> int:
    print(slack_manifest(), end="")
    return 0


def discord(args: argparse.Namespace, settings: Settings) -> int:
    from careerbot.adapters.discord.client import client_id_from_token, invite_url

    client_id = (args.client_id or settings.discord_client_id
                 or client_id_from_token(settings.discord or ""))
    if not client_id or not client_id.isdigit():
        raise UserError("no application id: pass --client-id (Developer Portal -> your app -> "
                        "Application ID) or set DISCORD_CLIENT_ID or DISCORD_TOKEN.")
    print(invite_url(client_id))
    return 0
