"""Runs the installed ``careerbot`` command as a user would: its own process, its own directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).with_name("careerbot")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "careerbot.adapters.cli"]
#: Variables a developer's shell may hold that would change what a command does.
OURS = ("SLACK_", "DISCORD_", "CAREERBOT_", "PORT")


def environment(**extra: str) -> dict[str, str]:
    """The process environment without careerbot's own settings, plus ``extra``."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith(OURS)}, **extra}


def careerbot(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
              cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COMMAND, *args], input=stdin, capture_output=True,
                          text=not isinstance(stdin, bytes), timeout=timeout,
                          env=environment(**(env or {})), cwd=cwd, check=False)
