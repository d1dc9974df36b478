"""The interactive console: type a message, read the bot's answer, as in a chat channel."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from careerbot.adapters.textrender import render
from careerbot.bot.engine import Bot

PROMPT = "you> "
BYE = {"quit", "exit", "bye", ":q"}


def run(bot: Bot, read: Callable[[str], str] = input, out: TextIO | None = None) -> int:
    """Answer each line until end of input or "quit"; ``read`` is ``input`` in a terminal."""
    import sys

    out = out or sys.stdout
    out.write("careerbot console: ask about data and AI roles ('help' for examples, "
              "'quit' to leave).\n")
    while True:
        try:
            line = read(PROMPT)
        except (EOFError, KeyboardInterrupt):
            out.write("\n")
            return 0
        if line.strip().lower() in BYE:
            return 0
        if line.strip():
            out.write(render(bot.answer(line, "console")) + "\n")
            out.flush()
