"""Smoke-runs every ``careerbot`` command from the installed package, in an empty directory
outside the checkout, as a user who ran ``pip install .`` would. Exit 0 only if all worked.

    python .ci/smoke.py            (run by .ci/run, after installing the built wheel)

``serve`` runs in Slack HTTP mode against a fake Slack Web API on 127.0.0.1 until /healthz
answers 200, then stops on SIGTERM.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fakes only

from tests.fakes import FakeSlack, free_port, healthy  # noqa: E402
from tests.process import environment  # noqa: E402

CAREERBOT = shutil.which("careerbot") or sys.exit("smoke: no careerbot command on PATH")
CONFIG = "digest: {database: state.sqlite3}\ntargets: [{platform: slack, channel: CSMOKE}]\n"


def run(*args: str, cwd: Path) -> str:
    out = subprocess.run([CAREERBOT, *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                         env=environment(), check=False)
    if out.returncode != 0:
        sys.exit(f"smoke: careerbot {' '.join(args)} exited {out.returncode}:\n{out.stderr}")
    print(f"ok  careerbot {' '.join(args)}")
    return out.stdout


async def serve(cwd: Path) -> None:
    async with FakeSlack() as fake:
        port = free_port()
        env = environment(SLACK_BOT_TOKEN="xoxb-smoke", SLACK_SIGNING_SECRET="smoke",
                          SLACK_API_URL=fake.base_url)
        proc = await asyncio.create_subprocess_exec(
            CAREERBOT, "serve", "--host", "127.0.0.1", "--port", str(port), cwd=cwd, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        try:
            up = await healthy(f"http://127.0.0.1:{port}", timeout=60)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = await asyncio.wait_for(proc.communicate(), 30)
        if not up or proc.returncode != 0:
            sys.exit(f"smoke: serve healthy={up} exit={proc.returncode}:\n{err.decode()[-2000:]}")
        print("ok  careerbot serve (Slack HTTP mode, /healthz 200, clean stop)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        run("validate", "--strict", cwd=cwd)  # the shipped knowledge base: no warnings either
        run("roles", cwd=cwd)
        for fmt in ("text", "json", "slack", "discord"):
            out = run("ask", "--format", fmt, "MLE vs head of DS", cwd=cwd)
            if fmt != "text":
                json.loads(out)
        run("compare", "ml-engineer", "head-of-data-science", cwd=cwd)
        run("role", "data-engineer", "--section", "tools", cwd=cwd)
        run("jobs", cwd=cwd)
        run("match", "data scientist or ML engineer?", cwd=cwd)
        if "slash_commands" not in run("slack", "manifest", cwd=cwd):
            sys.exit("smoke: slack manifest has no slash commands")
        (cwd / "careerbot.yaml").write_text(CONFIG)
        run("digest", "--dry-run", "--date", "2025-01-15", cwd=cwd)
        asyncio.run(serve(cwd))


if __name__ == "__main__":
    main()
