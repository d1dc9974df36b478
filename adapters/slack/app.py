"""Slack adapter: a slack-bolt AsyncApp that carries slash commands, mentions, DMs and button
clicks to the core and posts the rendered replies.

Thin on purpose: parse Slack's request, call :class:`~careerbot.bot.engine.Bot`, render with
:mod:`careerbot.adapters.slack.blocks`, send.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.middleware.async_builtins import AsyncRequestVerification
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from careerbot.adapters import observe
from careerbot.adapters.observe import Metrics
from careerbot.adapters.settings import SlackSettings
from careerbot.adapters.slack import blocks
from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot
from careerbot.bot.jobs.store import SQLiteStore, Store
from careerbot.bot.jobs.subscriptions import Requester, Subscriptions

log = logging.getLogger("careerbot.slack")

COMMANDS = re.compile(r"^/(compare|role|jobs|salary|careerbot)$")
#: Replies only the asker should see: help, errors, suggestions for a typo.
PRIVATE = {"help", "suggest", "error", "smalltalk"}


class Replays:
    """Deliveries already answered, kept in the store (the digest's database), so a retried
    event (same ``event_id``) or a replayed signed command or click (same ``trigger_id``) is
    answered once, also after a restart and across replicas sharing the database."""

    #: Slack retries an event for up to about an hour; a signed request is accepted for five
    #: minutes, so a trigger replayed later fails its signature check anyway.
    WINDOWS = {"event": dt.timedelta(hours=1), "trigger": dt.timedelta(minutes=10)}

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(
            dt.UTC), metrics: Metrics | None = None) -> None:
        self.store, self.clock, self.metrics = store, clock, metrics

    async def first_time(self, kind: str, key: str | None) -> bool:
        if not key:
            return True
        try:
            fresh = await asyncio.to_thread(self.store.first_time, kind, key[:200], self.clock(),
                                            self.WINDOWS[kind])
        except Exception as exc:  # noqa: BLE001 - a store down: answer (maybe twice), not never
            log.error("state database: %s: %s", type(exc).__name__, exc)
            if self.metrics is not None:
                self.metrics.store_errors.labels(operation="first_time").inc()
            return True
        if not fresh:
            log.info("repeat delivery of %s %s ignored", kind, key[:40])
        return fresh


class QuietVerification(AsyncRequestVerification):
    """Bolt's signature check, minus two faults: Bolt logs every rejected body in full at
    INFO (a flood of unsigned 1 MB posts became 100 MB of log), and a timestamp that is not a
    number made a 500 instead of a 401."""

    async def async_process(self, *, req: AsyncBoltRequest, resp: BoltResponse,
                            next: Callable[[], Awaitable[BoltResponse]]) -> BoltResponse:
        stamp = req.headers.get("x-slack-request-timestamp", ["0"])[0]
        if not self._can_skip(req.mode, req.body) and not stamp.strip().isdigit():
            self._debug_log_error("", stamp, req.raw_body)
            return self._build_error_response()
        return await super().async_process(req=req, resp=resp, next=next)

    def _debug_log_error(self, signature: str, timestamp: str, body: str) -> None:
        log.debug("rejected a request with a missing or wrong signature (timestamp %.20r, "
                  "body starts %.40r)", timestamp, body)


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


def build_app(bot: Bot, settings: SlackSettings, store: Store | None = None,
              subscriptions: Subscriptions | None = None,
              managers: Sequence[str] = (), metrics: Metrics | None = None) -> AsyncApp:
    """``store`` remembers answered deliveries; without one they are remembered in memory, for
    this process only. ``subscriptions`` (with ``managers``, Slack user ids allowed besides
    workspace admins) lets channels subscribe to the digest from the chat."""
    client = web_client(settings)
    seen = Replays(store or SQLiteStore(":memory:"), metrics=metrics)

    async def requester(client: AsyncWebClient, channel: str, user: str,
                        channel_name: str | None) -> Requester:
        """Who asks: a workspace admin or owner (users.info), or a listed manager, may change
        a channel's subscriptions; their time zone serves their alerts."""
        info: dict[str, Any] = {}
        try:
            info = (await client.users_info(user=user)).get("user") or {}
        except Exception as exc:  # noqa: BLE001 - unknown: not an admin; still answered
            log.warning("users.info failed (%s); treating the user as a member",
                        type(exc).__name__)
        admin = bool(info.get("is_admin") or info.get("is_owner") or user in managers)
        label = f"#{channel_name}" if channel_name and channel_name != "directmessage" \
            else f"<#{channel}>"
        return Requester("slack", channel, user, label, admin,
                         "Only workspace admins and owners (or managers listed in "
                         "careerbot.yaml) can change this channel's subscriptions.",
                         info.get("tz"))

    async def subscription_reply(client: AsyncWebClient, text: str, channel: str, user: str,
                                 channel_name: str | None = None) -> Reply | None:
        if subscriptions is None or subscriptions.command_of(text) is None:
            return None
        who = await requester(client, channel, user, channel_name)
        return await asyncio.to_thread(subscriptions.handle, text, who)
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
        # Checked by QuietVerification instead, which runs in the same place: before authorize.
        request_verification_enabled=False,
        before_authorize=(QuietVerification(settings.signing_secret)
                          if settings.signing_secret else None),
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
        if not await seen.first_time("trigger", command.get("trigger_id")):
            await ack()
            return
        reply = None
        if command.get("command") == "/careerbot":
            reply = await subscription_reply(client, command.get("text") or "",
                                             command.get("channel_id") or "",
                                             command.get("user_id") or "",
                                             command.get("channel_name"))
        if reply is None:
            reply = await observe.command(bot, metrics, "slack", command.get("command", ""),
                                          command.get("text") or "", command.get("user_id"))
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
        if not await seen.first_time("event", body.get("event_id")):
            return
        thread = event.get("thread_ts") or event.get("ts")
        asked = await subscription_reply(client, event.get("text") or "", event["channel"],
                                         event.get("user") or "")
        if asked is not None:
            if asked.kind in PRIVATE and event.get("user"):
                for message in blocks.messages(asked):
                    await client.chat_postEphemeral(channel=event["channel"], user=event["user"],
                                                    **message)
            else:
                await post(client, event["channel"], asked, thread)
            return
        reply = await observe.answer(bot, metrics, "slack", event.get("text") or "", conversation(
            body, event["channel"], thread, event.get("user")), event.get("user"))
        await post(client, event["channel"], reply, thread)

    @app.event("message")
    async def on_message(event: dict[str, Any], body: dict[str, Any],
                         client: AsyncWebClient) -> None:
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype"):
            return
        if not await seen.first_time("event", body.get("event_id")):
            return
        reply = await observe.answer(bot, metrics, "slack", event.get("text") or "", conversation(
            body, event["channel"], event.get("thread_ts"), event.get("user")), event.get("user"))
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
        if not await seen.first_time("trigger", body.get("trigger_id")):
            return
        reply = await observe.command(bot, metrics, "slack", "jobs", action.get("value") or "",
                                      (body.get("user") or {}).get("id"))
        await answer_click(body, client, respond, reply)

    @app.action(blocks.ACTION_COMPARE)
    async def on_compare(ack: Any, action: dict[str, Any], body: dict[str, Any],
                         client: AsyncWebClient, respond: Any) -> None:
        await ack()
        if not await seen.first_time("trigger", body.get("trigger_id")):
            return
        value = ((action.get("selected_option") or {}).get("value")) or ""
        await answer_click(body, client, respond, await observe.command(
            bot, metrics, "slack", "compare", value, (body.get("user") or {}).get("id")))

    @app.action(re.compile(rf"^{blocks.ACTION_ASK}_\d+$"))
    async def on_ask(ack: Any, action: dict[str, Any], body: dict[str, Any],
                     client: AsyncWebClient, respond: Any) -> None:
        await ack()
        if not await seen.first_time("trigger", body.get("trigger_id")):
            return
        container = body.get("container") or {}
        channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        thread = container.get("thread_ts") or container.get("message_ts")
        user = (body.get("user") or {}).get("id")
        await answer_click(body, client, respond, await observe.answer(
            bot, metrics, "slack", action.get("value") or "",
            conversation(body, channel, thread, user), user))

    @app.action(re.compile(r"^careerbot_view_"))
    async def on_link(ack: Any) -> None:
        await ack()  # link buttons open the URL in the browser; Slack still reports the click

    return app
