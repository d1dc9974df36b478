"""Slack adapter: the real Bolt app behind `careerbot serve`, against a fake Slack on 127.0.0.1.

Requests are signed and shaped as Slack sends them (form-encoded slash commands and
interactions, JSON event callbacks); what the bot posts is captured by the fake Web API and
validated with slack-sdk's Block Kit models.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.models.blocks import Block
from slack_sdk.signature import SignatureVerifier

from careerbot.adapters import serve
from careerbot.adapters.slack import blocks
from careerbot.adapters.slack.app import Replays
from careerbot.bot.answer.reply import JobItem, Reply
from careerbot.bot.engine import Bot
from careerbot.bot.jobs.store import SQLiteStore
from tests.fakes import FakeSlack, free_port, healthy, settings, wait_for
from tests.process import careerbot

SECRET = "test-signing-secret"
HOSTILE = "<!channel> <!here> @everyone @here <@U999> <https://evil.example|click> & MLE vs head of DS"


def assert_valid(message: dict[str, Any]) -> None:
    """Within Slack's limits, valid per slack-sdk's models, and unable to ping or link."""
    assert message["text"].strip() and len(message["text"]) <= 3000
    assert 1 <= len(message["blocks"]) <= 50
    for raw in message["blocks"]:
        Block.parse(raw).validate_json()
        if raw["type"] == "section":
            assert len(raw.get("text", {}).get("text", "")) <= 3000
            assert len(raw.get("fields", [])) <= 10
            assert all(len(f["text"]) <= 2000 for f in raw.get("fields", []))
        if raw["type"] == "header":
            assert len(raw["text"]["text"]) <= 150
    dumped = json.dumps(message, ensure_ascii=False)
    assert not re.search(r"<[!@#]", dumped), "a mention or broadcast could be sent"
    assert not re.search(r"(?<!\u200b)@(channel|here|everyone)", dumped.replace("@\u200b", ""))


# ---- rendering -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "MLE vs head of DS", "MLE vs lead MLE vs head of DS vs data science engineer", "data engineer",
    "what tools does a data engineer use", "jobs", "roles", "help", "heda of dta sicence",
    "how do I go from data analyst to data scientist?", HOSTILE, "x" * 5000,
])
def test_every_reply_renders_to_valid_blocks(bot: Bot, text: str) -> None:
    for message in blocks.messages(bot.answer(text)):
        assert_valid(message)


def test_profile_has_section_buttons_and_compare_select(bot: Bot) -> None:
    (message,) = blocks.messages(bot.answer("data engineer"))
    actions = [b for b in message["blocks"] if b["type"] == "actions"][0]["elements"]
    asks = {a["text"]["text"]: a["value"] for a in actions if a["type"] == "button"}
    assert asks["Tools"] == "Data Engineer tools" and "Salary" in asks
    (select,) = [a for a in actions if a["type"] == "static_select"]
    assert all(o["value"].startswith("data-engineer ") for o in select["options"])


def test_long_replies_split_instead_of_breaking_limits() -> None:
    job = JobItem(id="j", title="T" * 400, company="C", location="L", workplace="remote",
                  employment_type="full-time", level="mid", salary=None,
                  url="https://example.com/j", posted="2025-01-01")
    reply = Reply(kind="jobs", title="H" * 400, text="y" * 7000, jobs=[job] * 120,
                  fallback="z" * 5000)
    out = blocks.messages(reply)
    assert len(out) == 3
    for message in out:
        assert_valid(message)
    assert sum(1 for m in out for b in m["blocks"] if b.get("accessory")) == 120


def test_escape_defuses_markup() -> None:
    assert blocks.escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert "@\u200beveryone" in blocks.escape("@everyone")
    assert blocks.cut("a &amp; b", 5) == "a\u2026"


def test_replays_are_answered_once_and_forgotten_after_the_window(tmp_path: Path) -> None:
    now = [dt.datetime(2025, 1, 15, 9, 0, tzinfo=dt.UTC)]
    seen = Replays(SQLiteStore(tmp_path / "s.db"), clock=lambda: now[0])

    async def check() -> None:
        assert await seen.first_time("event", "Ev1")
        assert not await seen.first_time("event", "Ev1")
        assert await seen.first_time("trigger", "Ev1")  # kinds apart
        now[0] += Replays.WINDOWS["event"] + dt.timedelta(seconds=1)
        assert await seen.first_time("event", "Ev1")
        assert await seen.first_time("event", None) and await seen.first_time("event", None)

    asyncio.run(check())


def test_cli_prints_slack_payload() -> None:
    out = subprocess.run([sys.executable, "-m", "careerbot.adapters.cli", "ask", "--format", "slack",
                          HOSTILE], capture_output=True, text=True, timeout=60, check=True)
    payload = json.loads(out.stdout)
    assert payload["followups"] == [] and set(payload) == {"text", "blocks", "followups"}
    assert_valid({"text": payload["text"], "blocks": payload["blocks"]})


# ---- the running app -------------------------------------------------------------------------


def signed(body: str, content_type: str, timestamp: int | None = None,
           signature: str | None = None, **extra: str) -> dict[str, str]:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    sig = signature or SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig,
            "Content-Type": content_type, **extra}


def trigger() -> str:
    """A fresh trigger id, as Slack gives every command and click (a repeated one is a replay)."""
    return f"{time.time_ns()}.1.{os.urandom(4).hex()}"


def command(text: str, name: str = "/compare") -> str:
    return urlencode({"token": "x", "team_id": "T1", "team_domain": "t", "channel_id": "C1",
                      "channel_name": "careers", "user_id": "U1", "user_name": "ann",
                      "command": name, "text": text, "api_app_id": "A1",
                      "response_url": "https://hooks.slack.com/commands/T1/1/x",
                      "trigger_id": trigger()})


def event(kind: str, text: str, event_id: str, **fields: Any) -> str:
    body = {"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
            "event_id": event_id, "event_time": int(time.time()),
            "event": {"type": kind, "user": "U1", "text": text, "ts": "1700000000.000100",
                      "channel": "C1", "event_ts": "1700000000.000100", **fields}}
    return json.dumps(body)


@contextlib.asynccontextmanager
async def running(bot: Bot, fake: FakeSlack, **env: str) -> AsyncIterator[str]:
    port = free_port()
    stop = asyncio.Event()
    chosen = settings(SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=fake.base_url,
                      CAREERBOT_DATABASE=":memory:", **env)
    task = asyncio.create_task(serve.run(bot, chosen, "127.0.0.1", port, stop))
    url = f"http://127.0.0.1:{port}"
    assert await healthy(url), task.result() if task.done() else "not healthy"
    try:
        yield url
    finally:
        stop.set()
        assert await task == 0


async def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, str, float]:
    async with aiohttp.ClientSession() as http:
        start = time.perf_counter()
        async with http.post(url + "/slack/events", data=body.encode(), headers=headers) as resp:
            return resp.status, await resp.text(), time.perf_counter() - start


def test_http_mode_end_to_end(bot: Bot) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake, running(bot, fake, SLACK_SIGNING_SECRET=SECRET) as url:
            form = "application/x-www-form-urlencoded"
            # url_verification
            challenge = json.dumps({"type": "url_verification", "challenge": "abc123",
                                    "token": "x"})
            status, text, _ = await post(url, challenge, signed(challenge, "application/json"))
            assert status == 200 and "abc123" in text
            # bad and stale signatures
            body = command("ml-engineer head-of-data-science")
            assert (await post(url, body, signed(body, form, signature="v0=bad")))[0] == 401
            stale = int(time.time()) - 60 * 10
            assert (await post(url, body, signed(body, form, timestamp=stale)))[0] == 401
            # /compare answers in the channel, in the acknowledgement itself
            status, text, elapsed = await post(url, body, signed(body, form))
            assert status == 200 and elapsed < 3
            reply = json.loads(text)
            assert reply["response_type"] == "in_channel"
            assert_valid(reply)
            assert "Machine Learning Engineer vs Head of Data Science" in text
            # an unknown role gets a private "Did you mean"
            body = command("ml-engineer heda-of-dta-sicence")
            reply = json.loads((await post(url, body, signed(body, form)))[1])
            assert reply["response_type"] == "ephemeral" and "Did you mean" in reply["text"]
            # help is private
            body = command("help", "/careerbot")
            assert json.loads((await post(url, body, signed(body, form)))[1])[
                "response_type"] == "ephemeral"
            # app_mention answers in the thread of the mention, once, even when retried
            mention = event("app_mention", "<@UBOT> MLE vs head of DS", "Ev1")
            status, _, elapsed = await post(url, mention, signed(mention, "application/json"))
            assert status == 200 and elapsed < 3
            assert await wait_for(lambda: len(fake.posts()) == 1)
            retry = signed(mention, "application/json", **{"X-Slack-Retry-Num": "1",
                                                           "X-Slack-Retry-Reason": "http_timeout"})
            assert (await post(url, mention, retry))[0] == 200
            await asyncio.sleep(0.3)
            (posted,) = fake.posts()
            assert posted["channel"] == "C1" and posted["thread_ts"] == "1700000000.000100"
            assert_valid(posted)
            # hostile text: answered, and nothing in it can ping or link
            hostile = event("app_mention", HOSTILE, "Ev2")
            await post(url, hostile, signed(hostile, "application/json"))
            assert await wait_for(lambda: len(fake.posts()) == 2)
            assert_valid(fake.posts()[1])
            # a DM is answered inline (no thread); the bot's own messages are ignored
            dm = event("message", "what tools does a data engineer use?", "Ev3",
                       channel_type="im", channel="D1")
            own = event("message", "MLE", "Ev4", channel_type="im", channel="D1", bot_id="BBOT")
            await post(url, own, signed(own, "application/json"))
            await post(url, dm, signed(dm, "application/json"))
            assert await wait_for(lambda: len(fake.posts()) == 3)
            await asyncio.sleep(0.2)
            assert len(fake.posts()) == 3
            direct = fake.posts()[2]
            assert direct["channel"] == "D1" and not direct.get("thread_ts")
            assert "Apache Spark" in json.dumps(direct)
            # a "Jobs for this role" click posts the jobs in the thread of the message
            payload = {"type": "block_actions", "user": {"id": "U1"}, "team": {"id": "T1"},
                       "api_app_id": "A1", "channel": {"id": "C1"}, "trigger_id": trigger(),
                       "container": {"type": "message", "message_ts": "1700000001.000200",
                                     "channel_id": "C1", "is_ephemeral": False},
                       "response_url": "https://hooks.slack.com/actions/T1/1/x",
                       "actions": [{"action_id": blocks.ACTION_JOBS, "block_id": "b",
                                    "type": "button", "value": "data-engineer",
                                    "action_ts": "1"}]}
            body = urlencode({"payload": json.dumps(payload)})
            assert (await post(url, body, signed(body, form)))[0] == 200
            assert await wait_for(lambda: len(fake.posts()) == 4)
            jobs = fake.posts()[3]
            assert jobs["thread_ts"] == "1700000001.000200" and "Data Engineer" in jobs["text"]
            assert_valid(jobs)

    asyncio.run(scenario())


def test_rate_limited_post_waits_and_retries(bot: Bot) -> None:
    async def scenario() -> None:
        async with FakeSlack(rate_limit={"chat.postMessage": 1}) as fake, \
                running(bot, fake, SLACK_SIGNING_SECRET=SECRET) as url:
            mention = event("app_mention", "<@UBOT> MLE", "EvRate")
            await post(url, mention, signed(mention, "application/json"))
            assert await wait_for(lambda: len(fake.posts()) == 1)
            assert [c.method for c in fake.calls if "postMessage" in c.method] == [
                "chat.postMessage:429", "chat.postMessage"]

    asyncio.run(scenario())


def test_socket_mode_receives_an_envelope_and_acks(bot: Bot) -> None:
    async def scenario() -> None:
        envelope = {"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
                    "payload": json.loads(event("app_mention", "<@UBOT> head of DS", "EvS1"))}
        async with FakeSlack(envelopes=[envelope]) as fake, \
                running(bot, fake, SLACK_APP_TOKEN="xapp-test"):
            assert await wait_for(lambda: len(fake.posts()) == 1)
            assert await wait_for(lambda: any(a.get("envelope_id") == "env-1"
                                              for a in fake.acks))
            assert fake.posts()[0]["thread_ts"] == "1700000000.000100"
            assert any(c.method == "apps.connections.open" for c in fake.calls)

    asyncio.run(scenario())


def test_serve_without_credentials_exits_2(tmp_path: Path) -> None:
    out = careerbot("serve", cwd=tmp_path)
    assert out.returncode == 2 and "SLACK_SIGNING_SECRET" in out.stderr
    assert out.stderr.count("\n") == 1


def test_serve_with_half_the_slack_credentials_names_the_missing_one(tmp_path: Path) -> None:
    out = careerbot("serve", cwd=tmp_path, env={"SLACK_BOT_TOKEN": "xoxb-1"})
    assert out.returncode == 2 and "SLACK_APP_TOKEN" in out.stderr
    assert out.stderr.count("\n") == 1 and "xoxb-1" not in out.stderr


def test_careerbot_serve_process_answers_a_signed_command(tmp_path: Path) -> None:
    """The real command in its own process: healthy, answers, stops cleanly on SIGTERM."""

    async def scenario() -> None:
        async with FakeSlack() as fake:
            port = free_port()
            env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": SECRET,
                   "SLACK_API_URL": fake.base_url}
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "careerbot.adapters.cli", "serve", "--host", "127.0.0.1",
                "--port", str(port), env=env, cwd=tmp_path,
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
            url = f"http://127.0.0.1:{port}"
            try:
                assert await healthy(url)
                body = command("MLE, head of DS")
                status, text, _ = await post(url, body, signed(
                    body, "application/x-www-form-urlencoded"))
                assert status == 200 and json.loads(text)["response_type"] == "in_channel"
            finally:
                proc.send_signal(signal.SIGTERM)
                _, err = await asyncio.wait_for(proc.communicate(), 20)
            assert proc.returncode == 0, err.decode()[-2000:]
            assert "xoxb-t" not in err.decode() and SECRET not in err.decode()

    asyncio.run(scenario())


def test_manifest_declares_what_the_app_handles() -> None:
    import yaml

    manifest = yaml.safe_load((Path(blocks.__file__).parent / "manifest.yaml").read_text())
    commands = {c["command"] for c in manifest["features"]["slash_commands"]}
    assert commands == {"/compare", "/role", "/jobs", "/salary", "/careerbot"}
    assert all(re.match(r"^/(compare|role|jobs|salary|careerbot)$", c) for c in commands)
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) == {
        "app_mention", "message.im"}
    assert {"chat:write", "commands", "app_mentions:read", "im:history"} <= set(
        manifest["oauth_config"]["scopes"]["bot"])
    assert manifest["settings"]["socket_mode_enabled"] is True


def test_compare_menu_and_suggestion_buttons(bot: Bot) -> None:
    def click(action: dict[str, Any], ephemeral: bool = False) -> str:
        payload = {"type": "block_actions", "user": {"id": "U1"}, "team": {"id": "T1"},
                   "api_app_id": "A1", "channel": {"id": "C1"}, "trigger_id": trigger(),
                   "container": {"type": "message", "message_ts": "1700000002.000300",
                                 "channel_id": "C1", "is_ephemeral": ephemeral},
                   "response_url": "https://hooks.slack.com/actions/T1/1/x",
                   "actions": [{"block_id": "b", "action_ts": "1", **action}]}
        return urlencode({"payload": json.dumps(payload)})

    async def scenario() -> None:
        async with FakeSlack() as fake, running(bot, fake, SLACK_SIGNING_SECRET=SECRET) as url:
            form = "application/x-www-form-urlencoded"
            (profile,) = blocks.messages(bot.answer("data engineer"))
            (select,) = [e for b in profile["blocks"] if b["type"] == "actions"
                         for e in b["elements"] if e["type"] == "static_select"]
            option = select["options"][0]
            body = click({"action_id": blocks.ACTION_COMPARE, "type": "static_select",
                          "selected_option": option})
            assert (await post(url, body, signed(body, form)))[0] == 200
            assert await wait_for(lambda: len(fake.posts()) == 1)
            compared = fake.posts()[0]
            assert compared["text"].startswith("Data Engineer vs ")
            assert compared["thread_ts"] == "1700000002.000300"
            assert_valid(compared)
            (suggest,) = blocks.messages(bot.answer("heda of dta sicence"))
            button = [b for b in suggest["blocks"] if b["type"] == "actions"][0]["elements"][0]
            body = click({"action_id": button["action_id"], "type": "button",
                          "value": button["value"]})
            await post(url, body, signed(body, form))
            assert await wait_for(lambda: len(fake.posts()) == 2)
            assert fake.posts()[1]["text"].startswith("Head of Data Science")

    asyncio.run(scenario())


def test_a_section_button_click_answers_that_section(bot: Bot) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake, running(bot, fake, SLACK_SIGNING_SECRET=SECRET) as url:
            (profile,) = blocks.messages(bot.answer("data engineer"))
            (tools,) = [e for b in profile["blocks"] if b["type"] == "actions"
                        for e in b["elements"] if e.get("value") == "Data Engineer tools"]
            payload = {"type": "block_actions", "user": {"id": "U1"}, "team": {"id": "T1"},
                       "api_app_id": "A1", "channel": {"id": "C1"}, "trigger_id": trigger(),
                       "container": {"type": "message", "message_ts": "1700000009.000100",
                                     "channel_id": "C1", "is_ephemeral": False},
                       "response_url": "https://hooks.slack.com/actions/T1/1/x",
                       "actions": [{"block_id": "b", "action_ts": "1", "type": "button",
                                    "action_id": tools["action_id"], "value": tools["value"]}]}
            body = urlencode({"payload": json.dumps(payload)})
            form = "application/x-www-form-urlencoded"
            assert (await post(url, body, signed(body, form)))[0] == 200
            assert await wait_for(lambda: len(fake.posts()) == 1)
            assert fake.posts()[0]["text"].startswith("Data Engineer: tools")

    asyncio.run(scenario())


def test_an_invalid_block_becomes_the_answer_text() -> None:
    block = blocks._checked({"type": "section"}, "the answer")
    assert block == {"type": "section", "text": {"type": "mrkdwn", "text": "the answer"}}


def test_a_salary_chart_is_uploaded_as_a_png(bot: Bot) -> None:
    async def scenario() -> None:
        async with FakeSlack() as fake, running(bot, fake, SLACK_SIGNING_SECRET=SECRET) as url:
            body = event("app_mention", "<@UBOT> data engineer salary chart", "EvChart")
            assert (await post(url, body, signed(body, "application/json")))[0] == 200
            assert await wait_for(lambda: bool(fake.posts("files.completeUploadExternal")))
            (upload,) = fake.uploads.values()
            assert upload.startswith(b"\x89PNG\r\n\x1a\n")
            done = fake.posts("files.completeUploadExternal")[0]
            assert done["channel_id"] == "C1" and done["thread_ts"] == "1700000000.000100"

    asyncio.run(scenario())


def test_a_job_without_a_link_has_no_view_button() -> None:
    job = JobItem(id="j", title="Data Engineer", company="C", location="L", workplace="remote",
                  employment_type="full-time", level="mid", salary=None, url=None,
                  posted="2025-01-01")
    (message,) = blocks.messages(Reply(kind="jobs", title="Jobs", text="1", jobs=[job],
                                       fallback="Jobs"))
    sections = [b for b in message["blocks"] if "Data Engineer" in json.dumps(b)]
    assert sections and all("accessory" not in b for b in sections)
    Block.parse_all(message["blocks"])
