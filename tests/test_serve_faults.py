"""``careerbot serve`` under attack and fault, as its own process against fakes on 127.0.0.1:
replayed commands and clicks, retried events after a restart, unsigned floods, odd headers, and
signals while an adapter hangs in start-up."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from aiohttp import web

from tests.fakes import FakeSlack, free_port, healthy, start, wait_for
from tests.test_slack import SECRET, command, event, post, signed, trigger

FORM = "application/x-www-form-urlencoded"


@asynccontextmanager
async def serving(fake: FakeSlack, cwd: Path, **env: str) -> AsyncIterator[str]:
    """``careerbot serve`` (Slack HTTP mode) in its own process; stopped with SIGTERM."""
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "careerbot.adapters.cli", "serve", "--host", "127.0.0.1",
        "--port", str(port), cwd=cwd, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": SECRET,
             "SLACK_API_URL": fake.base_url, **env})
    url = f"http://127.0.0.1:{port}"
    try:
        assert await healthy(url)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), 20)
        serving.stderr = err  # type: ignore[attr-defined]


def click(action_id: str, value: str) -> str:
    payload = {"type": "block_actions", "team": {"id": "T1"}, "user": {"id": "U1"},
               "api_app_id": "A1", "channel": {"id": "C1"}, "trigger_id": trigger(),
               "container": {"type": "message", "message_ts": "1700000000.000100",
                             "channel_id": "C1", "is_ephemeral": False},
               "response_url": "https://hooks.slack.com/actions/T1/1/x",
               "actions": [{"block_id": "b", "action_ts": "1", "type": "button",
                            "action_id": action_id, "value": value}]}
    return urlencode({"payload": json.dumps(payload)})


def test_a_replayed_slash_command_is_answered_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake, serving(fake, tmp_path) as url:
            body = command("MLE, head of DS")
            answers = [await post(url, body, signed(body, FORM)) for _ in range(3)]
            assert [status for status, _, _ in answers] == [200, 200, 200]
            assert [bool(text) for _, text, _ in answers] == [True, False, False]

    asyncio.run(scenario())


def test_a_replayed_button_click_posts_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake, serving(fake, tmp_path) as url:
            body = click("careerbot_ask_0", "data engineer tools")
            for _ in range(3):
                assert (await post(url, body, signed(body, FORM)))[0] == 200
            assert await wait_for(lambda: len(fake.posts()) >= 1)
            await asyncio.sleep(0.5)  # time for a second post to show up, if one were made
            assert len(fake.posts()) == 1

    asyncio.run(scenario())


def test_an_event_retried_after_a_restart_is_answered_once(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake:
            mention = event("app_mention", "<@UBOT> data engineer tools", "EvRestart")
            async with serving(fake, tmp_path) as url:
                assert (await post(url, mention, signed(mention, "application/json")))[0] == 200
                assert await wait_for(lambda: len(fake.posts()) == 1)
            async with serving(fake, tmp_path) as url:  # same folder: same careerbot.sqlite3
                retry = signed(mention, "application/json", **{"X-Slack-Retry-Num": "1"})
                assert (await post(url, mention, retry))[0] == 200
                await asyncio.sleep(0.5)
            assert len(fake.posts()) == 1

    asyncio.run(scenario())


def test_a_timestamp_that_is_not_a_number_is_401(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake, serving(fake, tmp_path) as url:
            body = command("MLE")
            status, _, _ = await post(url, body, signed(body, FORM, timestamp="soon"))
            assert status == 401

    asyncio.run(scenario())


def test_unsigned_large_posts_do_not_fill_the_log(tmp_path: Path) -> None:
    async def scenario() -> int:
        async with FakeSlack() as fake, serving(fake, tmp_path, CAREERBOT_LOG_LEVEL="INFO") as url:
            body = "text=" + "x" * 900_000
            for _ in range(20):
                status, _, _ = await post(url, body, signed(body, FORM, signature="v0=bad"))
                assert status == 401
        return len(serving.stderr)  # type: ignore[attr-defined]

    assert asyncio.run(scenario()) < 100_000  # 18 MB were sent


# ---- signals while start-up hangs -----------------------------------------------------------

async def _stopped_within(env: dict[str, Any], cwd: Path, seconds: float) -> int:
    """Start serve, wait until it is stuck starting, send SIGTERM: its exit code, which must
    come within ``seconds``."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "careerbot.adapters.cli", "serve", "--host", "127.0.0.1",
        "--port", str(free_port()), cwd=cwd, env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    await asyncio.sleep(3)  # well into start-up
    assert proc.returncode is None
    proc.send_signal(signal.SIGTERM)
    await asyncio.wait_for(proc.wait(), seconds)
    return proc.returncode or 0


def test_sigterm_while_socket_mode_never_connects(tmp_path: Path) -> None:
    async def scenario() -> None:
        async with FakeSlack(hang=lambda call: call.method == "apps.connections.open") as fake:
            env = {"SLACK_BOT_TOKEN": "xoxb-t", "SLACK_APP_TOKEN": "xapp-t",
                   "SLACK_API_URL": fake.base_url}
            assert await _stopped_within(env, tmp_path, 5) == 0
            assert any(c.method == "apps.connections.open" for c in fake.calls)

    asyncio.run(scenario())


def test_sigterm_while_discord_never_answers(tmp_path: Path) -> None:
    async def scenario() -> None:
        called = asyncio.Event()

        async def hang(request: web.Request) -> web.Response:
            called.set()
            await asyncio.Event().wait()
            return web.Response()

        app = web.Application()
        app.router.add_route("*", "/{path:.*}", hang)
        runner, port = await start(app)
        try:
            env = {"DISCORD_TOKEN": "MTAw.x.y", "DISCORD_API_URL": f"http://127.0.0.1:{port}/api"}
            assert await _stopped_within(env, tmp_path, 5) == 0
            assert called.is_set()
        finally:
            await runner.cleanup()

    asyncio.run(scenario())
