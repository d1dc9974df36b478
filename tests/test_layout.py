"""The core stays platform-neutral: nothing in bot/ imports a chat SDK."""

from __future__ import annotations

import ast
from pathlib import Path

import bot

FORBIDDEN = {"slack_bolt", "slack_sdk", "discord", "aiohttp"}


def test_core_imports_no_chat_sdk() -> None:
    for path in Path(bot.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"
