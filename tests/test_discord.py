"""Discord adapter: embeds checked with discord.py's own ``Embed``; the real client driven with
gateway-shaped payloads through its connection state, its REST calls going to a fake Discord
API on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import discord
import pytest

from careerbot.adapters.discord import embeds
from careerbot.adapters.discord.client import (
    CareerClient,
    client_id_from_token,
    invite_url,
    message_kwargs,
    use_api_url,
)
from careerbot.bot.engine import Bot
from tests.fakes import APP_ID, BOT_USER, FakeDiscord, settings, wait_for

HOSTILE = "@everyone @here <@&42> <@77> **bold** [x](https://evil.example) MLE vs head of DS"
GUILD, CHANNEL, USER = "900", "901", {"id": "77", "username": "ann", "discriminator": "0",
                                      "global_name": "Ann", "avatar": None}


def check_message(payload: dict[str, Any]) -> None:
    """Discord's limits, measured with discord.py's Embed, and nothing allowed to ping."""
    built = [discord.Embed.from_dict(e) for e in payload.get("embeds") or []]
    assert 1 <= len(built) <= 10
    assert sum(len(e) for e in built) <= 6000
    for embed in built:
        assert len(embed.title or "") <= 256 and len(embed.description or "") <= 4096
        assert len(embed.fields) <= 25
        for f in embed.fields:
            assert 1 <= len(f.name) <= 256 and 1 <= len(f.value) <= 1024
        assert len(embed.footer.text or "") <= 2048
    assert len(payload.get("content") or "") <= 2000
    assert payload["allowed_mentions"]["parse"] == []
    assert not payload["allowed_mentions"].get("users") and not payload["allowed_mentions"].get(
        "roles") and not payload["allowed_mentions"].get("replied_user")
    dumped = json.dumps(payload, ensure_ascii=False)
    assert "@everyone" not in dumped and "@here" not in dumped and "<@&42>" not in dumped


# ---- rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "MLE vs head of DS", "MLE vs lead MLE vs head of DS vs data science engineer", "data engineer",
    "jobs", "remote jobs", "roles", "help", "heda of dta sicence", HOSTILE, "y" * 5000,
    "how do I go from data analyst to data scientist?",
])
def test_payloads_fit_discord_limits(bot: Bot, text: str) -> None:
    for message in embeds.messages(bot.answer(text)):
        check_message(message.to_dict())


def test_comparison_is_side_by_side(bot: Bot) -> None:
    (first, *_rest) = embeds.messages(bot.answer("full comparison: MLE vs head of DS"))
    fields = first.embeds[0].fields
    inline = [f for f in fields if f.inline]
    assert inline and inline[0].name.endswith("Machine Learning Engineer")
    assert inline[1].name.endswith("Head of Data Science")


def test_jobs_titles_are_links(bot: Bot) -> None:
    (message,) = embeds.messages(bot.answer("jobs"))
    text = " ".join(e.description or "" for e in message.embeds)
    assert ("**[Senior Data Scientist](https://jobs.example.com/murmuration/senior-data-scientist)**"
            in text)


def test_cli_prints_discord_payload() -> None:
    out = subprocess.run([sys.executable, "-m", "careerbot.adapters.cli", "ask", "--format", "discord",
                          HOSTILE], capture_output=True, text=True, timeout=60, check=True)
    payload = json.loads(out.stdout)
    check_message(payload)
    for message in payload["followups"]:
        check_message(message)


@pytest.mark.parametrize("text", [
    "ml engineer vs head of DS", "MLE vs lead MLE vs head of DS vs data science engineer",
    "data engineer", "jobs", "z" * 5000])
def test_cli_payload_is_one_message_with_followups(text: str) -> None:
    out = subprocess.run([sys.executable, "-m", "careerbot.adapters.cli", "ask", "--format", "discord",
                          text], capture_output=True, text=True, timeout=60, check=True)
    payload = json.loads(out.stdout)
    assert set(payload) >= {"content", "embeds", "allowed_mentions", "followups"}
    for message in [payload, *payload["followups"]]:
        check_message(message)


def test_invite_url() -> None:
    url = invite_url(123)
    assert "client_id=123" in url and "scope=bot+applications.commands" in url
    assert f"permissions={embeds.discord.Permissions(274877991936).value}" in url
    assert client_id_from_token("OTg3NjU0MzIx.x.y") == "987654321"
    assert client_id_from_token("garbage!!") is None


def test_autocomplete_ranks_roles(bot: Bot) -> None:
    first = {t: [r for r, _ in bot.complete(t)] for t in ("MLE", "ds", "head of", "quant",
                                                           "machne lerning enginer", "")}
    assert first["MLE"][0] == "ml-engineer"
    assert first["ds"][0] == "data-scientist"
    assert set(first["head of"][:3]) == {"head-of-data", "head-of-data-science", "head-of-ml"}
    assert first["quant"][0] == "quantitative-analyst"
    assert first["machne lerning enginer"][0] == "ml-engineer"
    assert len(first[""]) == 25 and all(len(bot.complete(t)) <= 25 for t in first)
    assert bot.complete("xyzzy qwv") == []


# ---- the running client ----------------------------------------------------------------------


def guild_payload() -> dict[str, Any]:
    return {"id": GUILD, "name": "data folks", "icon": None, "owner_id": "2000",
            "roles": [{"id": GUILD, "name": "@everyone", "permissions": "1024", "position": 0,
                       "color": 0, "hoist": False, "managed": False, "mentionable": False,
                       "flags": 0}],
            "channels": [{"id": CHANNEL, "type": 0, "name": "careers", "position": 0,
                          "permission_overwrites": [], "guild_id": GUILD, "nsfw": False}],
            "members": [], "threads": [], "member_count": 2, "emojis": [], "stickers": [],
            "features": [], "unavailable": False, "large": False, "voice_states": [],
            "presences": [], "mfa_level": 0, "verification_level": 0,
            "explicit_content_filter": 0, "default_message_notifications": 0,
            "system_channel_flags": 0, "premium_tier": 0, "nsfw_level": 0, "preferred_locale": "en-US"}


def message_payload(content: str, mentions: list[dict[str, Any]], guild: bool = True,
                    msg_id: str = "1200", author: dict[str, Any] | None = None) -> dict[str, Any]:
    data = {"id": msg_id, "channel_id": CHANNEL if guild else "950", "type": 0,
            "content": content, "author": author or USER, "mentions": mentions,
            "mention_roles": [], "mention_everyone": "@everyone" in content, "attachments": [],
            "embeds": [], "pinned": False, "tts": False, "flags": 0, "components": [],
            "timestamp": "2025-01-01T00:00:00+00:00", "edited_timestamp": None}
    if guild:
        data["guild_id"] = GUILD
        data["member"] = {"roles": [], "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False,
                          "mute": False, "flags": 0}
    return data


def interaction_payload(kind: int, name: str, options: list[dict[str, Any]],
                        iid: str = "1300") -> dict[str, Any]:
    return {"id": iid, "application_id": APP_ID, "type": kind, "token": f"tok{iid}",
            "version": 1, "guild_id": GUILD, "channel_id": CHANNEL,
            "channel": {"id": CHANNEL, "type": 0, "guild_id": GUILD, "name": "careers",
                        "position": 0, "permission_overwrites": []},
            "member": {"user": USER, "roles": [], "permissions": "2048",
                       "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False,
                       "flags": 0},
            "data": {"id": "3000", "name": name, "type": 1, "options": options},
            "locale": "en-US", "guild_locale": "en-US", "app_permissions": "2048",
            "entitlements": [], "authorizing_integration_owners": {}, "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024}


def run_client(bot: Bot, scenario: Callable[[CareerClient, FakeDiscord], Awaitable[None]]) -> None:
    async def main() -> None:
        before = discord.http.Route.BASE
        async with FakeDiscord() as fake:
            use_api_url(fake.base_url)
            client = CareerClient(bot, guild_id=int(GUILD))
            try:
                await client.login("MTAwMA.fake.token")
                client._connection.parse_guild_create(guild_payload())
                await scenario(client, fake)
            finally:
                discord.http.Route.BASE = before
                await client.close()

    asyncio.run(main())


def test_login_syncs_commands_to_the_guild(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        (synced,) = fake.requests(f"PUT /applications/{APP_ID}/guilds/{GUILD}/commands")
        names = {c["name"]: c for c in synced}
        assert set(names) == {"compare", "role", "jobs", "salary", "careerbot"}
        options = {o["name"]: o for o in names["compare"]["options"]}
        assert all(options[f"role{i}"]["autocomplete"] for i in range(1, 5))
        assert options["role1"]["required"] and not options["role3"].get("required", False)

    run_client(bot, scenario)


def test_mention_gets_a_reply_and_plain_chat_does_not(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        state = client._connection
        state.parse_message_create(message_payload("is anyone around?", [], msg_id="1199"))
        state.parse_message_create(message_payload(
            "<@1000> ml eng vs head of DS", [BOT_USER], msg_id="1200"))
        assert await wait_for(lambda: len(fake.requests(f"/channels/{CHANNEL}/messages")) >= 1)
        await asyncio.sleep(0.2)
        (sent,) = fake.requests(f"/channels/{CHANNEL}/messages")  # one screen: one message
        assert str(sent["message_reference"]["message_id"]) == "1200"
        check_message(sent)
        assert len(sent["embeds"]) == 1
        assert "Machine Learning Engineer vs Head of Data Science" in json.dumps(sent)

    run_client(bot, scenario)


def test_hostile_mention_cannot_ping(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        client._connection.parse_message_create(message_payload(
            f"<@1000> {HOSTILE}", [BOT_USER, USER]))
        assert await wait_for(lambda: bool(fake.requests(f"/channels/{CHANNEL}/messages")))
        for payload in fake.requests(f"/channels/{CHANNEL}/messages"):
            check_message(payload)

    run_client(bot, scenario)


def test_dm_is_answered_inline_and_bots_are_ignored(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        state = client._connection
        state.parse_message_create(message_payload("MLE", [], guild=False, msg_id="1400",
                                                   author={**USER, "id": "88", "bot": True}))
        state.parse_message_create(message_payload("what tools does a data engineer use?", [],
                                                   guild=False, msg_id="1401"))
        assert await wait_for(lambda: bool(fake.requests("/channels/950/messages")))
        await asyncio.sleep(0.2)
        (sent,) = fake.requests("/channels/950/messages")
        assert "message_reference" not in sent and "Apache Spark" in json.dumps(sent)

    run_client(bot, scenario)


def test_slash_compare_and_ephemeral_errors(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        state = client._connection
        state.parse_interaction_create(interaction_payload(2, "compare", [
            {"name": "role1", "type": 3, "value": "ml-engineer"},
            {"name": "role2", "type": 3, "value": "head of DS"}], iid="1500"))
        state.parse_interaction_create(interaction_payload(2, "compare", [
            {"name": "role1", "type": 3, "value": "ml-engineer"},
            {"name": "role2", "type": 3, "value": "heda of dta sicence"}], iid="1501"))
        assert await wait_for(lambda: len(fake.requests("/callback")) == 2)
        ok = fake.requests("/interactions/1500/tok1500/callback")[0]
        assert ok["type"] == 4 and not ok["data"].get("flags")
        check_message(ok["data"])
        assert len(ok["data"]["embeds"]) == 1
        bad = fake.requests("/interactions/1501/tok1501/callback")[0]
        assert bad["data"]["flags"] & 64  # ephemeral
        assert "Did you mean" in json.dumps(bad)

    run_client(bot, scenario)


def test_autocomplete_interaction(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        client._connection.parse_interaction_create(interaction_payload(4, "compare", [
            {"name": "role1", "type": 3, "value": "machne lern", "focused": True}], iid="1600"))
        assert await wait_for(lambda: bool(fake.requests("/interactions/1600/")))
        (answer,) = fake.requests("/interactions/1600/")
        assert answer["type"] == 8
        choices = answer["data"]["choices"]
        assert 1 <= len(choices) <= 25
        assert "ml-engineer" in [c["value"] for c in choices[:3]]

    run_client(bot, scenario)


def _click(state: Any, custom_id: str, iid: str, component_type: int = 2,
           values: list[str] | None = None) -> None:
    click = interaction_payload(3, "", [], iid=iid)
    click["data"] = {"custom_id": custom_id, "component_type": component_type,
                     **({"values": values} if values is not None else {})}
    # Discord sends the clicked message with its components; the persistent item is found there.
    component = ({"type": 2, "style": 2, "label": "x", "custom_id": custom_id}
                 if component_type == 2 else
                 {"type": 3, "custom_id": custom_id, "options": [
                     {"label": v, "value": v} for v in values or ["x"]]})
    click["message"] = {**message_payload("", [], msg_id=f"{iid}0"), "author": BOT_USER,
                        "components": [{"type": 1, "components": [component]}]}
    state.parse_interaction_create(click)


def test_profile_buttons_ask_for_sections(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        state = client._connection
        state.parse_interaction_create(interaction_payload(2, "role", [
            {"name": "role", "type": 3, "value": "data-engineer"}], iid="1700"))
        assert await wait_for(lambda: bool(fake.requests("/interactions/1700/")))
        data = fake.requests("/interactions/1700/")[0]["data"]
        custom_ids = [c["custom_id"] for row in data["components"] for c in row["components"]]
        assert "careerbot:ask:Data Engineer tools" in custom_ids
        _click(state, "careerbot:ask:Data Engineer tools", "1701")
        assert await wait_for(lambda: bool(fake.requests("/interactions/1701/")))
        answer = fake.requests("/interactions/1701/")[0]
        assert "Data Engineer: tools" in json.dumps(answer)
        check_message(answer["data"])

    run_client(bot, scenario)


def test_buttons_of_old_messages_still_answer(bot: Bot) -> None:
    """Custom ids carry the request: a jobs button sent before a restart still works."""
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        _click(client._connection, "careerbot:jobs:data-scientist", "1711")
        assert await wait_for(lambda: bool(fake.requests("/interactions/1711/")))
        assert "Senior Data Scientist" in json.dumps(fake.requests("/interactions/1711/")[0])

    run_client(bot, scenario)


def test_compare_menu_compares_with_the_chosen_role(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        _click(client._connection, "careerbot:compare:data-engineer", "1721", 3,
               ["analytics-engineer"])
        assert await wait_for(lambda: bool(fake.requests("/interactions/1721/")))
        assert "Data Engineer vs Analytics Engineer" in json.dumps(
            fake.requests("/interactions/1721/")[0])

    run_client(bot, scenario)


def test_sent_views_are_not_kept_in_memory(bot: Bot) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        state = client._connection
        for i in range(3):
            state.parse_interaction_create(interaction_payload(2, "role", [
                {"name": "role", "type": 3, "value": "data-engineer"}], iid=f"173{i}"))
        assert await wait_for(lambda: len(fake.requests("/interactions/173")) >= 3)
        assert not any(state._view_store._views.values())  # nothing kept per message

    run_client(bot, scenario)


def test_send_failure_is_logged_not_raised(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    async def scenario(client: CareerClient, fake: FakeDiscord) -> None:
        fake.fail_channels.add(CHANNEL)
        await client.on_message(discord.Message(
            state=client._connection, channel=client.get_channel(int(CHANNEL)),
            data=message_payload("<@1000> MLE", [BOT_USER])))
        assert "could not answer" in caplog.text

    run_client(bot, scenario)


def test_serve_runs_discord_over_the_gateway(bot: Bot) -> None:
    """`careerbot serve` with DISCORD_TOKEN: logs in, syncs commands, connects to the gateway,
    and answers a MESSAGE_CREATE that mentions it; default intents (no message content)."""
    from careerbot.adapters import serve
    from tests.fakes import free_port

    async def main() -> None:
        before = discord.http.Route.BASE
        gateway_before = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        async with FakeDiscord() as fake:
            stop = asyncio.Event()
            port = free_port()
            env = settings(DISCORD_TOKEN="MTAwMA.fake.token", DISCORD_API_URL=fake.base_url,
                           CAREERBOT_DATABASE=":memory:",
                           DISCORD_GATEWAY_URL=f"ws://127.0.0.1:{fake.port}/",
                           DISCORD_GUILD_ID=GUILD)
            task = asyncio.create_task(serve.run(bot, env, "127.0.0.1", port, stop))
            try:
                assert await wait_for(lambda: bool(fake.identified))
                intents = discord.Intents._from_value(fake.identified[0]["intents"])
                assert not intents.message_content and intents.guild_messages
                assert fake.requests(f"PUT /applications/{APP_ID}/guilds/{GUILD}/commands")
                fake.dispatch("GUILD_CREATE", guild_payload())
                fake.dispatch("MESSAGE_CREATE", message_payload(
                    "<@1000> how do I become a data engineer?", [BOT_USER]))
                assert await wait_for(lambda: bool(fake.requests(f"/channels/{CHANNEL}/messages")))
                sent = fake.requests(f"/channels/{CHANNEL}/messages")[0]
                check_message(sent)
                assert "How to become a Data Engineer" in json.dumps(sent)
            finally:
                stop.set()
                assert await asyncio.wait_for(task, 20) == 0
                discord.http.Route.BASE = before
                discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway_before

    asyncio.run(main())


def test_a_salary_chart_is_attached_and_shown_in_the_embed(bot: Bot) -> None:
    (message,) = embeds.messages(bot.answer("data engineer salary chart"))
    assert message.image is not None and message.image.startswith(b"\x89PNG\r\n\x1a\n")
    assert message.embeds[0].image.url == f"attachment://{embeds.CHART_FILE}"
    assert message_kwargs(message)["file"].filename == embeds.CHART_FILE


def test_a_job_without_a_link_is_bold_not_a_link(bot: Bot) -> None:
    reply = bot.answer("jobs")
    reply = reply.model_copy(update={"jobs": [j.model_copy(update={"url": None})
                                              for j in reply.jobs]})
    (message,) = embeds.messages(reply)
    text = " ".join(e.description or "" for e in message.embeds)
    assert "**Senior Data Scientist**" in text and "](" not in text
