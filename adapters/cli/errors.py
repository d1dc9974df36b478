"""The ways a command can fail, as exit codes: 0 answered, 1 a broken knowledge base or config
(or an internal error), 2 a user or setup mistake (unknown role, bad option, missing credential
or package). Every failure is one clear message, never a traceback."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

ANSWERED, BROKEN, USER_ERROR = 0, 1, 2

#: Import names of the third-party packages careerbot uses, and what to ``pip install``.
PACKAGES = {"slack_bolt": "slack-bolt", "slack_sdk": "slack-sdk", "discord": "discord.py",
            "aiohttp": "aiohttp", "feedparser": "feedparser", "pydantic_settings": "pydantic-settings",
            "rapidfuzz": "rapidfuzz", "yaml": "pyyaml", "dotenv": "python-dotenv",
            "psycopg": "'careerbot[postgres]'"}


class UserError(Exception):
    """A mistake in what the user asked for or set up; printed as-is with exit code 2."""


def missing_package(exc: ModuleNotFoundError) -> str | None:
    """The pip package to install when ``exc`` is a missing third-party package, else None (a
    missing careerbot module is a packaging bug, not something the user should install)."""
    root = (exc.name or "").split(".")[0]
    return PACKAGES.get(root)


#: Exit code after SIGTERM (128 + 15), as a shell reports a process it terminated.
TERMINATED = 143


def run_until_signal(work: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, where SIGTERM cancels the work like Ctrl-C does, so its ``finally``
    blocks run (a digest gives back the claims of a post in flight) and the process exits
    promptly with 143."""

    async def main() -> T:
        task = asyncio.current_task()
        assert task is not None
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows, threads
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
        return await work

    try:
        return asyncio.run(main())
    except asyncio.CancelledError:
        raise SystemExit(TERMINATED) from None
