"""Discord adapter: a discord.py client that answers mentions, DMs, slash commands and button
clicks with the core's replies rendered as embeds.

Default intents only: Discord delivers the content of messages that mention the bot and of DMs
without the privileged message-content intent.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Literal

import discord
from discord import app_commands

from careerbot.adapters.discord import buttons, embeds
from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot
from careerbot.bot.understand.intents import SECTIONS

log = logging.getLogger("careerbot.discord")

PRIVATE = {"help", "suggest", "error", "smalltalk"}
#: The least a bot needs to read a channel and answer with embeds, in channels and threads.
PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True,
                                  send_messages_in_threads=True, embed_links=True,
                                  read_message_history=True)
Starter = Callable[["CareerClient"], Awaitable[None]]


def use_api_url(url: str | None, gateway: str | None = None) -> None:
    """Send discord.py's REST calls and gateway connection elsewhere (a proxy, a test fake)."""
    if url:
        discord.http.Route.BASE = url.rstrip("/")
    if gateway:
        import yarl

        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def client_id_from_token(token: str) -> str | None:
    """A bot token's first part is its user id (the application id) in base64."""
    import base64
    import binascii

    head = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded if decoded.isdigit() else None


def invite_url(client_id: int | str) -> str:
    return discord.utils.oauth_url(client_id, permissions=PERMISSIONS,
                                   scopes=("bot", "applications.commands"))


def message_kwargs(message: embeds.Outgoing) -> dict[str, Any]:
    out: dict[str, Any] = {"embeds": message.embeds,
                           "allowed_mentions": message.allowed_mentions}
    if message.view is not None:
        out["view"] = message.view
    if message.content:
        out["content"] = message.content
    if message.image is not None:
        out["file"] = discord.File(io.BytesIO(message.image), filename=embeds.CHART_FILE)
    return out


async def send_interaction_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """First message as the interaction response, the rest as follow-ups."""
    private = reply.kind in PRIVATE
    first, *rest = embeds.messages(reply)
    await interaction.response.send_message(ephemeral=private, **message_kwargs(first))
    for message in rest:
        await interaction.followup.send(ephemeral=private, **message_kwargs(message))


def role_choices(bot: Bot, typed: str) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=embeds.cut(title, 100), value=role_id)
            for role_id, title in bot.complete(typed, limit=25)]


def register_commands(tree: app_commands.CommandTree, bot: Bot) -> None:
    async def roles(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return role_choices(bot, current)

    @tree.command(name="compare", description="Compare data and AI roles side by side")
    @app_commands.describe(role1="a role", role2="another role", role3="optional third role",
                           role4="optional fourth role")
    @app_commands.autocomplete(role1=roles, role2=roles, role3=roles, role4=roles)
    async def compare(interaction: discord.Interaction, role1: str, role2: str,
                      role3: str | None = None, role4: str | None = None) -> None:
        names = ", ".join(r for r in (role1, role2, role3, role4) if r)
        await send_interaction_reply(interaction, await bot.command_async("compare", names))

    @tree.command(name="role", description="One role's profile, or one section of it")
    @app_commands.describe(role="a role", section="only this section")
    @app_commands.autocomplete(role=roles)
    @app_commands.choices(section=[app_commands.Choice(name=label, value=key)
                                   for key, label in SECTIONS.items()])
    async def role(interaction: discord.Interaction, role: str,
                   section: app_commands.Choice[str] | None = None) -> None:
        text = f"{role} {section.value}" if section else role
        await send_interaction_reply(interaction, await bot.command_async("role", text))

    @tree.command(name="jobs", description="Featured jobs, filtered by role, level and remote")
    @app_commands.autocomplete(role=roles)
    async def jobs(interaction: discord.Interaction, role: str | None = None,
                   level: Literal["entry", "mid", "senior", "executive"] | None = None,
                   remote: bool = False) -> None:
        ids = []
        if role:
            try:
                ids = [bot.resolve(role).id]
            except Exception:  # noqa: BLE001 - an unknown role gets suggestions below
                await send_interaction_reply(interaction, await bot.command_async("role", role))
                return
        await send_interaction_reply(interaction, bot.jobs(ids, level, remote))

    async def countries(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=name, value=name)
                for _code, name in bot.complete_country(current)]

    @tree.command(name="salary", description="Pay for a role, by level and country")
    @app_commands.describe(role="a role", level="experience level", country="a country")
    @app_commands.autocomplete(role=roles, country=countries)
    async def salary(interaction: discord.Interaction, role: str,
                     level: Literal["entry", "mid", "senior", "executive"] | None = None,
                     country: str | None = None) -> None:
        text = " ".join(part for part in (role, level, country) if part)
        await send_interaction_reply(interaction, await bot.command_async("salary", text))

    @tree.command(name="careerbot", description="Ask careerbot anything, or get help")
    @app_commands.describe(question="leave empty for help")
    async def careerbot(interaction: discord.Interaction, question: str | None = None) -> None:
        await send_interaction_reply(interaction, await bot.command_async("careerbot", question or "help"))


class CareerClient(discord.Client):
    def __init__(self, bot: Bot, guild_id: int | None = None,
                 starters: Sequence[Starter] = (), **options: Any) -> None:
        super().__init__(intents=discord.Intents.default(),
                         allowed_mentions=embeds.NO_PINGS, **options)
        self.bot = bot
        self.guild_id = guild_id
        self.starters = list(starters)
        self.tree = app_commands.CommandTree(self)
        register_commands(self.tree, bot)

    async def setup_hook(self) -> None:
        # Runs once per login (on_ready runs again on every reconnect): register the persistent
        # buttons, sync commands and start background work here.
        self.add_dynamic_items(*buttons.ITEMS)
        guild = discord.Object(id=self.guild_id) if self.guild_id else None
        if guild is not None:
            self.tree.copy_global_to(guild=guild)
        try:
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d application commands %s", len(synced),
                     f"to guild {self.guild_id}" if guild else "globally")
        except discord.HTTPException as exc:
            log.error("could not sync application commands: %s", exc)
        for start in self.starters:
            await start(self)

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot or self.user is None:
            return
        direct = message.guild is None
        if not direct and self.user not in message.mentions:
            return
        reply = await self.bot.answer_async(message.content or "",
                                f"discord:{message.channel.id}:{message.author.id}")
        try:
            for i, outgoing in enumerate(embeds.messages(reply)):
                if i == 0 and not direct:
                    await message.reply(mention_author=False, **message_kwargs(outgoing))
                else:
                    await message.channel.send(**message_kwargs(outgoing))
        except discord.HTTPException as exc:
            log.error("could not answer in channel %s: %s", message.channel.id, exc)

    async def answer_component(self, interaction: discord.Interaction, kind: str,
                               text: str) -> None:
        """A click on one of our buttons or menus (see :mod:`.buttons`)."""
        if kind == "ask":
            where = f"discord:{interaction.channel_id}:{interaction.user.id}"
            reply = await self.bot.answer_async(text, where)
        else:
            reply = await self.bot.command_async(kind, text)
        await send_interaction_reply(interaction, reply)
