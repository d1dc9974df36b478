"""What serve tells operators: /metrics in Prometheus format, and structured log lines that
carry what was asked (platform, intent, roles, latency, a user hash), never what was said."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import os
import sys
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from careerbot.adapters import logs
from careerbot.bot.engine import Bot
from tests.fakes import FakeSlack, free_port, healthy
from tests.test_slack import SECRET, command, event, post, running, signed

FORM = "application/x-www-form-urlencoded"


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_metrics_count_the_messages_answered(bot: Bot) -> None:
    async def scenario() -> str:
        async with FakeSlack() as fake, running(bot, fake, SLACK_SIGNING_SECRET=SECRET) as url:
            for text in ("MLE, head of DS", "data engineer vs data analyst"):
                body = command(text)
                assert (await post(url, body, signed(body, FORM)))[0] == 200
            body = command("asdfgh qwerty", name="/careerbot")
            assert (await post(url, body, signed(body, FORM)))[0] == 200
            async with aiohttp.ClientSession() as http, http.get(url + "/metrics") as resp:
                assert resp.status == 200
                return await resp.text()

    samples = _samples(asyncio.run(scenario()))
    answered = {labels: v for (name, labels), v in samples.items()
                if name == "careerbot_messages_total"}
    assert sum(answered.values()) == 3
    assert answered[(("intent", "compare"), ("platform", "slack"))] == 2
    assert samples[("careerbot_answer_seconds_count", (("platform", "slack"),))] == 3
    assert samples[("careerbot_unanswered_total", (("platform", "slack"),))] == 1


def test_json_log_lines_keep_the_fields_given() -> None:
    record = logging.LogRecord("careerbot.messages", logging.INFO, __file__, 1, "answered %s",
                               ("slack",), None)
    record.intent = "compare"
    line = json.loads(logs.JsonFormatter().format(record))
    assert (line["level"], line["logger"], line["message"], line["intent"]) == (
        "INFO", "careerbot.messages", "answered slack", "compare")


def test_a_terminal_gets_readable_lines() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    logs.configure("INFO", timestamps=False, stream=stream)
    try:
        logging.getLogger("careerbot.test").info("hello", extra={"intent": "compare"})
    finally:
        logging.basicConfig(force=True)
    assert stream.getvalue().strip() == "INFO careerbot.test: hello intent=compare"


def test_serve_logs_one_json_line_per_message_without_text_or_user(tmp_path: Path) -> None:
    secret_words = "my secret plan to leave acme for a data engineer job"

    async def scenario() -> bytes:
        async with FakeSlack() as fake:
            port = free_port()
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "careerbot.adapters.cli", "serve", "--host", "127.0.0.1",
                "--port", str(port), cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env={**os.environ, "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": SECRET,
                     "SLACK_API_URL": fake.base_url})
            url = f"http://127.0.0.1:{port}"
            try:
                assert await healthy(url)
                mention = event("app_mention", f"<@UBOT> {secret_words}", "EvLog",
                                user="USECRET42")
                assert (await post(url, mention, signed(mention, "application/json")))[0] == 200
                await asyncio.sleep(1)
            finally:
                proc.terminate()
                _, err = await asyncio.wait_for(proc.communicate(), 20)
            return err

    err = asyncio.run(scenario())
    lines = [json.loads(line) for line in err.decode().splitlines() if line.startswith("{")]
    (answered,) = [line for line in lines if line["logger"] == "careerbot.messages"]
    assert answered["platform"] == "slack" and answered["intent"]
    assert answered["roles"] == ["data-engineer"] and answered["ms"] > 0
    assert len(answered["user"]) == 10
    assert "secret plan" not in err.decode() and "USECRET42" not in err.decode()
