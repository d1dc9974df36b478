"""Fakes of remote chat APIs, served for real on 127.0.0.1 (aiohttp), recording what they get."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from careerbot.adapters.settings import Settings


def settings(**env: str) -> Settings:
    """Settings from these variables only (SLACK_BOT_TOKEN=...), ignoring the real environment
    and any .env file, as the process would read them."""
    return Settings.model_validate({name.lower(): value for name, value in env.items()})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def start(app: web.Application, port: int | None = None) -> tuple[web.AppRunner, int]:
    port = port or free_port()
    # Short shutdown: some handlers hang on purpose (timeouts, posts "in flight").
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, port


class Loopback:
    """Base of the fakes: an aiohttp app on a free 127.0.0.1 port for the ``async with``."""

    port: int
    _runner: web.AppRunner | None

    def mount(self, app: web.Application) -> None:
        raise NotImplementedError

    async def __aenter__(self):  # noqa: ANN204 - returns the subclass
        app = web.Application()
        self.mount(app)
        self._runner, self.port = await start(app)
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._runner:
            await self._runner.cleanup()


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FakeSlack(Loopback):
    """Slack's Web API (``/api/<method>``) plus a Socket Mode WebSocket at ``/link``."""

    calls: list[Call] = field(default_factory=list)
    #: method -> how many times to answer 429 before succeeding
    rate_limit: dict[str, int] = field(default_factory=dict)
    #: method -> Slack error code to answer with (``{"ok": false, "error": ...}``)
    fail: dict[str, str] = field(default_factory=dict)
    envelopes: list[dict[str, Any]] = field(default_factory=list)
    acks: list[dict[str, Any]] = field(default_factory=list)
    port: int = 0
    on_call: Callable[[Call], None] | None = None
    #: channel -> Slack error code for chat.postMessage there (e.g. "channel_not_found")
    fail_channels: dict[str, str] = field(default_factory=dict)
    #: a call for which this returns True is recorded, then never answered
    hang: Callable[[Call], bool] | None = None
    #: seconds to wait before answering chat.postMessage (to observe concurrency)
    delay: float = 0.0
    #: file id -> the bytes uploaded to it
    uploads: dict[str, bytes] = field(default_factory=dict)
    #: user id -> the ``user`` object users.info answers (is_admin, tz...); others: not found
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    in_flight: int = 0
    max_in_flight: int = 0
    _runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def posts(self, method: str = "chat.postMessage") -> list[dict[str, Any]]:
        return [c.args for c in self.calls if c.method == method]

    def mount(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/{method}", self._api)  # users.info is a GET
        app.router.add_get("/link", self._socket)
        app.router.add_post("/upload/{file_id}", self._upload)

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL that files.getUploadURLExternal hands out (files upload v2)."""
        self.uploads[request.match_info["file_id"]] = await request.read()
        return web.Response(text="OK - 1")

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        if request.content_type == "application/json":
            args = {**dict(request.query), **json.loads(raw or "{}")}
        else:
            args = {**dict(request.query), **dict(parse_qsl(raw))}
            for key in ("blocks", "attachments"):
                if isinstance(args.get(key), str):
                    args[key] = json.loads(args[key])
        call = Call(method, args, dict(request.headers))
        if self.rate_limit.get(method, 0) > 0:
            self.rate_limit[method] -= 1
            self.calls.append(Call(method + ":429", args, dict(request.headers)))
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": "1"})
        self.calls.append(call)
        if self.on_call:
            self.on_call(call)
        if self.hang and self.hang(call):
            await asyncio.Event().wait()
        if method in self.fail:
            return web.json_response({"ok": False, "error": self.fail[method]})
        if method == "chat.postMessage" and args.get("channel") in self.fail_channels:
            return web.json_response({"ok": False,
                                      "error": self.fail_channels[args["channel"]]})
        if method == "chat.postMessage" and self.delay:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            await asyncio.sleep(self.delay)
            self.in_flight -= 1
        if method == "auth.test":
            return web.json_response({"ok": True, "user_id": "UBOT", "bot_id": "BBOT",
                                      "team_id": "T1", "user": "careerbot"})
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": f"ws://127.0.0.1:{self.port}/link"})
        if method == "chat.postMessage":
            return web.json_response({"ok": True, "channel": args.get("channel"),
                                      "ts": f"{len(self.calls)}.000100"})
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.calls)}"
            return web.json_response({"ok": True, "file_id": file_id,
                                      "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"})
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return web.json_response({"ok": True, "user": {"id": args.get("user"), **user}}
                                     if user is not None else
                                     {"ok": False, "error": "user_not_found"})
        if method == "files.completeUploadExternal":
            return web.json_response({"ok": True, "files": [
                {"id": f["id"], "title": f.get("title", "")}
                for f in json.loads(args.get("files") or "[]")]})
        return web.json_response({"ok": True})

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        for envelope in self.envelopes:
            await ws.send_json(envelope)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
        return ws


async def healthy(url: str, timeout: float = 25.0) -> bool:
    """Poll ``url``/healthz until it answers 200."""
    import aiohttp

    async with aiohttp.ClientSession() as http:
        async def up() -> bool:
            try:
                async with http.get(url + "/healthz") as resp:
                    return resp.status == 200
            except aiohttp.ClientError:
                return False

        deadline = asyncio.get_running_loop().time() + timeout
        while not await up():
            if asyncio.get_running_loop().time() > deadline:
                return False
            await asyncio.sleep(0.03)
        return True


async def wait_for(predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll until ``predicate`` holds (a bound, not a benchmark: it returns as soon as it can)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


BOT_USER = {"id": "1000", "username": "careerbot", "discriminator": "0", "global_name": None,
            "avatar": None, "bot": True}
APP_ID = "1000"


def _discord_json(data: Any, status: int = 200) -> web.Response:
    # Discord answers "application/json" with no charset; discord.py parses only that.
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json"})


@dataclass
class FakeDiscord(Loopback):
    """Discord's REST API (``/api/v10``): login, command sync, messages, interaction replies,
    users and direct message channels."""

    calls: list[Call] = field(default_factory=list)
    port: int = 0
    fail_channels: set[str] = field(default_factory=set)
    identified: list[dict[str, Any]] = field(default_factory=list)
    #: user ids that ``GET /users/{id}`` does not know (404 Unknown User)
    missing_users: set[str] = field(default_factory=set)
    _runner: web.AppRunner | None = None
    _dispatch: asyncio.Queue[tuple[str, dict[str, Any]]] = field(default_factory=asyncio.Queue)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a gateway event (GUILD_CREATE, MESSAGE_CREATE...) to the connected bot."""
        self._dispatch.put_nowait((event, data))

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        """Just enough of Discord's gateway: HELLO, IDENTIFY -> READY, heartbeats, dispatch."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 45000}, "s": None, "t": None})
        seq = 0

        async def pump() -> None:
            nonlocal seq
            while True:
                event, data = await self._dispatch.get()
                seq += 1
                await ws.send_json({"op": 0, "t": event, "s": seq, "d": data})

        pumping: asyncio.Task[None] | None = None
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            frame = json.loads(message.data)
            if frame["op"] == 1:
                await ws.send_json({"op": 11, "d": None, "s": None, "t": None})
            elif frame["op"] == 2:
                self.identified.append(frame["d"])
                seq += 1
                await ws.send_json({"op": 0, "t": "READY", "s": seq, "d": {
                    "v": 10, "user": BOT_USER, "guilds": [], "session_id": "s1",
                    "resume_gateway_url": f"ws://127.0.0.1:{self.port}",
                    "application": {"id": APP_ID, "flags": 0}, "private_channels": []}})
                pumping = asyncio.create_task(pump())
        if pumping:
            pumping.cancel()
        return ws

    def requests(self, contains: str) -> list[dict[str, Any]]:
        return [c.args for c in self.calls if contains in c.method]

    def mount(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/v10/{path:.*}", self._api)
        app.router.add_get("/", self._gateway)

    async def _api(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        raw = await request.read()
        args: Any = {}
        if raw and request.content_type == "application/json":
            args = json.loads(raw)
        elif raw and request.content_type.startswith("multipart/"):
            text = raw.decode(errors="replace")
            start_at = text.find("{")
            args = json.loads(text[start_at: text.rfind("}") + 1]) if start_at >= 0 else {}
        self.calls.append(Call(f"{request.method} {path}", args, dict(request.headers)))
        if path == "/users/@me":
            return _discord_json(BOT_USER)
        if path == "/users/@me/channels" and request.method == "POST":
            # A direct message channel with the recipient: "1" + their id, to tell them apart.
            recipient = str(args.get("recipient_id"))
            return _discord_json({"id": "1" + recipient, "type": 1, "last_message_id": None,
                                  "recipients": [{**BOT_USER, "id": recipient, "bot": False,
                                                  "username": f"user{recipient}"}]})
        if path.startswith("/users/") and request.method == "GET":
            user_id = path.split("/")[2]
            if user_id in self.missing_users:
                return _discord_json({"message": "Unknown User", "code": 10013}, status=404)
            return _discord_json({**BOT_USER, "id": user_id, "bot": False,
                                  "username": f"user{user_id}"})
        if path in ("/gateway", "/gateway/bot"):
            return _discord_json({"url": f"ws://127.0.0.1:{self.port}", "shards": 1,
                                  "session_start_limit": {"total": 1000, "remaining": 1000,
                                                          "reset_after": 0,
                                                          "max_concurrency": 1}})
        if path == "/oauth2/applications/@me":
            return _discord_json({
                "id": APP_ID, "name": "careerbot", "icon": None, "description": "",
                "bot_public": True, "bot_require_code_grant": False, "verify_key": "k",
                "flags": 0, "owner": {**BOT_USER, "id": "2000", "bot": False},
                "team": None, "summary": "", "rpc_origins": []})
        if path.endswith("/commands") and request.method == "PUT":
            return _discord_json([
                {**c, "id": str(3000 + i), "application_id": APP_ID, "version": "1",
                 "default_member_permissions": None, "type": c.get("type", 1)}
                for i, c in enumerate(args)])
        if request.method == "POST" and "/messages" in path or path.startswith("/webhooks/"):
            channel = path.split("/")[2] if path.startswith("/channels/") else "0"
            if channel in self.fail_channels:
                return _discord_json({"message": "Missing Access", "code": 50001},
                                         status=403)
            return _discord_json({
                "id": str(5000 + len(self.calls)), "channel_id": channel, "type": 0,
                "content": args.get("content") or "", "author": BOT_USER,
                "embeds": args.get("embeds") or [], "attachments": [], "mentions": [],
                "mention_roles": [], "mention_everyone": False, "pinned": False, "tts": False,
                "timestamp": "2025-01-01T00:00:00+00:00", "edited_timestamp": None,
                "flags": 0, "components": []})
        if path.endswith("/callback"):
            iid = path.split("/")[2]
            if request.query.get("with_response", "").lower() not in ("1", "true"):
                return web.Response(status=204)
            return _discord_json({"interaction": {"id": iid, "type": 2,
                                                  "response_message_loading": False,
                                                  "response_message_ephemeral": False}})
        return _discord_json({})


@dataclass
class FakeFeeds(Loopback):
    """Job feeds on 127.0.0.1: ``routes`` maps a path to (status, body, content type); a body
    of ``None`` never answers (a timeout)."""

    routes: dict[str, tuple[int, str | None, str]] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def mount(self, app: web.Application) -> None:
        app.router.add_get("/{path:.*}", self._serve)

    async def _serve(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        self.hits.append(path)
        status, body, kind = self.routes.get(path, (404, "not found", "text/plain"))
        if body is None:
            await asyncio.Event().wait()
        return web.Response(status=status, text=body, content_type=kind)
