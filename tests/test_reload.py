"""Hot reload: ``serve`` picks up an edited knowledge base without a restart, and a broken edit
leaves the last good one answering (the problem logged with file, line and field)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from tests.fakes import FakeSlack, free_port, healthy
from tests.test_slack import SECRET, command, post, signed

FORM = "application/x-www-form-urlencoded"
ROLE = "roles/ml-engineer.yaml"


def test_a_broken_edit_keeps_the_old_answers_and_a_fixed_one_is_picked_up(kb_copy: Path) -> None:
    path = kb_copy / ROLE
    good = path.read_text(encoding="utf-8")
    old_summary = next(line for line in good.splitlines() if line.startswith("summary:"))

    async def scenario() -> str:
        async with FakeSlack() as fake:
            port = free_port()
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "careerbot.adapters.cli", "serve", "--host", "127.0.0.1",
                "--port", str(port), cwd=kb_copy.parent, stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env={**os.environ, "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": SECRET,
                     "SLACK_API_URL": fake.base_url, "CAREERBOT_KNOWLEDGE": str(kb_copy),
                     "CAREERBOT_CACHE_DIR": "off"})
            url = f"http://127.0.0.1:{port}"

            async def summary() -> str:
                body = command("ml-engineer", name="/role")
                status, text, _ = await post(url, body, signed(body, FORM))
                assert status == 200
                return json.dumps(json.loads(text))

            try:
                assert await healthy(url)
                assert "Machine Learning Engineer" in await summary()
                path.write_text(good.replace("family: engineering", "family: [engineering"),
                                encoding="utf-8")
                await asyncio.sleep(3)
                assert "Machine Learning Engineer" in await summary()  # the old one answers
                path.write_text(good.replace(old_summary, "summary: Reloaded without a restart."),
                                encoding="utf-8")
                answers: list[str] = []

                async def reloaded() -> bool:
                    answers.append(await summary())
                    return "Reloaded without a restart." in answers[-1]

                for _ in range(40):
                    if await reloaded():
                        break
                    await asyncio.sleep(0.5)
                assert "Reloaded without a restart." in answers[-1]
                path.write_text(good.replace(old_summary, "summary: Reloaded on a hang-up."),
                                encoding="utf-8")
                proc.send_signal(signal.SIGHUP)
                for _ in range(40):
                    if "Reloaded on a hang-up." in await summary():
                        break
                    await asyncio.sleep(0.5)
                assert "Reloaded on a hang-up." in await summary()
            finally:
                proc.terminate()
                _, err = await asyncio.wait_for(proc.communicate(), 20)
            assert proc.returncode == 0
            return err.decode()

    log = asyncio.run(scenario())
    problems = [json.loads(line) for line in log.splitlines()
                if line.startswith("{") and "not reloaded" in line]
    assert problems and problems[0]["field"] == "family"
    assert problems[0]["file"].endswith("ml-engineer.yaml") and problems[0]["line"] > 1
    assert "reloaded (SIGHUP)" in log
