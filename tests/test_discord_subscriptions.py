"""Discord side of chat subscriptions: slash commands (/subscribe, /subscriptions, /unsubscribe,
/alert, /alerts, /alert-stop), the mention form, filter autocomplete and alerts sent as direct
messages. The real discord.py client and the core's Subscriptions with a SQLite store, REST
calls going to the fake Discord API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import discord
import pytest

from careerbot.adapters.digest import DiscordPoster
from careerbot.adapters.discord.client import CareerClient, use_api_url
from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot
from careerbot.bot.jobs.config import Config, Target
from careerbot.bot.jobs.store import SQLiteStore
from careerbot.bot.jobs.subscriptions import Subscriptions
from tests.fakes import APP_ID, BOT_USER, FakeDiscord, wait_for
from tests.test_discord import (
    CHANNEL,
    GUILD,
    USER,
    check_message,
    guild_payload,
    interaction_payload,
    message_payload,
)

MANAGE_CHANNELS = 1 << 4
EPHEMERAL = 64
Scenario = Callable[[CareerClient, FakeDiscord, SQLiteStore], Awaitable[None]]


def run_client(bot: Bot, tmp_path: Path, scenario: Scenario) -> None:
    async def main() -> None:
        before = discord.http.Route.BASE
        store = SQLiteStore(tmp_path / "state.db")
        subscriptions = Subscriptions(bot.kb, bot.vocabulary, store, Config().digest)
        async with FakeDiscord() as fake:
            use_api_url(fake.base_url)
            client = CareerClient(bot, guild_id=int(GUILD), subscriptions=subscriptions)
            try:
                await client.login("MTAwMA.fake.token")
                client._connection.parse_guild_create(guild_payload())
                await scenario(client, fake, store)
            finally:
                discord.http.Route.BASE = before
                await client.close()
                store.close()

    asyncio.run(main())


def command(name: str, options: dict[str, str], iid: str, manage: bool = False,
            user: dict[str, Any] | None = None) -> dict[str, Any]:
    payload = interaction_payload(2, name, [{"name": k, "type": 3, "value": v}
                                            for k, v in options.items()], iid=iid)
    payload["member"]["permissions"] = str(2048 | (MANAGE_CHANNELS if manage else 0))
    if user is not None:
        payload["member"]["user"] = user
    return payload


async def answered(fake: FakeDiscord, iid: str) -> dict[str, Any]:
    assert await wait_for(lambda: bool(fake.requests(f"/interactions/{iid}/")))
    (response,) = fake.requests(f"/interactions/{iid}/")
    return response


def test_sync_includes_subscription_commands_with_manage_channels(bot: Bot,
                                                                  tmp_path: Path) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        (synced,) = fake.requests(f"PUT /applications/{APP_ID}/guilds/{GUILD}/commands")
        names = {c["name"]: c for c in synced}
        assert set(names) >= {"subscribe", "subscriptions", "unsubscribe", "alert", "alerts",
                              "alert-stop", "compare", "careerbot"}
        for name in ("subscribe", "unsubscribe"):
            # discord.py sends the bit field as a number; Discord reads "16" and 16 alike.
            assert str(names[name]["default_member_permissions"]) == str(MANAGE_CHANNELS)
        for name in ("subscriptions", "alert", "alerts", "alert-stop"):
            assert names[name].get("default_member_permissions") is None
        (filters,) = names["subscribe"]["options"]
        assert filters["name"] == "filters" and filters["required"] and filters["autocomplete"]
        assert names["alert"]["options"][0]["autocomplete"]

    run_client(bot, tmp_path, scenario)


def test_subscribe_with_manage_channels_stores_the_channel(bot: Bot, tmp_path: Path) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        client._connection.parse_interaction_create(command(
            "subscribe", {"filters": "senior data engineer remote at 08:30 weekdays"}, "2000",
            manage=True))
        response = await answered(fake, "2000")
        assert response["type"] == 4 and not response["data"].get("flags", 0) & EPHEMERAL
        check_message(response["data"])
        assert "Subscribed" in json.dumps(response)
        (sub,) = store.subscriptions()
        target = sub.target
        assert (target.platform, target.channel, target.kind) == ("discord", CHANNEL, "channel")
        assert target.filters.roles == ["data-engineer"] and target.filters.levels == ["senior"]
        assert target.filters.workplace == ["remote"]
        assert (target.time, target.weekdays) == ("08:30", True)
        assert sub.created_by == USER["id"]

        # Listed for anyone in the channel, then stopped by a manager.
        client._connection.parse_interaction_create(command("subscriptions", {}, "2001"))
        listed = await answered(fake, "2001")
        assert "Data Engineer, senior, remote, weekdays 08:30" in json.dumps(listed)
        client._connection.parse_interaction_create(command(
            "unsubscribe", {"which": "all"}, "2002", manage=True))
        assert "Stopped 1 subscription" in json.dumps(await answered(fake, "2002"))
        assert store.subscriptions() == []

    run_client(bot, tmp_path, scenario)


def test_subscribe_without_manage_channels_is_refused_privately(bot: Bot,
                                                                tmp_path: Path) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        client._connection.parse_interaction_create(command(
            "subscribe", {"filters": "data engineer"}, "2010", manage=False))
        response = await answered(fake, "2010")
        assert response["data"]["flags"] & EPHEMERAL
        assert "Manage Channels" in json.dumps(response)
        assert store.subscriptions() == []
        # Nor may they stop one a manager made.
        client._connection.parse_interaction_create(command(
            "subscribe", {"filters": "data engineer"}, "2011", manage=True))
        await answered(fake, "2011")
        client._connection.parse_interaction_create(command(
            "unsubscribe", {"which": "all"}, "2012", manage=False))
        assert (await answered(fake, "2012"))["data"]["flags"] & EPHEMERAL
        assert len(store.subscriptions()) == 1

    run_client(bot, tmp_path, scenario)


def test_unknown_filter_words_get_a_private_did_you_mean(bot: Bot, tmp_path: Path) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        client._connection.parse_interaction_create(command(
            "subscribe", {"filters": "dta enginer"}, "2020", manage=True))
        response = await answered(fake, "2020")
        assert response["data"]["flags"] & EPHEMERAL
        assert "Did you mean" in json.dumps(response)
        assert store.subscriptions() == []

    run_client(bot, tmp_path, scenario)


def test_filters_autocomplete_completes_the_role_typed_last(bot: Bot, tmp_path: Path) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        client._connection.parse_interaction_create(interaction_payload(4, "subscribe", [
            {"name": "filters", "type": 3, "value": "senior data eng", "focused": True}],
            iid="2030"))
        response = await answered(fake, "2030")
        assert response["type"] == 8
        choices = response["data"]["choices"]
        assert 1 <= len(choices) <= 25
        assert all(len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)
        assert choices[0]["value"] == "senior Data Engineer"
        assert all(c["value"].startswith("senior ") for c in choices)

    run_client(bot, tmp_path, scenario)


def test_alert_commands_are_the_users_own(bot: Bot, tmp_path: Path) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        state = client._connection
        state.parse_interaction_create(command("alert", {"filters": "ml engineer remote"},
                                               "2040"))
        assert "Alert for you" in json.dumps(await answered(fake, "2040"))
        (sub,) = store.subscriptions()
        assert (sub.target.kind, sub.target.channel) == ("alert", USER["id"])
        assert sub.target.filters.roles == ["ml-engineer"] and sub.target.timezone is None
        # Another member's /alerts lists nothing; theirs lists it; alert-stop stops it.
        other = {**USER, "id": "78", "username": "bob"}
        state.parse_interaction_create(command("alerts", {}, "2041", user=other))
        assert "No alerts" in json.dumps(await answered(fake, "2041"))
        state.parse_interaction_create(command("alerts", {}, "2042"))
        assert "Machine Learning Engineer" in json.dumps(await answered(fake, "2042"))
        state.parse_interaction_create(command("alert-stop", {"which": "all"}, "2043",
                                               user=other))
        await answered(fake, "2043")
        assert len(store.subscriptions()) == 1
        state.parse_interaction_create(command("alert-stop", {"which": str(sub.target.id)},
                                               "2044"))
        assert "Stopped 1 alert" in json.dumps(await answered(fake, "2044"))
        assert store.subscriptions() == []

    run_client(bot, tmp_path, scenario)


def test_mention_form_subscribes_for_channel_managers_only(bot: Bot, tmp_path: Path) -> None:
    owner = {**USER, "id": "2000", "username": "owner"}  # the guild's owner: every permission

    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        state = client._connection
        text = "<@1000> post remote senior data engineering jobs here every weekday at 9"
        state.parse_message_create(message_payload(text, [BOT_USER], msg_id="2050"))
        assert await wait_for(lambda: len(fake.requests(f"/channels/{CHANNEL}/messages")) == 1)
        assert "Manage Channels" in json.dumps(fake.requests(f"/channels/{CHANNEL}/messages"))
        assert store.subscriptions() == []
        state.parse_message_create(message_payload(text, [BOT_USER], msg_id="2051",
                                                   author=owner))
        assert await wait_for(lambda: len(fake.requests(f"/channels/{CHANNEL}/messages")) == 2)
        sent = fake.requests(f"/channels/{CHANNEL}/messages")[1]
        check_message(sent)
        assert "Subscribed" in json.dumps(sent)
        (sub,) = store.subscriptions()
        assert (sub.target.channel, sub.target.time, sub.target.weekdays) == (CHANNEL, "09:00",
                                                                              True)
        assert sub.target.filters.roles == ["data-engineer"]

    run_client(bot, tmp_path, scenario)


# ---- alerts are direct messages --------------------------------------------------------------


def _reply() -> Reply:
    return Reply(kind="jobs", title="New jobs", text="Two new jobs today.", fallback="jobs")


def run_poster(scenario: Callable[[DiscordPoster, FakeDiscord], Awaitable[None]]) -> None:
    async def main() -> None:
        before = discord.http.Route.BASE
        async with FakeDiscord() as fake:
            use_api_url(fake.base_url)
            client = discord.Client(intents=discord.Intents.none())  # as `careerbot digest`
            try:
                await client.login("MTAwMA.fake.token")
                await scenario(DiscordPoster(client), fake)
            finally:
                discord.http.Route.BASE = before
                await client.close()

    asyncio.run(main())


def test_an_alert_is_sent_as_a_direct_message() -> None:
    async def scenario(poster: DiscordPoster, fake: FakeDiscord) -> None:
        await poster.send(Target(platform="discord", channel="77", kind="alert"), _reply())
        assert fake.requests("GET /users/77")
        (opened,) = fake.requests("POST /users/@me/channels")
        assert str(opened["recipient_id"]) == "77"
        (sent,) = fake.requests("POST /channels/177/messages")  # the DM channel
        check_message(sent)
        assert not fake.requests("POST /channels/77/messages")
        # A channel target still posts to the channel.
        await poster.send(Target(platform="discord", channel=CHANNEL), _reply())
        assert fake.requests(f"POST /channels/{CHANNEL}/messages")

    run_poster(scenario)


def test_an_alert_for_an_unknown_user_raises_not_found() -> None:
    """The core pauses a subscription on NotFound / Forbidden, so they must reach it."""
    async def scenario(poster: DiscordPoster, fake: FakeDiscord) -> None:
        fake.missing_users.add("66")
        with pytest.raises(discord.NotFound):
            await poster.send(Target(platform="discord", channel="66", kind="alert"), _reply())
        fake.fail_channels.add("155")  # the DM channel of user 55: their DMs are closed
        with pytest.raises(discord.Forbidden):
            await poster.send(Target(platform="discord", channel="55", kind="alert"), _reply())

    run_poster(scenario)


def test_careerbot_command_takes_the_subscription_words_too(bot: Bot, tmp_path: Path) -> None:
    """The core's hints say `/careerbot alert me ...`, as on Slack: that works here too."""
    async def scenario(client: CareerClient, fake: FakeDiscord, store: SQLiteStore) -> None:
        client._connection.parse_interaction_create(command(
            "careerbot", {"question": "alert me data scientist"}, "2060"))
        assert "Alert for you" in json.dumps(await answered(fake, "2060"))
        (sub,) = store.subscriptions()
        assert (sub.target.kind, sub.target.channel) == ("alert", USER["id"])
        client._connection.parse_interaction_create(command(
            "careerbot", {"question": "what does a data scientist do?"}, "2061"))
        assert "Data Scientist" in json.dumps(await answered(fake, "2061"))
        assert len(store.subscriptions()) == 1

    run_client(bot, tmp_path, scenario)


def test_serve_gives_the_discord_client_the_subscriptions(bot: Bot, tmp_path: Path) -> None:
    from careerbot.adapters import serve
    from tests.fakes import settings

    server = serve.build(bot, settings(DISCORD_TOKEN="MTAwMA.fake.token",
                                       CAREERBOT_DATABASE=str(tmp_path / "state.db")))
    try:
        client = server.posters["discord"].client
        assert isinstance(client, CareerClient) and client.subscriptions is not None
        assert client.subscriptions.store is server.store
        assert client.tree.get_command("subscribe") is not None
    finally:
        server.store.close()
