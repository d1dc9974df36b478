"""Cold start: time from exec of a Slack-only `careerbot serve` to a 200 from /healthz, next to
the time Python takes just to import slack_bolt, discord, rapidfuzz and yaml (the floor any such
bot pays). A ratio at or below 1.00 means serve starts faster than those imports alone: it
imports only the adapters whose credentials are set.

    python scripts/coldstart.py [--runs 5]

Runs the installed `careerbot` command. Slack runs in HTTP mode with dummy credentials; nothing is
sent to Slack before a request.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def imports_only() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import slack_bolt.async_app, discord, rapidfuzz, yaml"],
                   check=True)
    return time.perf_counter() - start


def exec_to_healthy() -> float:
    port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-coldstart", "SLACK_SIGNING_SECRET": "x",
           "SLACK_API_URL": "http://127.0.0.1:9/api/"}
    env.pop("DISCORD_TOKEN", None)
    start = time.perf_counter()
    script = Path(sys.executable).with_name("careerbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "careerbot.adapters.cli"]
    proc = subprocess.Popen([*command, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(2000):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - start
            except OSError:
                time.sleep(0.005)
        raise RuntimeError("never became healthy")
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    exec_to_healthy()  # warm the disk cache and the knowledge-base cache once, untimed
    floors, serves = [], []
    for _ in range(runs):  # interleaved, so a slower or faster spell hits both alike
        floors.append(imports_only())
        serves.append(exec_to_healthy())
    floor, serve = statistics.median(floors), statistics.median(serves)
    print(f"import slack_bolt + discord + rapidfuzz + yaml: {floor * 1000:.0f} ms (median of {runs})")
    print(f"careerbot serve exec -> healthy: {serve * 1000:.0f} ms (median of {runs}), "
          f"{serve / floor:.2f}x the import floor")


if __name__ == "__main__":
    main()
