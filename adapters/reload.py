"""Hot reload for ``serve``: the knowledge base is loaded again on SIGHUP and when one of its
files changes. A broken edit is logged with file, line and field, and the last good knowledge
base keeps answering until a fixed one loads."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from pathlib import Path

from careerbot.bot.engine import Bot
from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError, load

log = logging.getLogger("careerbot.reload")

#: Seconds between looks at the files' sizes and modification times.
INTERVAL = 1.0
#: Files looked at, at most (a knowledge base has about 50).
MAX_FILES = 2000

Snapshot = tuple[tuple[str, int, int], ...]


class Reloader:
    def __init__(self, bot: Bot, root: Path,
                 loaded: list[Callable[[KnowledgeBase], None]] | None = None,
                 interval: float = INTERVAL) -> None:
        """``loaded`` are told about every new knowledge base (subscriptions, say)."""
        self.bot, self.root, self.interval = bot, root, interval
        self.loaded = loaded or []
        self.seen = self.snapshot()
        self._task: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    def snapshot(self) -> Snapshot:
        files = []
        for path in sorted(self.root.rglob("*.yaml"))[:MAX_FILES]:
            with contextlib.suppress(OSError):
                stat = path.stat()
                files.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(files)

    async def reload(self, why: str) -> bool:
        """Load the files again; swap them in only if they load without problems."""
        async with self._lock:
            self.seen = await asyncio.to_thread(self.snapshot)
            try:
                kb = await asyncio.to_thread(load, self.root)
            except KnowledgeError as exc:
                for problem in exc.problems:
                    log.error("knowledge base not reloaded (%s): %s", why, problem,
                              extra={"file": problem.file, "line": problem.line,
                                     "field": problem.field})
                log.error("still answering from the knowledge base loaded before")
                return False
            self.bot.kb = kb
            for tell in self.loaded:
                tell(kb)
            log.info("knowledge base reloaded (%s): %d roles", why, len(kb.roles))
            return True

    async def watch(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            if await asyncio.to_thread(self.snapshot) != self.seen:
                await self.reload("files changed")

    async def start(self) -> None:
        self._task = asyncio.create_task(self.watch(), name="reload")
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGHUP, lambda: asyncio.ensure_future(self.reload("SIGHUP")))

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
