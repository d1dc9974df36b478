"""Slack adapter: a slack-bolt AsyncApp that carries slash commands, mentions, DMs and button
clicks to the core and posts the rendered replies.

Thin on purpose: parse Slack's request, call :class:`~careerbot.bot.engine.Bot`, render with
:mod:`careerbot.adapters.slack.blocks`, send.
"""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from careerbot.adapters.settings import SlackSettings
from careerbot.adapters.slack import blocks
from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot

log = logging.getLogger("careerbot.slack")

COMMANDS = re.compile(r"^/(compare|role|jobs|salary|careerbot)$")
#: Replies only the asker should see: help, errors, suggestions for a typo.
PRIVATE = {"help", "suggest", "error", "smalltalk"}


class SeenEvents:
    """Event ids already handled, so Slack's retries (same ``event_id``) get no second reply."""

    def __init__(self, ttl: float = 3600, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._ttl, self._size, self._clock = ttl, size, clock

    def first_time(self, event_id: str | None) -> bool:
        if not event_id:
            return True
        now = self._clock()
        while self._seen and (len(self._seen) >= self._size
                              or next(iter(self._seen.values())) < now - self._ttl):
            self._seen.popitem(last=False)
        if event_id in self._seen:
            return False
        self._seen[event_id] = now
        return True


def conversation(body: dict[str, Any], channel: str, thread: str | None,
                 user: str | None) -> str:
    """Follow-ups belong to one person in one thread (or DM) of one workspace."""
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    return f"slack:{team}:{channel}:{thread or ''}:{user or ''}"


def web_client(settings: SlackSettings, with_token: bool = False) -> AsyncWebClient:
    """A Web API client that waits out 429s (Retry-After) and retries dropped connections.

    The Bolt app's client holds no token (Bolt gives each listener a copy with the token from
    ``authorize``); a client used on its own, like the digest's, takes ``with_token``.
    """
    kwargs: dict[str, Any] = {}
    if settings.api_url:
        kwargs["base_url"] = settings.api_url.rstrip("/") + "/"
    return AsyncWebClient(
        token=settings.bot_token if with_token else None,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=3),
                        AsyncConnectionErrorRetryHandler(max_retry_count=2)],
        **kwargs,
    )


def build_app(bot: Bot, settings: SlackSettings, seen: SeenEvents | None = None) -> AsyncApp:
    client = web_client(settings)
    seen = seen or SeenEvents()
    identity: dict[str, AuthorizeResult] = {}

    async def authorize(**_: Any) -> AuthorizeResult:
        # auth.test once, for the bot's own user id (so its own messages are ignored); if the
        # API is unreachable the token alone still lets the bot answer.
        if "result" not in identity:
            try:
                me = await client.auth_test(token=settings.bot_token)
                identity["result"] = AuthorizeResult(
                    enterprise_id=me.get("enterprise_id"), team_id=me.get("team_id"),
                    bot_token=settings.bot_token, bot_id=me.get("bot_id"),
                    bot_user_id=me.get("user_id"))
            except Exception as exc:  # noqa: BLE001 - any failure: answer without identity
                log.warning("auth.test failed (%s); continuing with the token alone",
                            type(exc).__name__)
                return AuthorizeResult(enterprise_id=None, team_id=None,
                                       bot_token=settings.bot_token)
        return identity["result"]

    app = AsyncApp(
        name="careerbot",  # else Bolt names the app with inspect.stack(), ~40 ms at start-up
        client=client, authorize=authorize,
        signing_secret=settings.signing_secret,
        request_verification_enabled=settings.signing_secret is not None,
        process_before_response=False,
        logger=log,
    )

    async def post(client: AsyncWebClient, channel: str, reply: Reply,
                   thread_ts: str | None = None) -> None:
        for message in blocks.messages(reply):
            try:
                await client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                              unfurl_links=False, unfurl_media=False, **message)
            except SlackApiError as exc:
                log.error("chat.postMessage to %s failed: %s", channel, exc.response.get("error"))
                return
        await upload_chart(client, channel, reply, thread_ts)

    async def upload_chart(client: AsyncWebClient, channel: str, reply: Reply,
                           thread_ts: str | None = None) -> None:
        """A pay chart goes up as a PNG file (files upload v2) beside the answer."""
        if reply.chart is None or not reply.chart.rows:
            return
        from careerbot.adapters.chart import FILENAME, png

        try:
            await client.files_upload_v2(channel=channel, thread_ts=thread_ts,
                                         content=png(reply.chart), filename=FILENAME,
                                         title=reply.chart.title)
        except SlackApiError as exc:
            log.error("chart upload to %s failed: %s", channel, exc.response.get("error"))

    @app.command(COMMANDS)
    async def on_command(ack: Any, command: dict[str, Any], respond: Any,
                         client: AsyncWebClient) -> None:
        reply = bot.command(command.get("command", ""), command.get("text") or "")
        visibility = "ephemeral" if reply.kind in PRIVATE else "in_channel"
        first, *rest = blocks.messages(reply)
        await ack(response_type=visibility, **first)
        for message in rest:
            await respond(response_type=visibility, **message)
        if command.get("channel_id"):
            await upload_chart(client, command["channel_id"], reply)

    @app.event("app_mention")
    async def on_mention(event: dict[str, Any], body: dict[str, Any],
                         client: AsyncWebClient) -> None:
        if not seen.first_time(body.get("event_id")):
            log.info("repeat delivery of %s ignored", body.get("event_id"))
            return
        thread = event.get("thread_ts") or event.get("ts")
        reply = bot.answer(event.get("text") or "", conversation(body, event["channel"], thread,
                                                                 event.get("user")))
        await post(client, event["channel"], reply, thread)

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any],
                         client: AsyncWebClient) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        if not seen.first_time(body.get("event_id")):
            log.info("repeat delivery of %s ignored", body.get("event_id"))
            return
        reply = bot.answer(event.get("text") or "", conversation(
            body, event["channel"], event.get("thread_ts"), event.get("user")))
        await post(client, event["channel"], reply, event.get("thread_ts"))

    async def answer_click(body: dict[str, Any], client: AsyncWebClient, respond: Any,
                           reply: Reply) -> None:
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id")
        if container.get("is_ephemeral") or not channel:
            for message in blocks.messages(reply):
                await respond(response_type="ephemeral", replace_original=False, **message)
            return
        thread = container.get("thread_ts") or container.get("message_ts")
        await post(client, channel, reply, thread)

    @app.action(blocks.ACTION_JOBS)
    async def on_jobs(ack: Any, action: dict[str, Any], body: dict[str, Any],
                      client: AsyncWebClient, respond: Any) -> None:
        await ack()
        reply = bot.command("jobs", action.get("value") or "")
        await answer_click(body, client, respond, reply)

    @app.action(blocks.ACTION_COMPARE)
    async def on_compare(ack: Any, action: dict[str, Any], body: dict[str, Any],
                         client: AsyncWebClient, respond: Any) -> None:
        await ack()
        value = ((action.get("selected_option") or {}).get("value")) or ""
        await answer_click(body, client, respond, bot.command("compare", value))

    @app.action(re.compile(rf"^{blocks.ACTION_ASK}_\d+$"))
    async def on_ask(ack: Any, action: dict[str, Any], body: dict[str, Any],
                     client: AsyncWebClient, respond: Any) -> None:
        await ack()
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        thread = container.get("thread_ts") or container.get("message_ts")
        user = (body.get("user") or {}).get("id")
        await answer_click(body, client, respond, bot.answer(
            action.get("value") or "", conversation(body, channel, thread, user)))

    @app.action(re.compile(r"^careerbot_view_"))
    async def on_link(ack: Any) -> None:
        await ack()  # link buttons open the URL in the browser; Slack still reports the click

    return app
