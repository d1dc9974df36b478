"""Discord adapter: a discord.py client that answers mentions, DMs, slash commands and button
clicks with the core's replies rendered as embeds, and lets channels subscribe to the job digest
(``/subscribe``, ``/subscriptions``, ``/unsubscribe``) and people set alerts by direct message
(``/alert``, ``/alerts``, ``/alert-stop``).

Default intents only: Discord delivers the content of messages that mention the bot and of DMs
without the privileged message-content intent.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands

from careerbot.adapters import observe
from careerbot.adapters.discord import buttons, embeds
from careerbot.adapters.observe import Metrics
from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot
from careerbot.bot.understand.intents import SECTIONS
from careerbot.bot.understand.text import plain

if TYPE_CHECKING:
    from careerbot.bot.jobs.subscriptions import Requester, Subscriptions

log = logging.getLogger("careerbot.discord")

PRIVATE = {"help", "suggest", "error", "smalltalk"}
#: The least a bot needs to read a channel and answer with embeds, in channels and threads.
PERMISSIONS = discord.Permissions(view_channel=True, send_messages=True,
                                  send_messages_in_threads=True, embed_links=True,
                                  read_message_history=True)
Starter = Callable[["CareerClient"], Awaitable[None]]
#: Said (privately) to someone without Manage Channels who tries to change a channel's.
REFUSAL = "Only members with the Manage Channels permission can change this channel's subscriptions."
#: The bot's mention at the start of a message ("<@1000> subscribe ...").
_LEADING_MENTION = re.compile(r"^\s*<@!?\d+>\s*")
#: Words of a filter that are not part of a role name: the role being typed comes after them.
_NOT_ROLE = frozenset({"at", "tz", "timezone", "min", "minimum", "keywords", "keyword", "weekdays",
                       "weekday", "daily", "every", "and", "or", "in", "for", "jobs", "job", "me",
                       "salary", "pay", "over", "above", "from"})


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


def _role_tail(bot: Bot, words: list[str]) -> int:
    """How many of the last ``words`` (at most three) may be a role being typed: it stops at a
    level, a workplace, a number, a time zone and the like ("senior data eng" -> 2)."""
    count = 0
    for word in reversed(words[-3:]):
        norm = plain(word)
        if (not norm or norm in _NOT_ROLE or any(c.isdigit() for c in word)
                or any(c in word for c in ":/$€£")
                or any(p.search(norm) for _, p in bot.vocabulary.levels)
                or any(p.search(norm) for p in bot.vocabulary.workplaces.values())):
            break
        count += 1
    return count


def filter_choices(bot: Bot, typed: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for subscription filters: the role being typed last, completed, with the
    words before it kept ("senior data eng" -> "senior Data Engineer", "senior Lead Data
    Engineer"...). Up to 25 choices of at most 100 characters."""
    if not typed.strip():
        return [app_commands.Choice(name=embeds.cut(title, 100), value=title)
                for _id, title in bot.complete("", limit=25) if len(title) <= 100]
    if typed != typed.rstrip():
        return []  # a finished word: nothing to complete
    words = typed.split()
    tail = _role_tail(bot, words)
    if not tail:
        return []
    head = " ".join(words[:-tail])
    out: list[app_commands.Choice[str]] = []
    for role_id in bot.kb.matcher.complete(" ".join(words[-tail:]), limit=25):
        value = f"{head} {bot.kb.roles[role_id].title}".strip()
        if len(value) <= 100:
            out.append(app_commands.Choice(name=value, value=value))
    return out[:25]


def requester(interaction: discord.Interaction, alert: bool = False) -> Requester:
    """Who uses a subscription command: members with Manage Channels there may change the
    channel's subscriptions; an alert is the user's own (Discord tells no time zone)."""
    from careerbot.bot.jobs.subscriptions import Requester

    channel = str(interaction.channel_id or "")
    return Requester("discord", channel, str(interaction.user.id), f"<#{channel}>",
                     may_manage=not alert and interaction.guild_id is not None
                     and interaction.permissions.manage_channels,
                     refusal=REFUSAL, timezone=None)


async def subscription_answer(subscriptions: Subscriptions, text: str, who: Requester) -> Reply:
    """The core's reply to a subscription command (its store is SQLite: off the event loop)."""
    reply = await asyncio.to_thread(subscriptions.handle, text, who)
    if reply is None:  # the command words are ours, so the core always knows them
        return Reply(kind="error", title="Subscriptions", text="I did not understand that.",
                     fallback="I did not understand that.")
    return reply


def register_subscription_commands(tree: app_commands.CommandTree, bot: Bot,
                                   subscriptions: Subscriptions) -> None:
    async def complete_filters(_: discord.Interaction,
                               current: str) -> list[app_commands.Choice[str]]:
        return filter_choices(bot, current)

    async def answer(interaction: discord.Interaction, text: str, alert: bool = False) -> None:
        reply = await subscription_answer(subscriptions, text, requester(interaction, alert))
        await send_interaction_reply(interaction, reply)

    @tree.command(name="subscribe", description="Post matching new jobs in this channel daily")
    @app_commands.describe(filters="role, level, remote, min 120k, at 09:00, tz Europe/Berlin, "
                                   "weekdays")
    @app_commands.autocomplete(filters=complete_filters)
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.guild_only()
    async def subscribe(interaction: discord.Interaction, filters: str) -> None:
        await answer(interaction, f"subscribe {filters}")

    @tree.command(name="subscriptions", description="This channel's job digest subscriptions")
    @app_commands.guild_only()
    async def list_subscriptions(interaction: discord.Interaction) -> None:
        await answer(interaction, "subscriptions")

    @tree.command(name="unsubscribe", description="Stop one of this channel's subscriptions")
    @app_commands.describe(which="its number from /subscriptions, or all")
    @app_commands.default_permissions(manage_channels=True)
    @app_commands.guild_only()
    async def unsubscribe(interaction: discord.Interaction, which: str) -> None:
        await answer(interaction, f"unsubscribe {which}")

    @tree.command(name="alert", description="Get matching new jobs by direct message daily")
    @app_commands.describe(filters="role, level, remote, min 120k, at 09:00, tz Europe/Berlin")
    @app_commands.autocomplete(filters=complete_filters)
    async def alert(interaction: discord.Interaction, filters: str) -> None:
        await answer(interaction, f"alert me {filters}", alert=True)

    @tree.command(name="alerts", description="Your job alerts")
    async def alerts(interaction: discord.Interaction) -> None:
        await answer(interaction, "alerts", alert=True)

    @tree.command(name="alert-stop", description="Stop one of your job alerts")
    @app_commands.describe(which="its number from /alerts, or all")
    async def alert_stop(interaction: discord.Interaction, which: str) -> None:
        await answer(interaction, f"alert stop {which}", alert=True)


def register_commands(tree: app_commands.CommandTree, bot: Bot,
                      subscriptions: Subscriptions | None = None,
                      metrics: Metrics | None = None) -> None:
    if subscriptions is not None:
        register_subscription_commands(tree, bot, subscriptions)

    async def roles(_: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return role_choices(bot, current)

    @tree.command(name="compare", description="Compare data and AI roles side by side")
    @app_commands.describe(role1="a role", role2="another role", role3="optional third role",
                           role4="optional fourth role")
    @app_commands.autocomplete(role1=roles, role2=roles, role3=roles, role4=roles)
    async def compare(interaction: discord.Interaction, role1: str, role2: str,
                      role3: str | None = None, role4: str | None = None) -> None:
        names = ", ".join(r for r in (role1, role2, role3, role4) if r)
        await send_interaction_reply(interaction, await observe.command(
            bot, metrics, "discord", "compare", names, str(interaction.user.id)))

    @tree.command(name="role", description="One role's profile, or one section of it")
    @app_commands.describe(role="a role", section="only this section")
    @app_commands.autocomplete(role=roles)
    @app_commands.choices(section=[app_commands.Choice(name=label, value=key)
                                   for key, label in SECTIONS.items()])
    async def role(interaction: discord.Interaction, role: str,
                   section: app_commands.Choice[str] | None = None) -> None:
        text = f"{role} {section.value}" if section else role
        await send_interaction_reply(interaction, await observe.command(
            bot, metrics, "discord", "role", text, str(interaction.user.id)))

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
                await send_interaction_reply(interaction, await observe.command(
            bot, metrics, "discord", "role", role, str(interaction.user.id)))
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
        await send_interaction_reply(interaction, await observe.command(
            bot, metrics, "discord", "salary", text, str(interaction.user.id)))

    @tree.command(name="careerbot", description="Ask careerbot anything, or get help")
    @app_commands.describe(question="leave empty for help")
    async def careerbot(interaction: discord.Interaction, question: str | None = None) -> None:
        # "/careerbot alert me ..." works as on Slack (the core's hints name that form).
        if question and subscriptions is not None and subscriptions.command_of(question):
            alert = subscriptions.command_of(question) in ("alert", "alerts", "alert_stop")
            reply = await subscription_answer(subscriptions, question,
                                              requester(interaction, alert))
            await send_interaction_reply(interaction, reply)
            return
        await send_interaction_reply(interaction, await observe.command(
            bot, metrics, "discord", "careerbot", question or "help", str(interaction.user.id)))


class CareerClient(discord.Client):
    def __init__(self, bot: Bot, guild_id: int | None = None,
                 starters: Sequence[Starter] = (), subscriptions: Subscriptions | None = None,
                 metrics: Metrics | None = None, **options: Any) -> None:
        super().__init__(intents=discord.Intents.default(),
                         allowed_mentions=embeds.NO_PINGS, **options)
        self.bot = bot
        self.guild_id = guild_id
        self.starters = list(starters)
        self.subscriptions = subscriptions
        self.metrics = metrics
        self.tree = app_commands.CommandTree(self)
        register_commands(self.tree, bot, subscriptions, metrics)

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
        reply = None if direct else await self.mention_subscription(message)
        if reply is None:
            reply = await observe.answer(
                self.bot, self.metrics, "discord", message.content or "",
                f"discord:{message.channel.id}:{message.author.id}", str(message.author.id))
        try:
            for i, outgoing in enumerate(embeds.messages(reply)):
                if i == 0 and not direct:
                    await message.reply(mention_author=False, **message_kwargs(outgoing))
                else:
                    await message.channel.send(**message_kwargs(outgoing))
        except discord.HTTPException as exc:
            log.error("could not answer in channel %s: %s", message.channel.id, exc)

    async def mention_subscription(self, message: discord.Message) -> Reply | None:
        """The reply when a mention is a subscription command ("@careerbot post remote data
        engineering jobs here every weekday at 9"), else None. Members with Manage Channels in
        the channel may change its subscriptions."""
        if self.subscriptions is None:
            return None
        text = _LEADING_MENTION.sub("", message.content or "")
        command = self.subscriptions.command_of(text)
        if command is None:
            return None
        from careerbot.bot.jobs.subscriptions import Requester

        alert = command in ("alert", "alerts", "alert_stop")
        permissions_for = getattr(message.channel, "permissions_for", None)
        may_manage = False
        if not alert and permissions_for is not None and isinstance(message.author,
                                                                    discord.Member):
            may_manage = permissions_for(message.author).manage_channels
        channel = str(message.channel.id)
        who = Requester("discord", channel, str(message.author.id), f"<#{channel}>",
                        may_manage=may_manage, refusal=REFUSAL, timezone=None)
        return await subscription_answer(self.subscriptions, text, who)

    async def answer_component(self, interaction: discord.Interaction, kind: str,
                               text: str) -> None:
        """A click on one of our buttons or menus (see :mod:`.buttons`)."""
        if kind == "ask":
            where = f"discord:{interaction.channel_id}:{interaction.user.id}"
            reply = await observe.answer(self.bot, self.metrics, "discord", text, where,
                                         str(interaction.user.id))
        else:
            reply = await observe.command(self.bot, self.metrics, "discord", kind, text,
                                          str(interaction.user.id))
        await send_interaction_reply(interaction, reply)


class ShardedCareerClient(CareerClient, discord.AutoShardedClient):
    """The same bot on an AutoShardedClient (DISCORD_SHARDS): one gateway session per shard,
    for servers past Discord's 2,500-guild limit per session."""
